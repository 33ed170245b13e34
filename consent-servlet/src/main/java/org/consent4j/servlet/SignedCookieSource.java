package org.consent4j.servlet;

import jakarta.servlet.http.Cookie;
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
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        boolean seen = false;
        for (Cookie c : cookies) {
            if (name.equals(c.getName())) {
                seen = true;
                Optional<ConsentCookie> decoded = codec.decode(c.getValue());
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
