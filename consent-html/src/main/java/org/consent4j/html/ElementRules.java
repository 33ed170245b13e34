package org.consent4j.html;

import static org.consent4j.html.Tags.T_BASE;
import static org.consent4j.html.Tags.T_EMBED;
import static org.consent4j.html.Tags.T_IFRAME;
import static org.consent4j.html.Tags.T_IMAGE;
import static org.consent4j.html.Tags.T_IMG;
import static org.consent4j.html.Tags.T_LINK;
import static org.consent4j.html.Tags.T_META;
import static org.consent4j.html.Tags.T_OBJECT;
import static org.consent4j.html.Tags.T_SCRIPT;
import static org.consent4j.html.Tags.T_SOURCE;
import static org.consent4j.html.Tags.T_STYLE;
import static org.consent4j.html.Tags.ascii;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.jspecify.annotations.Nullable;

/**
 * The element rules: which start tags the gate captures, how a captured element is attributed to a
 * service (author annotation, URL host, inline script text), and the insertions that make it inert.
 * Also keeps what the document's markup says about reading it: the first {@code <base href>} and a
 * {@code <meta charset>}. Not thread-safe: one per page.
 */
final class ElementRules {

    private static final byte[] PREFIX = ascii("data-consent-");

    /** How deep nested documents ({@code srcdoc}, {@code data:} URLs) are read before they count as unreadable. */
    static final int MAX_DEPTH = 3;

    private final HtmlGate gate;
    private final GatePolicy policy;
    private final int depth;
    private int[] ids = new int[16];
    private FetchTable.Kind[] kinds = new FetchTable.Kind[16];
    private @Nullable Boolean allowsEverything;
    /** How the text of the inline element being read is checked: script, CSS, or URLs only. */
    private FetchTable.Kind textKind = FetchTable.Kind.SCRIPT;
    private final GateListener listener;
    /** The element whose URLs are being checked, for {@link GateListener#url}. */
    private String currentElement = "";
    private final RewriteBuffer buffer;
    private final TagAttributes attrs;

    private Charset charset;
    /** Whether the encoding is still a guess (no byte order mark, Content-Type or {@code <meta charset>} yet). */
    private boolean sniffCharset;
    /** Whether Java decodes the encoding only approximately: non-ASCII characters cannot be trusted. */
    private boolean approximate;
    /**
     * Whether markup named an encoding the gate cannot read on bytes (ISO-2022-JP) after reading began: a
     * browser re-decodes the whole page with it, so from here on every element that fetches is gated.
     */
    private boolean undecodable;
    private @Nullable String baseHost;
    private boolean baseSeen;
    /** How many HTML {@code <template>} elements are open. */
    private int templateDepth;
    /** Whether the page is XHTML: marker attributes then carry an empty value, as XML requires. */
    private boolean xml;

    ElementRules(HtmlGate gate, GatePolicy policy, GateListener listener, RewriteBuffer buffer, TagAttributes attrs,
                 Encodings.@Nullable Encoding declared, int depth) {
        this.gate = gate;
        this.depth = depth;
        this.policy = policy;
        this.listener = listener;
        this.buffer = buffer;
        this.attrs = attrs;
        this.sniffCharset = declared == null;
        this.charset = declared == null ? Encodings.WINDOWS_1252.charset() : declared.charset();
        this.approximate = declared != null && declared.approximate();
    }

    /** An HTML {@code <template>} opens (true) or closes (false). */
    void template(boolean open) {
        if (open) {
            templateDepth++;
        } else if (templateDepth > 0) {
            templateDepth--;
        }
    }

    /** Whether an HTML {@code <template>} is open. */
    boolean inTemplate() {
        return templateDepth > 0;
    }

    /** Writes marker attributes with an empty value ({@code =""}), for XHTML. */
    void xml(boolean xml) {
        this.xml = xml;
    }

    GateListener listener() {
        return listener;
    }

    /** The charset attribute values are decoded with. */
    Charset charset() {
        return charset;
    }

    /** Sets the charset from a byte order mark: markup can no longer change it. */
    void charsetFromBom(Charset cs) {
        this.charset = cs;
        this.sniffCharset = false;
    }

