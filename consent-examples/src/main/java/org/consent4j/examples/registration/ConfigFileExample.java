package org.consent4j.examples.registration;

import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.EnumSet;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Registering the consent filter with its settings in a JSON file (see
 * {@code src/main/config-example/consent-filter.json}): the code gives only the engine, operations
 * own the file.
 */
public final class ConfigFileExample {

    private ConfigFileExample() {
    }

    /**
     * Starts the example on 127.0.0.1 ({@code port} 0 picks a free one) with the filter settings of
     * {@code configFile}.
     *
     * @throws IllegalArgumentException naming the file and the setting when the file is unreadable or wrong
     */
    public static Server start(int port, Path configFile) throws Exception {
        ConsentFilterConfig config = ConsentFilterConfig.builder()
                .engine(ConsentEngine.builder()
                        .catalog(Catalogs.bundled())
                        .jurisdictions(Jurisdictions.bundled())
                        .build())
                .settingsFile(configFile)
                .build();

        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder holder = new FilterHolder(new ConsentFilter(config));
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
