/**
 * Ways to register the consent filter, each a complete, tested example: in code on an embedded
 * Jetty ({@link org.consent4j.examples.registration.EmbeddedJettyExample}) or Tomcat
 * ({@link org.consent4j.examples.registration.TomcatExample}), in {@code web.xml} with a
 * {@link org.consent4j.examples.registration.ConsentSetup} listener (see
 * {@code src/main/webapp-example/WEB-INF/web.xml}), and from the filter's JSON config file
 * ({@link org.consent4j.examples.registration.ConfigFileExample}).
 */
@NullMarked
package org.consent4j.examples.registration;

import org.jspecify.annotations.NullMarked;
