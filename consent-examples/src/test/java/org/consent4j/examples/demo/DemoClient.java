package org.consent4j.examples.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A visitor of the demo over real HTTP: where they are, whether GPC is on, which consent cookie they hold. */
final class DemoClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;
    private final String location;
    private final boolean gpc;
    private Optional<String> consentCookie = Optional.empty();

    /** @param location FR, DE (sent as Cloudflare's header), US-CA, or "" for none */
    DemoClient(URI base, String location, boolean gpc) {
        this.base = base;
        this.location = location;
        this.gpc = gpc;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET that also sends cookies the browser holds besides the consent cookie. */
    HttpResponse<String> getWithCookies(String path, String cookies) throws IOException, InterruptedException {
        String all = consentCookie.map(c -> c + "; " + cookies).orElse(cookies);
        return HTTP.send(request(path, false).header("Cookie", all).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(request(path).header("Content-Type", "application/json")
                .header("Origin", base.getScheme() + "://" + base.getAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Makes a choice through POST /consent and keeps the consent cookie it sets. */
    void choose(String choiceJson) throws IOException, InterruptedException {
        HttpResponse<String> r = postJson("/consent", choiceJson);
        if (r.statusCode() != 200) {
            throw new AssertionError("POST /consent " + choiceJson + " answered " + r.statusCode() + ": " + r.body());
        }
        for (String h : r.headers().allValues("Set-Cookie")) {
            if (h.startsWith("consent4j=")) {
                consentCookie = Optional.of(h.substring(0, h.indexOf(';') < 0 ? h.length() : h.indexOf(';')));
            }
        }
        if (consentCookie.isEmpty()) {
            throw new AssertionError("POST /consent set no consent cookie: " + r.headers().allValues("Set-Cookie"));
        }
    }

    private HttpRequest.Builder request(String path) {
        return request(path, true);
    }

    private HttpRequest.Builder request(String path, boolean withConsentCookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        switch (location) {
            case "" -> {
            }
            case "DE" -> b.header("CF-IPCountry", "DE");
            default -> {
                String[] parts = location.split("-", 2);
                b.header("CloudFront-Viewer-Country", parts[0]);
                if (parts.length == 2) {
                    b.header("CloudFront-Viewer-Country-Region", parts[1]);
                }
            }
        }
        if (gpc) {
            b.header("Sec-GPC", "1");
        }
        if (withConsentCookie) {
            consentCookie.ifPresent(c -> b.header("Cookie", c));
        }
        return b;
    }

    /** Names of the cookies a response sets (not deletes), the consent cookie left out. */
    static Set<String> cookiesSet(HttpResponse<?> response) {
        Set<String> names = new LinkedHashSet<>();
        for (String h : response.headers().allValues("Set-Cookie")) {
            String name = h.substring(0, h.indexOf('='));
            if (!name.equals("consent4j") && !deletes(h)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Whether a Set-Cookie value deletes its cookie: {@code Max-Age=0}, or an expiry at the epoch as Jetty writes it. */
    static boolean deletes(String setCookie) {
        String lower = setCookie.toLowerCase(Locale.ROOT);
        return lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970 00:00:00 gmt");
    }

    /** Names of the cookies a response deletes. */
    static List<String> cookiesExpired(HttpResponse<?> response) {
        List<String> names = new ArrayList<>();
        for (String h : response.headers().allValues("Set-Cookie")) {
            if (deletes(h)) {
                names.add(h.substring(0, h.indexOf('=')));
            }
        }
        return names;
    }
}
