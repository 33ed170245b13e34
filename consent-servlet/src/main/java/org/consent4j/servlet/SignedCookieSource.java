package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.consent4j.core.cookie.ConsentCookie;
import org.consent4j.core.cookie.ConsentCookieCodec;

/** Reads the signed consent4j cookie; counts values that were present but not accepted. */
final class SignedCookieSource implements ConsentSource {

    private final String name;
    private final ConsentCookieCodec codec;
    private final LongAdder rejected = new LongAdder();

    SignedCookieSource(String name, ConsentCookieCodec codec) {
        this.name = Objects.requireNonNull(name, "name");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public Optional<ConsentCookie> read(HttpServletRequest request) {
        RequestCookies cookies = RequestCookies.of(request);
        boolean seen = false;
        while (cookies.next()) {
            if (cookies.nameIs(name)) {
                seen = true;
                Optional<ConsentCookie> decoded = codec.decode(cookies.value());
                if (decoded.isPresent()) {
                    return decoded;
                }
            }
        }
        if (seen) {
            rejected.increment();
        }
        return Optional.empty();
    }

    /** Decodes a value the filter found itself, counting it when it is not accepted. */
    Optional<ConsentCookie> decode(String value) {
        Optional<ConsentCookie> decoded = codec.decode(value);
        if (decoded.isEmpty()) {
            rejected.increment();
        }
        return decoded;
    }

    long rejected() {
        return rejected.sum();
    }

    String name() {
        return name;
    }

    ConsentCookieCodec codec() {
        return codec;
    }

    @Override
    public String toString() {
        return "signedCookie(" + name + ")";
    }
}
