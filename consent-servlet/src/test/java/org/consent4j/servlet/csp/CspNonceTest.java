package org.consent4j.servlet.csp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

final class CspNonceTest {

    private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z0-9+/_-]{16,128}={0,2}");

    @Test
    void of_choosesOnceAndKeepsIt() {
        HttpServletRequest request = CspFixtures.request("");
        assertTrue(CspNonce.find(request).isEmpty());
        String nonce = CspNonce.of(request);
        assertEquals(nonce, CspNonce.of(request));
        assertEquals(nonce, CspNonce.find(request).orElseThrow());
        assertEquals(22, nonce.length());
        assertTrue(CspNonce.valid(nonce));
    }

    @Test
    void generate_neverRepeatsInPractice() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(CspNonce.generate()));
        }
    }

    @Test
    void of_replacesAnInvalidAttributeAndIgnoresAnInvalidApplicationNonce() {
        HttpServletRequest request = CspFixtures.request("");
        request.setAttribute("app", "bad nonce\" onload=\"x");
        request.setAttribute(CspNonce.ATTRIBUTE, "short");
        String nonce = CspNonce.of(request, "app");
        assertNotEquals("short", nonce);
        assertFalse(nonce.contains("\""));
    }

    @Property(tries = 500)
    void valid_agreesWithTheGrammar(@ForAll String value) {
        assertEquals(GRAMMAR.matcher(value).matches(), CspNonce.valid(value), value);
    }

    @Property(tries = 300)
    void valid_agreesWithTheGrammarOnNonceLikeText(@ForAll @net.jqwik.api.constraints.Chars({'a', 'Z', '0', '+', '/', '_',
            '-', '=', '"', ' '}) @net.jqwik.api.constraints.StringLength(max = 140) String value) {
        assertEquals(GRAMMAR.matcher(value).matches(), CspNonce.valid(value), value);
    }
}
