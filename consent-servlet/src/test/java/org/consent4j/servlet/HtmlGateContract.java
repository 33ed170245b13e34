package org.consent4j.servlet;

import static org.consent4j.servlet.TestSetup.grantAll;
import static org.consent4j.servlet.TestSetup.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.consent4j.html.GatePolicy;
import org.consent4j.html.HtmlGate;
import org.consent4j.core.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTML gate in the consent filter, over real HTTP, on each container. The visitor is in France
 * with no choice (everything but the necessary refused) unless a test sends a consent cookie.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HtmlGateContract {

    private static final String[] FRANCE = {"CF-IPCountry", "FR"};
    private static final String HEAD_MARKUP = "<script src=\"/consent/assets/consent.js\" defer></script>";
    private static final HtmlGate GATE = HtmlGate.of(Fixtures.catalog());

    private TestContainer container;

    abstract TestContainer start(TestContainer.Registration registration, Map<String, HttpServlet> servlets);

    @BeforeAll
    void startContainer() {
        // The bundled banner off: these tests check the gate with a head markup of their own.
        ConsentFilter filter = new ConsentFilter(TestSetup.config().banner(false).headMarkup((request, context) ->
                context.needsPrompt() ? HEAD_MARKUP : "").build());
        container = start(TestContainer.Registration.of(filter), Map.of("/p/*", new PageServlet()));
    }

    @AfterAll
    void stopContainer() throws Exception {
        container.close();
    }

    /** The page as the gate makes it for a visitor who refused everything, with the head markup. */
    private static byte[] gated(byte[] page, String injection) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlGate.PageBuilder b = GATE.page(GatePolicy.denyAll()).charset(StandardCharsets.UTF_8);
        if (!injection.isEmpty()) {
            b.headInjection(injection);
        }
        try (OutputStream os = b.outputStream(out)) {
            os.write(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        return send(request(container.uri(path), concat(FRANCE, headers)).GET().build());
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return TestSetup.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static void assertNoWrongLength(HttpResponse<byte[]> r) {
        r.headers().firstValueAsLong("content-length").ifPresent(len -> assertEquals(r.body().length, len,
                "a Content-Length, if any, is the gated body's"));
    }

    @Test
    void getWriterWhenPageHasTrackersThenEveryTrackerIsInertAndTheHeadMarkupIsIn() {
        HttpResponse<byte[]> r = get("/p/writer");
        assertEquals(200, r.statusCode());
        assertEquals(new String(gated(PageServlet.PAGE_BYTES, HEAD_MARKUP), StandardCharsets.UTF_8), text(r));
        assertTrue(text(r).startsWith("<!DOCTYPE html><html><head>" + HEAD_MARKUP + "<title>Caf\u00e9</title>"));
        assertNoWrongLength(r);
    }

    @Test
    void getOutputStreamWhenContentLengthSetBeforeWritingThenItIsDropped() {
        HttpResponse<byte[]> r = get("/p/stream-length-before");
        assertArrayEquals(gated(PageServlet.PAGE_BYTES, HEAD_MARKUP), r.body());
        assertNoWrongLength(r);
    }

    @Test
    void getOutputStreamWhenContentLengthSetAfterWritingThenItIsDropped() {
        HttpResponse<byte[]> r = get("/p/stream-length-after");
        assertArrayEquals(gated(PageServlet.PAGE_BYTES, HEAD_MARKUP), r.body());
        assertNoWrongLength(r);
    }

    @Test
    void contentLengthHeaderWhenSetByNameThenItIsDropped() {
        HttpResponse<byte[]> r = get("/p/header-length");
        assertArrayEquals(gated(PageServlet.PAGE_BYTES, HEAD_MARKUP), r.body());
        assertNoWrongLength(r);
    }

    @Test
    void contentLengthWhenSetBeforeTheContentTypeThenItIsDropped() {
        HttpResponse<byte[]> r = get("/p/length-then-type");
        assertArrayEquals(gated(PageServlet.PAGE_BYTES, HEAD_MARKUP), r.body());
        assertNoWrongLength(r);
    }

    @Test
    void consentWhenEverythingGrantedThenThePageIsUnchanged() {
        HttpResponse<byte[]> r = get("/p/writer", "Cookie", "consent4j=" + grantAll("FR"));
        assertEquals(PageServlet.PAGE, text(r));
    }

    @Test
    void nonHtmlWhenWrittenThenUntouchedWithItsLength() {
        HttpResponse<byte[]> r = get("/p/plain");
        assertArrayEquals(PageServlet.PAGE_BYTES, r.body());
        assertEquals(PageServlet.PAGE_BYTES.length, r.headers().firstValueAsLong("content-length").orElse(-1));
    }

    @Test
    void compressedHtmlWhenAlreadyEncodedThenLeftAlone() {
        HttpResponse<byte[]> r = get("/p/gzip");
        assertEquals("gzip", r.headers().firstValue("content-encoding").orElse(""));
        assertArrayEquals(PageServlet.gzip(PageServlet.PAGE_BYTES), r.body());
    }

    @Test
    void notModifiedWhenAnsweredThenNoBodyAndNoRewrite() {
        HttpResponse<byte[]> r = get("/p/not-modified");
        assertEquals(304, r.statusCode());
        assertEquals(0, r.body().length);
    }

    @Test
    void rangeWhenPartialContentThenTheBytesAreUntouched() {
        HttpResponse<byte[]> r = get("/p/range");
        assertEquals(206, r.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(PageServlet.PAGE_BYTES, 0, 200), r.body());
        assertEquals(200, r.headers().firstValueAsLong("content-length").orElse(-1));
    }

    @Test
    void headWhenHtmlThenNoBodyAndTheLengthIsTheGatedOne() {
        for (String path : new String[] {"/p/stream-length-before", "/p/writer"}) {
            HttpResponse<byte[]> r = send(request(container.uri(path), FRANCE)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, r.statusCode());
            assertEquals(0, r.body().length);
            long length = r.headers().firstValueAsLong("content-length").orElse(-1L);
            assertTrue(length == -1 || length == gated(PageServlet.PAGE_BYTES, HEAD_MARKUP).length,
                    path + ": Content-Length " + length + " is absent or the gated length");
        }
    }

    @Test
    void flushBufferWhenPageStreamsThenTheFirstPartArrivesBeforeTheRest() throws Exception {
        PageServlet.firstPartRead = new CountDownLatch(1);
        HttpResponse<InputStream> r = TestSetup.CLIENT.send(request(container.uri("/p/stream"), FRANCE).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                try {
                    byte[] buf = new byte[256];
                    while (!seen.toString(StandardCharsets.UTF_8).contains("<p>first</p>")) {
                        int n = in.read(buf);
                        if (n < 0) {
                            return;
                        }
                        seen.write(buf, 0, n);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            first.get(8, TimeUnit.SECONDS);
            assertTrue(seen.toString(StandardCharsets.UTF_8).contains("<p>first</p>"), "the first part streamed");
            PageServlet.firstPartRead.countDown();
            seen.write(in.readAllBytes());
            String body = seen.toString(StandardCharsets.UTF_8);
            assertTrue(body.contains("<p>released=true</p>"), body);
            assertTrue(body.contains("<img data-consent-gated data-consent-category=\"marketing\""), body);
        }
    }

    @Test
    void largePageWhenStreamedThenGatedCompletelyWithoutLength() {
        HttpResponse<byte[]> r = get("/p/big");
        byte[] expected = gated(PageServlet.bigPage(), HEAD_MARKUP);
        assertEquals(expected.length, r.body().length);
        assertArrayEquals(expected, r.body());
        assertNoWrongLength(r);
    }

    @Test
    void asyncWhenWrittenOnAnotherThreadThenGatedBeforeCompletion() {
        HttpResponse<byte[]> r = get("/p/async");
        assertEquals(new String(gated(PageServlet.PAGE_BYTES, HEAD_MARKUP), StandardCharsets.UTF_8), text(r));
    }

    @Test
    void resetBufferWhenPartOfAPageWasWrittenThenTheGateStartsAgain() {
        HttpResponse<byte[]> r = get("/p/reset");
        assertEquals(new String(gated(PageServlet.PAGE_BYTES, HEAD_MARKUP), StandardCharsets.UTF_8), text(r));
    }
}
