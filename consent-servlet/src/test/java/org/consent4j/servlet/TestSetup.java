package org.consent4j.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.cookie.ConsentCookieCodec;
import org.consent4j.core.cookie.KeySet;
import org.consent4j.core.cookie.SigningKey;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentEngine;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.testing.Fixtures;

/** Shared pieces of the servlet tests: engine, keys, cookies and an HTTP client. */
final class TestSetup {

    static final KeySet KEYS = KeySet.of(SigningKey.of("t1", "consent4j-servlet-tests-key-0001".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    static final ConsentEngine ENGINE = ConsentEngine.builder().catalog(Fixtures.catalog())
            .jurisdictions(Fixtures.jurisdictions()).build();
    static final ConsentCookieCodec CODEC = ConsentCookieCodec.builder().keys(KEYS).cacheSize(0).build();
    static final String REVISION = Fixtures.catalog().revision();
    static final String SUBJECT = "c3ViamVjdC1pZC1mb3ItdGVzdHM";
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestSetup() {
    }

    /** A filter config with the fixtures, the test keys, Cloudflare location headers and plain-HTTP cookies. */
    static ConsentFilterConfig.Builder config() {
        return ConsentFilterConfig.builder().engine(ENGINE).keys(KEYS).secureCookie(false)
                .jurisdictionResolver(JurisdictionResolver.cloudflare());
    }

    /** A signed consent cookie value for a choice made {@code age} ago in {@code jurisdiction}. */
    static String consentCookie(String jurisdiction, Duration age, ConsentMethod method, Map<String, Choice> categories) {
        ConsentState state = new ConsentState(categories, Map.of(), Instant.now().minus(age), REVISION, jurisdiction,
                method, false);
        return CODEC.encode(new ConsentCookie(SUBJECT, state));
    }

    static String grantAll(String jurisdiction) {
        return consentCookie(jurisdiction, Duration.ofMinutes(5), ConsentMethod.ACCEPT_ALL,
                Map.of("functional", Choice.GRANTED, "analytics", Choice.GRANTED, "marketing", Choice.GRANTED));
    }

    static String denyAll(String jurisdiction) {
        return consentCookie(jurisdiction, Duration.ofMinutes(5), ConsentMethod.REJECT_ALL,
                Map.of("functional", Choice.DENIED, "analytics", Choice.DENIED, "marketing", Choice.DENIED));
    }

    /** A request builder with the given headers (name, value, name, value…). */
    static HttpRequest.Builder request(URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    static HttpResponse<String> get(URI uri, String... headers) {
        return send(request(uri, headers).GET().build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("set-cookie");
    }

    /** The names of the cookies the response sets (not expires). */
    static List<String> cookieNamesSet(HttpResponse<?> response) {
        List<String> names = new ArrayList<>();
        for (String v : setCookies(response)) {
            if (!expires(v)) {
                names.add(v.substring(0, Math.max(0, v.indexOf('='))).trim());
            }
        }
        return names;
    }

    /** The names of the cookies the response expires. */
    static List<String> cookieNamesExpired(HttpResponse<?> response) {
        List<String> names = new ArrayList<>();
        for (String v : setCookies(response)) {
            if (expires(v)) {
                names.add(v.substring(0, Math.max(0, v.indexOf('='))).trim());
            }
        }
        return names;
    }

    private static boolean expires(String setCookie) {
        String lower = setCookie.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970") || lower.contains("expires=thu, 01-jan-1970");
    }

    /** The value of the consent4j cookie the response sets, if any. */
    static Optional<String> consentCookieSet(HttpResponse<?> response) {
        for (String v : setCookies(response)) {
            if (v.startsWith(ConsentFilterConfig.DEFAULT_COOKIE_NAME + "=") && !expires(v)) {
                int semi = v.indexOf(';');
                return Optional.of(v.substring(ConsentFilterConfig.DEFAULT_COOKIE_NAME.length() + 1, semi < 0 ? v.length() : semi));
            }
        }
        return Optional.empty();
    }
}
