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
import static org.consent4j.html.Tags.ascii;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.consent4j.core.catalog.Service;
import org.jspecify.annotations.Nullable;

/**
 * The element rules: which start tags the gate captures, how a captured element is attributed to a
 * service (author annotation, URL host, inline script text), and the insertions that make it inert.
 * Also keeps what the document's markup says about reading it: the first {@code <base href>} and a
 * {@code <meta charset>}. Not thread-safe: one per page.
 */
final class ElementRules {

    private static final byte[] A_GATED = ascii("data-consent-gated");
    private static final byte[] A_CATEGORY = ascii("data-consent-category");
    private static final byte[] A_SERVICE = ascii("data-consent-service");
    private static final byte[] A_TYPE = ascii("type");
    private static final byte[] A_LANGUAGE = ascii("language");
    private static final byte[] A_SRC = ascii("src");
    private static final byte[] A_SRCSET = ascii("srcset");
    private static final byte[] A_HREF = ascii("href");
    private static final byte[] A_XLINK_HREF = ascii("xlink:href");
    private static final byte[] A_DATA = ascii("data");
    private static final byte[] A_REL = ascii("rel");
    private static final byte[] A_IMAGESRCSET = ascii("imagesrcset");
    private static final byte[] A_SRCDOC = ascii("srcdoc");
    private static final byte[] A_CHARSET = ascii("charset");
    private static final byte[] A_HTTP_EQUIV = ascii("http-equiv");
    private static final byte[] A_CONTENT = ascii("content");
    private static final byte[] PREFIX = ascii("data-consent-");

    private static final byte[][] SCRIPT_URLS = {A_SRC};
    private static final byte[][] SVG_SCRIPT_URLS = {A_HREF, A_XLINK_HREF, A_SRC};
    private static final byte[][] IMG_URLS = {A_SRC, A_SRCSET};
    private static final byte[][] SVG_IMAGE_URLS = {A_HREF, A_XLINK_HREF, A_SRC, A_SRCSET};
    private static final byte[][] SRC_URLS = {A_SRC};
    private static final byte[][] OBJECT_URLS = {A_DATA};
    private static final byte[][] LINK_URLS = {A_HREF, A_IMAGESRCSET};

    private final HtmlGate gate;
    private final GatePolicy policy;
    private final GateListener listener;
    private final RewriteBuffer buffer;
    private final TagAttributes attrs;

    private Charset charset;
    private boolean sniffCharset;
    private @Nullable String baseHost;
    private boolean baseSeen;

    ElementRules(HtmlGate gate, GatePolicy policy, GateListener listener, RewriteBuffer buffer, TagAttributes attrs,
                 @Nullable Charset declared) {
        this.gate = gate;
        this.policy = policy;
        this.listener = listener;
        this.buffer = buffer;
        this.attrs = attrs;
        this.sniffCharset = declared == null;
        this.charset = declared == null ? Charset.forName("windows-1252") : declared;
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

    /** Whether the gate must hold the start tag of an element with this code, starting at {@code offset}. */
    boolean captures(int code, long offset) {
        return switch (code) {
            case T_SCRIPT, T_IFRAME, T_IMG, T_IMAGE, T_LINK, T_EMBED, T_OBJECT, T_SOURCE -> true;
            case T_BASE -> !baseSeen;
            case T_META -> sniffCharset && offset < 1024;
            default -> false;
        };
    }

    /** Whether an over-long tag of this code is worth a warning (it is an element that may load). */
    static boolean reportsUnchecked(int code) {
        return code != T_BASE && code != T_META;
    }

    /**
     * Decides a captured start tag (contiguous in the buffer); queues the insertions that gate it.
     * Returns true when it is an inline script whose text must be read first.
     *
     * @param tagNameEnd where the tag name ends, from the capture's start
     */
    boolean decide(int code, boolean html, boolean svgScript, int tagNameEnd) {
        buffer.clearInsertions();
        switch (code) {
            case T_BASE -> {
                if (html) {
                    readBase();
                }
                return false;
            }
            case T_META -> {
                readMetaCharset();
                return false;
            }
            default -> {
            }
        }
        if (attrs.find(A_GATED) >= 0) {
            return false;
        }
        byte[][] urls;
        switch (code) {
            case T_SCRIPT -> {
                if (!executable()) {
                    return false;
                }
                urls = svgScript ? SVG_SCRIPT_URLS : SCRIPT_URLS;
            }
            case T_IMG -> urls = IMG_URLS;
            case T_IMAGE -> urls = html ? IMG_URLS : SVG_IMAGE_URLS;
            case T_IFRAME, T_EMBED -> urls = SRC_URLS;
            case T_OBJECT -> urls = OBJECT_URLS;
            case T_SOURCE -> urls = IMG_URLS;
            case T_LINK -> {
                if (!loadingLink()) {
                    return false;
                }
                urls = LINK_URLS;
            }
            default -> {
                return false;
            }
        }
        String element = Tags.tagName(code, html);
        if (annotated(code, element, urls, tagNameEnd)) {
            return false;
        }
        boolean hasUrl = false;
        for (byte[] urlAttr : urls) {
            for (int k = 0; k < attrs.count(); k++) {
                if (!attrs.nameIs(k, urlAttr)) {
                    continue;
                }
                hasUrl = true;
                String value = value(k);
                if (urlAttr == A_SRCSET || urlAttr == A_IMAGESRCSET) {
                    String[] found = new String[1];
                    Urls.srcsetUrls(value, u -> {
                        if (found[0] == null && deniedHost(u) != null) {
                            found[0] = u;
                        }
                    });
                    if (found[0] != null && gateByHost(code, element, urls, found[0], tagNameEnd)) {
                        return false;
                    }
                } else if (gateByHost(code, element, urls, value, tagNameEnd)) {
                    return false;
                }
            }
        }
        return code == T_SCRIPT && !hasUrl;
    }

    /**
     * Attributes an inline script by its text {@code a[from, to)} and queues the insertions that gate
     * it when the policy denies what it names.
     */
    void decideInline(byte[] a, int from, int to, boolean svg, int tagNameEnd) {
        List<InlineMatcher.Hit> hits = gate.inline().scan(a, from, to);
        buffer.clearInsertions();
        for (InlineMatcher.Hit hit : hits) {
            Service s = hit.service();
            if (!gate.required(s.category()) && !policy.allowsService(s.id())) {
                gate(T_SCRIPT, "script", svg ? SVG_SCRIPT_URLS : SCRIPT_URLS, s.id(), s.category(),
                        hit.attribution(), hit.evidence(), s, tagNameEnd);
                break;
            }
        }
    }

    private boolean gateByHost(int code, String element, byte[][] urls, String url, int tagNameEnd) {
        String host = Urls.host(url, baseHost);
        if (host == null) {
            return false;
        }
        Service service = deniedService(host);
        if (service == null) {
            return false;
        }
        gate(code, element, urls, service.id(), service.category(), GatedElement.Attribution.HOST, host, service,
                tagNameEnd);
        return true;
    }

    private @Nullable String deniedHost(String url) {
        String host = Urls.host(url, baseHost);
        return host != null && deniedService(host) != null ? host : null;
    }

    private @Nullable Service deniedService(String host) {
        Optional<Service> service = gate.catalog().serviceForHost(host);
        if (service.isEmpty() || gate.required(service.get().category())) {
            return null;
        }
        return policy.allowsService(service.get().id()) ? null : service.get();
    }

    /** Applies the author's annotation, if any. Returns true when the annotation decided the element. */
    private boolean annotated(int code, String element, byte[][] urls, int tagNameEnd) {
        int ci = attrs.find(A_CATEGORY);
        int si = attrs.find(A_SERVICE);
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
            gate(code, element, urls, serviceId, gatedCategory, GatedElement.Attribution.ANNOTATION, evidence, service,
                    tagNameEnd);
        }
        return true;
    }

