package org.consent4j.servlet;

import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.decision.Signals;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.internal.json.StrictJson;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.records.ConsentRecord;
import org.consent4j.servlet.csp.ContentSecurityPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The consent endpoints: {@code GET}, {@code POST} and {@code DELETE} on the prefix, and
 * {@code GET /.well-known/gpc.json}. Other paths under the prefix are left to the banner (when on) or
 * the application.
 */
final class ConsentEndpoints {

    static final String GPC_JSON = "/.well-known/gpc.json";
    private static final String JSON_TYPE = "application/json;charset=UTF-8";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private final FilterCore core;
    private final String prefix;
    private final SubjectAccess subjectAccess;

    ConsentEndpoints(FilterCore core) {
        this.core = core;
        this.prefix = core.config.prefix();
        this.subjectAccess = new SubjectAccess(core);
    }

    /** Whether this request is for an endpoint. */
    boolean handles(String uri, String context) {
        int offset = uri.startsWith(context) ? context.length() : 0;
        int length = uri.length() - offset;
        return length == prefix.length() && uri.startsWith(prefix, offset)
                || length == GPC_JSON.length() && uri.startsWith(GPC_JSON, offset)
                || SubjectAccess.handles(uri, offset, prefix);
    }

    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context.isEmpty() || !uri.startsWith(context) ? uri : uri.substring(context.length());
    }

    void handle(HttpServletRequest request, GatedResponse response, ConsentContext context) throws IOException {
        String method = request.getMethod();
        if (path(request).equals(GPC_JSON)) {
            if (method.equals("GET") || method.equals("HEAD")) {
                gpcJson(response);
            } else {
                notAllowed(response, "GET, HEAD");
            }
            return;
        }
        if (path(request).equals(prefix + SubjectAccess.PATH)) {
            subjectAccess.handle(request, response, context);
            return;
        }
        switch (method) {
            case "GET", "HEAD" -> {
                core.recordGpcOptOut(request, context, response);
                core.expireRefused(request, context, context.visitorQuietly(), response);
                writeState(request, response, 200, context.visitorQuietly(), context.subjectIdQuietly());
            }
            case "POST", "DELETE" -> write(request, response, context);
            case "OPTIONS" -> {
                response.setHeader("Allow", "GET, HEAD, POST, DELETE, OPTIONS");
                response.setStatus(204);
            }
            default -> notAllowed(response, "GET, HEAD, POST, DELETE, OPTIONS");
        }
    }

    private void write(HttpServletRequest request, GatedResponse response, ConsentContext context) throws IOException {
        Optional<String> refusal = CrossSite.refusal(request, core.config.allowedOrigins());
        if (refusal.isPresent()) {
            core.counters.crossSiteRefused.increment();
            error(response, 403, refusal.get());
            return;
        }
        if (!core.rateLimiter.admit(request, response)) {
            return;
        }
        Catalog catalog = core.engine.catalog();
        boolean form = false;
        ChoiceRequest choice;
        try {
            if (request.getMethod().equals("DELETE")) {
                choice = ChoiceRequest.withdrawal(catalog);
            } else {
                String type = request.getContentType();
                String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (mime.equals("application/json")) {
                    choice = ChoiceRequest.fromJson(body(request), catalog);
                } else if (mime.equals(FORM_TYPE)) {
                    form = true;
                    choice = ChoiceRequest.fromForm(body(request), charset(request), catalog);
                } else {
                    throw new BadRequest(415, type == null
                            ? "missing Content-Type: send application/json or " + FORM_TYPE
                            : "unsupported Content-Type '" + CookieInventory.printable(clip(type))
                            + "': send application/json or " + FORM_TYPE);
                }
            }
        } catch (BadRequest e) {
            core.counters.badRequests.increment();
            error(response, e.status(), Objects.requireNonNullElse(e.getMessage(), "bad request"));
            return;
        }

        VisitorConsent before = context.visitorQuietly();
        Jurisdiction jurisdiction = before.jurisdiction();
        Instant now = core.engine.clock().instant();
        ConsentState state = new ConsentState(choice.categories(), choice.services(), now, catalog.revision(), jurisdiction.code(),
                choice.method(), before.signals().gpc()).withRevisionsOf(catalog);
        String subject = FilterCore.subjectFor(context);
        String value = core.codec.encode(new ConsentCookie(subject, state));
        ConsentRecord record = core.recordBuilder(request, subject, now, jurisdiction)
                .catalogRevision(catalog.revision()).categories(choice.categories()).services(choice.services()).method(choice.method())
                .gpc(before.signals().gpc()).locale(choice.locale()).textsHash(choice.textsHash()).build();
        if (!core.archiveTexts(choice.textsHash()) || !core.append(record)) {
            error(response, 503, "the choice could not be recorded, so it was not saved; please try again");
            return;
        }
        core.counters.choicesRecorded.increment();
        response.addOwnCookie(core.cookies.consentCookie(value, jurisdiction.maxChoiceAge()));
        VisitorConsent after = core.engine.evaluate(jurisdiction, Signals.of(before.signals().gpc()), Optional.of(state));
        ConsentContext afterContext = new ConsentContext(after, subject, context.locationQuietly());
        core.attachIab(afterContext, request);
        request.setAttribute(ConsentContext.ATTRIBUTE, afterContext);
        core.expireRefused(request, context, after, response);

        String accept = request.getHeader("Accept");
        if (form && (accept == null || !accept.toLowerCase(Locale.ROOT).contains("application/json"))) {
            String referer = request.getHeader("Referer");
            String target = referer != null && CrossSite.sameOrigin(referer, request, core.config.allowedOrigins())
                    ? referer : request.getContextPath() + "/";
            response.setHeader("Cache-Control", "no-store");
            response.setStatus(303);
            response.setHeader("Location", target);
            return;
        }
        writeState(request, response, 200, after, subject);
    }

    private byte[] body(HttpServletRequest request) throws BadRequest, IOException {
        int limit = core.config.maxBody();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new BadRequest(413, "request body of " + declared + " bytes is larger than the limit of " + limit + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buffer = new byte[1024];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > limit) {
                    throw new BadRequest(413, "request body is larger than the limit of " + limit + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static Charset charset(HttpServletRequest request) throws BadRequest {
        String name = request.getCharacterEncoding();
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new BadRequest(415, "unsupported charset '" + CookieInventory.printable(clip(name)) + "': send UTF-8");
        }
    }

    private void writeState(HttpServletRequest request, HttpServletResponse response, int status,
                            VisitorConsent visitor, String subject) throws IOException {
        IabPage iab = core.iab;
        // Made once per distinct decision and cached.
        String iabJson = iab == null ? null : iab.json(visitor, core.language(request));
        send(response, status, state(core.engine.catalog().inventory().catalog(), visitor, subject, core.csp, iabJson),
                "no-store");
    }

    /** The body of GET {prefix} for this visitor and subject id, as UTF-8 JSON. */
    byte[] state(VisitorConsent visitor, String subject) throws IOException {
        return state(core.engine.catalog().inventory().catalog(), visitor, subject, core.csp);
    }

    /** The body of GET {prefix} for a visitor of this catalog and a subject id, as UTF-8 JSON. */
    static byte[] state(Catalog catalog, VisitorConsent visitor, String subject) throws IOException {
        return state(catalog, visitor, subject, null);
    }

    /**
     * The body of GET {prefix} for a visitor of this catalog and a subject id, as UTF-8 JSON, with the
     * mode and key of the visitor's consent-derived policy when there is one ({@code "csp": {"mode":
     * "enforce", "key": "…"}}): the banner reloads after a choice that changes an enforced policy.
     */
    static byte[] state(Catalog catalog, VisitorConsent visitor, String subject, @Nullable ContentSecurityPolicy csp)
            throws IOException {
        return state(catalog, visitor, subject, csp, null);
    }

    /**
     * The body of GET {prefix}, with the visitor's IAB signals as the page APIs read them ({@code "iab":
     * {"gpp": …, "tcString": …, "usPrivacy": …, "parsedSections": …}}) when the site has them on.
     */
    static byte[] state(Catalog catalog, VisitorConsent visitor, String subject, @Nullable ContentSecurityPolicy csp,
                        @Nullable String iabJson) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        Jurisdiction j = visitor.jurisdiction();
        try (JsonGenerator g = StrictJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("jurisdiction", j.code());
            g.writeStringField("regime", j.regime().name());
            g.writeArrayFieldStart("laws");
            for (String law : j.laws()) {
                g.writeString(law);
            }
            g.writeEndArray();
            g.writeBooleanField("gpc", visitor.signals().gpc());
            g.writeBooleanField("gpcHonoured", j.gpcHonoured());
            g.writeStringField("revision", catalog.revision());
            g.writeBooleanField("needsPrompt", visitor.needsPrompt());
            g.writeStringField("subject", subject);
            Optional<ConsentState> state = visitor.state();
            if (state.isPresent()) {
                g.writeObjectFieldStart("choice");
                g.writeStringField("method", state.get().method().name());
                g.writeStringField("decidedAt", state.get().decidedAt().toString());
                g.writeBooleanField("gpc", state.get().gpc());
                g.writeEndObject();
            } else {
                g.writeNullField("choice");
            }
            g.writeArrayFieldStart("categories");
            for (Category c : catalog.categories()) {
                Decision d = visitor.category(c.id());
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeBooleanField("required", c.required());
                g.writeStringField("decision", d.verdict());
                g.writeStringField("reason", d.reason().code());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("services");
            for (Service s : catalog.services()) {
                Decision d = visitor.service(s.id());
                g.writeStartObject();
                g.writeStringField("id", s.id());
                g.writeStringField("category", s.category());
                g.writeStringField("decision", d.verdict());
                g.writeStringField("reason", d.reason().code());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (csp != null) {
                g.writeObjectFieldStart("csp");
                g.writeStringField("mode", csp.mode().text());
                g.writeStringField("key", csp.key(visitor));
                g.writeEndObject();
            }
            if (iabJson != null) {
                g.writeFieldName("iab");
                g.writeRawValue(iabJson);
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private void gpcJson(HttpServletResponse response) throws IOException {
        byte[] body = ("{\"gpc\":true,\"lastUpdate\":\"" + core.gpcLastUpdate + "\"}").getBytes(StandardCharsets.UTF_8);
        send(response, 200, body, "public, max-age=86400");
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = StrictJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        }
        send(response, status, out.toByteArray(), "no-store");
    }

    private static void notAllowed(HttpServletResponse response, String allow) throws IOException {
        response.setHeader("Allow", allow);
        error(response, 405, "method not allowed here; use " + allow);
    }

    private static void send(HttpServletResponse response, int status, byte[] body, String cacheControl) throws IOException {
        response.setStatus(status);
        response.setContentType(JSON_TYPE);
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
