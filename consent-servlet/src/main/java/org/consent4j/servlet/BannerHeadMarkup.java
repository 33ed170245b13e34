package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.consent4j.servlet.banner.Banner;
import org.consent4j.servlet.csp.ContentSecurityPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The banner's markup for the top of {@code <head>} of an HTML page: its loader with the visitor's
 * first-paint state, rendered once per distinct state and language by {@link Banner#headMarkup}.
 */
final class BannerHeadMarkup implements HeadMarkup {

    private final Banner banner;
    private final @Nullable ContentSecurityPolicy csp;

    /**
     * @param banner the banner, made for the site's inventory catalog
     * @param csp    the consent-derived policy, whose mode and key the boot state carries; null for none
     */
    BannerHeadMarkup(Banner banner, @Nullable ContentSecurityPolicy csp) {
        this.banner = banner;
        this.csp = csp;
    }

    /** The banner's markup first (the Consent Mode default must precede any Google tag), then {@code other}'s. */
    static HeadMarkup before(BannerHeadMarkup banner, HeadMarkup other) {
        return other == HeadMarkup.NONE ? banner : (request, context) -> banner.markup(request, context) + other.markup(request, context);
    }

    @Override
    public String markup(HttpServletRequest request, ConsentContext context) {
        ContentSecurityPolicy policy = csp;
        return policy == null ? banner.headMarkup(request, context.visitorQuietly())
                : banner.headMarkup(request, context.visitorQuietly(), policy);
    }
}
