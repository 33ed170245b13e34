/**
 * Discovery from real traffic: the unknown cookies, unknown third-party hosts and undeclared catalog
 * services a site's responses show, counted in bounded memory, and the draft site catalog made from
 * them.
 */
@NullMarked
package org.consent4j.core.discovery;

import org.jspecify.annotations.NullMarked;