    /** Whether the gate must hold the start tag of an element with this code: every element may fetch. */
    boolean captures(int code, long offset) {
        return true;
    }

    /** Whether an over-long tag of this code is worth a warning (it is an element that may load). */
    static boolean reportsUnchecked(int code) {
        return code != T_BASE && code != T_META;
    }

    /** Whether the visitor allows every service and category of the catalog (computed once, when asked). */
    boolean allowsEverything() {
        if (allowsEverything == null) {
            boolean all = true;
            for (Service s : gate.catalog().services()) {
                all &= gate.required(s.category()) || policy.allowsService(s.id());
            }
            for (Category c : gate.catalog().categories()) {
                all &= c.required() || policy.allowsCategory(c.id());
            }
            allowsEverything = all;
        }
        return allowsEverything;
    }

    /** Why an element is gated: the service (or the author's id), the category, and the evidence. */
    private record Finding(String serviceId, String categoryId, GatedElement.Attribution attribution,
                           String evidence, @Nullable Service service) {

        static Finding of(Service s, GatedElement.Attribution attribution, String evidence) {
            return new Finding(s.id(), s.category(), attribution, evidence, s);
        }
    }

    /**
     * Decides a captured start tag (contiguous in the buffer); queues the insertions that gate it.
     * Returns true when it is an inline script or style whose text must be read first.
     *
     * @param tagNameEnd where the tag name ends, from the capture's start
     */
    boolean decide(int code, boolean html, boolean svgScript, int tagNameEnd) {
        buffer.clearInsertions();
        int n = attrs.count();
        if (ids.length < n) {
            ids = new int[Math.max(n, ids.length * 2)];
            kinds = new FetchTable.Kind[ids.length];
        }
        int gated = -1;
        int category = -1;
        int service = -1;
        int type = -1;
        int language = -1;
        int rel = -1;
        int httpEquiv = -1;
        int attributeName = -1;
        int charsetAttr = -1;
        int content = -1;
        int href = -1;
        boolean anyFetch = false;
        boolean hasSrc = false;
        long seen = 0;
        for (int k = 0; k < n; k++) {
            int id = attrs.id(k);
            ids[k] = id;
            kinds[k] = null;
            boolean first = (seen & 1L << id) == 0; // browsers keep the first of duplicate attributes
            seen |= 1L << id;
            switch (first ? id : AttrNames.OTHER) {
                case AttrNames.GATED -> gated = k;
                case AttrNames.CATEGORY -> category = k;
                case AttrNames.SERVICE -> service = k;
                case AttrNames.TYPE -> type = k;
                case AttrNames.LANGUAGE -> language = k;
                case AttrNames.REL -> rel = k;
                case AttrNames.HTTP_EQUIV -> httpEquiv = k;
                case AttrNames.ATTRIBUTENAME -> attributeName = k;
                case AttrNames.CHARSET -> charsetAttr = k;
                case AttrNames.CONTENT -> content = k;
                case AttrNames.HREF -> href = k;
                default -> {
                }
            }
            FetchTable.Kind kind = FetchTable.kind(html, code, id);
            if (kind == null && !html && id == AttrNames.OTHER && attrs.rawContainsUrlFunction(k)) {
                kind = FetchTable.Kind.CSS;
            }
            kinds[k] = kind;
        }
        if (code == T_BASE && html) {
            // the document's base URL is the first <base href> in the tree: one inside <template> is not in it
            if (!baseSeen && href >= 0 && templateDepth == 0) {
                readBase(href);
            }
        } else if (code == T_META && html && sniffCharset) {
            // early (the prescan of the first 1024 bytes) or late (the tree builder's "change the encoding",
            // which makes a browser decode the page again): either way what follows is read in it
            readMetaCharset(charsetAttr, httpEquiv, content);
        }
        boolean inline = false;
        textKind = FetchTable.Kind.SCRIPT;
        if (code == T_SCRIPT) {
            boolean runs = executable(type, language);
            boolean urlsOnly = runs && type >= 0 && dataScript(value(type));
            if (!runs || urlsOnly) {
                clearKinds(n, AttrNames.SRC, AttrNames.HREF, AttrNames.XLINK_HREF);
            }
            if (urlsOnly) {
                textKind = FetchTable.Kind.URL_LIST; // an import map or speculation rules: the hosts they name
            }
            for (int k = 0; k < n; k++) {
                hasSrc |= kinds[k] == FetchTable.Kind.URL;
            }
            inline = runs && !hasSrc;
        } else if (code == T_STYLE && html) {
            inline = type < 0 || cssType(value(type));
            textKind = FetchTable.Kind.CSS;
        } else if (code == T_LINK && (rel < 0 || !loadingLink(rel))) {
            clearKinds(n, AttrNames.HREF, AttrNames.IMAGESRCSET);
        } else if (code == T_META && (httpEquiv < 0 || !value(httpEquiv).strip().equalsIgnoreCase("refresh"))) {
            clearKinds(n, AttrNames.CONTENT);
        } else if ((code == Tags.T_SET || code == Tags.T_ANIMATE) && !html && (attributeName < 0
                || !value(attributeName).strip().matches("(?i)(xlink:)?href"))) {
            clearKinds(n, AttrNames.TO, AttrNames.FROM, AttrNames.VALUES, AttrNames.BY);
        }
        for (int k = 0; k < n; k++) {
            anyFetch |= kinds[k] != null;
        }
        String element = Tags.tagName(code, html);
        currentElement = element;
        if (undecodable && (anyFetch || inline || html && fetchingElement(code))) {
            Finding u = unreadable("a page whose markup names an encoding the gate cannot read");
            if (u != null) {
                gate(code, html, element, u, tagNameEnd);
                return false;
            }
        }
        boolean annotation = gated < 0 && (category >= 0 || service >= 0);
        if (!anyFetch && !inline && !(annotation && html && fetchingElement(code))) {
            return false;
        }
        Finding found = null;
        for (int k = 0; k < n; k++) {
            if (kinds[k] == null) {
                continue;
            }
            Finding f;
            if (kinds[k] == FetchTable.Kind.CSS && !attrs.rawMayHoldCssUrl(k)) {
                f = null; // no url(), image-set(), @import or reference: loads nothing
            } else if (kinds[k] == FetchTable.Kind.SCRIPT && attrs.rawIsText(k)) {
                int base = buffer.capBase();
                int vs = attrs.valueFrom(k);
                int ve = attrs.valueTo(k);
                f = vs < 0 || ve < vs ? null : checkText(buffer.capArray(), base + vs, base + ve);
            } else {
                f = check(kinds[k], value(k));
            }
            if (f == null && (kinds[k] == FetchTable.Kind.CSS || kinds[k] == FetchTable.Kind.SCRIPT)) {
                kinds[k] = null; // CSS and event handlers are renamed only when they load a denied service
            }
            if (found == null) {
                found = f;
            }
        }
        boolean stillFetches = inline || html && fetchingElement(code);
        for (int k = 0; k < n; k++) {
            stillFetches |= kinds[k] != null;
        }
        if (annotation && stillFetches && annotated(code, html, element, tagNameEnd, category, service)) {
            return false;
        }
        if (found == null && inline && code == T_SCRIPT && !html) {
            // An SVG script's content is markup, not script data: its text is not held to be read.
            found = unreadable("an SVG script's inline text");
            inline = false;
        }
        if (found != null) {
            gate(code, html, element, found, tagNameEnd);
            return false;
        }
        return inline;
    }

