package org.consent4j.html;

import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.testing.Fixtures;

/**
 * The shared test catalog plus the vendors whose tags appear in the real pages: Google Tag Manager's
 * and Google Analytics' hosts (from the fixtures), Meta, LinkedIn, TikTok, Hotjar, HubSpot, Segment,
 * Intercom, Vimeo, DoubleClick, Google Fonts, and two necessary services (reCAPTCHA, Stripe).
 */
final class GateCatalog {

    private GateCatalog() {
    }

    static Catalog catalog() {
        return Fixtures.catalog().toBuilder()
                .service(Service.builder("linkedin-insight", Category.MARKETING).name("LinkedIn Insight Tag")
                        .purpose("personalised-ads").host("snap.licdn.com").host("px.ads.linkedin.com").build())
                .service(Service.builder("tiktok-pixel", Category.MARKETING).name("TikTok Pixel")
                        .purpose("personalised-ads").host("analytics.tiktok.com").build())
                .service(Service.builder("hotjar", Category.ANALYTICS).name("Hotjar").purpose("measurement")
                        .host("hotjar.com").host("hotjar.io").build())
                .service(Service.builder("hubspot", Category.MARKETING).name("HubSpot").purpose("attribution")
                        .host("hs-scripts.com").host("hs-analytics.net").host("hsforms.net").host("hubspot.com")
                        .host("hsleadflows.net").host("hs-banner.com").host("usemessages.com").build())
                .service(Service.builder("segment", Category.ANALYTICS).name("Segment").purpose("measurement")
                        .host("cdn.segment.com").host("api.segment.io").build())
                .service(Service.builder("intercom", Category.FUNCTIONAL).name("Intercom").purpose("preferences")
                        .host("widget.intercom.io").host("js.intercomcdn.com").build())
                .service(Service.builder("vimeo", Category.MARKETING).name("Vimeo").purpose("personalised-ads")
                        .host("player.vimeo.com").build())
                .service(Service.builder("doubleclick", Category.MARKETING).name("Google Ads (DoubleClick)")
                        .purpose("personalised-ads").host("doubleclick.net").host("googlesyndication.com")
                        .host("googleadservices.com").build())
                .service(Service.builder("google-fonts", Category.FUNCTIONAL).name("Google Fonts")
                        .purpose("preferences").host("fonts.googleapis.com").host("fonts.gstatic.com").build())
                .service(Service.builder("recaptcha", Category.NECESSARY).name("reCAPTCHA").purpose("session")
                        .host("recaptcha.net").build())
                .service(Service.builder("stripe", Category.NECESSARY).name("Stripe").purpose("session")
                        .host("js.stripe.com").build())
                .build();
    }
}
