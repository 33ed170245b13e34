package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.consent4j.core.catalog.CookieLifetime;
import org.consent4j.core.catalog.CookieName;
import org.consent4j.core.catalog.CookieSpec;
import org.consent4j.core.catalog.LocalizedText;
import org.consent4j.core.catalog.Party;
import org.consent4j.core.catalog.Service;
import org.junit.jupiter.api.Test;

final class CookieWriterTest {

    private static CookieWriter writer(List<String> domains, boolean parents) {
        return new CookieWriter("consent4j", true, "", domains, parents, c -> { });
    }

    private static List<String> where(List<Cookie> cookies) {
        return cookies.stream().map(c -> (c.getDomain() == null ? "" : c.getDomain()) + " " + c.getPath()).toList();
    }

    @Test
    void parentDomainsWhenSubdomainThenEveryParentOfTwoLabelsOrMoreNearestFirst() {
        assertEquals(List.of("shop.example.co.uk", "example.co.uk", "co.uk"), CookieWriter.parentDomains("www.shop.example.co.uk"));
        assertEquals(List.of("example.test"), CookieWriter.parentDomains("WWW.Example.test."));
        assertEquals(List.of(), CookieWriter.parentDomains("example.com"));
    }

    @Test
    void parentDomainsWhenIpAddressOrSingleLabelOrGarbageThenNone() {
        for (String host : List.of("127.0.0.1", "[::1]", "::1", "localhost", "", "a..b.c", "-.example.com", "ex ample.com")) {
            assertEquals(List.of(), CookieWriter.parentDomains(host), host);
        }
    }

    @Test
    void parentDomainsWhenVeryDeepHostThenCapped() {
        String host = "a.b.c.d.e.f.g.h.i.j.k.example.com";
        List<String> parents = CookieWriter.parentDomains(host);
        assertEquals(CookieWriter.MAX_PARENT_DOMAINS, parents.size());
        assertEquals("b.c.d.e.f.g.h.i.j.k.example.com", parents.get(0));
    }

    @Property
    void parentDomainsAreProperSuffixesWithADot(@ForAll @StringLength(max = 60) String host) {
        List<String> parents = CookieWriter.parentDomains(host);
        assertTrue(parents.size() <= CookieWriter.MAX_PARENT_DOMAINS);
        String lower = host.toLowerCase(java.util.Locale.ROOT);
        for (String p : parents) {
            assertTrue(p.contains(".") && !p.startsWith(".") && lower.replaceAll("\\.$", "").endsWith("." + p), host + " -> " + p);
        }
    }

    @Test
    void expiriesWhenSubdomainThenHostOnlyParentsAndConfiguredDomainsWithoutDuplicates() {
        List<Cookie> cookies = writer(List.of(".example.test", "other.test"), true)
                .expiries("_ga", false, "www.example.test", List.of("/", "/shop"));
        assertEquals(List.of(" /", "example.test /", "other.test /", " /shop", "example.test /shop", "other.test /shop"),
                where(cookies));
        assertTrue(cookies.stream().allMatch(c -> c.getMaxAge() == 0 && c.getValue().isEmpty() && !c.getSecure()));
    }

    @Test
    void expiriesWhenParentDomainsOffThenHostOnlyAndConfigured() {
        assertEquals(List.of(" /", "example.test /"),
                where(writer(List.of("example.test"), false).expiries("_ga", false, "www.shop.example.test", List.of("/"))));
    }

    @Test
    void expiriesWhenHostPrefixThenOnlyHostOnlyOnRootAndSecure() {
        List<Cookie> cookies = writer(List.of("example.test"), true).expiries("__Host-id", false, "www.example.test",
                List.of("/", "/shop"));
        assertEquals(List.of(" /"), where(cookies));
        assertTrue(cookies.get(0).getSecure());
    }

    @Test
    void expiryPathsWhenCatalogGivesAPathThenRootAndThatPath() {
        Service service = Service.builder("shop-stats", "analytics")
                .cookie(new CookieSpec(CookieName.prefix("ss_"), Party.FIRST, "", CookieLifetime.parse("P1D"),
                        LocalizedText.empty(), "/shop"))
                .cookie(new CookieSpec(CookieName.exact("ss_x"), Party.FIRST, "", CookieLifetime.parse("P1D"), ""))
                .cookie(new CookieSpec(CookieName.exact("other"), Party.FIRST, "", CookieLifetime.parse("P1D"),
                        LocalizedText.empty(), "/elsewhere"))
                .build();
        assertEquals(List.of("/", "/shop"), FilterCore.expiryPaths(service, "ss_x"));
        assertEquals(List.of("/"), FilterCore.expiryPaths(service, "unrelated"));
    }
}
