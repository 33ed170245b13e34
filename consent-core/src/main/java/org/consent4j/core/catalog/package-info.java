/**
 * The catalog: consent categories, purposes, services with their cookies and hosts, and the lookups that attribute a cookie or a host to a service.
 */
@NullMarked
package org.consent4j.core.catalog;

import org.jspecify.annotations.NullMarked;
