package org.consent4j.core.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.junit.jupiter.api.Test;

final class ConsentCookieCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final KeySet KEYS = KeySet.of(SigningKey.of("k1", bytes(1)));
    private static final ConsentCookieCodec CODEC = codec(KEYS, NOW);

    private static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    private static ConsentCookieCodec codec(KeySet keys, Instant now) {
        return ConsentCookieCodec.builder().keys(keys).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    private static ConsentCookie sample(Instant decidedAt) {
        ConsentState state = ConsentState.builder(decidedAt, "0123456789ab")
                .grant("functional").grant("analytics").deny("marketing")
                .service("youtube", Choice.GRANTED).jurisdiction("US-CA").method(ConsentMethod.CUSTOM).gpc(true)
                .build();
        return new ConsentCookie("AAECAwQFBgcICQoLDA0ODw", state);
    }

    @Test
    void encodeWhenDecodedThenSameCookie() {
        ConsentCookie cookie = sample(NOW.minusSeconds(60));
        String value = CODEC.encode(cookie);
        assertEquals(Optional.of(cookie), CODEC.decode(value));
    }

    @Test
    void encodeWhenTypicalChoiceThenUnder200Characters() {
        String value = CODEC.encode(sample(NOW));
        assertTrue(value.length() < 200, () -> "length " + value.length() + ": " + value);
        assertTrue(value.startsWith("1~k1~AAECAwQFBgcICQoLDA0ODw~"), value);
    }

    @Test
    void encodeWhenDecisionHasMillisecondsThenDecodedToTheSecond() {
        ConsentCookie cookie = sample(NOW.minusMillis(1500));
        ConsentCookie decoded = CODEC.decode(CODEC.encode(cookie)).orElseThrow();
        assertEquals(Instant.parse("2026-11-22T10:15:28Z"), decoded.state().decidedAt());
    }

    @Test
    void decodeWhenSignatureAlteredThenEmpty() {
        String value = CODEC.encode(sample(NOW));
        char last = value.charAt(value.length() - 2);
        String forged = value.substring(0, value.length() - 2) + (last == 'A' ? 'B' : 'A') + value.charAt(value.length() - 1);
        assertEquals(Optional.empty(), CODEC.decode(forged));
    }

    @Test
    void decodeWhenChoiceAlteredThenEmpty() {
        String value = CODEC.encode(sample(NOW));
        String forged = value.replace("!marketing", "+marketing");
        assertFalse(forged.equals(value));
        assertEquals(Optional.empty(), CODEC.decode(forged));
    }

    @Test
    void decodeWhenSignedWithAnotherKeyOfSameIdThenEmpty() {
        ConsentCookieCodec other = codec(KeySet.of(SigningKey.of("k1", bytes(2))), NOW);
        assertEquals(Optional.empty(), CODEC.decode(other.encode(sample(NOW))));
    }

    @Test
    void decodeWhenKeyIdUnknownThenEmpty() {
        ConsentCookieCodec other = codec(KeySet.of(SigningKey.of("k9", bytes(1))), NOW);
        assertEquals(Optional.empty(), CODEC.decode(other.encode(sample(NOW))));
    }

    @Test
    void decodeWhenTruncatedAtAnyLengthThenEmpty() {
        String value = CODEC.encode(sample(NOW));
        for (int i = 0; i < value.length(); i++) {
            assertEquals(Optional.empty(), CODEC.decode(value.substring(0, i)), "prefix of length " + i);
        }
    }

    @Test
    void decodeWhenOlderThanMaxAgeThenEmpty() {
        String value = CODEC.encode(sample(NOW.minus(ConsentCookieCodec.DEFAULT_MAX_AGE).minusSeconds(1)));
        assertEquals(Optional.empty(), CODEC.decode(value));
    }

    @Test
    void decodeWhenCachedAndLaterExpiredThenEmpty() {
        ConsentCookieCodec early = codec(KEYS, NOW);
        String value = early.encode(sample(NOW.minus(Duration.ofDays(10))));
        assertTrue(early.decode(value).isPresent());
        ConsentCookieCodec shortLived = ConsentCookieCodec.builder().keys(KEYS).maxAge(Duration.ofDays(5))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        assertTrue(shortLived.decode(value).isEmpty());
    }

    @Test
    void decodeWhenDatedInTheFutureThenEmpty() {
        String value = CODEC.encode(sample(NOW.plus(Duration.ofMinutes(10))));
        assertEquals(Optional.empty(), CODEC.decode(value));
    }

    @Test
    void decodeWhenOversizedThenEmpty() {
        String value = CODEC.encode(sample(NOW));
        String padded = value + "x".repeat(ConsentCookieCodec.MAX_LENGTH);
        assertEquals(Optional.empty(), CODEC.decode(padded));
    }

    @Test
    void decodeWhenGarbageThenEmpty() {
        for (String garbage : new String[] {"", "1", "~~~~~~~~~", "1~k1~~~~~~~~~", "hello world", "1~k1~a~b~c~d~e~f~g~h~i",
                "é", "1~k1~\u0000", "2~k1~a~0~r~FR~A0~~~" + "A".repeat(43)}) {
            assertEquals(Optional.empty(), CODEC.decode(garbage), garbage);
        }
        assertEquals(Optional.empty(), CODEC.decode(null));
    }

    @Test
    void decodeWhenSignedByOlderKeyOfTheSetThenAccepted() {
        SigningKey old = SigningKey.of("k1", bytes(1));
        SigningKey current = SigningKey.of("k2", bytes(2));
        String oldValue = CODEC.encode(sample(NOW));
        ConsentCookieCodec rotated = codec(KeySet.of(current, old), NOW);
        assertTrue(rotated.decode(oldValue).isPresent());
        assertTrue(rotated.encode(sample(NOW)).startsWith("1~k2~"));
    }

    @Test
    void encodeWhenSubjectNotBase64UrlThenRejected() {
        ConsentCookie bad = new ConsentCookie("not valid!", sample(NOW).state());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CODEC.encode(bad));
        assertTrue(e.getMessage().contains("subject id"), e.getMessage());
    }

    @Test
    void encodeWhenValueContainsOnlyCookieOctetsThenValidForRfc6265() {
        String value = CODEC.encode(sample(NOW));
        for (char c : value.toCharArray()) {
            boolean octet = c == 0x21 || c >= 0x23 && c <= 0x2B || c >= 0x2D && c <= 0x3A || c >= 0x3C && c <= 0x5B
                    || c >= 0x5D && c <= 0x7E;
            assertTrue(octet, "character " + (int) c);
        }
    }

    @Test
    void newSubjectIdWhenCalledTwiceThenDistinct22CharacterIds() {
        String a = ConsentCookie.newSubjectId();
        String b = ConsentCookie.newSubjectId();
        assertEquals(22, a.length());
        assertFalse(a.equals(b));
    }

    @Test
    void cacheSizeWhenNegativeThenRejected() {
        assertThrows(IllegalArgumentException.class, () -> ConsentCookieCodec.builder().cacheSize(-1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ConsentCookieCodec.builder().build());
        assertTrue(e.getMessage().contains("keys"), e.getMessage());
    }
}
