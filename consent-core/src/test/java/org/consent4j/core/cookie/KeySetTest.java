package org.consent4j.core.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

final class KeySetTest {

    private static final String SECRET = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

    @Test
    void parseWhenTwoKeysThenFirstSignsAndBothVerify() {
        KeySet set = KeySet.parse("k2:" + SECRET + ", k1:" + SECRET);
        assertEquals("k2", set.signing().id());
        assertTrue(set.key("k1").isPresent());
        assertEquals(KeySet.parse(set.format()).keys(), set.keys());
    }

    @Test
    void parseWhenStandardBase64WithPaddingThenAccepted() {
        String standard = Base64.getEncoder().encodeToString(new byte[] {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11,
                -12, -13, -14, -15, -16, -17, -18, -19, -20, -21, -22, -23, -24, -25, -26, -27, -28, -29, -30, -31, -32, -33});
        assertTrue(standard.contains("/") || standard.contains("+") || standard.endsWith("="), standard);
        assertEquals(33, KeySet.parse("a:" + standard).signing().secret().length);
    }

    @Test
    void parseWhenSecretTooShortThenMessageNamesKeyNotSecret() {
        String shortSecret = Base64.getUrlEncoder().encodeToString(new byte[16]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeySet.parse("k1:" + shortSecret));
        assertTrue(e.getMessage().contains("'k1'") && e.getMessage().contains("32"), e.getMessage());
        assertFalse(e.getMessage().contains(shortSecret), e.getMessage());
    }

    @Test
    void parseWhenMalformedThenSpecificErrors() {
        assertThrows(IllegalArgumentException.class, () -> KeySet.parse(""));
        assertThrows(IllegalArgumentException.class, () -> KeySet.parse("k1"));
        assertThrows(IllegalArgumentException.class, () -> KeySet.parse("k1:"));
        assertThrows(IllegalArgumentException.class, () -> KeySet.parse("k1:***"));
        assertThrows(IllegalArgumentException.class, () -> KeySet.parse("bad id:" + SECRET));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeySet.parse("k1:" + SECRET + ",k1:" + SECRET));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void toStringWhenCalledThenNoSecret() {
        KeySet set = KeySet.generate();
        assertEquals("KeySet[gen]", set.toString());
        assertFalse(set.signing().toString().contains(set.signing().encodedSecret()));
    }

    @Test
    void parseWhenNullOrBlankThenErrorNamesWhereKeysAreSet() {
        for (String text : new String[] {null, "", "  ", " , "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeySet.parse(text));
            assertTrue(e.getMessage().contains("CONSENT4J_KEYS") && e.getMessage().contains("consent4j.keys"),
                    e.getMessage());
        }
    }
}
