package org.consent4j.examples.spring;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.consent4j.servlet.ConsentContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

// tag::controller[]
/**
 * Pages that set the Google Analytics cookie {@code _ga} without asking anything: the consent filter
 * drops it for a visitor who has not allowed analytics.
 */
@Controller
public class ShopController {

    /** The home page: a Thymeleaf template that asks {@code @consent.allows('analytics')}. */
    @GetMapping("/")
    public String home(HttpServletResponse response) {
        response.addCookie(analyticsCookie());
        return "home";
    }

    /** A JSON answer that asks the visitor's consent through a controller argument. */
    @GetMapping("/api/visit")
    @ResponseBody
    public Map<String, Object> visit(ConsentContext consent, HttpServletResponse response) {
        response.addCookie(analyticsCookie());
        return Map.of("analytics", consent.allows("analytics"), "jurisdiction", consent.jurisdiction().code());
    }

    private static Cookie analyticsCookie() {
        Cookie ga = new Cookie("_ga", "GA1.1.123456789.1700000000");
        ga.setPath("/");
        ga.setMaxAge(60 * 60 * 24 * 400);
        return ga;
    }
}
// end::controller[]
