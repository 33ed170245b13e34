package org.consent4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Keeps async processing on the gated response: {@link #startAsync()} would otherwise hand the
 * container's unwrapped response to the async thread (Servlet 6 §2.3.3.3), whose cookies no gate
 * would see.
 */
final class GatedRequest extends HttpServletRequestWrapper {

    private final GatedResponse response;

    GatedRequest(HttpServletRequest request, GatedResponse response) {
        super(request);
        this.response = response;
    }

    @Override
    public AsyncContext startAsync() {
        AsyncContext async = super.startAsync(this, response);
        response.watchAsync(async);
        return async;
    }

    @Override
    public AsyncContext startAsync(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
        AsyncContext async = super.startAsync(request, response);
        this.response.watchAsync(async);
        return async;
    }
}
