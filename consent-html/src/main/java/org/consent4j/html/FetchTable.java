package org.consent4j.html;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The markup that makes a browser fetch, as data: which attributes of which elements hold URLs, CSS,
 * script or a nested document. The gate's element rules read their lookup table from these rows, and
 * the table in {@code docs/html-gate.md} is rendered from them ({@link #markdown()}), so the two
 * cannot drift apart.
 */
final class FetchTable {

    /** What an attribute value holds. */
    enum Kind {
        /** One URL. */
        URL("a URL"),
        /** A srcset: URLs with descriptors, separated by commas. */
        SRCSET("URLs of a srcset"),
        /** URLs separated by spaces. */
        URL_LIST("URLs separated by spaces"),
        /** CSS: {@code url(...)}, {@code image-set(...)}, {@code @import}. */
        CSS("CSS: the URLs of `url()`, `@import`, `image-set()`"),
        /** Script text: event handlers. */
        SCRIPT("script text (hosts and loader calls in it)"),
        /** A nested HTML document. */
        HTML("an HTML document (gated recursively)"),
        /** {@code <meta http-equiv=refresh content="5; url=...">}. */
        REFRESH("a delay and a URL"),
        /** SMIL animation values: URLs separated by semicolons. */
        SMIL("URLs separated by semicolons");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    /** The namespace a row applies in. */
    enum Space { HTML, SVG, ANY }

    /**
     * One row: these elements (lower-case names; {@code *} for every element) in this namespace load
     * what these attributes hold, under a condition described in words.
     */
    record Row(List<String> elements, Space space, List<String> attributes, Kind kind, String when) {
    }

    static final List<Row> ROWS = List.of(
            new Row(List.of("script"), Space.HTML, List.of("src"), Kind.URL,
                    "the script would run: no `type`, a JavaScript MIME type, `module`, `importmap`,"
                            + " `speculationrules`, or a `language` naming JavaScript"),
            new Row(List.of("script"), Space.SVG, List.of("href", "xlink:href", "src"), Kind.URL, "as in HTML"),
            new Row(List.of("iframe"), Space.HTML, List.of("src"), Kind.URL, ""),
            new Row(List.of("iframe"), Space.HTML, List.of("srcdoc"), Kind.HTML, ""),
            new Row(List.of("frame"), Space.HTML, List.of("src"), Kind.URL, ""),
            new Row(List.of("img", "image"), Space.HTML, List.of("src"), Kind.URL, "`<image>` is `<img>` in HTML"),
            new Row(List.of("img", "image", "source"), Space.HTML, List.of("srcset"), Kind.SRCSET, ""),
            new Row(List.of("image"), Space.SVG, List.of("href", "xlink:href", "src"), Kind.URL, ""),
            new Row(List.of("image"), Space.SVG, List.of("srcset"), Kind.SRCSET, ""),
            new Row(List.of("source", "audio", "track"), Space.HTML, List.of("src"), Kind.URL, ""),
            new Row(List.of("video"), Space.HTML, List.of("src", "poster"), Kind.URL, ""),
            new Row(List.of("input"), Space.HTML, List.of("src"), Kind.URL, "loads for `type=image`"),
            new Row(List.of("input", "button"), Space.HTML, List.of("formaction"), Kind.URL, "on submit"),
            new Row(List.of("form"), Space.HTML, List.of("action"), Kind.URL, "on submit, also by script"),
            new Row(List.of("embed"), Space.HTML, List.of("src"), Kind.URL, ""),
            new Row(List.of("object"), Space.HTML, List.of("data"), Kind.URL, ""),
            new Row(List.of("link"), Space.HTML, List.of("href"), Kind.URL,
                    "`rel` has a token that loads: `stylesheet`, `preload`, `modulepreload`, `prefetch`,"
                            + " `preconnect`, `dns-prefetch`, `prerender`, `icon`, `manifest`,"
                            + " `compression-dictionary`"),
            new Row(List.of("link"), Space.HTML, List.of("imagesrcset"), Kind.SRCSET, "as for `href`"),
            new Row(List.of("meta"), Space.HTML, List.of("content"), Kind.REFRESH, "`http-equiv=refresh`"),
            new Row(List.of("base"), Space.HTML, List.of("href"), Kind.URL, "fetches nothing itself, but the first"
                    + " one outside `<template>` is the base of every relative URL of the page, also of URLs before"
                    + " it: a denied one is gated, so nothing resolves against it"),
            new Row(List.of("a", "area"), Space.HTML, List.of("ping"), Kind.URL_LIST, "on click"),
            new Row(List.of("body", "table", "thead", "tbody", "tfoot", "tr", "td", "th"), Space.HTML,
                    List.of("background"), Kind.URL, ""),
            new Row(List.of("feimage", "use"), Space.SVG, List.of("href", "xlink:href"), Kind.URL, ""),
            new Row(List.of("set", "animate"), Space.SVG, List.of("to", "from", "values", "by"), Kind.SMIL,
                    "`attributeName` is `href` or `xlink:href`"),
            new Row(List.of("*"), Space.ANY, List.of("style"), Kind.CSS, ""),
            new Row(List.of("*"), Space.ANY, List.of("on*"), Kind.SCRIPT, "every event-handler attribute"),
            new Row(List.of("*"), Space.SVG, List.of("*"), Kind.CSS,
                    "any attribute of an SVG or MathML element whose value has `url(`"));

    /** {@code KIND[space][tag code][attribute id]}: the kind's ordinal + 1, or 0 when nothing loads. */
    private static final byte[][][] KIND = build();
    /** Kind ordinal + 1 of any attribute of a foreign element whose value has {@code url(}. */
    static final int FOREIGN_URL_FUNCTION = Kind.CSS.ordinal() + 1;

    private FetchTable() {
    }

    /** What attribute {@code attrId} of the element {@code code} loads, or null. */
    static @Nullable Kind kind(boolean html, int code, int attrId) {
        int k = KIND[html ? 0 : 1][code][attrId];
        return k == 0 ? null : Kind.values()[k - 1];
    }

    private static byte[][][] build() {
        byte[][][] t = new byte[2][Tags.TAG_NAMES.length][AttrNames.COUNT];
        for (Row row : ROWS) {
            for (String element : row.elements()) {
                for (String attribute : row.attributes()) {
                    if (attribute.equals("*")) {
                        continue;
                    }
                    int id = attribute.equals("on*") ? AttrNames.EVENT_HANDLER : indexOf(AttrNames.NAMES, attribute);
                    for (int space = 0; space < 2; space++) {
                        if (row.space() == Space.HTML && space == 1 || row.space() == Space.SVG && space == 0) {
                            continue;
                        }
                        for (int code = 0; code < Tags.TAG_NAMES.length; code++) {
                            if (element.equals("*") || element.equals(Tags.tagName(code, false))) {
                                t[space][code][id] = (byte) (row.kind().ordinal() + 1);
                            }
                        }
                    }
                }
            }
        }
        return t;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("the fetch table names an attribute without an id: " + name);
    }

    /** The table as Markdown, as it appears in the documentation. */
    static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| element | namespace | attributes | holding | when |\n");
        sb.append("| --- | --- | --- | --- | --- |\n");
        for (Row row : ROWS) {
            sb.append("| ").append(row.elements().stream().map(e -> e.equals("*") ? "every element" : "`<" + e + ">`")
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(row.space().name().toLowerCase(Locale.ROOT).replace("svg", "SVG, MathML")
                            .replace("html", "HTML").replace("any", "any"))
                    .append(" | ").append(row.attributes().stream().map(a -> a.equals("*") ? "any" : "`" + a + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(row.kind().text)
                    .append(" | ").append(row.when()).append(" |\n");
        }
        return sb.toString();
    }
}
