package org.consent4j.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The checks made before an audit is trusted: the site answers at all, and the browser part of the
 * kit is on the class path when it is asked for. An audit that saw nothing because nothing loaded must
 * fail, never report "0 violations".
 */
final class SiteCheck {

    /** The class whose absence means Selenium is not on the class path. */
    static final String SELENIUM_CLASS = "org.openqa.selenium.chrome.ChromeDriver";

    private SiteCheck() {
    }

    /**
     * Fails unless {@code url} answers an HTTP request (any status: a 500 page is still a page).
     *
     * @throws AuditException naming the URL and the cause
     */
    static void reachable(URI url, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", HttpAuditSession.USER_AGENT)
                .GET().build();
        try {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new AuditException("could not reach " + url + ": " + cause(e)
                    + " (is the site running and reachable from this machine?)", e);
        }
    }

    /**
     * Fails unless Selenium's Chrome driver is on the class path; the kit declares it optional, so
     * only hosts that audit with a real browser carry it.
     *
     * @throws AuditException saying which dependencies to add
     */
    static void seleniumPresent() {
        try {
            Class.forName(SELENIUM_CLASS, false, SiteCheck.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AuditException("the browser driver needs Selenium on the class path: add "
                    + "org.seleniumhq.selenium:selenium-chrome-driver and selenium-support (4.x), "
                    + "or audit over HTTP without the browser", e);
        }
    }

    /**
     * The cause of a failure in words: the first message in the cause chain, with the exception's
     * simple name where the message alone would not say what happened; never "null".
     */
    static String cause(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                return t == e ? describeSilent(t) + ": " + m : describeSilent(e) + ": " + m;
            }
        }
        return describeSilent(e);
    }

    private static String describeSilent(Throwable t) {
        String name = t.getClass().getSimpleName();
        return switch (name) {
            case "ConnectException" -> "connection refused (ConnectException)";
            case "HttpConnectTimeoutException", "HttpTimeoutException" -> "timed out (" + name + ")";
            case "UnknownHostException", "UnresolvedAddressException" -> "unknown host (" + name + ")";
            default -> name;
        };
    }
}
