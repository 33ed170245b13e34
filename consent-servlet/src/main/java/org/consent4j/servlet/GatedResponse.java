package org.consent4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response the application writes to: the {@code Set-Cookie} gate, the cache headers of
 * consent-dependent responses, and the body seam for the HTML gate.
 *
 * <p>Every way to set a cookie goes through the gate: {@link #addCookie}, {@link #addHeader} and
 * {@link #setHeader} with any spelling of {@code Set-Cookie} (and the int and date variants). An
 * admitted value is passed on unchanged; a refused one is dropped. The filter's own cookies (the
 * consent cookie, expiries of refused cookies) are added at once and added again after
 * {@link #reset()} or {@code setHeader("Set-Cookie", …)} wiped them, so they cannot be lost.
 *
 * <p>Once the response is known to depend on the visitor's consent (a cookie was set or refused, the
 * filter added its own cookies, the content is HTML, or server code asked the {@link ConsentContext}),
 * {@code Vary} or {@code Cache-Control: private} is added if the response is not yet committed, and
 * kept through {@code reset()} and later {@code setHeader} calls.
 */
final class GatedResponse extends HttpServletResponseWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(GatedResponse.class);
    static final String SET_COOKIE = "Set-Cookie";
    static final String CONTENT_LENGTH = "Content-Length";

    private final ConsentContext context;
    private final CookieGate gate;
    private final CacheMode cacheMode;
    private final List<String> varyNames;
    private final String varyValue;
    private final String path;
    private final BodyTransformer transformer;
    private final List<Cookie> own = new ArrayList<>(2);
    /** Headers of the filter's own, as name and value pairs; null until there is one. */
    private @Nullable List<String> ownHeaders;
    private boolean dependent;
    private final HttpServletRequest request;
    private @Nullable ServletOutputStream stream;
    private @Nullable PrintWriter writer;
    private boolean finished;
    /** A Content-Length the application set while the body could still be rewritten; -1 for none. */
    private long heldLength = -1;
    /** The charset of the writer handed out; fixed from then on. */
    private @Nullable Charset writerCharset;

    GatedResponse(HttpServletRequest request, HttpServletResponse response, ConsentContext context, CookieGate gate,
                  CacheMode cacheMode, List<String> varyNames, String varyValue, String path, BodyTransformer transformer) {
        super(response);
        this.request = request;
        this.context = context;
        this.gate = gate;
        this.cacheMode = cacheMode;
        this.varyNames = varyNames;
        this.varyValue = varyValue;
        this.path = path;
        this.transformer = transformer;
        context.onFirstUse(this::markDependent);
    }

    // ---- the filter's own cookies -------------------------------------------------------------

    /** Adds a cookie of the filter's own (never gated) and keeps it through resets. */
    void addOwnCookie(Cookie cookie) {
        own.add(cookie);
        super.addCookie(cookie);
        markDependent();
    }

    /**
     * Adds a header of the filter's own (the consent-derived CSP), which a later {@code setHeader} of the
     * same name by the application cannot remove. A {@code reset()} forgets it: the body is decided again.
     */
    void addOwnHeader(String name, String value) {
        if (ownHeaders == null) {
            ownHeaders = new ArrayList<>(4);
        }
        ownHeaders.add(name);
        ownHeaders.add(value);
        super.addHeader(name, value);
    }

    /** Whether headers of the filter's own were added since the last {@code reset()}. */
    boolean hasOwnHeaders() {
        return ownHeaders != null;
    }

    private void restoreOwnHeaders(String name) {
        List<String> headers = ownHeaders;
        if (headers != null) {
            for (int i = 0; i < headers.size(); i += 2) {
                if (headers.get(i).equalsIgnoreCase(name)) {
                    super.addHeader(headers.get(i), headers.get(i + 1));
                }
            }
        }
    }

    private void restoreOwnCookies() {
        for (Cookie c : own) {
            super.addCookie(c);
        }
    }

    // ---- the Set-Cookie gate ------------------------------------------------------------------

    @Override
    public void addCookie(Cookie cookie) {
        markDependent();
        if (gate.admits(cookie.getName(), cookie.getMaxAge() == 0, context.visitorQuietly(), path)) {
            super.addCookie(cookie);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (SET_COOKIE.equalsIgnoreCase(name)) {
            markDependent();
            if (value != null && gate.admitsHeader(value, context.visitorQuietly(), path)) {
                super.addHeader(name, value);
            }
            return;
        }
        if (CONTENT_LENGTH.equalsIgnoreCase(name) && holdLength(value)) {
            return;
        }
        super.addHeader(name, value);
        afterHeader(name);
    }

    @Override
    public void setHeader(String name, String value) {
        if (SET_COOKIE.equalsIgnoreCase(name)) {
            markDependent();
            if (value != null && gate.admitsHeader(value, context.visitorQuietly(), path)) {
                super.setHeader(name, value);
            } else {
                super.setHeader(name, null);
            }
            restoreOwnCookies();
            return;
        }
        if (CONTENT_LENGTH.equalsIgnoreCase(name) && holdLength(value)) {
            return;
        }
        super.setHeader(name, value);
        restoreOwnHeaders(name);
        afterHeader(name);
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (SET_COOKIE.equalsIgnoreCase(name)) {
            addHeader(name, Integer.toString(value));
        } else if (!(CONTENT_LENGTH.equalsIgnoreCase(name) && holdLength(Integer.toString(value)))) {
            super.addIntHeader(name, value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (SET_COOKIE.equalsIgnoreCase(name)) {
            setHeader(name, Integer.toString(value));
        } else if (!(CONTENT_LENGTH.equalsIgnoreCase(name) && holdLength(Integer.toString(value)))) {
            super.setIntHeader(name, value);
        }
    }

    @Override
    public void addDateHeader(String name, long date) {
        if (SET_COOKIE.equalsIgnoreCase(name)) {
            addHeader(name, httpDate(date));
        } else {
            super.addDateHeader(name, date);
        }
    }

    @Override
    public void setDateHeader(String name, long date) {
        if (SET_COOKIE.equalsIgnoreCase(name)) {
            setHeader(name, httpDate(date));
        } else {
            super.setDateHeader(name, date);
        }
    }

    @Override
    public void setTrailerFields(Supplier<Map<String, String>> supplier) {
        super.setTrailerFields(() -> {
            Map<String, String> fields = new LinkedHashMap<>(supplier.get());
            fields.keySet().removeIf(SET_COOKIE::equalsIgnoreCase);
            return fields;
        });
    }

    @Override
    public void setContentLength(int len) {
        setContentLengthLong(len);
    }

    @Override
    public void setContentLengthLong(long len) {
        if (!holdLength(Long.toString(len))) {
            super.setContentLengthLong(len);
        }
    }

    /** Holds back a Content-Length while the body may be rewritten; true when it was held. */
    private boolean holdLength(@Nullable String value) {
        if (transformer == BodyTransformer.NONE || !transformer.mayRewrite(request, this, stream)) {
            return false;
        }
        try {
            heldLength = value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            heldLength = -1;
        }
        return true;
    }

    /** The Content-Length the application set and the response holds back, or -1. */
    long heldContentLength() {
        return heldLength;
    }

    /** The body passes through unchanged: the Content-Length held back, if any, applies after all. */
    void releaseContentLength() {
        if (heldLength >= 0 && !isCommitted()) {
            super.setContentLengthLong(heldLength);
        }
        heldLength = -1;
    }

    /** The body is rewritten: no Content-Length, not even one set before it could be held back. */
    void dropContentLength() {
        heldLength = -1;
        if (!isCommitted() && getHeader(CONTENT_LENGTH) != null) {
            super.setContentLengthLong(-1);
            if (getHeader(CONTENT_LENGTH) != null) {
                super.setHeader(CONTENT_LENGTH, null);
            }
        }
    }

    /** The container clears its buffer for an error page: what the gate holds goes with it. */
    @Override
    public void sendError(int sc, String msg) throws IOException {
        discardHeld();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        discardHeld();
        super.sendError(sc);
    }

    /** The container clears its buffer for a redirect: what the gate holds goes with it. */
    @Override
    public void sendRedirect(String location) throws IOException {
        discardHeld();
        super.sendRedirect(location);
    }

    private void discardHeld() {
        if (!isCommitted() && stream instanceof GatedBodyStream gated) {
            gated.restart();
        }
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        if (stream instanceof GatedBodyStream gated) {
            gated.restart();
        }
    }

    @Override
    public void reset() {
        super.reset();
        if (stream instanceof GatedBodyStream gated) {
            gated.restart();
        }
        heldLength = -1;
        stream = null;
        writer = null;
        ownHeaders = null;
        writerCharset = null;
        restoreOwnCookies();
        if (dependent) {
            applyCacheHeaders();
        }
    }

    @Override
    public void setContentType(String type) {
        super.setContentType(type);
        if (writerCharset != null && type != null) {
            // The writer's charset is fixed (Servlet 6 §5.6): a charset in the new type does not apply.
            super.setCharacterEncoding(writerCharset.name());
        }
        if (!dependent && type != null && isHtml(type)) {
            markDependent();
        }
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (writerCharset == null) {
            super.setCharacterEncoding(charset);
        }
    }

    @Override
    public void setLocale(Locale locale) {
        super.setLocale(locale);
        if (writerCharset != null) {
            super.setCharacterEncoding(writerCharset.name());
        }
    }

    /** The charset of the writer handed out, or null while none was. */
    @Nullable Charset writerCharset() {
        return writerCharset;
    }

    private void afterHeader(String name) {
        if (!dependent) {
            if ("Content-Type".equalsIgnoreCase(name)) {
                checkHtml();
            }
            return;
        }
        if (cacheMode == CacheMode.VARY && "Vary".equalsIgnoreCase(name)
                || cacheMode == CacheMode.PRIVATE && "Cache-Control".equalsIgnoreCase(name)) {
            applyCacheHeaders();
        }
    }

    // ---- cache headers ------------------------------------------------------------------------

    /** Marks the response as depending on the visitor's consent and adds the cache headers. */
    void markDependent() {
        if (!dependent) {
            dependent = true;
            applyCacheHeaders();
        }
    }

    private void checkHtml() {
        if (!dependent) {
            String type = getContentType();
            if (type != null && isHtml(type)) {
                markDependent();
            }
        }
    }

    private static boolean isHtml(String type) {
        return HtmlBodyTransformer.isMarkup(type);
    }

    private void applyCacheHeaders() {
        if (isCommitted()) {
            LOG.debug("response on {} already committed: cannot add cache headers for its consent-dependent content", path);
            return;
        }
        if (cacheMode == CacheMode.VARY) {
            mergeVary();
        } else {
            mergePrivate();
        }
    }

    private void mergeVary() {
        if (!containsHeader("Vary")) {
            super.addHeader("Vary", varyValue);
            return;
        }
        Collection<String> present = getHeaders("Vary");
        StringBuilder missing = null;
        for (String name : varyNames) {
            if (present.isEmpty() || !hasToken(present, name)) {
                if (missing == null) {
                    missing = new StringBuilder(48);
                } else {
                    missing.append(", ");
                }
                missing.append(name);
            }
        }
        if (missing != null && (present.isEmpty() || !hasToken(present, "*"))) {
            super.addHeader("Vary", missing.toString());
        }
    }

    /** Whether a comma-separated header value lists {@code token} (case-insensitive). */
    private static boolean hasToken(Collection<String> values, String token) {
        for (String value : values) {
            int i = 0;
            while (i <= value.length()) {
                int end = value.indexOf(',', i);
                if (end < 0) {
                    end = value.length();
                }
                int s = i;
                int e = end;
                while (s < e && value.charAt(s) == ' ') {
                    s++;
                }
                while (e > s && value.charAt(e - 1) == ' ') {
                    e--;
                }
                if (e - s == token.length() && value.regionMatches(true, s, token, 0, token.length())) {
                    return true;
                }
                i = end + 1;
            }
        }
        return false;
    }

    private void mergePrivate() {
        List<String> directives = new ArrayList<>();
        for (String value : getHeaders("Cache-Control")) {
            for (String d : value.split(",")) {
                String t = d.trim();
                if (!t.isEmpty()) {
                    directives.add(t);
                }
            }
        }
        for (String d : directives) {
            String lower = d.toLowerCase(Locale.ROOT);
            if (lower.equals("private") || lower.equals("no-store")) {
                return;
            }
        }
        directives.removeIf(d -> {
            String lower = d.toLowerCase(Locale.ROOT);
            return lower.equals("public") || lower.startsWith("s-maxage");
        });
        directives.add("private");
        super.setHeader("Cache-Control", String.join(", ", directives));
    }

    // ---- the body seam ------------------------------------------------------------------------

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        checkHtml();
        if (transformer == BodyTransformer.NONE) {
            return super.getOutputStream();
        }
        if (writer != null) {
            throw new IllegalStateException("getWriter() was already called on this response");
        }
        return transformedStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        checkHtml();
        if (transformer == BodyTransformer.NONE) {
            return super.getWriter();
        }
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() was already called on this response");
            }
            String encoding = getCharacterEncoding();
            Charset charset = Charset.forName(encoding);
            // The container's own getWriter() fixes its encoding and names it in the Content-Type
            // (Jetty's charset=utf-8, Tomcat's ISO-8859-1): it never sees this one, so do the same.
            super.setCharacterEncoding(encoding);
            writerCharset = charset;
            writer = new PrintWriter(new OutputStreamWriter(transformedStream(), charset), false);
        }
        return writer;
    }

    private ServletOutputStream transformedStream() throws IOException {
        if (stream == null) {
            stream = transformer.wrap(super.getOutputStream(), request, this, context);
        }
        return stream;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        } else if (stream != null) {
            stream.flush();
        }
        super.flushBuffer();
    }

    /** Lets a body rewriter flush what it holds back; called once when the request completes. */
    void finish() {
        finishThen(null);
    }

    /**
     * Like {@link #finish()}, then runs {@code then}: at once, or, in non-blocking mode, once the
     * container took the last bytes (an async {@code complete()} must not overtake them).
     */
    void finishThen(@Nullable Runnable then) {
        tagNotModified();
        if (finished || transformer == BodyTransformer.NONE) {
            if (then != null) {
                then.run();
            }
            return;
        }
        finished = true;
        try {
            if (writer != null) {
                writer.flush();
            }
            if (stream instanceof GatedBodyStream gated) {
                gated.closeThen(then);
                then = null;
            } else if (writer != null) {
                writer.close();
            } else if (stream != null) {
                stream.close();
            }
        } catch (IOException e) {
            LOG.debug("could not finish the response body on {}: {}", path, e.toString());
        }
        if (then != null) {
            then.run();
        }
    }

    /**
     * The one place for headers that depend on the visitor's decision and on how the body is
     * rewritten: called once per gated body, before its first byte reaches the container (so before
     * the filter commits the response). In this order: adds the transformer's
     * {@linkplain GatedHtmlHeaders headers} (the consent-derived policy, which chooses the request's
     * CSP nonce), makes the head markup (which carries that nonce) unless {@code skipReason} keeps it
     * out, adds to {@code Vary} what the head markup depended on, and makes an application
     * {@code ETag} name this rewritten body, not the application's.
     *
     * @param skipReason the request header that keeps the head markup out, "" for the request
     *                   attribute, or null when it is injected
     * @return the head markup to inject, empty for none
     */
    String beforeGatedBody(HttpServletRequest request, ConsentContext context, HtmlBodyTransformer transformer,
                           @Nullable String skipReason) {
        transformer.headers().add(request, this, context);
        String markup = skipReason == null ? transformer.headMarkup().markup(request, context) : "";
        varyAndTag(!markup.isEmpty() && transformer.languageDependent(), skipReason,
                GatedBodyStream.variant(context, markup));
        return markup;
    }

    /**
     * @param languageVaried whether the injected markup depends on {@code Accept-Language}
     * @param skipReason     the request header that kept the head markup out, "" for the request
     *                       attribute, or null when it was injected
     * @param variant        a short name of what the rewritten body depends on (the policy and the markup)
     */
    private void varyAndTag(boolean languageVaried, @Nullable String skipReason, String variant) {
        if (isCommitted()) {
            return;
        }
        if (cacheMode == CacheMode.VARY) {
            if (languageVaried) {
                addVary("Accept-Language");
            }
            if (skipReason != null && !skipReason.isEmpty()) {
                addVary(skipReason);
            }
        }
        String etag = getHeader("ETag");
        if (etag != null) {
            super.setHeader("ETag", variantTag(etag, variant));
        }
    }

    /** The variant of this request's gated body, once a conditional request needed it; else null. */
    private @Nullable String conditionalVariant;
    private boolean conditionalLanguage;
    private @Nullable String conditionalSkip;

    /**
     * The {@code If-None-Match} value the application sees: each entity tag this filter suffixed
     * ({@code "abc-c4j<variant>"}) becomes the application's own ({@code "abc"}) when it names the
     * body this visitor would get now, and is left out when it names another (other decisions,
     * language or markup), so the application's {@code 304} means what it says. Other tags pass as
     * they are; null when none is left.
     */
    @Nullable String conditionalTags(@Nullable String value) {
        if (value == null || !value.contains("-c4j") || !(transformer instanceof HtmlBodyTransformer html)) {
            return value;
        }
        String variant = conditionalVariant;
        if (variant == null) {
            String skip = html.skipReason(request);
            // No headers are added here: a 304 keeps the stored response's policy (and nonce).
            String markup = skip == null ? html.headMarkup().markup(request, context) : "";
            variant = GatedBodyStream.variant(context, markup);
            conditionalVariant = variant;
            conditionalLanguage = !markup.isEmpty() && html.languageDependent();
            conditionalSkip = skip;
        }
        String suffix = "-c4j" + variant + '"';
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int start = i;
            int open = value.startsWith("W/\"", i) ? i + 2 : c == '"' ? i : -1;
            int end;
            if (open < 0) {
                end = value.indexOf(',', i);
                end = end < 0 ? n : end;
            } else {
                int close = value.indexOf('"', open + 1);
                end = close < 0 ? n : close + 1;
            }
            String tag = value.substring(start, end).trim();
            i = end;
            int mark = tag.lastIndexOf("-c4j");
            if (open >= 0 && mark > open - start && tag.endsWith("\"") && isHex(tag, mark + 4, tag.length() - 1)) {
                if (!tag.endsWith(suffix)) {
                    continue; // a body gated for another visitor state: not the one this response would be
                }
                tag = tag.substring(0, mark) + '"';
            }
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(tag);
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A {@code 304} the application answered to a tag this filter had suffixed names the gated body
     * the client holds: it gets the same suffix (and Vary), so the client's stored response matches it.
     */
    private void tagNotModified() {
        String variant = conditionalVariant;
        if (variant == null || getStatus() != SC_NOT_MODIFIED || isCommitted()) {
            return;
        }
        String etag = getHeader("ETag");
        if (etag != null && !etag.contains("-c4j")) {
            varyAndTag(conditionalLanguage, conditionalSkip, variant);
        }
    }

    /** {@code "abc"} becomes {@code "abc-c4j<variant>"}, {@code W/"abc"} becomes {@code W/"abc-c4j<variant>"}. */
    static String variantTag(String etag, String variant) {
        String t = etag.trim();
        int close = t.lastIndexOf('"');
        if (t.length() >= 2 && close > 0 && close == t.length() - 1) {
            return t.substring(0, close) + "-c4j" + variant + '"';
        }
        return "W/\"" + "c4j" + variant + '"';
    }

    private void addVary(String name) {
        Collection<String> present = getHeaders("Vary");
        if (!present.isEmpty() && (hasToken(present, name) || hasToken(present, "*"))) {
            return;
        }
        super.addHeader("Vary", name);
    }

    void watchAsync(AsyncContext async) {
        if (transformer == BodyTransformer.NONE) {
            return;
        }
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                finish();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
    }

    private static String httpDate(long epochMillis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC));
    }

    boolean dependent() {
        return dependent;
    }
}
