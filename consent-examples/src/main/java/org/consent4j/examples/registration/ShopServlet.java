package org.consent4j.examples.registration;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.consent4j.core.decision.Decision;
import org.consent4j.servlet.ConsentContext;

/**
 * The application of the registration examples: sets the Google Analytics cookie as a server-side
 * stack would (the filter drops it unless analytics is allowed) and asks the visitor's consent once.
 */
public final class ShopServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentContext consent = ConsentContext.of(request);
        response.addHeader("Set-Cookie", "_ga=GA1.1.1000.1700000000; Max-Age=63072000; Path=/");
        Decision analytics = consent.decision("google-analytics");
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().printf("jurisdiction=%s%ngoogle-analytics=%s (%s)%n", consent.jurisdiction().code(),
                analytics.allowed() ? "allow" : "deny", analytics.reason().code());
    }
}
