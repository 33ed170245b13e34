package org.consent4j.records;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.internal.json.StrictJson;
import org.consent4j.core.jurisdiction.Regime;

/**
 * The canonical JSON form of log entries, version 1 (documented in docs/records.md).
 *
 * <p>A line is {@code {"v":1,"seq":N,"prev":"<hex>",<body>,"hash":"<hex>"}} where the body's fields come
 * in a fixed order, maps are sorted by key, and nothing is omitted. The hash is SHA-256 over the UTF-8
 * bytes of the same line without its hash field: {@code {"v":1,"seq":N,"prev":"<hex>",<body>}}.
 */
final class EntryCodec {

    static final int VERSION = 1;
    static final String GENESIS = "0".repeat(64);

    static final String CONSENT = "consent";
    static final String ERASURE = "erasure";
    static final String RETENTION = "retention";

    private static final List<String> CONSENT_FIELDS = List.of("v", "seq", "prev", "type", "id", "ts", "subject",
            "jurisdiction", "regime", "laws", "revision", "categories", "services", "method", "signals", "locale",
            "textsHash", "clientAddress", "userAgent", "hash");
    private static final List<String> ERASURE_FIELDS = List.of("v", "seq", "prev", "type", "id", "ts",
            "subjectDigest", "removed", "hash");
    private static final List<String> RETENTION_FIELDS = List.of("v", "seq", "prev", "type", "id", "ts", "cutoff",
            "anchorSeq", "anchorPrev", "removed", "hash");

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(EntryCodec::sha256);

    private EntryCodec() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // ---------------------------------------------------------------------------------------- writing

