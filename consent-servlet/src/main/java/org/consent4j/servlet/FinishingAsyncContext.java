package org.consent4j.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * The async context the application gets from a gated request: {@link #complete()} first finishes the
 * gated response's body (a body rewriter may hold back the end of a tag, and the writer its last
 * characters), then completes. An {@link AsyncListener}'s {@code onComplete} comes only after the
 * container has sent the response, too late to write.
 */
final class FinishingAsyncContext implements AsyncContext {

    private final AsyncContext async;
    private final GatedResponse response;

    FinishingAsyncContext(AsyncContext async, GatedResponse response) {
        this.async = async;
        this.response = response;
    }

    AsyncContext delegate() {
        return async;
    }

    @Override
    public void complete() {
        response.finishThen(async::complete);
    }

    @Override
    public ServletRequest getRequest() {
        return async.getRequest();
    }

    @Override
    public ServletResponse getResponse() {
        return async.getResponse();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return async.hasOriginalRequestAndResponse();
    }

    @Override
    public void dispatch() {
        async.dispatch();
    }

    @Override
    public void dispatch(String path) {
        async.dispatch(path);
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        async.dispatch(context, path);
    }

    @Override
    public void start(Runnable run) {
        async.start(run);
    }

    @Override
    public void addListener(AsyncListener listener) {
        async.addListener(listener);
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        async.addListener(listener, request, response);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
        return async.createListener(type);
    }

    @Override
    public void setTimeout(long timeout) {
        async.setTimeout(timeout);
    }

    @Override
    public long getTimeout() {
        return async.getTimeout();
    }
}
