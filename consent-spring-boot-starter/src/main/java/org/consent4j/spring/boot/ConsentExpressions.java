package org.consent4j.spring.boot;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.consent4j.servlet.ConsentContext;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The bean {@code consent}: asks the current request's {@link ConsentContext} from expressions, e.g. in a
 * Thymeleaf template:
 * <pre>{@code
 * <script th:if="${@consent.allows('analytics')}" src="/js/analytics.js"></script>
 * }</pre>
 * or in {@code @PreAuthorize}/{@code @Value}-style SpEL as {@code @consent.allows('marketing')}.
 *
 * <p>Outside a request handled by the consent filter every question is answered "no": the most
 * protective answer. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ConsentExpressions {

    /** The bean's name. */
    public static final String BEAN_NAME = "consent";

    /** Creates the bean. */
    public ConsentExpressions() {
    }

    /**
     * Whether the current visitor allows the category, service or purpose with this id; unknown ids and
     * requests without a consent context are denied.
     *
     * @param id a category, service or purpose id, e.g. {@code analytics}
     * @return whether it is allowed
     */
    public boolean allows(String id) {
        return context().map(c -> c.allows(id)).orElse(false);
    }

    /**
     * Whether the banner should ask this visitor (opt-in regime and no current choice).
     *
     * @return whether to prompt; false outside a request handled by the filter
     */
    public boolean needsPrompt() {
        return context().map(ConsentContext::needsPrompt).orElse(false);
    }

    /**
     * The current request's consent context.
     *
     * @return the context, or empty outside a request handled by the consent filter
     */
    public Optional<ConsentContext> context() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return ConsentContext.find(request);
        }
        return Optional.empty();
    }
}
