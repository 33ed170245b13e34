package org.consent4j.examples.registration;

import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.servlet.ConsentFilter;
import org.consent4j.servlet.ConsentFilterConfig;
import org.consent4j.servlet.JurisdictionResolver;

/**
 * Registering the consent filter in code, on an embedded Tomcat 11. Tomcat adds its session cookie
 * ({@code JSESSIONID}) past any filter; the bundled catalog classes it as necessary, so nothing is lost.
 */
public final class TomcatExample {

    private TomcatExample() {
    }

    /**
     * Starts the example on 127.0.0.1 ({@code port} 0 picks a free one); Tomcat keeps its work files in
     * {@code baseDir}. Stop and destroy the returned Tomcat when done.
     */
    // Tomcat 11 marks addServletMappingDecoded deprecated; embedded contexts without a web.xml still map servlets with it.
    @SuppressWarnings("deprecation")
    public static Tomcat start(int port, Path baseDir) throws Exception {
        ConsentFilter filter = new ConsentFilter(ConsentFilterConfig.builder()
                .engine(ConsentEngine.builder()
                        .catalog(Catalogs.bundled())
                        .jurisdictions(Jurisdictions.bundled())
                        .build())
                .jurisdictionResolver(JurisdictionResolver.cloudFront())
                .recordSink(ConsentRecordSink.NONE)
                .build());

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());

        FilterDef def = new FilterDef();
        def.setFilterName("consent");
        def.setFilter(filter);
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("consent");
        map.addURLPattern("/*");
        map.setDispatcher("REQUEST");
        map.setDispatcher("ERROR");
        context.addFilterMap(map);

        Tomcat.addServlet(context, "shop", new ShopServlet()).setAsyncSupported(true);
        context.addServletMappingDecoded("/", "shop");
        tomcat.start();
        return tomcat;
    }
}
