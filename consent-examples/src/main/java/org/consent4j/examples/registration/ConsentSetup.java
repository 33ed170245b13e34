package org.consent4j.examples.registration;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.consent4j.core.catalog.Catalogs;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.jurisdiction.Jurisdictions;
import org.consent4j.records.ConsentRecordSink;
import org.consent4j.servlet.ConsentFilter;

/**
 * For {@code web.xml} registrations: puts the consent engine and the record sink, which are objects
 * and so cannot be init-parameters, into the servlet context before the filter starts. Declare it as a
 * {@code <listener>}; listeners run before filters are initialised.
 */
public final class ConsentSetup implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        context.setAttribute(ConsentFilter.ENGINE_ATTRIBUTE, ConsentEngine.builder()
                .catalog(Catalogs.bundled())
                .jurisdictions(Jurisdictions.bundled())
                .build());
        context.setAttribute(ConsentFilter.SINK_ATTRIBUTE, ConsentRecordSink.NONE);
    }
}
