package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.junit.jupiter.api.Test;

/**
 * The gate attributes URLs by host and path prefix, tells its listener about every third-party URL
 * it checks, and gates hosts the catalog does not know when the policy blocks them.
 */
final class HostPathGateTest {

    private static final Catalog CATALOG = GateCatalog.catalog().toBuilder()
            .service(Service.builder("maps", Category.MARKETING).name("Maps").purpose("personalised-ads")
                    .host("www.google.com/maps").build())
            .service(Service.builder("captcha", Category.FUNCTIONAL).name("Captcha").purpose("preferences")
                    .host("www.google.com/recaptcha").build())
            .build();
    private static final HtmlGate GATE = HtmlGate.of(CATALOG);

    private static final String PAGE = "<!doctype html><html><head>"
            + "<script src=\"https://www.google.com/recaptcha/api.js\" async></script>"
            + "<script src=\"https://cdn.unknown-tracker.example/t.js?x=1\"></script></head><body>"
            + "<iframe src=\"https://www.google.com/maps/embed?pb=!1m18\" width=\"600\"></iframe>"
            + "<img src=\"https://www.google.com/search?q=x\" alt=\"\">"
            + "<img src=\"/local.png\" alt=\"\"><a href=\"https://elsewhere.example/\">link</a>"
            + "</body></html>";

    /** Denies everything optional, and blocks unknown hosts. */
    private static final GatePolicy BLOCKING = new GatePolicy() {
        @Override
        public boolean allowsService(String serviceId) {
            return false;
        }

        @Override
        public boolean allowsCategory(String categoryId) {
            return false;
        }

        @Override
        public boolean allowsUnknownHost(String host) {
            return false;
        }
    };

    private record Seen(String element, String host, String path, String service) {
    }

    private static final class Recorder implements GateListener {
        final List<Seen> urls = new ArrayList<>();
        final List<GatedElement> gated = new ArrayList<>();

        @Override
        public void gated(GatedElement element) {
            gated.add(element);
        }

        @Override
        public void url(String element, String host, String path, Optional<Service> service) {
            urls.add(new Seen(element, host, path, service.map(Service::id).orElse("-")));
        }
    }

    private static String run(GatePolicy policy, Recorder recorder, int[] splits) {
        byte[] out = Gating.gate(GATE, PAGE.getBytes(StandardCharsets.UTF_8), policy, null, recorder, splits);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void pageWhenDeniedThenEmbedsAttributedByPathAreGatedAndUnknownHostsPass() {
        Recorder r = new Recorder();
        String out = run(GatePolicy.denyAll(), r, new int[0]);

        assertTrue(out.contains("<iframe data-consent-gated data-consent-category=\"marketing\" data-consent-service=\"maps\""
                + " data-consent-src=\"https://www.google.com/maps/embed?pb=!1m18\""), out);
        assertTrue(out.contains("data-consent-service=\"captcha\" data-consent-src=\"https://www.google.com/recaptcha/api.js\""), out);
        assertTrue(out.contains("<script src=\"https://cdn.unknown-tracker.example/t.js?x=1\"></script>"), out);
        assertTrue(out.contains("<img src=\"https://www.google.com/search?q=x\""), out);
        assertEquals(List.of(
                new Seen("script", "www.google.com", "/recaptcha/api.js", "captcha"),
                new Seen("script", "cdn.unknown-tracker.example", "/t.js", "-"),
                new Seen("iframe", "www.google.com", "/maps/embed", "maps"),
                new Seen("img", "www.google.com", "/search", "-")), r.urls);
    }

    @Test
    void pageWhenPolicyBlocksUnknownHostsThenTheyAreGatedAsMarketing() {
        Recorder r = new Recorder();
        String out = run(BLOCKING, r, new int[0]);

        assertTrue(out.contains("<script type=\"text/plain\" data-consent-gated data-consent-category=\"marketing\""
                + " data-consent-service=\"" + HtmlGate.UNKNOWN_HOST + "\" data-consent-src=\"https://cdn.unknown-tracker.example/t.js?x=1\">"), out);
        assertTrue(out.contains("data-consent-service=\"unknown-host\" data-consent-src=\"https://www.google.com/search?q=x\""), out);
        assertTrue(out.contains("<img src=\"/local.png\""), out);
        assertEquals(4, r.gated.size(), r.gated.toString());
    }

    @Property(tries = 300)
    void pageWhenWrittenInAnyChunksThenSameOutputAndSameUrls(@ForAll("splits") int[] splits, @ForAll boolean block) {
        GatePolicy policy = block ? BLOCKING : GatePolicy.denyAll();
        Recorder whole = new Recorder();
        Recorder chunked = new Recorder();
        String expected = run(policy, whole, new int[0]);
        String actual = run(policy, chunked, splits);
        assertEquals(expected, actual, Arrays.toString(splits));
        assertEquals(whole.urls, chunked.urls);
        assertEquals(whole.gated.stream().map(GatedElement::serviceId).toList(),
                chunked.gated.stream().map(GatedElement::serviceId).toList());
    }

    @Provide
    Arbitrary<int[]> splits() {
        int n = PAGE.getBytes(StandardCharsets.UTF_8).length;
        return Arbitraries.integers().between(1, n - 1).list().ofMaxSize(40)
                .map(l -> l.stream().mapToInt(Integer::intValue).sorted().distinct().toArray());
    }
}