    /** The body of a consent entry: its fields between {@code prev} and {@code hash}, without braces. */
    static byte[] body(ConsentRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384 + r.userAgent().length());
        try (JsonGenerator g = StrictJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("type", CONSENT);
            g.writeStringField("id", r.id().toString());
            g.writeStringField("ts", r.timestamp().toString());
            g.writeStringField("subject", r.subjectId());
            g.writeStringField("jurisdiction", r.jurisdiction());
            g.writeStringField("regime", r.regime().name());
            g.writeArrayFieldStart("laws");
            for (String law : r.laws()) {
                g.writeString(law);
            }
            g.writeEndArray();
            g.writeStringField("revision", r.catalogRevision());
            writeChoices(g, "categories", r.categories());
            writeChoices(g, "services", r.services());
            g.writeStringField("method", r.method().name());
            g.writeObjectFieldStart("signals");
            g.writeBooleanField("gpc", r.gpc());
            g.writeEndObject();
            g.writeStringField("locale", r.locale());
            g.writeStringField("textsHash", r.textsHash());
            g.writeStringField("clientAddress", r.clientAddress());
            g.writeStringField("userAgent", r.userAgent());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write consent record " + r.id() + " as JSON", e);
        }
        return strip(out);
    }

    static byte[] body(ErasureMarker m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 160 * m.removed().size());
        try (JsonGenerator g = StrictJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("type", ERASURE);
            g.writeStringField("id", m.id().toString());
            g.writeStringField("ts", m.timestamp().toString());
            g.writeStringField("subjectDigest", m.subjectDigest());
            g.writeArrayFieldStart("removed");
            for (RemovedEntry e : m.removed()) {
                g.writeStartObject();
                g.writeNumberField("seq", e.seq());
                g.writeStringField("prev", e.prev());
                g.writeStringField("hash", e.hash());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write erasure marker as JSON", e);
        }
        return strip(out);
    }

    static byte[] body(RetentionMarker m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = StrictJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("type", RETENTION);
            g.writeStringField("id", m.id().toString());
            g.writeStringField("ts", m.timestamp().toString());
            g.writeStringField("cutoff", m.cutoff().toString());
            g.writeNumberField("anchorSeq", m.anchorSeq());
            g.writeStringField("anchorPrev", m.anchorPrev());
            g.writeNumberField("removed", m.removed());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write retention marker as JSON", e);
        }
        return strip(out);
    }

    static byte[] body(Object payload) {
        if (payload instanceof ConsentRecord r) {
            return body(r);
        } else if (payload instanceof ErasureMarker m) {
            return body(m);
        } else if (payload instanceof RetentionMarker m) {
            return body(m);
        }
        throw new IllegalArgumentException("not a log entry payload: " + payload.getClass().getName());
    }

    private static void writeChoices(JsonGenerator g, String name, Map<String, Choice> choices) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Choice> e : choices.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue().name());
        }
        g.writeEndObject();
    }

    private static byte[] strip(ByteArrayOutputStream out) {
        byte[] all = out.toByteArray();
        return Arrays.copyOfRange(all, 1, all.length - 1);
    }

    private static byte[] prefix(long seq, String prev) {
        return ("{\"v\":" + VERSION + ",\"seq\":" + seq + ",\"prev\":\"" + prev + "\",")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The hash of an entry: SHA-256 over its canonical form without the hash field, hex. */
    static String hash(long seq, String prev, byte[] body) {
        MessageDigest md = SHA256.get();
        md.update(prefix(seq, prev));
        md.update(body);
        md.update((byte) '}');
        return hex(md.digest());
    }

    /** A sealed line: the complete line including its trailing newline, and its hash. */
    record Sealed(byte[] line, String hash) {
    }

    /** Seals a body at {@code seq} after {@code prev}: computes the hash and builds the line. */
    static Sealed seal(long seq, String prev, byte[] body) {
        byte[] prefix = prefix(seq, prev);
        MessageDigest md = SHA256.get();
        md.update(prefix);
        md.update(body);
        md.update((byte) '}');
        byte[] digest = md.digest();
        byte[] line = new byte[prefix.length + body.length + 10 + 64 + 3];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(body, 0, line, prefix.length, body.length);
        int p = prefix.length + body.length;
        byte[] mid = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mid, 0, line, p, mid.length);
        p += mid.length;
        for (byte b : digest) {
            line[p++] = HEX[(b >> 4) & 0xF];
            line[p++] = HEX[b & 0xF];
        }
        line[p++] = '"';
        line[p++] = '}';
        line[p++] = '\n';
        return new Sealed(Arrays.copyOf(line, p), new String(line, p - 67, 64, StandardCharsets.US_ASCII));
    }

    /** The canonical line of an entry, without its trailing newline. */
    static String format(Entry e) {
        byte[] body = body(e.payload());
        return new String(prefix(e.seq(), e.prev()), StandardCharsets.US_ASCII)
                + new String(body, StandardCharsets.UTF_8)
                + ",\"hash\":\"" + e.hash() + "\"}";
    }

    static String hex(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out, StandardCharsets.US_ASCII);
    }

    static boolean isHash(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** A string as the canonical form writes it, quotes included (to find a field without parsing). */
    static String jsonString(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 8);
        try (JsonGenerator g = StrictJson.generator(out)) {
            g.writeString(Text.clean(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A JSON array of strings, compact (for database columns). */
    static String jsonArray(List<String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = StrictJson.generator(out)) {
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A JSON object of id to GRANTED or DENIED, sorted, compact (for database columns). */
    static String jsonChoices(Map<String, Choice> choices) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = StrictJson.generator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Choice> e : choices.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue().name());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The needle that finds a subject's consent entries in raw lines; a match must still be parsed. */
    static String subjectNeedle(String subjectId) {
        return "\"subject\":" + jsonString(subjectId) + ",";
    }

    /** The time of an entry: the record's timestamp or the marker's. */
    static Instant timestamp(Object payload) {
        if (payload instanceof ConsentRecord r) {
            return r.timestamp();
        } else if (payload instanceof ErasureMarker m) {
            return m.timestamp();
        }
        return ((RetentionMarker) payload).timestamp();
    }

    /** SHA-256 of a subject id, hex: what an erasure marker keeps instead of the id. */
    static String subjectDigest(String subjectId) {
        return hex(SHA256.get().digest(subjectId.getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------------------------------- reading

    /**
     * Parses one line (without its newline) into an entry, checking structure and types but not the
     * hash; see {@link #check}.
     */
    static Entry parse(String line) throws EntryFormatException {
        JsonNode n;
        try {
            n = StrictJson.readTree(line);
        } catch (JsonProcessingException e) {
            throw malformed("not valid JSON (" + StrictJson.problem(e) + ")");
        }
        if (n == null || !n.isObject()) {
            throw malformed("not a JSON object");
        }
        JsonNode v = n.get("v");
        if (v == null || !v.isIntegralNumber()) {
            throw malformed("no version field \"v\"");
        }
        if (v.asLong() != VERSION) {
            throw new EntryFormatException(ChainProblem.Kind.UNSUPPORTED_VERSION, String.format(Locale.ROOT,
                    "entry version %s is not supported; this reader understands version %d (upgrade consent4j)", v, VERSION));
        }
        long seq = longField(n, "seq");
        if (seq < 1) {
            throw malformed("seq must be >= 1, was " + seq);
        }
        String prev = hashField(n, "prev");
        String hash = hashField(n, "hash");
        String type = text(n, "type");
        Object payload;
        List<String> expected;
        switch (type) {
            case CONSENT -> {
                payload = consent(n);
                expected = CONSENT_FIELDS;
            }
            case ERASURE -> {
                payload = erasure(n);
                expected = ERASURE_FIELDS;
            }
            case RETENTION -> {
                payload = retention(n);
                expected = RETENTION_FIELDS;
            }
            default -> throw malformed("unknown entry type '" + type + "'");
        }
        checkFields(n, expected);
        return new Entry(seq, prev, payload, hash);
    }

    /**
     * Checks a parsed entry against its line: the hash must match the content, and the line must be
     * exactly the canonical form.
     *
     * @throws EntryFormatException with {@link ChainProblem.Kind#HASH_MISMATCH} or {@link ChainProblem.Kind#NOT_CANONICAL}
     */
    static void check(Entry e, String line) throws EntryFormatException {
        byte[] body = body(e.payload());
        String computed = hash(e.seq(), e.prev(), body);
        if (!computed.equals(e.hash())) {
            throw new EntryFormatException(ChainProblem.Kind.HASH_MISMATCH, "seq " + e.seq()
                    + ": the content does not match the entry's hash (it was changed after it was written)");
        }
        String canonical = new String(prefix(e.seq(), e.prev()), StandardCharsets.US_ASCII)
                + new String(body, StandardCharsets.UTF_8) + ",\"hash\":\"" + e.hash() + "\"}";
        if (!canonical.equals(line)) {
            throw new EntryFormatException(ChainProblem.Kind.NOT_CANONICAL, "seq " + e.seq()
                    + ": the entry matches its hash but the line is not in canonical form (reformatted or re-escaped)");
        }
    }

    /** {@link #parse} then {@link #check}. */
    static Entry read(String line) throws EntryFormatException {
        Entry e = parse(line);
        check(e, line);
        return e;
    }

    private static void checkFields(JsonNode n, List<String> expected) throws EntryFormatException {
        List<String> actual = new ArrayList<>(expected.size());
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            actual.add(it.next());
        }
        if (actual.equals(expected)) {
            return;
        }
        for (String name : actual) {
            if (!expected.contains(name)) {
                throw malformed("unexpected field \"" + name + "\"");
            }
        }
        throw new EntryFormatException(ChainProblem.Kind.NOT_CANONICAL, "fields are not in canonical order");
    }

    private static ConsentRecord consent(JsonNode n) throws EntryFormatException {
        String subject = text(n, "subject");
        if (subject.isEmpty()) {
            throw malformed("\"subject\" is empty");
        }
        JsonNode signals = n.get("signals");
        if (signals == null || !signals.isObject()) {
            throw malformed("\"signals\" must be an object");
        }
        JsonNode gpc = signals.get("gpc");
        if (gpc == null || !gpc.isBoolean()) {
            throw malformed("\"signals.gpc\" must be true or false");
        }
        return new ConsentRecord(uuid(n, "id"), subject, instant(n, "ts"), text(n, "jurisdiction"),
                enumField(n, "regime", Regime.class), stringList(n, "laws"), text(n, "revision"),
                choices(n, "categories"), choices(n, "services"), enumField(n, "method", ConsentMethod.class),
                gpc.booleanValue(), text(n, "locale"), text(n, "textsHash"), text(n, "clientAddress"),
                text(n, "userAgent"));
    }

    private static ErasureMarker erasure(JsonNode n) throws EntryFormatException {
        String digest = hashField(n, "subjectDigest");
        JsonNode removed = n.get("removed");
        if (removed == null || !removed.isArray()) {
            throw malformed("\"removed\" must be an array");
        }
        List<RemovedEntry> entries = new ArrayList<>(removed.size());
        for (JsonNode r : removed) {
            if (!r.isObject() || r.size() != 3) {
                throw malformed("\"removed\" items must be objects with seq, prev and hash");
            }
            entries.add(new RemovedEntry(longField(r, "seq"), hashField(r, "prev"), hashField(r, "hash")));
        }
        return new ErasureMarker(uuid(n, "id"), instant(n, "ts"), digest, entries);
    }

    private static RetentionMarker retention(JsonNode n) throws EntryFormatException {
        return new RetentionMarker(uuid(n, "id"), instant(n, "ts"), instant(n, "cutoff"), longField(n, "anchorSeq"),
                hashField(n, "anchorPrev"), longField(n, "removed"));
    }

    private static EntryFormatException malformed(String message) {
        return new EntryFormatException(ChainProblem.Kind.MALFORMED, message);
    }

    private static JsonNode field(JsonNode n, String name) throws EntryFormatException {
        JsonNode f = n.get(name);
        if (f == null) {
            throw malformed("missing field \"" + name + "\"");
        }
        return f;
    }

    private static String text(JsonNode n, String name) throws EntryFormatException {
        JsonNode f = field(n, name);
        if (!f.isTextual()) {
            throw malformed("\"" + name + "\" must be a string");
        }
        return f.textValue();
    }

    private static long longField(JsonNode n, String name) throws EntryFormatException {
        JsonNode f = field(n, name);
        if (!f.isIntegralNumber() || !f.canConvertToLong()) {
            throw malformed("\"" + name + "\" must be an integer");
        }
        return f.longValue();
    }

    private static String hashField(JsonNode n, String name) throws EntryFormatException {
        String s = text(n, name);
        if (!isHash(s)) {
            throw malformed("\"" + name + "\" must be 64 lower-case hex digits");
        }
        return s;
    }

    private static UUID uuid(JsonNode n, String name) throws EntryFormatException {
        String s = text(n, name);
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw malformed("\"" + name + "\" is not a UUID");
        }
    }

    private static Instant instant(JsonNode n, String name) throws EntryFormatException {
        String s = text(n, name);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw malformed("\"" + name + "\" is not an ISO-8601 instant");
        }
    }

    private static <E extends Enum<E>> E enumField(JsonNode n, String name, Class<E> type) throws EntryFormatException {
        String s = text(n, name);
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw malformed("\"" + name + "\" has the unknown value '" + s + "'");
        }
    }

    private static List<String> stringList(JsonNode n, String name) throws EntryFormatException {
        JsonNode f = field(n, name);
        if (!f.isArray()) {
            throw malformed("\"" + name + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>(f.size());
        for (JsonNode item : f) {
            if (!item.isTextual()) {
                throw malformed("\"" + name + "\" must be an array of strings");
            }
            out.add(item.textValue());
        }
        return out;
    }

    private static Map<String, Choice> choices(JsonNode n, String name) throws EntryFormatException {
        JsonNode f = field(n, name);
        if (!f.isObject()) {
            throw malformed("\"" + name + "\" must be an object of id to GRANTED or DENIED");
        }
        Map<String, Choice> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : f.properties()) {
            JsonNode value = e.getValue();
            if (!value.isTextual()) {
                throw malformed("\"" + name + "." + e.getKey() + "\" must be GRANTED or DENIED");
            }
            try {
                out.put(e.getKey(), Choice.valueOf(value.textValue()));
            } catch (IllegalArgumentException ex) {
                throw malformed("\"" + name + "." + e.getKey() + "\" must be GRANTED or DENIED");
            }
        }
        return out;
    }
}
