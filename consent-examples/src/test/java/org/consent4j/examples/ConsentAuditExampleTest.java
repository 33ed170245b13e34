package org.consent4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.consent4j.core.testing.Fixtures;
import org.consent4j.testkit.AuditReport;
import org.consent4j.testkit.AuditState;
import org.consent4j.testkit.ConsentAuditExtension;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a host application uses the test kit in its own build: start the app as the tests already do,
 * register {@link ConsentAuditExtension} with the site's catalog and the places its visitors come
 * from, and assert that nothing tracks without consent. When someone adds a tag without a consent
 * condition, this test fails and names the tag, the state and the rule, with an HTML report under
 * {@code target/consent-audit}.
 */
final class ConsentAuditExampleTest {

    // 1. The audit: the site's catalog, the jurisdictions, where visitors come from, which pages.
    @RegisterExtension
    static final ConsentAuditExtension CONSENT = ConsentAuditExtension.of(Fixtures.catalog(), Fixtures.jurisdictions())
            .locations("FR", "US-CA")
            .paths("/", "/product");

    // 2. The same audit in a real browser: also sees tags that other tags inject.
    @RegisterExtension
    static final ConsentAuditExtension CONSENT_IN_BROWSER = ConsentAuditExtension.of(Fixtures.catalog(), Fixtures.jurisdictions())
            .locations("FR")
            .paths("/", "/product")
            .browser();

    private static Server app;
    private static URI appUri;

    /** The host application: here a page whose analytics tag is gated the way consent4j's markup contract says. */
    @BeforeAll
    static void startApp() throws Exception {
        app = new Server();
        ServerConnector connector = new ServerConnector(app);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        app.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/html;charset=utf-8");
                response.getWriter().write("""
                        <!DOCTYPE html><html><head><title>Shop</title>
                        <script type="text/plain" data-consent-gated data-consent-category="analytics"
                                data-consent-service="google-analytics"
                                data-consent-src="https://www.googletagmanager.com/gtag/js?id=G-EXAMPLE"></script>
                        </head><body><h1>Shop</h1>
                        <iframe data-consent-gated data-consent-category="marketing" data-consent-service="youtube"
                                data-consent-src="https://www.youtube-nocookie.com/embed/demo"></iframe>
                        </body></html>
                        """);
            }
        }), "/");
        app.setHandler(context);
        app.start();
        appUri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @AfterAll
    static void stopApp() throws Exception {
        app.stop();
    }

    // 3. The assertion. Without arguments every standard state is audited; this app has no consent
    //    endpoint, so only the states a first visit can be in are listed here.
    @Test
    void noTrackingWithoutConsent() {
        AuditReport report = CONSENT.assertNoTrackingWithoutConsent(appUri, AuditState.noChoice(), AuditState.gpcOnly());

        assertEquals(4, report.runs().size(), "2 states in 2 jurisdictions");
        assertTrue(report.runs().stream().allMatch(AuditReport.Run::applied));
    }

    @Test
    void noTrackingWithoutConsentInARealBrowser() {
        AuditReport report = CONSENT_IN_BROWSER.assertNoTrackingWithoutConsent(appUri, AuditState.noChoice());

        assertTrue(report.runs().get(0).observations().stream().noneMatch(o -> o.subject().contains("googletagmanager")),
                report.summary());
    }
}
