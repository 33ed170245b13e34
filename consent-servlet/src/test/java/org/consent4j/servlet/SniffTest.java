package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

final class SniffTest {

    private static boolean html(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Sniff.looksLikeHtml(b, 0, b.length);
    }

    @Test
    void looksLikeHtmlWhenAPatternOfTheStandardStartsTheBodyThenTrue() {
        assertTrue(html("<!DOCTYPE html><html>"));
        assertTrue(html("  \n\t<!doctype HTML>"));
        assertTrue(html("<html lang=fr>"));
        assertTrue(html("<p>hi"));
        assertTrue(html("<!-- c --><div>"));
        assertTrue(html("\uFEFF<html>"), "after a UTF-8 byte order mark");
        assertTrue(html("<script src=x></script>"));
    }

    @Test
    void looksLikeHtmlWhenNotAPatternOrNotFollowedBySpaceOrCloseThenFalse() {
        assertFalse(html("{\"a\":1}"));
        assertFalse(html("<?xml version=\"1.0\"?><html>"), "XML is not sniffed as HTML");
        assertFalse(html("<pre>"), "<p followed by r");
        assertFalse(html("<html"), "nothing after the pattern yet");
        assertFalse(html("hello <html>"));
        assertFalse(html(""));
    }

    @Test
    void looksLikeHtmlWhenOffsetGivenThenReadsFromThere() {
        byte[] b = "xxxx<html>".getBytes(StandardCharsets.US_ASCII);
        assertTrue(Sniff.looksLikeHtml(b, 4, 6));
        assertFalse(Sniff.looksLikeHtml(b, 0, 10));
    }

    @Property(tries = 2000)
    void looksLikeHtmlWhenAnyBytesThenAnswersWithoutThrowing(@ForAll byte[] b) {
        Sniff.looksLikeHtml(b, 0, b.length);
    }

    @Property(tries = 500)
    void looksLikeHtmlWhenHtmlStartFollowsAnyWhitespaceThenTrue(@ForAll("whitespace") String ws, @ForAll boolean upper) {
        String tag = upper ? "<BODY>" : "<body>";
        assertTrue(html(ws + tag));
        assertEquals(html(ws + tag), html(tag));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> whitespace() {
        return net.jqwik.api.Arbitraries.strings().withChars(' ', '\t', '\n', '\r', '\f').ofMaxLength(40);
    }
}
