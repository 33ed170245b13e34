package org.consent4j.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real servlet container on 127.0.0.1 and a free port, with the consent filter mapped to {@code /*}
 * and the given servlets: embedded Jetty 12 (ee10) or embedded Tomcat 11.
 */
abstract class TestContainer implements AutoCloseable {

    /** Stops the container; a failure to stop fails the test. */
    @Override
    public abstract void close();

    /** How the filter is registered. */
    record Registration(Filter filter, Map<String, String> initParameters, Map<String, Object> contextAttributes,
                        EnumSet<DispatcherType> dispatch) {

        static Registration of(Filter filter) {
            return new Registration(filter, Map.of(), Map.of(), EnumSet.of(DispatcherType.REQUEST));
        }
    }

    /** The error page for status 418, which sets cookies of its own. */
    static final String ERROR_PAGE = "/s/error-page";

    abstract URI base();

    abstract String name();

    URI uri(String pathAndQuery) {
        return base().resolve(pathAndQuery);
    }

    static TestContainer jetty(Registration registration, Map<String, HttpServlet> servlets) {
        return new Jetty(registration, servlets);
    }

    static TestContainer tomcat(Registration registration, Map<String, HttpServlet> servlets) {
        return new TomcatContainer(registration, servlets);
    }

    private static Map<String, HttpServlet> withFallback(Map<String, HttpServlet> servlets) {
        Map<String, HttpServlet> all = new LinkedHashMap<>(servlets);
        all.putIfAbsent("/", new NotFoundServlet());
        return all;
    }

    /** Answers 404 for every path no other servlet takes, so the filter still runs on them. */
    static final class NotFoundServlet extends HttpServlet {
        @Override
        protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
                throws IOException {
            resp.sendError(404);
        }
    }

    private static final class Jetty extends TestContainer {
        private final Server server;
        private final URI base;

        Jetty(Registration registration, Map<String, HttpServlet> servlets) {
            server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            registration.contextAttributes().forEach(context::setAttribute);
            FilterHolder filter = new FilterHolder(registration.filter());
            filter.setName("consent");
            filter.setAsyncSupported(true);
            filter.setInitParameters(registration.initParameters());
            context.addFilter(filter, "/*", registration.dispatch());
            withFallback(servlets).forEach((path, servlet) -> {
                ServletHolder holder = new ServletHolder(servlet);
                holder.setAsyncSupported(true);
                context.addServlet(holder, path);
            });
            org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler errors = new org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler();
            errors.addErrorPage(418, ERROR_PAGE);
            context.setErrorHandler(errors);
            server.setHandler(context);
            try {
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException("Jetty did not start: " + e, e);
            }
            base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
        }

        @Override
        URI base() {
            return base;
        }

        @Override
        String name() {
            return "Jetty";
        }

        @Override
        public void close() {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop Jetty", e);
            }
        }
    }

    private static final class TomcatContainer extends TestContainer {
        private final Tomcat tomcat;
        private final Path baseDir;
        private final URI base;

        TomcatContainer(Registration registration, Map<String, HttpServlet> servlets) {
            try {
                baseDir = Files.createTempDirectory("consent4j-tomcat");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", baseDir.toString());
            registration.contextAttributes().forEach((k, v) -> context.getServletContext().setAttribute(k, v));
            FilterDef def = new FilterDef();
            def.setFilterName("consent");
            def.setFilter(registration.filter());
            def.setAsyncSupported("true");
            registration.initParameters().forEach(def::addInitParameter);
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("consent");
            map.addURLPattern("/*");
            registration.dispatch().forEach(d -> map.setDispatcher(d.name()));
            context.addFilterMap(map);
            org.apache.tomcat.util.descriptor.web.ErrorPage errorPage = new org.apache.tomcat.util.descriptor.web.ErrorPage();
            errorPage.setErrorCode(418);
            errorPage.setLocation(ERROR_PAGE);
            context.addErrorPage(errorPage);
            int[] n = {0};
            withFallback(servlets).forEach((path, servlet) -> {
                String name = "servlet" + n[0]++;
                Tomcat.addServlet(context, name, servlet).setAsyncSupported(true);
                map(context, path, name);
            });
            try {
                tomcat.start();
            } catch (Exception e) {
                throw new IllegalStateException("Tomcat did not start: " + e, e);
            }
            base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
        }

        @Override
        URI base() {
            return base;
        }

        @Override
        String name() {
            return "Tomcat";
        }

        // Tomcat 11 marks both forms of this call deprecated (without a replacement for an embedded
        // context that has no web.xml); the test keeps using it until Tomcat names one.
        @SuppressWarnings("deprecation")
        private static void map(org.apache.catalina.Context context, String path, String name) {
            context.addServletMappingDecoded(path, name);
        }

        @Override
        public void close() {
            try {
                tomcat.stop();
                tomcat.destroy();
                try (Stream<Path> files = Files.walk(baseDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not stop Tomcat", e);
            }
        }
    }
}
