package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Gated pages with the bundled banner, over real HTTP on each container: the filter commits no
 * earlier than the application, honours non-blocking writes, gives the banner to documents only,
 * gates XHTML and bodies whose type is missing or late, and keeps the container's charset. The
 * visitor is in France with no choice unless a test says otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LeanPagesContract {

    private static final String[] FRANCE = {"CF-IPCountry", "FR", "Accept-Language", "fr"};
    private static final String LOADER = "id=\"consent4j-boot\"";
    private static final String INERT = "<script type=\"text/plain\" data-consent-gated";

    private TestContainer container;

    abstract TestContainer start(TestContainer.Registration registration, Map<String, HttpServlet> servlets);

    @BeforeAll
    void startContainer() {
        container = start(TestContainer.Registration.of(new ConsentFilter(TestSetup.config().build())),
                Map.of("/l/*", new LeanPageServlet()));
    }

    @AfterAll
    void stopContainer() throws Exception {
        container.close();
    }

    private HttpResponse<String> get(String path, String... headers) {
        String[] all = new String[FRANCE.length + headers.length];
        System.arraycopy(FRANCE, 0, all, 0, FRANCE.length);
        System.arraycopy(headers, 0, all, FRANCE.length, headers.length);
        return TestSetup.get(container.uri(path), all);
    }

    private static void assertInert(String body) {
        assertTrue(body.contains(INERT), "the tracker is inert: " + body);
        assertFalse(body.contains("<script src=\"https://www.googletagmanager.com"), "no live tracker: " + body);
    }

    @Test
    void headerAndCookieWhenSetAfterASmallFirstWriteThenTheyArrive() {
        for (String path : new String[] {"/l/late-headers", "/l/late-headers-writer"}) {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path);
            assertEquals("yes", r.headers().firstValue("x-after-write").orElse(""), path + ": header after the first write");
            assertTrue(TestSetup.cookieNamesSet(r).contains("JSESSIONID"), path + ": cookie after the first write");
            assertTrue(r.body().contains(LOADER), path + ": the banner is still injected");
            assertInert(r.body());
        }
        assertEquals("false", get("/l/late-headers").headers().firstValue("x-committed-then").orElse(""),
                "not committed after 43 bytes, as without the filter");
    }

    @Test
    void resetWhenAfterASmallWriteThenTheNewResponseIsSentAlone() {
        HttpResponse<String> r = get("/l/reset");
        assertEquals(503, r.statusCode());
        assertEquals("try later", r.body());
        assertEquals("yes", r.headers().firstValue("x-reset").orElse(""));
    }

    @Test
    void sendErrorWhenAfterASmallWriteThenTheErrorIsSentWithoutTheHeldBytes() {
        HttpResponse<String> r = get("/l/send-error");
        assertEquals(409, r.statusCode());
        assertFalse(r.body().contains("<title>t</title>"), "the page's start went with the buffer: " + r.body());
    }

    @Test
    void writeListenerWhenTenMegabytesOfHtmlThenStreamedGatedAndComplete() throws IOException, InterruptedException {
        HttpResponse<InputStream> r = TestSetup.CLIENT.send(request(container.uri("/l/write-listener"), FRANCE).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        long bytes = 0;
        long inert = 0;
        boolean live = false;
        boolean loader = false;
        String tail = "";
        try (InputStream in = r.body()) {
            byte[] buf = new byte[64 * 1024];
            int n;
            String carry = "";
            while ((n = in.read(buf)) > 0) {
                bytes += n;
                String s = carry + new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                inert += count(s, INERT) - count(carry, INERT);
                live |= s.contains("<script src=\"https://www.googletagmanager.com");
                loader |= s.contains(LOADER);
                carry = s.substring(Math.max(0, s.length() - 200));
                tail = carry;
            }
        }
        long blocks = (LeanPageServlet.STREAMED + LeanPageServlet.BLOCK.length * 64L - 1) / (LeanPageServlet.BLOCK.length * 64L) * 64;
        assertTrue(bytes > LeanPageServlet.STREAMED, "all of it arrived: " + bytes);
        assertEquals(blocks, inert, "every tracker inert");
        assertFalse(live, "no live tracker");
        assertTrue(loader, "the banner is injected");
        assertTrue(tail.endsWith("</body></html>"), "the end arrived: " + tail);
    }

    private static long count(String s, String what) {
        long n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void fragmentWhenRequestedAsOneThenNoLoaderButTrackersStillInert() {
        String[][] fragments = {{"Sec-Fetch-Dest", "empty"}, {"HX-Request", "true"}, {"Turbo-Frame", "rows"}};
        for (String[] h : fragments) {
            HttpResponse<String> r = get("/l/fragment", h);
            assertFalse(r.body().contains("consent4j"), h[0] + ": no loader in a fragment: " + r.body());
            assertTrue(r.body().startsWith("<li>row 7</li><img data-consent-gated"), h[0] + ": " + r.body());
            assertTrue(r.headers().allValues("vary").toString().contains(h[0]), h[0] + " in Vary: " + r.headers().allValues("vary"));
        }
        HttpResponse<String> attribute = get("/l/fragment-attribute");
        assertFalse(attribute.body().contains("consent4j"), attribute.body());
        assertInert(attribute.body());
        for (String dest : new String[] {"document", "iframe"}) {
            assertTrue(get("/l/page", "Sec-Fetch-Dest", dest).body().contains(LOADER), dest + " gets the banner");
        }
        assertTrue(get("/l/fragment").body().contains(LOADER), "without any sign of a fragment the loader is injected");
    }

    @Test
    void pageWhenBannerInjectedThenVaryNamesTheLanguageAndTheEtagIsTheRewrittenBodys() {
        HttpResponse<String> r = get("/l/page");
        assertTrue(r.body().contains(LOADER));
        String vary = String.join(",", r.headers().allValues("vary"));
        assertTrue(vary.contains("Accept-Language") && vary.contains("Cookie"), vary);
        String etag = r.headers().firstValue("etag").orElse("");
        assertTrue(etag.startsWith("\"v1-c4j") && etag.endsWith("\""), etag);
        String german = TestSetup.get(container.uri("/l/page"), "CF-IPCountry", "FR", "Accept-Language", "de").headers().firstValue("etag").orElse("");
        assertFalse(german.equals(etag), "another language, another body, another tag: " + german);
        String granted = get("/l/page", "Cookie", "consent4j=" + TestSetup.grantAll("FR")).headers().firstValue("etag").orElse("");
        assertFalse(granted.equals(etag), "another decision, another body, another tag: " + granted);
    }

    @Test
    void xhtmlWhenServedThenGatedWithTheBanner() throws Exception {
        HttpResponse<String> r = get("/l/xhtml");
        assertInert(r.body());
        assertTrue(r.body().contains(LOADER), r.body());
        assertTrue(r.body().contains("data-consent-gated=\"\""), "markers carry a value in XML: " + r.body());
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(r.body())));
        assertEquals("html", doc.getDocumentElement().getLocalName(), "the gated XHTML is well-formed XML");
        assertFalse(get("/l/page").body().contains("data-consent-gated=\"\""), "HTML keeps the short form");
    }

    @Test
    void conditionalRequestWithTheSuffixedTagThenTheApplicationSeesItsOwnTagAndAnswers304() {
        HttpResponse<String> first = get("/l/page");
        String etag = first.headers().firstValue("etag").orElse("");
        assertTrue(etag.startsWith("\"v1-c4j"), etag);
        HttpResponse<String> again = get("/l/page", "If-None-Match", etag);
        assertEquals(304, again.statusCode(), "the stored body is still the one this visitor gets");
        assertEquals("\"v1\"", again.headers().firstValue("x-if-none-match").orElse(""), "the application sees its own tag");
        assertEquals(etag, again.headers().firstValue("etag").orElse(""), "the 304 names the stored, gated body");
        assertTrue(again.body().isEmpty());
        HttpResponse<String> listed = get("/l/page", "If-None-Match", "\"other\", " + etag);
        assertEquals(304, listed.statusCode());
        assertEquals("\"other\", \"v1\"", listed.headers().firstValue("x-if-none-match").orElse(""));
        HttpResponse<String> granted = get("/l/page", "If-None-Match", etag, "Cookie", "consent4j=" + TestSetup.grantAll("FR"));
        assertEquals(200, granted.statusCode(), "another decision: the stored body is not this visitor's");
        assertEquals("null", granted.headers().firstValue("x-if-none-match").orElse(""), "a tag of another body is left out");
        assertTrue(granted.body().contains(LOADER));
        HttpResponse<String> german = TestSetup.get(container.uri("/l/page"), "CF-IPCountry", "FR", "Accept-Language", "de",
                "If-None-Match", etag);
        assertEquals(200, german.statusCode(), "another language: another body");
    }

    @Test
    void bodyWhenContentTypeMissingOrLateThenGatedAsTheBrowserWouldTreatIt() {
        HttpResponse<String> none = get("/l/no-type");
        assertTrue(none.headers().firstValue("content-type").isEmpty(), "no type is invented");
        assertInert(none.body());
        HttpResponse<String> late = get("/l/late-type");
        assertTrue(late.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertInert(late.body());
        assertTrue(late.body().contains(LOADER));
    }

    @Test
    void writerWhenNoCharsetGivenThenTheContainersCharsetIsStillNamed() throws Exception {
        ConsentFilter off = new ConsentFilter(TestSetup.config().htmlGate(false).build());
        String expected;
        try (TestContainer plain = start(TestContainer.Registration.of(off), Map.of("/l/*", new LeanPageServlet()))) {
            expected = TestSetup.get(plain.uri("/l/writer-default-charset"), FRANCE).headers().firstValue("content-type").orElse("");
        }
        HttpResponse<byte[]> r = TestSetup.CLIENT.send(request(container.uri("/l/writer-default-charset"), FRANCE).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String type = r.headers().firstValue("content-type").orElse("");
        assertTrue(expected.toLowerCase(java.util.Locale.ROOT).contains("charset="), "the container names one: " + expected);
        assertEquals(expected.toLowerCase(java.util.Locale.ROOT).replace(" ", ""), type.toLowerCase(java.util.Locale.ROOT).replace(" ", ""));
        String charset = type.substring(type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=") + 8).trim();
        assertTrue(new String(r.body(), java.nio.charset.Charset.forName(charset)).contains("<p>caf\u00e9</p>"),
                "the bytes are in the named charset");
    }
}
