package org.consent4j.servlet.banner;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Sends the banner's resources: content type, {@code nosniff}, a strong ETag with {@code 304} on a
 * match, gzip when the client accepts it, and a cache policy per resource.
 */
final class AssetHandler {

    static final String JS = "text/javascript;charset=utf-8";
    static final String CSS = "text/css;charset=utf-8";
    static final String JSON = "application/json;charset=utf-8";
    static final String HTML = "text/html;charset=utf-8";

    /** How a response may be cached. */
    enum Cache {
        /** A versioned URL whose content never changes: a year, immutable. */
        IMMUTABLE("public, max-age=31536000, immutable"),
        /** An unversioned URL: may be stored, revalidated with the ETag on every use. */
        REVALIDATE("no-cache"),
        /** Depends on the visitor's consent: never stored. */
        PRIVATE("private, no-store");

        final String header;

        Cache(String header) {
            this.header = header;
        }
    }

    /**
     * One resource, ready to send: its bytes, their gzip form, and a content hash that serves as
     * ETag and URL version.
     */
    record Asset(String contentType, byte[] body, byte[] gzip, String hash) {

        static Asset of(String contentType, String text) {
            return of(contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        static Asset of(String contentType, byte[] body) {
            return new Asset(contentType, body, AssetHandler.gzip(body), AssetHandler.hash(body));
        }

        static Asset resource(String contentType, String name) {
            try (InputStream in = AssetHandler.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("bundled banner resource " + name + " is missing from the jar");
                }
                return of(contentType, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("bundled banner resource " + name + " could not be read", e);
            }
        }
    }

    private AssetHandler() {
    }

    static void send(HttpServletRequest request, HttpServletResponse response, Asset asset, Cache cache,
                     String vary, Map<String, String> headers) throws IOException {
        boolean gzip = cache != Cache.PRIVATE && acceptsGzip(request.getHeader("Accept-Encoding"));
        String etag = "\"" + asset.hash() + (gzip ? "-gz" : "") + "\"";
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", cache.header);
        response.setHeader("Vary", vary.isEmpty() ? "Accept-Encoding" : "Accept-Encoding, " + vary);
        headers.forEach(response::setHeader);
        if (cache != Cache.PRIVATE) {
            response.setHeader("ETag", etag);
            if (matches(request.getHeader("If-None-Match"), etag)) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(asset.contentType());
        byte[] bytes = gzip ? asset.gzip() : asset.body();
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = Json.write(Map.of("error", message)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 §13.1.2) or is {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",", 64)) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Whether Accept-Encoding lists gzip (or {@code *}) with a non-zero weight. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",", 32)) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                boolean zero = false;
                for (int i = 1; i < pieces.length; i++) {
                    String p = pieces[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                    if (p.matches("q=0(\\.0{0,3})?")) {
                        zero = true;
                    }
                }
                if (!zero) {
                    return true;
                }
            }
        }
        return false;
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
