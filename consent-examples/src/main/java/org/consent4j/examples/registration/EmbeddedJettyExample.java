package org.consent4j.examples.registration;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.JurisdictionResolver;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Registering the consent filter in code, on an embedded Jetty 12. */
public final class EmbeddedJettyExample {

    private EmbeddedJettyExample() {
    }

    /** Starts the example on 127.0.0.1 ({@code port} 0 picks a free one); stop the returned server when done. */
    public static Server start(int port) throws Exception {
        ConsentEngine engine = ConsentEngine.builder()
                .catalog(Catalogs.bundled())
                .jurisdictions(Jurisdictions.bundled())
                .build();
        ConsentFilter filter = new ConsentFilter(ConsentFilterConfig.builder()
                .engine(engine)
                .jurisdictionResolver(JurisdictionResolver.cloudFront())
                .recordSink(ConsentRecordSink.NONE)
                .build());

        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        context.addServlet(new ServletHolder(new ShopServlet()), "/");

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return server;
    }
}
