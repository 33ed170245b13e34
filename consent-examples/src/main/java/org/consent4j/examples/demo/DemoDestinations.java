package org.consent4j.examples.demo;

import java.time.Clock;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.destinations.Destination;
import org.consent4j.destinations.DestinationRouter;

/**
 * The demo's server-side destinations, each with the consent condition a real integration needs,
 * plus one that declares none and so never receives anything.
 */
final class DemoDestinations {

    static final String SEGMENT_GA = "segment → google-analytics";
    static final String SEGMETRICS_CRM = "segmetrics-crm-webhook";
    static final String META_CAPI = "meta-conversions-api";
    static final String UNCONDITIONED = "unconditioned-webhook";

    private DemoDestinations() {
    }

    static DestinationRouter router(Catalog catalog, LocalTransport transport) {
        return DestinationRouter.builder(catalog)
                .route(Destination.builder(SEGMENT_GA)
                        .service("segment").service("google-analytics").purpose("measurement").build(), transport)
                .route(Destination.builder(SEGMETRICS_CRM)
                        .service("segmetrics").purpose("attribution").build(), transport)
                .route(Destination.builder(META_CAPI)
                        .service("meta-pixel").purpose("conversion-tracking").build(), transport)
                .route(Destination.builder(UNCONDITIONED).build(), transport)
                .build();
    }

    static LocalTransport transport() {
        return new LocalTransport(Clock.systemUTC());
    }
}