    private static boolean fetchingElement(int code) {
        return switch (code) {
            case T_IFRAME, T_IMG, T_IMAGE, T_EMBED, T_OBJECT, T_SOURCE, Tags.T_VIDEO, Tags.T_AUDIO, Tags.T_TRACK,
                 Tags.T_FRAME -> true;
            default -> false;
        };
    }

    private void clearKinds(int n, int... ofIds) {
        for (int k = 0; k < n; k++) {
            for (int id : ofIds) {
                if (ids[k] == id) {
                    kinds[k] = null;
                }
            }
        }
    }

    /** What denies a value of this kind, or null when the policy allows all it loads. */
    private @Nullable Finding check(FetchTable.Kind kind, String value) {
        switch (kind) {
            case URL -> {
                return checkUrl(value);
            }
            case SRCSET -> {
                Finding[] found = new Finding[1];
                Urls.srcsetUrls(value, u -> {
                    if (found[0] == null) {
                        found[0] = checkUrl(u);
                    }
                });
                return found[0];
            }
            case URL_LIST -> {
                for (String u : value.split("[\\t\\n\\f\\r ]+")) {
                    Finding f = u.isEmpty() ? null : checkUrl(u);
                    if (f != null) {
                        return f;
                    }
                }
                return null;
            }
            case SMIL -> {
                for (String u : value.split(";")) {
                    Finding f = checkUrl(u);
                    if (f != null) {
                        return f;
                    }
                }
                return null;
            }
            case REFRESH -> {
                String url = refreshUrl(value);
                return url == null ? null : checkUrl(url);
            }
            case CSS -> {
                Finding[] found = new Finding[1];
                Css.urls(value, u -> {
                    if (found[0] == null) {
                        found[0] = checkUrl(u);
                    }
                });
                return found[0];
            }
            case SCRIPT -> {
                return checkText(value);
            }
            case HTML -> {
                return checkDocument(value);
            }
            default -> throw new IllegalStateException("fetch kind " + kind);
        }
    }

