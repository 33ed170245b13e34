package org.consent4j.examples.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.consent4j.servlet.ConsentContext;
import org.consent4j.servlet.banner.Banner;

/** Serves the banner's assets and the cookie declaration page under the consent prefix. */
final class BannerServlet extends HttpServlet {

    private final Banner banner;

    BannerServlet(Banner banner) {
        this.banner = banner;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!banner.handles(path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        banner.serve(request, response, ConsentContext.find(request).map(ConsentContext::visitor));
    }
}
