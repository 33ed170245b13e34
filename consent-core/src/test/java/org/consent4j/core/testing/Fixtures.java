package org.consent4j.core.testing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.CookieLifetime;
import org.consent4j.core.catalog.CookieName;
import org.consent4j.core.catalog.CookieSpec;
import org.consent4j.core.catalog.DataTransfer;
import org.consent4j.core.catalog.LegalBasis;
import org.consent4j.core.catalog.LocalizedText;
import org.consent4j.core.catalog.OptOutRight;
import org.consent4j.core.catalog.Party;
import org.consent4j.core.catalog.Purpose;
import org.consent4j.core.catalog.RiskLevel;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.consent4j.core.jurisdiction.Regime;

/**
 * A small, self-contained catalog and jurisdiction table for tests in every module: the four standard
 * categories, a handful of services (SegMetrics, Google Analytics, Meta Pixel, YouTube, the container
 * session) and FR, DE, US-CA, US-TX and the opt-in fallback.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Catalog catalog() {
        return Catalog.builder()
                .category(new Category(Category.NECESSARY, 0, true, LocalizedText.of("Necessary"), LocalizedText.of("Needed for the site to work.")))
                .category(new Category(Category.FUNCTIONAL, 1, false, LocalizedText.of("Functional"), LocalizedText.of("Remembers your preferences.")))
                .category(new Category(Category.ANALYTICS, 2, false, LocalizedText.of("Analytics"), LocalizedText.of("Measures how the site is used.")))
                .category(new Category(Category.MARKETING, 3, false, LocalizedText.of("Marketing"), LocalizedText.of("Advertising and tracking across sites.")))
                .purpose(new Purpose("session", Category.NECESSARY, LegalBasis.CONTRACT, Set.of(), LocalizedText.of("Session"), LocalizedText.empty()))
                .purpose(new Purpose("preferences", Category.FUNCTIONAL, LegalBasis.CONSENT, Set.of(), LocalizedText.of("Preferences"), LocalizedText.empty()))
                .purpose(new Purpose("measurement", Category.ANALYTICS, LegalBasis.CONSENT, Set.of(), LocalizedText.of("Measurement"), LocalizedText.empty()))
                .purpose(new Purpose("personalised-ads", Category.MARKETING, LegalBasis.CONSENT,
                        Set.of(OptOutRight.SHARING, OptOutRight.TARGETED_ADVERTISING), LocalizedText.of("Personalised ads"), LocalizedText.empty()))
                .purpose(new Purpose("attribution", Category.MARKETING, LegalBasis.CONSENT,
                        Set.of(OptOutRight.SALE, OptOutRight.SHARING), LocalizedText.of("Attribution"), LocalizedText.empty()))
                .service(Service.builder("container-session", Category.NECESSARY).name("Session").purpose("session").legalBasis(LegalBasis.CONTRACT)
                        .cookie("JSESSIONID", "session").build())
                .service(Service.builder("site-preferences", Category.FUNCTIONAL).name("Language preference").purpose("preferences")
                        .cookie("lang", "P1Y").build())
                .service(Service.builder("google-analytics", Category.ANALYTICS).name("Google Analytics 4").provider("Google LLC")
                        .purpose("measurement").cookie("_ga", "P2Y").cookie(new CookieSpec(CookieName.prefix("_ga_"), Party.FIRST, "",
                                CookieLifetime.parse("P2Y"), "session state")).host("google-analytics.com").host("googletagmanager.com")
                        .transfer(new DataTransfer("US", "EU-US Data Privacy Framework")).build())
                .service(Service.builder("meta-pixel", Category.MARKETING).name("Meta Pixel").provider("Meta Platforms")
                        .purpose("personalised-ads").cookie("_fbp", "P90D").cookie("_fbc", "P90D").host("connect.facebook.net")
                        .host("facebook.com").risk(RiskLevel.HIGH).build())
                .service(Service.builder("youtube", Category.MARKETING).name("YouTube").provider("Google LLC")
                        .purpose("personalised-ads").host("youtube.com").host("youtube-nocookie.com").build())
                .service(Service.builder("segmetrics", Category.MARKETING).name("SegMetrics").provider("SegMetrics")
                        .purpose("attribution")
                        .cookie(CookieSpec.firstParty("sm_uid", "P2Y", "visitor id"))
                        .cookie(CookieSpec.firstParty("sm_sid", "PT30M", "session id"))
                        .cookie(CookieSpec.firstParty("sm_first", "P2Y", "first touch"))
                        .cookie(CookieSpec.firstParty("sm_last", "P90D", "last touch"))
                        .cookie(new CookieSpec(CookieName.exact("sm_visitor"), Party.THIRD, "segmetrics.com", CookieLifetime.parse("P2Y"), "cross-site id"))
                        .host("segmetrics.com").transfer(new DataTransfer("US", "Standard Contractual Clauses"))
                        .risk(RiskLevel.HIGH).build())
                .build();
    }

    public static final Jurisdiction FR = new Jurisdiction("FR", "France", Regime.OPT_IN, false, "", Duration.ofDays(182),
            List.of("GDPR", "ePrivacy Directive", "Loi Informatique et Libertés Art. 82"), "CNIL deliberation 2020-091");
    public static final Jurisdiction DE = new Jurisdiction("DE", "Germany", Regime.OPT_IN, false, "", Duration.ofDays(365),
            List.of("GDPR", "ePrivacy Directive", "TDDDG §25"), "TDDDG §25");
    /** California; 11 CCR §7025(c)(3) lets a grant given while GPC is on win where the site allows it. */
    public static final Jurisdiction US_CA = new Jurisdiction("US-CA", "California", Regime.OPT_OUT, true, "2020-08-14",
            Duration.ofDays(365), List.of("CCPA/CPRA"), "Cal. Code Regs. tit. 11, § 7025").toBuilder().grantOverGpcAllowed(true).build();
    public static final Jurisdiction US_TX = new Jurisdiction("US-TX", "Texas", Regime.OPT_OUT, true, "2025-01-01",
            Duration.ofDays(365), List.of("TDPSA"), "Tex. Bus. & Com. Code § 541.055(e)");
    public static final Jurisdiction DEFAULT = new Jurisdiction(Jurisdiction.DEFAULT_CODE, "Unknown location", Regime.OPT_IN,
            false, "", Duration.ofDays(182), List.of("GDPR", "ePrivacy Directive"), "most protective default");

    public static JurisdictionTable jurisdictions() {
        return JurisdictionTable.of(List.of(FR, DE, US_CA, US_TX), DEFAULT);
    }
}
