package org.consent4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Keeps async processing on the gated response: {@link #startAsync()} would otherwise hand the
 * container's unwrapped response to the async thread (Servlet 6 §2.3.3.3), whose cookies no gate
 * would see. The async context it returns finishes the gated body before completing.
 */
final class GatedRequest extends HttpServletRequestWrapper {

    private static final String IF_NONE_MATCH = "If-None-Match";

    private final GatedResponse response;
    private @Nullable FinishingAsyncContext async;

    GatedRequest(HttpServletRequest request, GatedResponse response) {
        super(request);
        this.response = response;
    }

    /** {@code If-None-Match} as the application must read it: see {@link GatedResponse#conditionalTags}. */
    @Override
    public @Nullable String getHeader(String name) {
        String value = super.getHeader(name);
        return IF_NONE_MATCH.equalsIgnoreCase(name) ? response.conditionalTags(value) : value;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        Enumeration<String> values = super.getHeaders(name);
        if (!IF_NONE_MATCH.equalsIgnoreCase(name) || values == null || !values.hasMoreElements()) {
            return values;
        }
        String joined = String.join(", ", Collections.list(values));
        String tags = response.conditionalTags(joined);
        return tags == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(tags));
    }

    @Override
    public AsyncContext startAsync() {
        AsyncContext started = super.startAsync(this, response);
        response.watchAsync(started);
        return finishing(started);
    }

    @Override
    public AsyncContext startAsync(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
        AsyncContext started = super.startAsync(request, response);
        this.response.watchAsync(started);
        return finishing(started);
    }

    @Override
    public AsyncContext getAsyncContext() {
        AsyncContext current = super.getAsyncContext();
        return async != null && current == async.delegate() ? async : current;
    }

    private AsyncContext finishing(AsyncContext started) {
        async = new FinishingAsyncContext(started, response);
        return async;
    }
}
