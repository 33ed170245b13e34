package org.consent4j.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.jurisdiction.JurisdictionTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * A JUnit 5 extension that audits a host application from its own tests, so CI fails when someone adds
 * a tag without a consent condition. Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static ConsentAuditExtension consent = ConsentAuditExtension.of(catalog, jurisdictions)
 *         .locations("FR", "US-CA")
 *         .paths("/", "/pricing");
 *
 * @Test
 * void noTrackingWithoutConsent() {
 *     consent.assertNoTrackingWithoutConsent(appUri);          // every standard state
 * }
 * }</pre>
 *
 * <p>Each audit writes {@code <Class>.<method>.html} and {@code .json} to the report directory
 * ({@code target/consent-audit} by default) and names the HTML file in the failure message. With
 * {@link #browser()}, a test is skipped with a loud message when Chromium or ChromeDriver is missing,
 * and fails instead when the system property {@value #REQUIRE_PROPERTY} is {@code true} (set it in CI).
 *
 * <p>Configure it once, before tests run; it is not meant to be changed by concurrent tests.
 */
public final class ConsentAuditExtension implements BeforeEachCallback {

    /** The system property that turns "browser missing, skipped" into a failure. */
    public static final String REQUIRE_PROPERTY = "consent4j.requireExternal";

    private final Catalog catalog;
    private final JurisdictionTable jurisdictions;
    private List<String> locations = List.of("default");
    private List<String> paths = List.of("/");
    private AuditDriver driver = AuditDriver.HTTP;
    private Path reportDirectory = Path.of("target", "consent-audit");
    private Consumer<ConsentAudit.Builder> customizer = b -> { };
    private volatile String testName = "audit";

    private ConsentAuditExtension(Catalog catalog, JurisdictionTable jurisdictions) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.jurisdictions = Objects.requireNonNull(jurisdictions, "jurisdictions");
    }

    /** An extension that attributes with {@code catalog} and judges by {@code jurisdictions}. */
    public static ConsentAuditExtension of(Catalog catalog, JurisdictionTable jurisdictions) {
        return new ConsentAuditExtension(catalog, jurisdictions);
    }

    /** Where the visitor is, e.g. {@code FR}, {@code US-CA}; {@code default} (unknown location) by default. */
    public ConsentAuditExtension locations(String... codes) {
        this.locations = List.of(codes);
        return this;
    }

    /** The paths to load; {@code /} by default. */
    public ConsentAuditExtension paths(String... paths) {
        this.paths = List.of(paths);
        return this;
    }

    /** Audits with real headless Chromium instead of plain HTTP. */
    public ConsentAuditExtension browser() {
        this.driver = AuditDriver.BROWSER;
        return this;
    }

    /** Where reports are written; {@code target/consent-audit} by default. */
    public ConsentAuditExtension reportDirectory(Path directory) {
        this.reportDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Any other setting of the audit (endpoint, consent cookie name, timeout, browser paths). */
    public ConsentAuditExtension configure(Consumer<ConsentAudit.Builder> customizer) {
        this.customizer = Objects.requireNonNull(customizer, "customizer");
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String cls = context.getRequiredTestClass().getSimpleName();
        String method = context.getTestMethod().map(m -> m.getName()).orElse("test");
        testName = (cls + "." + method).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Audits {@code app} in {@code states} ({@link AuditState#standard(Catalog)} when none are given),
     * writes the reports, and fails listing every violation.
     *
     * @return the report, for further assertions
     * @throws AssertionFailedError when a tracker fired without consent
     */
    public AuditReport assertNoTrackingWithoutConsent(URI app, AuditState... states) {
        AuditReport report = audit(app, states);
        ConsentAssertions.assertClean(report, "See the report: " + reportDirectory.resolve(testName + ".html").toAbsolutePath());
        return report;
    }

    /** Audits {@code app} and writes the reports, without asserting: for tests that expect findings. */
    public AuditReport audit(URI app, AuditState... states) {
        ConsentAudit.Builder builder = ConsentAudit.builder().catalog(catalog).jurisdictions(jurisdictions)
                .locations(locations).paths(paths).driver(driver);
        if (states.length > 0) {
            builder.states(List.of(states));
        }
        customizer.accept(builder);
        ConsentAudit audit = builder.build();
        if (audit.driver() == AuditDriver.BROWSER) {
            requireBrowser(builder);
        }
        AuditReport report = audit.run(app);
        report.writeHtml(reportDirectory.resolve(testName + ".html"));
        report.writeJson(reportDirectory.resolve(testName + ".json"));
        return report;
    }

    private static void requireBrowser(ConsentAudit.Builder builder) {
        Chromium chromium = builder.chromium();
        if (chromium.available()) {
            return;
        }
        String what = chromium.missing().orElse("Chromium");
        if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
            throw new AssertionFailedError("the consent audit needs " + what + " and " + REQUIRE_PROPERTY + "=true");
        }
        System.err.println("!!!!!!!! SKIPPED consent audit — needs " + what + ". Set -D" + REQUIRE_PROPERTY
                + "=true to make this a failure.");
        Assumptions.abort("consent audit skipped: needs " + what);
    }

    @Override
    public String toString() {
        return "ConsentAuditExtension[locations=" + locations + ", paths=" + paths + ", driver="
                + driver.name().toLowerCase(Locale.ROOT) + "]";
    }
}
