package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.servlet.banner.Banner;
import org.consent4j.servlet.csp.ContentSecurityPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The banner's markup for the top of {@code <head>} of an HTML page: its loader with the visitor's
 * state, exactly as GET {prefix} would answer it for the same request.
 */
final class BannerHeadMarkup implements HeadMarkup {

    private final Banner banner;
    private final Catalog catalog;
    private final @Nullable ContentSecurityPolicy csp;

    BannerHeadMarkup(Banner banner, Catalog catalog, @Nullable ContentSecurityPolicy csp) {
        this.banner = banner;
        this.catalog = catalog;
        this.csp = csp;
    }

    /** The banner's markup first (the Consent Mode default must precede any Google tag), then {@code other}'s. */
    static HeadMarkup before(BannerHeadMarkup banner, HeadMarkup other) {
        return other == HeadMarkup.NONE ? banner : (request, context) -> banner.markup(request, context) + other.markup(request, context);
    }

    @Override
    public String markup(HttpServletRequest request, ConsentContext context) {
        VisitorConsent visitor = context.visitorQuietly();
        String state;
        try {
            state = new String(ConsentEndpoints.state(catalog, visitor, context.subjectIdQuietly(), csp), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the consent state", e);
        }
        return banner.headMarkup(request, visitor, state);
    }
}