    /** The URL of a meta refresh's content ({@code 5; url='...'}), or null (WHATWG HTML "shared declarative refresh steps"). */
    static @Nullable String refreshUrl(String content) {
        String c = content.strip();
        int i = 0;
        while (i < c.length() && (Character.isDigit(c.charAt(i)) || c.charAt(i) == '.')) {
            i++;
        }
        while (i < c.length() && (c.charAt(i) <= ' ' || c.charAt(i) == ';' || c.charAt(i) == ',')) {
            i++;
        }
        String rest = c.substring(i);
        if (rest.regionMatches(true, 0, "url", 0, 3)) {
            int j = 3;
            while (j < rest.length() && rest.charAt(j) <= ' ') {
                j++;
            }
            if (j < rest.length() && rest.charAt(j) == '=') {
                rest = rest.substring(j + 1).strip();
            }
        }
        if (!rest.isEmpty() && (rest.charAt(0) == '"' || rest.charAt(0) == '\'')) {
            int close = rest.indexOf(rest.charAt(0), 1);
            rest = close < 0 ? rest.substring(1) : rest.substring(1, close);
        }
        return rest.isEmpty() ? null : rest;
    }

    /** A URL: its host, or, for {@code data:} and {@code javascript:} URLs, what they hold. */
    private @Nullable Finding checkUrl(String url) {
        String u = Urls.strip(url);
        if (u.regionMatches(true, 0, "javascript:", 0, 11)) {
            return checkText(Urls.percentDecode(u.substring(11)));
        }
        if (u.regionMatches(true, 0, "data:", 0, 5)) {
            return checkDataUrl(u.substring(5));
        }
        if ((sniffCharset || approximate) && !Urls.hostIsAscii(u)) {
            // its characters depend on an encoding the gate does not know for sure
            Finding f = unreadable("a host with non-ASCII characters in a page whose encoding is not certain");
            if (f != null) {
                return f;
            }
        }
        String host = Urls.host(u, baseHost);
        if (host == null) {
            return null;
        }
        if (host.equals(HostNames.UNDECIDABLE)) {
            return unreadable("a host with code points this Java runtime does not know");
        }
        Service s = deniedService(host, Urls.path(u));
        return s == null ? null : Finding.of(s, GatedElement.Attribution.HOST, host);
    }

