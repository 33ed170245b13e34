package org.consent4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy on the loopback interface that never connects anywhere: it records the target of every
 * request the browser sends through it and answers locally. Plain HTTP requests get an empty answer
 * (empty JavaScript, an empty stylesheet, or {@code 204}); an HTTPS request arrives as a
 * {@code CONNECT host:port}, whose host is recorded and whose tunnel is refused, so only the host of an
 * encrypted request is known here.
 */
final class RecordingProxy implements AutoCloseable {

    /** One request the browser tried to send. */
    record Entry(long sequence, String host, String url, boolean tunnel) {
    }

    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket server;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final List<Entry> entries = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;

    private RecordingProxy(ServerSocket server) {
        this.server = server;
        this.workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "consent4j-audit-proxy");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::accept, "consent4j-audit-proxy-accept");
        this.acceptor.setDaemon(true);
    }

    /** A proxy listening on 127.0.0.1 and a free port. */
    static RecordingProxy start() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        RecordingProxy proxy = new RecordingProxy(server);
        proxy.acceptor.start();
        return proxy;
    }

    int port() {
        return server.getLocalPort();
    }

    /** The sequence number the next entry will get: take it before a page load, read entries after. */
    long mark() {
        return sequence.get();
    }

    /** The entries recorded since {@code mark}. */
    List<Entry> since(long mark) {
        synchronized (entries) {
            return entries.stream().filter(e -> e.sequence() >= mark).toList();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                workers.execute(() -> handle(socket));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String requestLine = head.lines().findFirst().orElse("");
            String[] parts = requestLine.split(" ");
            if (parts.length < 2) {
                respond(socket.getOutputStream(), "400 Bad Request", "", new byte[0]);
                return;
            }
            String method = parts[0].toUpperCase(Locale.ROOT);
            String target = parts[1];
            if (method.equals("CONNECT")) {
                String host = target.contains(":") ? target.substring(0, target.lastIndexOf(':')) : target;
                record(host, "https://" + host + "/", true);
                respond(socket.getOutputStream(), "403 Forbidden", "text/plain", new byte[0]);
                return;
            }
            URI uri;
            try {
                uri = URI.create(target);
            } catch (IllegalArgumentException e) {
                respond(socket.getOutputStream(), "400 Bad Request", "", new byte[0]);
                return;
            }
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            record(host, target, false);
            String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
            if (path.endsWith(".js") || path.contains("/js")) {
                respond(socket.getOutputStream(), "200 OK", "application/javascript", new byte[0]);
            } else if (path.endsWith(".css")) {
                respond(socket.getOutputStream(), "200 OK", "text/css", new byte[0]);
            } else {
                respond(socket.getOutputStream(), "204 No Content", "", new byte[0]);
            }
        } catch (IOException e) {
            // The browser gave up on the request; nothing to record beyond what was read.
        }
    }

    private void record(String host, String url, boolean tunnel) {
        synchronized (entries) {
            entries.add(new Entry(sequence.getAndIncrement(), host, url, tunnel));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (head.size() < MAX_HEAD) {
            int b;
            try {
                b = in.read();
            } catch (SocketException e) {
                break;
            }
            if (b < 0) {
                break;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) ? state + 1 : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void respond(OutputStream out, String status, String contentType, byte[] body) throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        if (!contentType.isEmpty()) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (!status.startsWith("204")) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("Cache-Control: no-store\r\nConnection: close\r\n\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Closing a listening socket cannot lose data.
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
