/**
 * The demo site behind {@code consent4j serve}: an embedded Jetty 12 site with the consent filter,
 * the banner, the cookie declaration, a home page that embeds the tags real sites embed, and
 * server-side destinations for events posted to {@code /events}. Start it with
 * {@link org.consent4j.examples.demo.DemoServer}.
 */
@NullMarked
package org.consent4j.examples.demo;

import org.jspecify.annotations.NullMarked;
