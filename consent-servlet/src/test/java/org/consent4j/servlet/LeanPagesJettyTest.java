package org.consent4j.servlet;

import jakarta.servlet.http.HttpServlet;
import java.util.Map;

final class LeanPagesJettyTest extends LeanPagesContract {
    @Override
    TestContainer start(TestContainer.Registration registration, Map<String, HttpServlet> servlets) {
        return TestContainer.jetty(registration, servlets);
    }
}
