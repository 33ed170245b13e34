package org.consent4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.consent4j.servlet.csp.CspConfig;
import org.consent4j.servlet.csp.CspMode;

/**
 * Never looser than the application: whatever policies the application sets (enforced or
 * report-only, one or several, by setHeader or addHeader, before or after the body starts), on a
 * real Jetty each of them reaches the browser unchanged, and the consent policy is added once, as a
 * header of its own. A browser enforces every policy it gets, so what passes all of them passes the
 * application's.
 */
final class CspMergeProperties {

    private static TestContainer container;

    @BeforeContainer
    static void start() {
        ConsentFilter filter = new ConsentFilter(TestSetup.config().csp(CspConfig.builder().mode(CspMode.ENFORCE).build())
                .build());
        container = TestContainer.jetty(TestContainer.Registration.of(filter), Map.of("/m/*", new AppPolicies()));
    }

    @AfterContainer
    static void stop() throws Exception {
        container.close();
    }

    /** Sets the policies given as parameters: {@code p=<when>|<how>|<header>|<value>}. */
    static final class AppPolicies extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/html;charset=utf-8");
            String[] all = req.getParameterValues("p");
            List<String[]> policies = new ArrayList<>();
            for (String p : all == null ? new String[0] : all) {
                policies.add(p.split("\\|", 4));
            }
            apply(resp, policies, "before");
            resp.getWriter().write("<!DOCTYPE html><html><head><title>t</title></head><body>");
            apply(resp, policies, "after");
            resp.getWriter().write("<p>x</p></body></html>");
        }

        private static void apply(HttpServletResponse resp, List<String[]> policies, String when) {
            for (String[] p : policies) {
                if (p[0].equals(when)) {
                    if (p[1].equals("set")) {
                        resp.setHeader(p[2], p[3]);
                    } else {
                        resp.addHeader(p[2], p[3]);
                    }
                }
            }
        }
    }

    record AppPolicy(String when, String how, String header, String value) {
        String param() {
            return "p=" + URLEncoder.encode(when + "|" + how + "|" + header + "|" + value, StandardCharsets.UTF_8);
        }
    }

    @Property(tries = 60)
    void applicationPoliciesReachTheBrowserUnchanged(@ForAll("policies") List<AppPolicy> policies) {
        StringBuilder query = new StringBuilder("/m/page?x=1");
        for (AppPolicy p : policies) {
            query.append('&').append(p.param());
        }
        HttpResponse<String> r = TestSetup.get(container.uri(query.toString()), "CF-IPCountry", "FR");
        assertEquals(200, r.statusCode());
        for (String header : List.of("Content-Security-Policy", "Content-Security-Policy-Report-Only")) {
            // What the application's own calls leave, in a container without the filter: the last setHeader
            // and the addHeader calls after it.
            List<String> expected = new ArrayList<>();
            for (AppPolicy p : ordered(policies)) {
                if (p.header().equals(header)) {
                    if (p.how().equals("set")) {
                        expected.clear();
                    }
                    expected.add(p.value());
                }
            }
            List<String> sent = new ArrayList<>(r.headers().allValues(header));
            List<String> ours = sent.stream().filter(v -> v.startsWith("script-src 'self' 'nonce-")).toList();
            if (header.equals("Content-Security-Policy")) {
                assertEquals(1, ours.size(), "one consent policy: " + sent);
            } else {
                assertTrue(ours.isEmpty(), sent.toString());
            }
            sent.removeAll(ours);
            assertEquals(expected, sent, header + " for " + policies);
        }
    }

    private static List<AppPolicy> ordered(List<AppPolicy> policies) {
        List<AppPolicy> result = new ArrayList<>();
        policies.stream().filter(p -> p.when().equals("before")).forEach(result::add);
        policies.stream().filter(p -> p.when().equals("after")).forEach(result::add);
        return result;
    }

    @Provide
    Arbitrary<List<AppPolicy>> policies() {
        Arbitrary<String> source = Arbitraries.of("'self'", "'none'", "https://app.example", "*.cdn.example", "data:",
                "'unsafe-inline'", "'strict-dynamic'", "*");
        Arbitrary<String> directive = Arbitraries.of("default-src", "script-src", "img-src", "connect-src", "frame-ancestors",
                "object-src");
        Arbitrary<String> part = Combinators.combine(directive, source.list().ofMinSize(1).ofMaxSize(3))
                .as((d, s) -> d + " " + String.join(" ", s));
        Arbitrary<String> value = part.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("; ", l));
        Arbitrary<AppPolicy> policy = Combinators.combine(Arbitraries.of("before", "after"), Arbitraries.of("set", "add"),
                Arbitraries.of("Content-Security-Policy", "Content-Security-Policy-Report-Only"), value).as(AppPolicy::new);
        return policy.list().ofMaxSize(4);
    }
}
