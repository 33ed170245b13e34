package org.consent4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Keeps async processing on the gated response: {@link #startAsync()} would otherwise hand the
 * container's unwrapped response to the async thread (Servlet 6 §2.3.3.3), whose cookies no gate
 * would see. The async context it returns finishes the gated body before completing.
 */
final class GatedRequest extends HttpServletRequestWrapper {

    private final GatedResponse response;
    private @Nullable FinishingAsyncContext async;

    GatedRequest(HttpServletRequest request, GatedResponse response) {
        super(request);
        this.response = response;
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
