/**
 * Benchmarks of the consent filter: the consent cookie codec, the Set-Cookie gate's per-cookie cost,
 * and a load-test server for comparing one application with and without the filter.
 */
@NullMarked
package org.consent4j.benchmarks.servlet;

import org.jspecify.annotations.NullMarked;
