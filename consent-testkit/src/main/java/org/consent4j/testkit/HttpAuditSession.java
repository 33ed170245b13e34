package org.consent4j.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * The fast driver: plain HTTP. Records every {@code Set-Cookie} of the site and lists what the
 * returned markup would load; it runs no script, so tags that other tags inject stay unseen (the
 * browser driver sees those). Only the audited site is contacted.
 */
final class HttpAuditSession implements AuditSession {

    static final String USER_AGENT = "consent4j-audit";
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final URI site;
    private final String endpoint;
    private final Duration timeout;
    private final Clock clock;
    private final Predicate<String> trackerHost;

    HttpAuditSession(URI site, String endpoint, Duration timeout, Clock clock, Predicate<String> trackerHost) {
        this.site = site;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.clock = clock;
        this.trackerHost = trackerHost;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    @Override
    public Visit visit(Plan plan) throws IOException, InterruptedException {
        Map<String, String> jar = new LinkedHashMap<>();
        List<Observation> observations = new ArrayList<>();
        if (plan.state().needsEndpoint()) {
            if (!plan.endpointAvailable()) {
                return new Visit(false, "the site has no consent endpoint at " + endpoint
                        + ", so this choice cannot be made; only no-choice and GPC states apply to it", observations);
            }
            String body = plan.state().requestBody().orElseThrow();
            HttpRequest.Builder post = request(site.resolve(endpoint), plan.headers(), jar)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("Origin", origin(site)).POST(HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<byte[]> response = client.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
            cookies(response, endpoint, jar, observations);
            if (response.statusCode() / 100 != 2) {
                String answer = new String(response.body(), StandardCharsets.UTF_8);
                return new Visit(false, "POST " + endpoint + " " + body + " answered " + response.statusCode() + ": "
                        + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer), observations);
            }
        }
        for (String path : plan.paths()) {
            load(path, plan.headers(), jar, observations);
        }
        return new Visit(true, "", observations);
    }

    private void load(String path, Map<String, String> headers, Map<String, String> jar, List<Observation> observations)
            throws IOException, InterruptedException {
        URI uri = site.resolve(path);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = request(uri, headers, jar).header("Accept", "text/html,*/*;q=0.8").GET().build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            cookies(response, path, jar, observations);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status / 100 == 3 && location.isPresent()) {
                URI next = uri.resolve(location.get().trim());
                if (!sameOrigin(next, site)) {
                    observations.add(new Observation(path, Observation.Kind.REQUEST, Observation.Sources.REDIRECT,
                            host(next), "redirect " + status + " to " + next));
                    return;
                }
                uri = next;
                continue;
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (type.contains("html") || type.isEmpty()) {
                String html = new String(response.body(), charset(type));
                for (MarkupScanner.Resource r : MarkupScanner.scan(html, uri.toString(), trackerHost)) {
                    URI target;
                    try {
                        target = URI.create(r.url());
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
                    if (target.getHost() == null || !(scheme.startsWith("http") || scheme.startsWith("ws"))) {
                        continue;
                    }
                    if (!host(target).equals(host(site))) {
                        observations.add(new Observation(path, Observation.Kind.REQUEST, r.source(), host(target), r.evidence()));
                    }
                }
            }
            return;
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + path + ": check the site's redirect rules");
    }

    private HttpRequest.Builder request(URI uri, Map<String, String> headers, Map<String, String> jar) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT);
        headers.forEach(b::header);
        if (!jar.isEmpty()) {
            StringJoiner cookie = new StringJoiner("; ");
            jar.forEach((k, v) -> cookie.add(k + "=" + v));
            b.header("Cookie", cookie.toString());
        }
        return b;
    }

    private void cookies(HttpResponse<?> response, String path, Map<String, String> jar, List<Observation> observations) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            SetCookie c = SetCookie.parse(header, clock.instant());
            if (c.deletion()) {
                jar.remove(c.name());
                continue;
            }
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                jar.put(c.name(), pair.substring(eq + 1).trim());
            }
            observations.add(new Observation(path, Observation.Kind.COOKIE, Observation.Sources.SET_COOKIE, c.name(),
                    "Set-Cookie: " + c.evidence()));
        }
    }

    private static Charset charset(String contentType) {
        int i = contentType.indexOf("charset=");
        if (i >= 0) {
            String name = contentType.substring(i + 8).split("[;\\s]", 2)[0].replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    static String host(URI uri) {
        String h = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    static boolean sameOrigin(URI a, URI b) {
        return origin(a).equalsIgnoreCase(origin(b));
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads end with the last reference.
    }
}
