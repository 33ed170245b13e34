package org.consent4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RecordingProxyTest {

    private static String exchange(RecordingProxy proxy, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void connectWhenHttpsTargetThenRecordsTheHostAndRefusesTheTunnel() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.start()) {
            long mark = proxy.mark();
            String answer = exchange(proxy, "CONNECT www.youtube.com:443 HTTP/1.1\r\nHost: www.youtube.com:443\r\n\r\n");

            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertEquals(List.of(new RecordingProxy.Entry(mark, "www.youtube.com", "https://www.youtube.com/", true)),
                    proxy.since(mark));
        }
    }

    @Test
    void getWhenPlainHttpThenRecordsTheUrlAndAnswersLocally() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.start()) {
            String js = exchange(proxy, "GET http://tracker.segmetrics.com/sm.js?x=1 HTTP/1.1\r\nHost: tracker.segmetrics.com\r\n\r\n");
            String pixel = exchange(proxy, "GET http://www.facebook.com/tr?id=1 HTTP/1.1\r\nHost: www.facebook.com\r\n\r\n");
            long mark = proxy.mark();
            String css = exchange(proxy, "GET http://fonts.example/a.css HTTP/1.1\r\nHost: fonts.example\r\n\r\n");

            assertTrue(js.startsWith("HTTP/1.1 200") && js.contains("application/javascript") && js.endsWith("\r\n\r\n"), js);
            assertTrue(pixel.startsWith("HTTP/1.1 204"), pixel);
            assertTrue(css.contains("text/css"), css);
            assertEquals(List.of("http://fonts.example/a.css"), proxy.since(mark).stream().map(RecordingProxy.Entry::url).toList());
            assertEquals(3, proxy.since(0).size());
            assertEquals("tracker.segmetrics.com", proxy.since(0).get(0).host());
        }
    }

    @Test
    void requestWhenGarbledThenAnswersBadRequestWithoutRecording() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.start()) {
            assertTrue(exchange(proxy, "NONSENSE\r\n\r\n").startsWith("HTTP/1.1 400"));
            assertTrue(exchange(proxy, "GET http://bad%zz/ HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400"));
            assertEquals(List.of(), proxy.since(0));
        }
    }
}
