package org.consent4j.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The gate on real pages that embed real vendor tags (the shared page dataset, read in place): with
 * every service denied, each tracker element of a catalog service is inert, and nothing else changed.
 */
final class RealPagesTest {

    /** The test catalog, and the bundled catalog of well-known services. */
    private static final List<Catalog> CATALOGS = List.of(GateCatalog.catalog(), Catalogs.bundled());

    static Path pagesDirectory() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir.getParent() != null && Files.exists(dir.getParent().resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        String configured = System.getProperty("consent4j.datasets", "");
        Path pages = (configured.isEmpty() ? dir.resolve("../shared/datasets") : Paths.get(configured))
                .resolve("pages").normalize();
        if (!Files.isDirectory(pages)) {
            String message = "SKIPPED: the real-page dataset is not at " + pages
                    + " (<repository root>/../shared/datasets/pages, or -Dconsent4j.datasets=DIR); the HTML gate's"
                    + " real-page tests did not run";
            if (Boolean.getBoolean("consent4j.requireExternal")) {
                fail(message);
            }
            System.err.println("*** " + message + " ***");
            Assumptions.abort(message);
        }
        return pages;
    }

    static List<Path> pages() {
        try (Stream<Path> files = Files.list(pagesDirectory())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".html")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTrackerOfADeniedServiceIsInertAndNothingElseChanged() {
        List<Path> pages = pages();
        return CATALOGS.stream().flatMap(catalog -> pages.stream().map(page -> DynamicTest.dynamicTest(
                (catalog == CATALOGS.get(0) ? "test catalog: " : "bundled catalog: ") + page.getFileName(),
                () -> checkPage(page, HtmlGate.of(catalog), new Oracle(catalog)))));
    }

    private static void checkPage(Path page, HtmlGate gate, Oracle oracle) throws IOException {
        {
            byte[] in = Files.readAllBytes(page);
            List<GatedElement> events = new ArrayList<>();
            List<Long> unchecked = new ArrayList<>();
            byte[] out = Gating.gate(gate, in, GatePolicy.denyAll(), null, new GateListener() {
                @Override
                public void gated(GatedElement element) {
                    events.add(element);
                }

                @Override
                public void unchecked(String element, long offset, String reason) {
                    unchecked.add(offset);
                }
            }, new int[0]);

            assertArrayEquals(in, Gating.strip(out), "the output minus the gate's insertions is the input");

            Document before = Gating.parse(in, StandardCharsets.ISO_8859_1);
            Document after = Gating.parse(out, StandardCharsets.ISO_8859_1);
            Elements a = before.getAllElements();
            Elements b = after.getAllElements();
            assertEquals(a.size(), b.size(), "same element structure");
            int expected = 0;
            for (int i = 0; i < a.size(); i++) {
                Element original = a.get(i);
                Element gated = b.get(i);
                boolean must = oracle.mustGate(original);
                boolean isGated = gated.hasAttr("data-consent-gated") && !original.hasAttr("data-consent-gated");
                if (must && !isGated && original.normalName().equals("script") && original.data().length()
                        > HtmlGate.DEFAULT_INLINE_SCRIPT_LIMIT && !unchecked.isEmpty()) {
                    continue;
                }
                expected += must ? 1 : 0;
                assertEquals(must, isGated, () -> "element " + abbreviate(original.outerHtml()));
                assertFalse(oracle.mustGate(gated), () -> "still live: " + abbreviate(gated.outerHtml()));
            }
            assertEquals(expected, events.size(), "one report per gated element");
            assertEquals(Gating.texts(before), Gating.texts(after), "text the parser sees as text is unchanged");
            assertEquals(Gating.normalized(Gating.parse(in, StandardCharsets.ISO_8859_1)),
                    Gating.normalized(Gating.activate(after)), "activation restores every element");
        }
    }

    @TestFactory
    Stream<DynamicTest> pagesAreUnchangedWhenEverythingIsAllowedAndHoweverTheyAreSplit() {
        return pages().stream().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () -> {
            byte[] in = Files.readAllBytes(page);
            assertArrayEquals(in, Gating.gate(in, GatePolicy.allowAll()));
            byte[] whole = Gating.gate(in, GatePolicy.denyAll());
            Random random = new Random(in.length);
            for (int round = 0; round < 3; round++) {
                int[] splits = random.ints(1 + random.nextInt(200), 0, in.length).sorted().toArray();
                assertArrayEquals(whole, Gating.gate(Gating.GATE, in, GatePolicy.denyAll(), null, GateListener.NONE,
                        splits), "split into " + (splits.length + 1) + " chunks");
            }
        }));
    }

    @Test
    void theCorpusExercisesEveryVendorOfTheCatalog() throws IOException {
        Map<String, Integer> byService = new TreeMap<>();
        Map<String, Integer> byElement = new TreeMap<>();
        int noscriptPixels = 0;
        for (Path page : pages()) {
            byte[] in = Files.readAllBytes(page);
            List<GatedElement> events = new ArrayList<>();
            byte[] out = Gating.gate(Gating.GATE, in, GatePolicy.denyAll(), null, events::add, new int[0]);
            events.forEach(e -> {
                byService.merge(e.serviceId(), 1, Integer::sum);
                byElement.merge(e.element() + "/" + e.attribution(), 1, Integer::sum);
            });
            noscriptPixels += Gating.parse(out, StandardCharsets.ISO_8859_1)
                    .select("noscript img[data-consent-gated][data-consent-service=meta-pixel]").size();
        }
        System.out.println("HTML gate on the real pages, everything denied: " + byService + " " + byElement);
        for (String service : List.of("google-analytics", "meta-pixel", "youtube", "linkedin-insight", "tiktok-pixel",
                "hotjar", "hubspot", "segment", "vimeo", "doubleclick")) {
            assertTrue(byService.getOrDefault(service, 0) > 0, service + " gated somewhere: " + byService);
        }
        assertTrue(noscriptPixels > 0, "the corpus's <noscript> Meta pixels are gated for browsers without scripting");
        assertTrue(byElement.keySet().stream().anyMatch(k -> k.startsWith("script/INLINE")), byElement.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
