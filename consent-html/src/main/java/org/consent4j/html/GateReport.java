package org.consent4j.html;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link GateListener} that writes each gated or unchecked element as it is reported, as one JSON
 * array, so a report takes constant memory however long the page. {@link #close()} ends the array
 * (and flushes, but does not close, the sink).
 *
 * <p>Each element is an object with {@code service}, {@code category}, {@code element},
 * {@code reason}, {@code attribution} (the {@link GatedElement.Attribution} in lower case with
 * dashes, or {@code unchecked}), {@code evidence} and {@code offset}. Not thread-safe: one per page.
 */
public final class GateReport implements GateListener, Closeable {

    private final Writer out;
    private boolean first = true;
    private boolean closed;

    private GateReport(Writer out) {
        this.out = out;
    }

    /** A report written as UTF-8 to {@code sink}. */
    public static GateReport to(OutputStream sink) {
        Objects.requireNonNull(sink, "sink");
        return new GateReport(new java.io.OutputStreamWriter(sink, StandardCharsets.UTF_8));
    }

    @Override
    public void gated(GatedElement e) {
        entry(e.serviceId(), e.categoryId(), e.element(), e.reason(),
                e.attribution().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.evidence(), e.offset());
    }

    @Override
    public void unchecked(String element, long offset, String reason) {
        entry("", "", element, "not checked: " + reason, "unchecked", "", offset);
    }

    private void entry(String service, String category, String element, String reason, String attribution,
                       String evidence, long offset) {
        try {
            out.write(first ? "[ {\n" : ", {\n");
            first = false;
            field("service", service);
            field("category", category);
            field("element", element);
            field("reason", reason);
            field("attribution", attribution);
            field("evidence", evidence);
            out.write("  \"offset\" : " + offset + "\n}");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void field(String name, String value) throws IOException {
        out.write("  \"" + name + "\" : \"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    if (c < 0x20) {
                        out.write(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write("\",\n");
    }

    /** Ends the array ({@code []} when nothing was reported) and flushes the sink. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.write(first ? "[ ]\n" : " ]\n");
        out.flush();
    }
}