    /** Queues the insertions that gate the captured element and tells the listener. */
    private void gate(int code, String element, byte[][] urls, String serviceId, String categoryId,
                      GatedElement.Attribution attribution, String evidence, @Nullable Service service,
                      int tagNameEnd) {
        buffer.clearInsertions();
        StringBuilder marker = new StringBuilder(120);
        if (code == T_SCRIPT) {
            marker.append(" type=\"text/plain\"");
        }
        marker.append(" data-consent-gated data-consent-category=\"").append(Entities.escapeAttribute(categoryId))
                .append("\" data-consent-service=\"").append(Entities.escapeAttribute(serviceId)).append('"');
        if (code == T_IFRAME && gate.iframePlaceholders() && attrs.find(A_SRCDOC) < 0) {
            marker.append(" data-consent-placeholder srcdoc=\"")
                    .append(Entities.escapeAttribute(gate.placeholder(service, categoryId))).append('"');
        }
        buffer.insert(tagNameEnd, marker.toString().getBytes(StandardCharsets.US_ASCII));
        for (int k = 0; k < attrs.count(); k++) {
            boolean rename = code == T_SCRIPT && attrs.nameIs(k, A_TYPE);
            for (byte[] u : urls) {
                rename |= attrs.nameIs(k, u);
            }
            if (rename) {
                buffer.insert(attrs.nameStart(k), PREFIX);
            }
        }
        listener.gated(new GatedElement(element, serviceId, categoryId, attribution, evidence,
                buffer.captureStart()));
    }

    private String value(int k) {
        return attrs.value(k, charset);
    }

    private boolean executable() {
        int t = attrs.find(A_TYPE);
        String type;
        if (t >= 0) {
            type = value(t);
        } else {
            int l = attrs.find(A_LANGUAGE);
            if (l < 0) {
                return true;
            }
            String language = value(l);
            if (language.isEmpty()) {
                return true;
            }
            type = "text/" + language;
        }
        return javaScriptType(type);
    }

    private boolean loadingLink() {
        int r = attrs.find(A_REL);
        if (r < 0) {
            return false;
        }
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
                     "prerender", "icon" -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    private void readBase() {
        int h = attrs.find(A_HREF);
        if (h < 0) {
            return;
        }
        baseSeen = true;
        String host = Urls.host(value(h), null);
        if (host != null) {
            baseHost = host;
        }
    }

    private void readMetaCharset() {
        String label = null;
        int c = attrs.find(A_CHARSET);
        if (c >= 0) {
            label = value(c);
        } else {
            int he = attrs.find(A_HTTP_EQUIV);
            int co = attrs.find(A_CONTENT);
            if (he >= 0 && co >= 0 && value(he).trim().equalsIgnoreCase("content-type")) {
                label = Charsets.charsetParameter(value(co));
            }
        }
        if (label != null) {
            Charset cs = Charsets.forLabel(label);
            if (cs != null) {
                charset = cs;
                sniffCharset = false;
            }
        }
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
