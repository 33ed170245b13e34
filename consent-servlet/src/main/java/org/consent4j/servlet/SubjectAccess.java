package org.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.consent4j.records.ChainedRecord;
import org.consent4j.records.ConsentRecordLog;
import org.consent4j.records.RecordJson;
import org.consent4j.records.RecordWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET {prefix}/records}: a visitor downloads the consent records of their own subject id, the one
 * in their signed consent cookie (GDPR Art. 15 right of access, Art. 20 portability), as JSON: the
 * subject id and every record in the log's canonical form, oldest first. Without a valid cookie there
 * is no subject and the list is empty; nobody can ask for another subject's records. Answered only when
 * the record sink can read records back ({@link ConsentRecordLog}).
 */
final class SubjectAccess {

    static final String PATH = "/records";
    private static final Logger LOG = LoggerFactory.getLogger(SubjectAccess.class);

    private final FilterCore core;

    SubjectAccess(FilterCore core) {
        this.core = core;
    }

    /** Whether the path (relative to the context) is the subject access endpoint. */
    static boolean handles(String uri, int offset, String prefix) {
        int length = uri.length() - offset;
        return length == prefix.length() + PATH.length() && uri.startsWith(prefix, offset)
                && uri.startsWith(PATH, offset + prefix.length());
    }

    void handle(HttpServletRequest request, HttpServletResponse response, ConsentContext context) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            ConsentEndpoints.error(response, 405, "method not allowed here; use GET, HEAD");
            return;
        }
        if (!(core.config.recordSink() instanceof ConsentRecordLog log)) {
            ConsentEndpoints.error(response, 404, "this site's record sink cannot read records back; ask the site "
                    + "operator for your records");
            return;
        }
        if (!core.rateLimiter.admit(request, response)) {
            return;
        }
        String subject = context.subjectIdQuietly();
        List<ChainedRecord> records;
        try {
            records = subject.isEmpty() ? List.of() : log.export(subject);
        } catch (RecordWriteException e) {
            LOG.error("subject access: cannot read the records of one subject from {}", log, e);
            ConsentEndpoints.error(response, 503, "your records cannot be read right now; please try again later");
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 900 * records.size());
        out.writeBytes(("{\"subject\":" + jsonString(subject) + ",\"records\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(RecordJson.format(records.get(i)).getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        byte[] body = out.toByteArray();
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Disposition", "attachment; filename=\"consent-records.json\"");
        response.setContentLength(body.length);
        if (method.equals("GET")) {
            response.getOutputStream().write(body);
        }
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
