package org.consent4j.core.cookie;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads the signed consent cookie.
 *
 * <p>The value is a compact, versioned text of RFC 6265 cookie-octets, typically 130 to 180
 * characters. Version 1 reads
 * {@code 1~kid~subject~decidedAt~revision~jurisdiction~flags~categories~services~mac}: the key id, the
 * pseudonymous subject id, the decision time in base-36 epoch seconds, the catalog revision, the
 * jurisdiction code, the method letter and GPC digit, the choices as {@code +id} (granted) and
 * {@code !id} (denied), and an HMAC-SHA256 over everything before the last {@code ~}, in base64url.
 * Times are kept to the second.
 *
 * <p>Version 2 adds a field before the signature:
 * {@code 2~kid~subject~decidedAt~revision~jurisdiction~flags~categories~services~revisions~mac}, where
 * {@code revisions} holds, in the order of the choices (categories then services, each sorted by id),
 * the revision of each chosen category or service at the time ({@code .}-separated; a slot may be empty).
 * It is written only when the state carries such revisions, so a choice without them stays a version 1
 * value that earlier releases read. Both versions decode; a version 1 value carries only the
 * whole-catalog revision, so after a catalog change it counts only while that revision is accepted.
 *
 * <p>{@link #decode(String)} never throws: a forged, truncated, expired, oversized, future-dated or
 * unparseable value, or one signed by a key not in the {@link KeySet}, gives an empty result (no
 * choice, the most protective reading) and one debug line naming the reason, never the value.
 * Verified values are cached (bounded, Caffeine), so a returning visitor costs a map lookup.
 *
 * <p>Immutable and thread-safe; share one per key set.
 */
public final class ConsentCookieCodec {

    /** The version written by {@link #encode(ConsentCookie)} for a choice without per-category revisions. */
    public static final String VERSION = "1";
    /** The version written for a choice that carries per-category (or per-service) revisions. */
    public static final String VERSION_2 = "2";
    /** The longest value {@link #encode} writes and {@link #decode} reads. */
    public static final int MAX_LENGTH = 2048;
    /** The default upper bound on a cookie's age: 400 days, the cap browsers put on cookie lifetime. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(400);
    /** How far in the future a decision time may lie, to allow for clock skew between instances. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(ConsentCookieCodec.class);
    private static final int FIELDS = 10;
    private static final int FIELDS_2 = 11;
    private static final int MAC_CHARS = 43;
    static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern REVISION = Pattern.compile("[A-Za-z0-9._-]{0,64}");
    static final Pattern JURISDICTION = Pattern.compile("|default|[A-Z]{2}(-[A-Z0-9]{1,3})?");
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Pattern SLOT = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final KeySet keys;
    private final Map<String, Mac> macs;
    private final Clock clock;
    private final Duration maxAge;
    private final long maxAgeSeconds;
    private final @Nullable Cache<String, ConsentCookie> cache;

    private ConsentCookieCodec(Builder b) {
        this.keys = Objects.requireNonNull(b.keys, "keys");
        this.clock = b.clock;
        this.maxAge = b.maxAge;
        this.maxAgeSeconds = b.maxAge.toSeconds();
        Map<String, Mac> m = new HashMap<>();
        for (SigningKey k : keys.keys()) {
            m.put(k.id(), newMac(k));
        }
        this.macs = Map.copyOf(m);
        this.cache = b.cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(b.cacheSize).executor(Runnable::run).build();
    }

    /** A builder; the key set is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A codec with these keys and the defaults. */
    public static ConsentCookieCodec of(KeySet keys) {
        return builder().keys(keys).build();
    }

    /**
     * The cookie value for {@code cookie}, signed with the first key of the set.
     *
     * @throws IllegalArgumentException if a field cannot be written: a subject id that is not 1 to 64
     *                                  base64url characters, an id or revision with characters outside
     *                                  {@code [a-z0-9._-]}, a jurisdiction that is not a code, a time
     *                                  before 1970, or a value longer than {@value #MAX_LENGTH}
     */
    public String encode(ConsentCookie cookie) {
        Objects.requireNonNull(cookie, "cookie");
        ConsentState state = cookie.state();
        require(SUBJECT, cookie.subjectId(), "subject id");
        require(REVISION, state.catalogRevision(), "catalog revision");
        require(JURISDICTION, state.jurisdiction(), "jurisdiction");
        long seconds = state.decidedAt().getEpochSecond();
        if (seconds < 0) {
            throw new IllegalArgumentException("decision time " + state.decidedAt() + " is before 1970");
        }
        SigningKey key = keys.signing();
        boolean v2 = !state.categoryRevisions().isEmpty() || !state.serviceRevisions().isEmpty();
        StringBuilder sb = new StringBuilder(v2 ? 200 : 160);
        sb.append(v2 ? VERSION_2 : VERSION).append('~').append(key.id()).append('~').append(cookie.subjectId()).append('~')
                .append(Long.toString(seconds, 36)).append('~').append(state.catalogRevision()).append('~')
                .append(state.jurisdiction()).append('~').append(methodLetter(state.method()))
                .append(state.gpc() ? '1' : '0').append('~');
        appendChoices(sb, state.categories(), "category");
        sb.append('~');
        appendChoices(sb, state.services(), "service");
        sb.append('~');
        if (v2) {
            boolean first = true;
            for (String id : new TreeMap<>(state.categories()).keySet()) {
                first = appendRevision(sb, state.categoryRevisions().getOrDefault(id, ""), first);
            }
            for (String id : new TreeMap<>(state.services()).keySet()) {
                first = appendRevision(sb, state.serviceRevisions().getOrDefault(id, ""), first);
            }
            sb.append('~');
        }
        byte[] mac = mac(key.id(), sb.toString().getBytes(StandardCharsets.US_ASCII), sb.length() - 1);
        sb.append(Base64.getUrlEncoder().withoutPadding().encodeToString(mac));
        if (sb.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the consent cookie would be " + sb.length()
                    + " characters, over the limit of " + MAX_LENGTH + "; record fewer per-service choices");
        }
        return sb.toString();
    }

    /**
     * The cookie in {@code value}, if it is well-formed, signed by a key of the set, not older than
     * the maximum age and not dated in the future. Never throws.
     */
    public Optional<ConsentCookie> decode(@Nullable String value) {
        try {
            ConsentCookie cookie = decodeOrNull(value);
            return Optional.ofNullable(cookie);
        } catch (RuntimeException e) {
            reject("unparseable (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    private @Nullable ConsentCookie decodeOrNull(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            return reject("oversized");
        }
        ConsentCookie cookie = cache == null ? null : cache.getIfPresent(value);
        if (cookie == null) {
            cookie = verifyAndParse(value);
            if (cookie == null) {
                return null;
            }
            if (cache != null) {
                cache.put(value, cookie);
            }
        }
        // Whole seconds: the value keeps seconds only, and this runs on every request.
        long now = clock.instant().getEpochSecond();
        long decidedAt = cookie.state().decidedAt().getEpochSecond();
        if (decidedAt + maxAgeSeconds < now) {
            return reject("expired");
        }
        if (decidedAt > now + MAX_CLOCK_SKEW.toSeconds()) {
            return reject("dated in the future");
        }
        return cookie;
    }

    private @Nullable ConsentCookie verifyAndParse(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (!allowed(value.charAt(i))) {
                return reject("unparseable (unexpected character)");
            }
        }
        String[] f = new String[FIELDS_2];
        int start = 0;
        int n = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || value.charAt(i) == '~') {
                if (n == FIELDS_2) {
                    return reject("unparseable (too many fields)");
                }
                f[n++] = value.substring(start, i);
                start = i + 1;
            }
        }
        boolean v2 = VERSION_2.equals(f[0]);
        int fieldCount = v2 ? FIELDS_2 : FIELDS;
        if (n > fieldCount) {
            return reject("unparseable (too many fields)");
        }
        if (n < fieldCount) {
            return reject(n >= 2 && (VERSION.equals(f[0]) || v2) ? "truncated" : "unparseable (too few fields)");
        }
        if (!VERSION.equals(f[0]) && !v2) {
            return reject("unknown version");
        }
        int macField = fieldCount - 1;
        if (!macs.containsKey(f[1])) {
            return reject("unknown key id");
        }
        String macText = f[macField];
        if (macText.length() != MAC_CHARS) {
            return reject(macText.length() < MAC_CHARS ? "truncated" : "unparseable (signature length)");
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(macText);
        } catch (IllegalArgumentException e) {
            return reject("unparseable (signature encoding)");
        }
        byte[] expected = mac(f[1], value.getBytes(StandardCharsets.US_ASCII), length - MAC_CHARS - 1);
        if (!MessageDigest.isEqual(given, expected)) {
            return reject("forged (signature mismatch)");
        }
        // Signed by us: what follows can only fail for a value written by a newer or buggy writer.
        if (!isSubject(f[2]) || !isTime(f[3]) || !isRevision(f[4]) || !isJurisdiction(f[5]) || f[6].length() != 2) {
            return reject("unparseable (field)");
        }
        ConsentMethod method = method(f[6].charAt(0));
        char gpc = f[6].charAt(1);
        if (method == null || (gpc != '0' && gpc != '1')) {
            return reject("unparseable (flags)");
        }
        Map<String, Choice> categories = parseChoices(f[7]);
        Map<String, Choice> services = parseChoices(f[8]);
        if (categories == null || services == null) {
            return reject("unparseable (choices)");
        }
        Map<String, String> categoryRevisions = Map.of();
        Map<String, String> serviceRevisions = Map.of();
        if (v2) {
            String[] slots = f[9].isEmpty() ? new String[0] : f[9].split("\\.", -1);
            if (slots.length != categories.size() + services.size()) {
                return reject("unparseable (revisions)");
            }
            categoryRevisions = new HashMap<>();
            serviceRevisions = new HashMap<>();
            int k = 0;
            for (String id : new TreeMap<>(categories).keySet()) {
                if (!slot(slots[k], categoryRevisions, id)) {
                    return reject("unparseable (revisions)");
                }
                k++;
            }
            for (String id : new TreeMap<>(services).keySet()) {
                if (!slot(slots[k], serviceRevisions, id)) {
                    return reject("unparseable (revisions)");
                }
                k++;
            }
        }
        Instant decidedAt = Instant.ofEpochSecond(Long.parseLong(f[3], 36));
        ConsentState state = new ConsentState(categories, services, decidedAt, f[4], f[5], method, gpc == '1',
                categoryRevisions, serviceRevisions);
        return new ConsentCookie(f[2], state);
    }

    private static boolean slot(String text, Map<String, String> into, String id) {
        if (text.isEmpty()) {
            return true;
        }
        if (text.length() > 32 || !isSubject(text)) {
            return false;
        }
        into.put(id, text);
        return true;
    }

    private static @Nullable Map<String, Choice> parseChoices(String text) {
        if (text.isEmpty()) {
            return Map.of();
        }
        Map<String, Choice> map = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            char sign = text.charAt(i);
            if (sign != '+' && sign != '!') {
                return null;
            }
            int end = i + 1;
            while (end < text.length() && text.charAt(end) != '+' && text.charAt(end) != '!') {
                end++;
            }
            String id = text.substring(i + 1, end);
            if (!isId(id) || map.put(id, sign == '+' ? Choice.GRANTED : Choice.DENIED) != null) {
                return null;
            }
            i = end;
        }
        return map;
    }

    // Hand-written checks equal to the patterns above; the decoder runs on every uncached request.

    static boolean isSubject(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTime(String s) {
        if (s.isEmpty() || s.length() > 12) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    static boolean isRevision(String s) {
        if (s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static boolean isJurisdiction(String s) {
        int n = s.length();
        if (n == 0 || s.equals("default")) {
            return true;
        }
        if (n != 2 && (n < 4 || n > 6 || s.charAt(2) != '-')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = i < 2 ? c >= 'A' && c <= 'Z' : i == 2 || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isId(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean appendRevision(StringBuilder sb, String revision, boolean first) {
        if (!revision.isEmpty()) {
            require(SLOT, revision, "revision");
        }
        if (!first) {
            sb.append('.');
        }
        sb.append(revision);
        return false;
    }

    private static void appendChoices(StringBuilder sb, Map<String, Choice> choices, String kind) {
        for (Map.Entry<String, Choice> e : new TreeMap<>(choices).entrySet()) {
            require(ID, e.getKey(), kind + " id");
            sb.append(e.getValue() == Choice.GRANTED ? '+' : '!').append(e.getKey());
        }
    }

    private static void require(Pattern pattern, String value, String what) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' cannot be written in the consent cookie: it must match "
                    + pattern.pattern());
        }
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '~' || c == '+' || c == '!' || c == '.' || c == '_' || c == '-';
    }

    private static char methodLetter(ConsentMethod method) {
        return switch (method) {
            case ACCEPT_ALL -> 'A';
            case REJECT_ALL -> 'R';
            case CUSTOM -> 'C';
            case WITHDRAWAL -> 'W';
            case GPC_OPT_OUT -> 'G';
            case API -> 'P';
            case IMPORT -> 'I';
        };
    }

    private static @Nullable ConsentMethod method(char letter) {
        return switch (letter) {
            case 'A' -> ConsentMethod.ACCEPT_ALL;
            case 'R' -> ConsentMethod.REJECT_ALL;
            case 'C' -> ConsentMethod.CUSTOM;
            case 'W' -> ConsentMethod.WITHDRAWAL;
            case 'G' -> ConsentMethod.GPC_OPT_OUT;
            case 'P' -> ConsentMethod.API;
            case 'I' -> ConsentMethod.IMPORT;
            default -> null;
        };
    }

    private byte[] mac(String keyId, byte[] data, int length) {
        // the signing key, or a key id that decode() found in the map
        Mac prototype = Objects.requireNonNull(macs.get(keyId), keyId);
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac(keys.key(keyId).orElseThrow());
        }
        mac.update(data, 0, length);
        return mac.doFinal();
    }

    private static Mac newMac(SigningKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.secretForMac(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static @Nullable ConsentCookie reject(String reason) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("consent cookie ignored, treated as no choice: {}", reason);
        }
        return null;
    }

    /** The keys in use. */
    public KeySet keys() {
        return keys;
    }

    /** The oldest a cookie may be. */
    public Duration maxAge() {
        return maxAge;
    }

    @Override
    public String toString() {
        return "ConsentCookieCodec[keys=" + keys + ", maxAge=" + maxAge + ", cached=" + (cache != null) + "]";
    }

    /** Configures a {@link ConsentCookieCodec}. Not thread-safe. */
    public static final class Builder {
        private @Nullable KeySet keys;
        private Clock clock = Clock.systemUTC();
        private Duration maxAge = DEFAULT_MAX_AGE;
        private long cacheSize = 10_000;

        private Builder() {
        }

        /** The keys (required); the first signs. */
        public Builder keys(KeySet keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** The clock for expiry; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The oldest a cookie may be, whatever the jurisdiction; {@link #DEFAULT_MAX_AGE} by default.
         * Shorter, per-jurisdiction limits are the decision engine's (a grant older than the
         * jurisdiction's maximum choice age no longer counts).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        /**
         * How many verified values to keep; 10,000 by default, 0 turns the cache off.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder cacheSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("cacheSize must be 0 (off) or positive, was " + size);
            }
            this.cacheSize = size;
            return this;
        }

        /**
         * The codec.
         *
         * @throws IllegalStateException if no key set was given
         */
        public ConsentCookieCodec build() {
            if (keys == null) {
                throw new IllegalStateException("no keys: call keys(KeySet.parse(...)) before build()");
            }
            return new ConsentCookieCodec(this);
        }
    }
}
