package org.consent4j.servlet;

import jakarta.servlet.http.HttpServlet;
import java.util.Map;

final class LeanPagesTomcatTest extends LeanPagesContract {
    @Override
    TestContainer start(TestContainer.Registration registration, Map<String, HttpServlet> servlets) {
        return TestContainer.tomcat(registration, servlets);
    }
}
