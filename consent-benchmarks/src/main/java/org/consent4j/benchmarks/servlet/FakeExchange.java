package org.consent4j.benchmarks.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request and a response in memory, with just what the filter touches, so the benchmark measures
 * the filter and not a network stack. Any other method throws.
 */
final class FakeExchange {

    private FakeExchange() {
    }

    private static <T> T unsupported(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(FakeExchange.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                }));
    }

    static final class Request extends HttpServletRequestWrapper {
        private final Map<String, String> headers;
        private final Cookie @Nullable [] cookies; // null, as containers give it, when the request has none
        private final Map<String, Object> attributes = new HashMap<>();

        Request(Map<String, String> headers, Cookie @Nullable [] cookies) {
            super(unsupported(HttpServletRequest.class));
            this.headers = headers;
            this.cookies = cookies;
        }

        void reset() {
            attributes.clear();
        }

        @Override
        public @Nullable String getHeader(String name) {
            return headers.get(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String v = headers.get(name);
            return v == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(v));
        }

        @Override
        public Cookie @Nullable [] getCookies() {
            return cookies;
        }

        @Override
        public @Nullable Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object o) {
            attributes.put(name, o);
        }

        @Override
        public String getRequestURI() {
            return "/api/ping";
        }

        @Override
        public String getContextPath() {
            return "";
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public boolean isAsyncStarted() {
            return false;
        }
    }

    static final class Response extends HttpServletResponseWrapper {
        final List<Object> cookies = new ArrayList<>();
        final Map<String, List<String>> headers = new HashMap<>();

        Response() {
            super(unsupported(HttpServletResponse.class));
        }

        void reset0() {
            cookies.clear();
            headers.clear();
        }

        @Override
        public void addCookie(Cookie cookie) {
            cookies.add(cookie);
        }

        @Override
        public void addHeader(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>(2)).add(value);
        }

        @Override
        public void setHeader(String name, String value) {
            List<String> list = new ArrayList<>(1);
            if (value != null) {
                list.add(value);
            }
            headers.put(name, list);
        }

        @Override
        public Collection<String> getHeaders(String name) {
            return headers.getOrDefault(name, List.of());
        }

        @Override
        public @Nullable String getHeader(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        @Override
        public boolean containsHeader(String name) {
            List<String> v = headers.get(name);
            return v != null && !v.isEmpty();
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public @Nullable String getContentType() {
            return null;
        }
    }
}
