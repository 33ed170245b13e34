package org.consent4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo over real HTTP, started through the same code path as {@code serve}: for visitors in France,
 * Germany and California, with and without GPC, before any choice and after rejecting, accepting, or
 * accepting analytics only, which cookies the home page sets, what the page says applies, and which
 * destinations receive a server event.
 */
final class DemoSiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> ALL_COOKIES = Set.of("JSESSIONID", "_ga", "sm_uid", "_fbp", "lang");
    private static final Set<String> SESSION_ONLY = Set.of("JSESSIONID");
    private static final Set<String> ANALYTICS_ONLY = Set.of("JSESSIONID", "_ga");
    // GPC in California opts out of sale, sharing and targeted advertising (Cal. Code Regs. tit. 11, § 7025):
    // SegMetrics (attribution) and the Meta Pixel (advertising) lose their cookies, measurement and preferences stay.
    private static final Set<String> GPC_OPTED_OUT = Set.of("JSESSIONID", "_ga", "lang");

    private static final Set<String> ALL_CONDITIONED = Set.of(DemoDestinations.SEGMENT_GA,
            DemoDestinations.SEGMETRICS_CRM, DemoDestinations.META_CAPI);
    private static final Set<String> NONE = Set.of();

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

    enum ChoiceMade {
        NO_CHOICE(""),
        REJECT_ALL("{\"accept\":\"none\"}"),
        ACCEPT_ALL("{\"accept\":\"all\"}"),
        ANALYTICS_ONLY("{\"categories\":{\"analytics\":true}}");

        final String json;

        ChoiceMade(String json) {
            this.json = json;
        }
    }

    static Stream<Arguments> visitors() {
        List<Arguments> rows = new ArrayList<>();
        for (String optIn : List.of("FR", "DE")) {
            String regime = "OPT_IN";
            for (boolean gpc : List.of(false, true)) {
                // GPC is no legal opt-out under the GDPR and ePrivacy rules: opt-in decides alone.
                rows.add(Arguments.of(optIn, regime, gpc, ChoiceMade.NO_CHOICE, SESSION_ONLY, NONE));
                rows.add(Arguments.of(optIn, regime, gpc, ChoiceMade.REJECT_ALL, SESSION_ONLY, NONE));
                rows.add(Arguments.of(optIn, regime, gpc, ChoiceMade.ACCEPT_ALL, ALL_COOKIES, ALL_CONDITIONED));
                rows.add(Arguments.of(optIn, regime, gpc, ChoiceMade.ANALYTICS_ONLY, ANALYTICS_ONLY, NONE));
            }
        }
        rows.add(Arguments.of("US-CA", "OPT_OUT", false, ChoiceMade.NO_CHOICE, ALL_COOKIES, ALL_CONDITIONED));
        rows.add(Arguments.of("US-CA", "OPT_OUT", false, ChoiceMade.REJECT_ALL, SESSION_ONLY, NONE));
        rows.add(Arguments.of("US-CA", "OPT_OUT", false, ChoiceMade.ACCEPT_ALL, ALL_COOKIES, ALL_CONDITIONED));
        rows.add(Arguments.of("US-CA", "OPT_OUT", false, ChoiceMade.ANALYTICS_ONLY, ANALYTICS_ONLY, NONE));
        rows.add(Arguments.of("US-CA", "OPT_OUT", true, ChoiceMade.NO_CHOICE, GPC_OPTED_OUT, NONE));
        rows.add(Arguments.of("US-CA", "OPT_OUT", true, ChoiceMade.REJECT_ALL, SESSION_ONLY, NONE));
        // A grant made while GPC is on does not override the signal (the demo does not allow it).
        rows.add(Arguments.of("US-CA", "OPT_OUT", true, ChoiceMade.ACCEPT_ALL, GPC_OPTED_OUT, NONE));
        rows.add(Arguments.of("US-CA", "OPT_OUT", true, ChoiceMade.ANALYTICS_ONLY, ANALYTICS_ONLY, NONE));
        rows.add(Arguments.of("", "OPT_IN", false, ChoiceMade.NO_CHOICE, SESSION_ONLY, NONE));
        rows.add(Arguments.of("", "OPT_IN", true, ChoiceMade.ACCEPT_ALL, ALL_COOKIES, ALL_CONDITIONED));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} gpc={2} {3}")
    @MethodSource("visitors")
    void homeSetsOnlyTheCookiesTheVisitorsConsentAllows(String location, String regime, boolean gpc, ChoiceMade choice,
                                                        Set<String> cookies, Set<String> destinations) throws Exception {
        DemoClient visitor = visit(location, gpc, choice);
        HttpResponse<String> home = visitor.get("/");
        assertEquals(200, home.statusCode());
        assertEquals(new TreeSet<>(cookies), new TreeSet<>(DemoClient.cookiesSet(home)),
                "cookies set for " + location + " gpc=" + gpc + " " + choice + ": " + home.headers().allValues("Set-Cookie"));
    }

    @ParameterizedTest(name = "{0} gpc={2} {3}")
    @MethodSource("visitors")
    void homeShowsTheJurisdictionRegimeAndDecisionsThatApply(String location, String regime, boolean gpc,
                                                             ChoiceMade choice, Set<String> cookies,
                                                             Set<String> destinations) throws Exception {
        DemoClient visitor = visit(location, gpc, choice);
        String page = visitor.get("/").body();
        assertEquals(location.isEmpty() ? "default" : location, attribute(page, "data-jurisdiction"));
        assertEquals(regime, attribute(page, "data-regime"));
        assertEquals(Boolean.toString(gpc), attribute(page, "data-gpc"));
        assertEquals("allow", decision(page, "category", "necessary"));
        assertEquals(cookies.contains("_ga") ? "allow" : "deny", decision(page, "service", "google-analytics"));
        assertEquals(cookies.contains("sm_uid") ? "allow" : "deny", decision(page, "service", "segmetrics"));
        assertEquals(cookies.contains("lang") ? "allow" : "deny", decision(page, "service", "demo-language"));
        assertEquals("allow", decision(page, "service", "stripe"));
    }

    @ParameterizedTest(name = "{0} gpc={2} {3}")
    @MethodSource("visitors")
    void serverEventReachesOnlyTheDestinationsTheVisitorsConsentAllows(String location, String regime, boolean gpc,
                                                                       ChoiceMade choice, Set<String> cookies,
                                                                       Set<String> destinations) throws Exception {
        DemoClient visitor = visit(location, gpc, choice);
        HttpResponse<String> r = visitor.postJson("/events", "{\"type\":\"track\",\"event\":\"Signed up\",\"properties\":{\"plan\":\"pro\"}}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(regime, body.get("regime").asText());
        assertEquals(gpc, body.get("gpc").asBoolean());
        Set<String> delivered = new TreeSet<>();
        for (JsonNode d : body.get("deliveries")) {
            if (d.get("status").asText().equals("DELIVERED")) {
                delivered.add(d.get("destination").asText());
            } else {
                assertTrue(!d.get("reason").asText().isEmpty() && !d.get("explanation").asText().isEmpty(),
                        "a suppressed delivery says why: " + d);
            }
            if (d.get("destination").asText().equals(DemoDestinations.UNCONDITIONED)) {
                assertEquals("SUPPRESSED", d.get("status").asText());
                assertEquals("no-condition", d.get("reason").asText());
            }
        }
        assertEquals(4, body.get("deliveries").size());
        assertEquals(new TreeSet<>(destinations), delivered);
    }

    private DemoClient visit(String location, boolean gpc, ChoiceMade choice) throws Exception {
        DemoClient visitor = new DemoClient(demo.uri(), location, gpc);
        if (choice != ChoiceMade.NO_CHOICE) {
            visitor.choose(choice.json);
        }
        return visitor;
    }

    static String attribute(String page, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(page);
        assertTrue(m.find(), "no " + name + " in the page");
        return m.group(1);
    }

    static String decision(String page, String kind, String id) {
        Matcher m = Pattern.compile("data-" + kind + "=\"" + Pattern.quote(id) + "\" data-decision=\"(allow|deny)\"").matcher(page);
        assertTrue(m.find(), "no decision row for " + kind + " " + id);
        return m.group(1);
    }
}
