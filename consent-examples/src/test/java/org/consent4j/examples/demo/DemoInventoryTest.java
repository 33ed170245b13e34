package org.consent4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo declares exactly the services it embeds: over real HTTP, the boot state, the consent state
 * and the cookie declaration speak of those services only, while the whole bundled catalog still
 * recognises what the page loads.
 */
final class DemoInventoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The services the demo uses: what it embeds and sets cookies for, and the consent cookie itself. */
    private static final Set<String> DEMO_SERVICES = new TreeSet<>(Set.of("consent4j", "java-servlet-session",
            "google-analytics", "google-tag-manager", "meta-pixel", "segment", "segmetrics", "hotjar",
            "linkedin-insight", "stripe", "youtube", "google-maps", "demo-language"));

    @TempDir
    static Path dir;
    private static DemoServer.Running demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoServer.start(0, dir.resolve("records.jsonl"));
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.stop();
    }

    @Test
    void consentStateListsTheDemosServicesOnly() throws Exception {
        JsonNode state = JSON.readTree(new DemoClient(demo.uri(), "FR", false).get("/consent").body());
        Set<String> ids = new TreeSet<>();
        state.get("services").forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(DEMO_SERVICES, ids);
        assertTrue(DemoPages.EMBEDDED_SERVICES.stream().allMatch(DEMO_SERVICES::contains));
    }

    @Test
    void bootStateInThePageHasNoEntryForAnUndeclaredService() throws Exception {
        DemoClient visitor = new DemoClient(demo.uri(), "FR", false);
        String page = visitor.get("/").body();
        // The page inlines the first-paint state only; the full state, which the second layer loads, comes
        // from GET /consent. Neither names a service the demo does not use.
        String state = visitor.get("/consent").body();
        assertTrue(state.contains("\"id\":\"segmetrics\""), "the state lists the demo's services: " + state);
        for (String undeclared : Set.of("akamai-bot-manager", "tiktok-pixel", "hubspot", "matomo")) {
            assertFalse(page.contains("\"id\":\"" + undeclared + "\""), undeclared);
            assertFalse(state.contains("\"id\":\"" + undeclared + "\""), undeclared);
        }
    }

    @Test
    void cookieDeclarationListsTheDemosServicesOnly() throws Exception {
        String declaration = new DemoClient(demo.uri(), "DE", false).get("/consent/cookies").body();
        assertTrue(declaration.contains("SegMetrics") && declaration.contains("sm_uid") && declaration.contains(">lang<"));
        assertTrue(declaration.contains("YouTube") && declaration.contains("Google Maps"));
        for (String absent : Set.of("Akamai Bot Manager", "TikTok", "HubSpot", "Matomo", "Shopify")) {
            assertFalse(declaration.contains(absent), absent + " is not used by the demo");
        }
        assertTrue(declaration.length() < 60_000, "declaration of " + declaration.length() + " characters");
    }
}