    /**
     * {@code s} without the characters of the regular expression class {@code \s} (space, tab, line
     * feed, vertical tab, form feed, carriage return), copied only when it has any.
     */
    static String withoutSpaces(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c >= '\t' && c <= '\r') {
                StringBuilder b = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char d = s.charAt(j);
                    if (!(d == ' ' || d >= '\t' && d <= '\r')) {
                        b.append(d);
                    }
                }
                return b.toString();
            }
        }
        return s;
    }

    private @Nullable Finding checkDataUrl(String rest) {
        int comma = rest.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String type = rest.substring(0, comma).toLowerCase(Locale.ROOT);
        String body = rest.substring(comma + 1);
        String text;
        if (type.strip().endsWith(";base64")) {
            try {
                byte[] bytes = Base64.getMimeDecoder().decode(withoutSpaces(Urls.percentDecode(body)));
                text = new String(bytes, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return unreadable("a data: URL whose base64 cannot be decoded");
            }
        } else {
            text = Urls.percentDecode(body);
        }
        if (type.contains("html") || type.contains("svg") || type.contains("xml")) {
            return checkDocument(text);
        }
        return checkText(text);
    }

    /** Script or CSS text: the catalog hosts and loader calls it names. */
    private @Nullable Finding checkText(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return checkText(b, 0, b.length);
    }

    private @Nullable Finding checkText(byte[] b, int from, int to) {
        for (InlineMatcher.Hit hit : gate.inline().scan(b, from, to)) {
            Service s = hit.service();
            if (!gate.required(s.category()) && !policy.allowsService(s.id())) {
                return Finding.of(s, hit.attribution(), hit.evidence());
            }
        }
        return null;
    }

    /** A nested document ({@code srcdoc}, a {@code data:} URL): gated with the same policy, one level deeper. */
    private @Nullable Finding checkDocument(String html) {
        if (depth >= MAX_DEPTH) {
            return unreadable("a document nested more than " + MAX_DEPTH + " levels deep");
        }
        GatedElement[] first = new GatedElement[1];
        GateListener inner = new GateListener() {
            @Override
            public void gated(GatedElement e) {
                if (first[0] == null) {
                    first[0] = e;
                }
            }

            @Override
            public void unchecked(String element, long offset, String reason) {
            }
        };
        try (HtmlRewriter nested = new HtmlRewriter(gate, policy, inner, OutputStream.nullOutputStream(),
                StandardCharsets.UTF_8, null, depth + 1)) {
            nested.write(html.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GatedElement e = first[0];
        if (e == null) {
            return null;
        }
        Service s = gate.catalog().service(e.serviceId()).orElse(null);
        return new Finding(e.serviceId(), e.categoryId(), e.attribution(), e.evidence(), s);
    }

    /** Something that cannot be read: denied unless the visitor allows everything. */
    private @Nullable Finding unreadable(String why) {
        return allowsEverything() ? null
                : new Finding("", HtmlGate.UNCLASSIFIED, GatedElement.Attribution.UNREADABLE, why, null);
    }

    /**
     * Attributes an inline script or style by its text {@code a[from, to)} and queues the insertions
     * that gate it when the policy denies what it names.
     */
    void decideInline(int code, byte[] a, int from, int to, boolean svg, int tagNameEnd) {
        buffer.clearInsertions();
        Finding found = null;
        if (textKind == FetchTable.Kind.CSS) {
            found = check(FetchTable.Kind.CSS, new String(a, from, to - from, charset));
        } else {
            for (InlineMatcher.Hit hit : gate.inline().scan(a, from, to)) {
                Service s = hit.service();
                if ((textKind == FetchTable.Kind.SCRIPT || hit.attribution() == GatedElement.Attribution.INLINE_HOST)
                        && !gate.required(s.category()) && !policy.allowsService(s.id())) {
                    found = Finding.of(s, hit.attribution(), hit.evidence());
                    break;
                }
            }
        }
        if (found != null) {
            gate(code, !svg, Tags.tagName(code, !svg), found, tagNameEnd);
        }
    }

    /** Script types whose text is data that names URLs, not code: import maps and speculation rules. */
    private static boolean dataScript(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        return t.equals("importmap") || t.equals("speculationrules");
    }

    /**
     * Gates a start tag or inline text that is too long to read, unless the visitor allows everything.
     * Returns whether it did.
     */
    boolean decideUnreadable(int code, boolean html, int tagNameEnd, String why, boolean readAttributes) {
        buffer.clearInsertions();
        Finding f = unreadable(why);
        if (f == null) {
            return false;
        }
        if (!readAttributes) {
            gate(code, html, Tags.tagName(code, html), f, tagNameEnd);
            return true;
        }
        int n = attrs.count();
        if (ids.length < n) {
            ids = new int[Math.max(n, ids.length * 2)];
            kinds = new FetchTable.Kind[ids.length];
        }
        for (int k = 0; k < n; k++) {
            ids[k] = attrs.idAnywhere(k);
            kinds[k] = renamedWhenUnreadable(code, html, ids[k]);
        }
        gate(code, html, Tags.tagName(code, html), f, tagNameEnd);
        return true;
    }

    static byte[] prefix() {
        return PREFIX;
    }

    /** Whether an attribute with this id is renamed when its element is gated unread (as it streams past). */
    boolean renamedUnread(int code, boolean html, int id) {
        return renamedWhenUnreadable(code, html, id) != null
                || id == AttrNames.TYPE && (code == T_SCRIPT || code == T_STYLE && html);
    }

    /** Whether an attribute with this id is renamed when its element is gated unread. */
    FetchTable.@Nullable Kind renamedWhenUnreadable(int code, boolean html, int id) {
        FetchTable.Kind kind = FetchTable.kind(html, code, id);
        if (kind == null && (id == AttrNames.SRC || id == AttrNames.HREF || id == AttrNames.XLINK_HREF
                || id == AttrNames.SRCSET || id == AttrNames.DATA)) {
            kind = FetchTable.Kind.URL;
        }
        return kind;
    }

    /**
     * The marker block of a start tag gated unread as it streams past (its name too long to hold), and
     * tells the listener; an empty block when the visitor allows everything.
     */
    byte[] unreadableMarker(int code, boolean html, long offset, String why) {
        Finding f = unreadable(why);
        if (f == null) {
            return new byte[0];
        }
        listener.gated(new GatedElement(Tags.tagName(code, html), f.serviceId(), f.categoryId(), f.attribution(),
                f.evidence(), offset));
        return marker(code, html, f.serviceId(), f.categoryId(), null, false);
    }

    /** The marker block that gates an element, as inserted after its name. */
    byte[] marker(int code, boolean html, String serviceId, String categoryId, @Nullable Service service,
                  boolean placeholder) {
        StringBuilder marker = new StringBuilder(120);
        if (code == T_SCRIPT || code == T_STYLE && html) {
            marker.append(" type=\"text/plain\"");
        }
        marker.append(xml ? " data-consent-gated=\"\" data-consent-category=\"" : " data-consent-gated data-consent-category=\"").append(Entities.escapeAttribute(categoryId))
                .append("\" data-consent-service=\"").append(Entities.escapeAttribute(serviceId)).append('"');
        if (placeholder) {
            marker.append(xml ? " data-consent-placeholder=\"\" srcdoc=\"" : " data-consent-placeholder srcdoc=\"")
                    .append(Entities.escapeAttribute(gate.placeholder(service, categoryId))).append('"');
        }
        return marker.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Applies the author's annotation. Returns true when the annotation decided the element. */
    private boolean annotated(int code, boolean html, String element, int tagNameEnd, int ci, int si) {
        String category = ci >= 0 ? value(ci).trim().toLowerCase(Locale.ROOT) : "";
        String serviceId = si >= 0 ? value(si).trim().toLowerCase(Locale.ROOT) : "";
        if (category.isEmpty() && serviceId.isEmpty()) {
            return false;
        }
        if (!category.isEmpty() && gate.required(category)) {
            return true;
        }
        Service service = serviceId.isEmpty() ? null : gate.catalog().service(serviceId).orElse(null);
        boolean allowed;
        String gatedCategory;
        if (service != null) {
            if (category.isEmpty() && gate.required(service.category())) {
                return true;
            }
            gatedCategory = category.isEmpty() ? service.category() : category;
            allowed = policy.allowsService(service.id()) && (category.isEmpty() || policy.allowsCategory(category));
        } else if (!serviceId.isEmpty()) {
            gatedCategory = category.isEmpty() ? HtmlGate.UNCLASSIFIED : category;
            allowed = category.isEmpty() ? policy.allowsService(serviceId) : policy.allowsCategory(category);
        } else {
            gatedCategory = category;
            allowed = policy.allowsCategory(category);
        }
        if (!allowed) {
            String evidence = (category.isEmpty() ? "" : "data-consent-category=" + category)
                    + (category.isEmpty() || serviceId.isEmpty() ? "" : " ")
                    + (serviceId.isEmpty() ? "" : "data-consent-service=" + serviceId);
            gate(code, html, element, new Finding(serviceId, gatedCategory, GatedElement.Attribution.ANNOTATION,
                    evidence, service), tagNameEnd);
        }
        return true;
    }

    /** Queues the insertions that gate the captured element and tells the listener. */
    private void gate(int code, boolean html, String element, Finding f, int tagNameEnd) {
        buffer.clearInsertions();
        boolean placeholder = code == T_IFRAME && gate.iframePlaceholders();
        int n = attrs.count();
        for (int k = 0; k < n; k++) {
            if (ids[k] == AttrNames.SRCDOC && kinds[k] == null) {
                placeholder = false; // the author's srcdoc stays, so no placeholder
            }
        }
        buffer.insert(tagNameEnd, marker(code, html, f.serviceId(), f.categoryId(), f.service(), placeholder));
        boolean typed = code == T_SCRIPT || code == T_STYLE && html;
        for (int k = 0; k < n; k++) {
            if (kinds[k] != null || typed && ids[k] == AttrNames.TYPE) {
                buffer.insert(attrs.nameStart(k), PREFIX);
            }
        }
        listener.gated(new GatedElement(element, f.serviceId(), f.categoryId(), f.attribution(), f.evidence(),
                buffer.captureStart()));
    }

    private @Nullable Service deniedService(String host, String path) {
        Optional<Service> service = gate.catalog().serviceForHost(host, path);
        listener.url(currentElement, host, path, service);
        if (service.isEmpty()) {
            return policy.allowsUnknownHost(host) ? null : gate.unknownHost();
        }
        if (gate.required(service.get().category())) {
            return null;
        }
        return policy.allowsService(service.get().id()) ? null : service.get();
    }

    private String value(int k) {
        return attrs.value(k, charset);
    }

    private boolean executable(int t, int l) {
        String type;
        if (t >= 0) {
            type = value(t);
        } else {
            if (l < 0) {
                return true;
            }
            String language = value(l);
            if (language.isEmpty()) {
                return true;
            }
            type = "text/" + language;
        }
        String essence = type.strip().toLowerCase(Locale.ROOT);
        return javaScriptType(type) || essence.equals("importmap") || essence.equals("speculationrules");
    }

    /** Whether a style element of this type applies (WHATWG HTML: empty or {@code text/css}). */
    private static boolean cssType(String type) {
        String t = type.strip();
        return t.isEmpty() || t.equalsIgnoreCase("text/css");
    }

    private boolean loadingLink(int r) {
        String rel = value(r).toLowerCase(Locale.ROOT);
        int i = 0;
        int n = rel.length();
        while (i < n) {
            while (i < n && rel.charAt(i) <= ' ') {
                i++;
            }
            int start = i;
            while (i < n && rel.charAt(i) > ' ') {
                i++;
            }
            switch (rel.substring(start, i)) {
                case "stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
                     "prerender", "icon", "manifest", "compression-dictionary" -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    private void readBase(int h) {
        baseSeen = true;
        String host = Urls.host(value(h), null);
        if (host != null) {
            baseHost = host;
        }
    }

    private void readMetaCharset(int c, int he, int co) {
        String label = null;
        if (c >= 0) {
            label = value(c);
        } else if (he >= 0 && co >= 0 && value(he).trim().equalsIgnoreCase("content-type")) {
            label = Charsets.charsetParameter(value(co));
        }
        Encodings.Encoding e = label == null ? null : Encodings.forMetaLabel(label);
        if (e == null || e.reading() == Encodings.Reading.NOTHING) {
            return; // unknown: ignored; replacement: a browser shows nothing, so gating on is harmless
        }
        sniffCharset = false;
        if (e.reading() == Encodings.Reading.TRANSCODED) {
            undecodable = true;
            gate.warnUndecodable(e.name());
            return;
        }
        charset = e.charset();
        approximate = e.approximate();
    }

    /**
     * Whether a script of this type runs: empty, {@code module}, or a JavaScript MIME type (WHATWG
     * HTML "JavaScript MIME type essence match"). Parameters are ignored, so a script that a browser
     * might refuse for them is still treated as running.
     */
    static boolean javaScriptType(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        if (semi >= 0) {
            t = t.substring(0, semi).strip();
        }
        return switch (t) {
            case "", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
                 "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
                 "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
                 "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
                 "text/x-javascript" -> true;
            default -> false;
        };
    }
}
