package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.consent4j.servlet.banner.Banner;

/**
 * The banner's markup for the top of {@code <head>} of an HTML page: its loader with the visitor's
 * first-paint state, rendered once per distinct state and language by {@link Banner#headMarkup}.
 */
final class BannerHeadMarkup implements HeadMarkup {

    private final Banner banner;

    BannerHeadMarkup(Banner banner) {
        this.banner = banner;
    }

    /** The banner's markup first (the Consent Mode default must precede any Google tag), then {@code other}'s. */
    static HeadMarkup before(BannerHeadMarkup banner, HeadMarkup other) {
        return other == HeadMarkup.NONE ? banner : (request, context) -> banner.markup(request, context) + other.markup(request, context);
    }

    @Override
    public String markup(HttpServletRequest request, ConsentContext context) {
        return banner.headMarkup(request, context.visitorQuietly());
    }
}
