package org.consent4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consent4j.servlet.csp.CspMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's consent-derived policy: report-only by default, enforced on request, listing the hosts
 * of the demo's services that the visitor allows, with the nonce the page's inline scripts carry.
 */
final class DemoCspTest {

    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9_-]+)'");

    @TempDir
    Path dir;

    @Test
    void defaultMode_reportOnly() throws Exception {
        DemoServer.Running demo = DemoServer.start(0, dir.resolve("records.jsonl"), true, CspMode.REPORT_ONLY);
        try {
            HttpResponse<String> home = new DemoClient(demo.uri(), "FR", false).get("/");
            assertEquals(200, home.statusCode());
            assertTrue(home.headers().firstValue("Content-Security-Policy-Report-Only").isPresent(), home.headers().map().toString());
            assertTrue(home.headers().firstValue("Content-Security-Policy").isEmpty());
        } finally {
            demo.stop();
        }
    }

    @Test
    void enforce_listsOnlyAllowedServices_andTheInlineScriptsCarryTheNonce() throws Exception {
        DemoServer.Running demo = DemoServer.start(0, dir.resolve("records.jsonl"), true, CspMode.ENFORCE);
        try {
            DemoClient visitor = new DemoClient(demo.uri(), "FR", false);
            HttpResponse<String> home = visitor.get("/");
            String policy = home.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertFalse(policy.contains("facebook") || policy.contains("hotjar"), policy);
            assertTrue(policy.contains("js.stripe.com") || policy.contains("stripe.com"), "a necessary service: " + policy);
            Matcher m = NONCE.matcher(policy);
            assertTrue(m.find(), policy);
            assertTrue(home.body().contains("nonce=\"" + m.group(1) + "\""), "the page's inline scripts carry the nonce");

            visitor.choose("{\"accept\":\"all\"}");
            String after = visitor.get("/").headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(after.contains("*.facebook.net") && after.contains("*.hotjar.com"), after);
        } finally {
            demo.stop();
        }
    }
}
