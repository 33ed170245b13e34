package org.consent4j.servlet.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class SourcesTest {

    @ParameterizedTest
    @ValueSource(strings = {"*", "https:", "http:", "wss:", "'strict-dynamic'", "'none'", "'nonce-abcdefghijklmnop'",
            "javascript:", "'unsafe-everything'", "exa mple.com", "example.com;", "a,b", "https://", "ex\u00e4mple.com",
            "-bad.example"})
    void source_refusesWhatOpensEveryHostOrIsNotASource(String source) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sources.source("img-src", source));
        assertTrue(e.getMessage().contains("img-src"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"'self'", "data:", "blob:", "cdn.example.com", "*.example.com", "https://cdn.example.com:8443",
            "cdn.example.com/js/", "wss://live.example.com", "'sha256-abc+/def='", "'unsafe-eval'", "example.com:*"})
    void source_acceptsSourceExpressions(String source) {
        assertEquals(source, Sources.source("script-src", source));
    }

    @Test
    void source_lowerCasesSchemeAndHostButNotThePath() {
        assertEquals("https://cdn.example.com/JS/", Sources.source("script-src", "HTTPS://CDN.Example.com/JS/"));
    }

    @Test
    void parse_readsDirectivesAndMergesRepeats() {
        assertEquals(Map.of("img-src", List.of("data:", "https://a.example"), "connect-src", List.of("api.example.com")),
                Sources.parse(" img-src data: https://a.example ; connect-src api.example.com;; img-src data: "));
    }

    @Test
    void parse_refusesOtherDirectivesAndEmptyOnes() {
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> Sources.parse("default-src https://a.example"));
        assertTrue(other.getMessage().contains("application's own policy"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sources.parse("img-src"));
    }
}
