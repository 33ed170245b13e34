package org.consent4j.benchmarks.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.testing.Fixtures;

/** The pages and the catalog the gate benchmarks run on. */
final class BenchmarkPages {

    /** A 19 KB page with a Segment snippet. */
    static final String SMALL = "metascraper__segment-academy.html";
    /** A 117 KB page with gtag, Meta Pixel and the LinkedIn Insight Tag. */
    static final String MEDIUM = "trafilatura__OnlineMarketing.de-Instagram.html";
    /** A 334 KB page with gtag, GTM, analytics.js, Meta Pixel and reCAPTCHA. */
    static final String LARGE = "metascraper__the-verge.html";

    private BenchmarkPages() {
    }

    /**
     * The page dataset: {@code -Dconsent4j.pages=DIR}, else {@code ../shared/datasets/pages} from the
     * repository root (the working directory or one of its parents).
     */
    static Path directory() {
        String configured = System.getProperty("consent4j.pages");
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pages = dir.resolve("../shared/datasets/pages").normalize();
            if (Files.isDirectory(pages)) {
                return pages;
            }
        }
        throw new IllegalStateException("the page dataset was not found: run from the repository root (it reads"
                + " ../shared/datasets/pages) or pass -Dconsent4j.pages=DIR");
    }

    /** The documents of a benchmark parameter: one page, every page, or one 5 MiB page. */
    static List<byte[]> load(String which) {
        Path dir = directory();
        try {
            return switch (which) {
                case "small" -> List.of(Files.readAllBytes(dir.resolve(SMALL)));
                case "medium" -> List.of(Files.readAllBytes(dir.resolve(MEDIUM)));
                case "large" -> List.of(Files.readAllBytes(dir.resolve(LARGE)));
                case "corpus" -> all(dir);
                case "5mb" -> List.of(fiveMegabytes(all(dir)));
                default -> throw new IllegalArgumentException("unknown page set " + which);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<byte[]> all(Path dir) throws IOException {
        List<byte[]> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                pages.add(Files.readAllBytes(p));
            }
        }
        return pages;
    }

    /** One document of 5 MiB: the dataset pages one after the other, cut at a tag boundary. */
    private static byte[] fiveMegabytes(List<byte[]> pages) {
        int size = 5 * 1024 * 1024;
        byte[] out = new byte[size];
        int n = 0;
        for (int i = 0; n < size; i = (i + 1) % pages.size()) {
            byte[] p = pages.get(i);
            int k = Math.min(p.length, size - n);
            System.arraycopy(p, 0, out, n, k);
            n += k;
        }
        int end = size;
        while (end > 0 && out[end - 1] != '>') {
            end--;
        }
        return java.util.Arrays.copyOf(out, end);
    }

    /** The fixtures' catalog plus the vendors whose tags appear in the pages. */
    static Catalog catalog() {
        return Fixtures.catalog().toBuilder()
                .service(service("linkedin-insight", Category.MARKETING, "personalised-ads", "snap.licdn.com", "px.ads.linkedin.com"))
                .service(service("tiktok-pixel", Category.MARKETING, "personalised-ads", "analytics.tiktok.com"))
                .service(service("hotjar", Category.ANALYTICS, "measurement", "hotjar.com", "hotjar.io"))
                .service(service("hubspot", Category.MARKETING, "attribution", "hs-scripts.com", "hs-analytics.net",
                        "hsforms.net", "hubspot.com", "hsleadflows.net", "hs-banner.com", "usemessages.com"))
                .service(service("segment", Category.ANALYTICS, "measurement", "cdn.segment.com", "api.segment.io"))
                .service(service("intercom", Category.FUNCTIONAL, "preferences", "widget.intercom.io", "js.intercomcdn.com"))
                .service(service("vimeo", Category.MARKETING, "personalised-ads", "player.vimeo.com"))
                .service(service("doubleclick", Category.MARKETING, "personalised-ads", "doubleclick.net",
                        "googlesyndication.com", "googleadservices.com"))
                .service(service("google-fonts", Category.FUNCTIONAL, "preferences", "fonts.googleapis.com", "fonts.gstatic.com"))
                .service(service("recaptcha", Category.NECESSARY, "session", "recaptcha.net"))
                .service(service("stripe", Category.NECESSARY, "session", "js.stripe.com"))
                .build();
    }

    private static Service service(String id, String category, String purpose, String... hosts) {
        Service.Builder b = Service.builder(id, category).purpose(purpose);
        for (String h : hosts) {
            b.host(h);
        }
        return b.build();
    }
}
