package org.consent4j.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The catalog's indexed cookie and host lookups give the same answers as a plain scan of the services
 * written straight from the documented rules: an exact name wins over the longest matching prefix,
 * which wins over the first matching pattern; a host matches itself or a parent domain, the most
 * specific first, ignoring case and one trailing dot; among services declaring the same name, prefix
 * or host, the one added last wins.
 */
final class CatalogLookupPropertiesTest {

    private static final List<String> PATTERNS = List.of("a.*", "_[ab]+", "[A-Z].*1", ".*x", "b?", "\\d+", "ab?x.*",
            "x|_a.*", "_a{0,1}b.*", "(?i)a.*", "aB*1?", "_-x\\w*", "ba.*");

    /** Services in the order they were added to the builder. */
    record Fixture(List<Service> services, Catalog catalog) {
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            services.forEach(s -> parts.add(s.id() + s.cookies().stream().map(c -> c.name().toString()).toList() + s.hosts()));
            return parts.toString();
        }
    }

    @Property(tries = 500)
    void serviceForCookieWhenAnyNameThenSameAsPlainScan(@ForAll("fixtures") Fixture f, @ForAll("cookieNames") List<String> names) {
        for (String name : names) {
            assertEquals(referenceCookie(f.services(), name), f.catalog().serviceForCookie(name).map(Service::id), () -> name + " in " + f);
        }
        for (Service s : f.services()) {
            for (CookieSpec c : s.cookies()) {
                String name = c.name().value();
                assertEquals(referenceCookie(f.services(), name), f.catalog().serviceForCookie(name).map(Service::id), () -> name + " in " + f);
                assertEquals(referenceCookie(f.services(), name + "z"), f.catalog().serviceForCookie(name + "z").map(Service::id));
            }
        }
    }

    @Property(tries = 500)
    void serviceForHostWhenAnyHostThenSameAsPlainScan(@ForAll("fixtures") Fixture f, @ForAll("hostQueries") List<String> hosts) {
        for (String host : hosts) {
            assertEquals(referenceHost(f.services(), host), f.catalog().serviceForHost(host).map(Service::id), () -> host + " in " + f);
        }
        for (Service s : f.services()) {
            for (String h : s.hosts()) {
                for (String variant : List.of(h, h.toUpperCase(Locale.ROOT), "www." + h, h + ".", "A.b." + h + ".", "x" + h)) {
                    assertEquals(referenceHost(f.services(), variant), f.catalog().serviceForHost(variant).map(Service::id),
                            () -> variant + " in " + f);
                }
            }
        }
    }

    @Example
    void serviceForHostWhenUnicodeLowersToAsciiThenLikeJavaLowerCase() {
        Service k = Service.builder("kelvin", Category.NECESSARY).host("k.example").build();
        Catalog c = Catalog.builder().category(new Category(Category.NECESSARY, 0, true, LocalizedText.of("N"), LocalizedText.empty()))
                .service(k).build();
        assertEquals(Optional.of(k), c.serviceForHost("\u212A.example"));
        assertEquals(Optional.of(k), c.serviceForHost("cdn.\u212A.EXAMPLE."));
        assertEquals(Optional.empty(), c.serviceForHost("\u00e9.k.example.."));
        assertEquals(Optional.empty(), c.serviceForHost(""));
        assertEquals(Optional.empty(), c.serviceForHost("."));
    }

    @Example
    void literalPrefixWhenPatternStartsWithPlainTextThenThatTextLessAnyQuantifiedLastCharacter() {
        assertEquals("sm_", Catalog.literalPrefix("sm_[0-9a-f]{8}"));
        assertEquals("a", Catalog.literalPrefix("ab?x.*"));
        assertEquals("_", Catalog.literalPrefix("_a{0,1}b.*"));
        assertEquals("a", Catalog.literalPrefix("aB*1?"));
        assertEquals("", Catalog.literalPrefix("x|_a.*"));
        assertEquals("", Catalog.literalPrefix("(?i)a.*"));
        assertEquals("", Catalog.literalPrefix("\\d+"));
        assertEquals("", Catalog.literalPrefix("b?"));
        assertEquals("_ga", Catalog.literalPrefix("_ga"));
    }

    static Optional<String> referenceCookie(List<Service> services, String name) {
        String exact = null;
        String prefix = null;
        int prefixLength = -1;
        String pattern = null;
        for (Service s : services) {
            for (CookieSpec c : s.cookies()) {
                CookieName n = c.name();
                switch (n.kind()) {
                    case EXACT -> {
                        if (n.value().equals(name)) {
                            exact = s.id();
                        }
                    }
                    case PREFIX -> {
                        if (name.startsWith(n.value()) && n.value().length() >= prefixLength) {
                            prefix = s.id();
                            prefixLength = n.value().length();
                        }
                    }
                    case PATTERN -> {
                        if (pattern == null && name.matches(n.value())) {
                            pattern = s.id();
                        }
                    }
                }
            }
        }
        return Optional.ofNullable(exact != null ? exact : prefix != null ? prefix : pattern);
    }

    static Optional<String> referenceHost(List<Service> services, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(h);
        for (int i = 0; i < h.length(); i++) {
            if (h.charAt(i) == '.') {
                candidates.add(h.substring(i + 1));
            }
        }
        for (String candidate : candidates) {
            String owner = null;
            for (Service s : services) {
                if (!candidate.isEmpty() && s.hosts().contains(candidate)) {
                    owner = s.id();
                }
            }
            if (owner != null) {
                return Optional.of(owner);
            }
        }
        return Optional.empty();
    }

    @Provide
    Arbitrary<Fixture> fixtures() {
        Arbitrary<String> token = Arbitraries.strings().withChars("_aAbB1x-").ofMinLength(1).ofMaxLength(5);
        Arbitrary<CookieName> cookie = Arbitraries.oneOf(token.map(CookieName::exact), token.map(CookieName::prefix),
                Arbitraries.of(PATTERNS).map(CookieName::pattern));
        Arbitrary<String> label = Arbitraries.of("a", "b", "cdn", "x-y", "seg", "Seg", "t1", "com", "net");
        Arbitrary<String> host = label.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
        Arbitrary<Service> service = Combinators.combine(cookie.list().ofMaxSize(4), host.list().ofMaxSize(3))
                .as((cookies, hosts) -> {
                    Service.Builder b = Service.builder("placeholder", Category.NECESSARY);
                    cookies.forEach(c -> b.cookie(new CookieSpec(c, Party.FIRST, "", CookieLifetime.session(), "")));
                    hosts.forEach(b::host);
                    return b.build();
                });
        return service.list().ofMaxSize(8).map(list -> {
            List<Service> services = new ArrayList<>();
            Catalog.Builder b = Catalog.builder()
                    .category(new Category(Category.NECESSARY, 0, true, LocalizedText.of("N"), LocalizedText.empty()));
            for (int i = 0; i < list.size(); i++) {
                Service s = list.get(i);
                Service renamed = new Service("s" + i, "s" + i, "", s.category(), s.purposes(), s.cookies(), s.hosts(),
                        s.transfer(), s.legalBasis(), s.risk(), s.regulations(), s.description(), s.consentText(),
                        s.privacyPolicy(), s.source());
                services.add(renamed);
                b.service(renamed);
            }
            return new Fixture(List.copyOf(services), b.build());
        });
    }

    @Provide
    Arbitrary<List<String>> cookieNames() {
        return Arbitraries.strings().withChars("_aAbB1x-").ofMaxLength(7).list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<String>> hostQueries() {
        Arbitrary<String> label = Arbitraries.of("a", "b", "cdn", "x-y", "seg", "SEG", "T1", "com", "net", "", "\u212A", "\u00e9", "\u0130");
        Arbitrary<String> host = label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
        return Combinators.combine(host, Arbitraries.of("", ".", ".."))
                .as((h, tail) -> h + tail).list().ofMinSize(1).ofMaxSize(20);
    }
}
