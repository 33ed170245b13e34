package org.consent4j.servlet;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.consent4j.iab.IabStrings;
import org.jspecify.annotations.Nullable;

/**
 * The consent of the visitor behind one request, for server code: "may I do X for this visitor?".
 *
 * <p>{@link ConsentFilter} puts one on every request it handles, as the request attribute
 * {@value #ATTRIBUTE}; get it with {@link #of(HttpServletRequest)}:
 * <pre>{@code
 * if (ConsentContext.of(request).allows("analytics")) {
 *     // send the page view to the analytics back end
 * }
 * }</pre>
 *
 * <p>Asking marks the response as depending on the visitor's consent, so the filter adds
 * {@code Vary} (or {@code Cache-Control: private}) to it; ask before the response is committed.
 * Deciding allocates nothing. Not thread-safe for that marking, but safe to read from an async thread.
 */
public final class ConsentContext {

    /** The request attribute holding the context. */
    public static final String ATTRIBUTE = "org.consent4j.servlet.ConsentContext";

    private final VisitorConsent visitor;
    private final String subjectId;
    private final String location;
    private List<String> sentServiceCookies = List.of();
    private boolean imported;
    private @Nullable Runnable onFirstUse;
    private boolean used;
    private java.util.function.@Nullable Supplier<IabStrings> iabSource;
    private @Nullable IabStrings iab;

    ConsentContext(VisitorConsent visitor, String subjectId, String location) {
        this.visitor = Objects.requireNonNull(visitor, "visitor");
        this.subjectId = Objects.requireNonNull(subjectId, "subjectId");
        this.location = Objects.requireNonNull(location, "location");
    }

    /**
     * The context of this request.
     *
     * @throws IllegalStateException if {@link ConsentFilter} did not handle the request: map it to this
     *                               path and dispatcher type
     */
    public static ConsentContext of(HttpServletRequest request) {
        return find(request).orElseThrow(() -> new IllegalStateException("no ConsentContext on request "
                + request.getRequestURI() + ": map ConsentFilter to this path (and dispatcher type "
                + request.getDispatcherType() + ")"));
    }

    /** The context of this request, if {@link ConsentFilter} handled it. */
    public static Optional<ConsentContext> find(ServletRequest request) {
        Object value = request.getAttribute(ATTRIBUTE);
        return value instanceof ConsentContext c ? Optional.of(c) : Optional.empty();
    }

    /** Whether the category, service or purpose with this id is allowed; unknown ids are denied. */
    public boolean allows(String id) {
        markUsed();
        return visitor.allows(id);
    }

    /** The decision, with its reason, for a category, service or purpose id. */
    public Decision decision(String id) {
        markUsed();
        return visitor.decide(id);
    }

    /** The jurisdiction whose rules apply. */
    public Jurisdiction jurisdiction() {
        markUsed();
        return visitor.jurisdiction();
    }

    /** Whether the request carried a valid Global Privacy Control signal ({@code Sec-GPC: 1}). */
    public boolean gpc() {
        markUsed();
        return visitor.signals().gpc();
    }

    /** The visitor's pseudonymous subject id; empty until the first choice. */
    public String subjectId() {
        markUsed();
        return subjectId;
    }

    /** The visitor's stored choice, if any. */
    public Optional<ConsentState> state() {
        markUsed();
        return visitor.state();
    }

    /** Whether the banner should ask (opt-in regime and no current choice). */
    public boolean needsPrompt() {
        markUsed();
        return visitor.needsPrompt();
    }

    /** The full evaluation, for category-, service- and purpose-level questions. */
    public VisitorConsent visitor() {
        markUsed();
        return visitor;
    }

    /** The location the resolver found ({@code US-CA}), empty when unknown. */
    public String location() {
        markUsed();
        return location;
    }

    /**
     * The visitor's IAB signals: the GPP string, the TCF v2.2 TC string and the US Privacy string, each
     * present where it applies to this visitor and decision ({@link IabStrings}). Empty
     * ({@link IabStrings#NONE}) unless the site turned IAB signals on ({@link IabConfig}). Made on first
     * call and cached per distinct decision, so asking costs a lookup.
     */
    public IabStrings iabSignals() {
        markUsed();
        return iabQuietly();
    }

    IabStrings iabQuietly() {
        IabStrings s = iab;
        if (s == null) {
            java.util.function.Supplier<IabStrings> source = iabSource;
            s = source == null ? IabStrings.NONE : source.get();
            iab = s;
        }
        return s;
    }

    void iabSource(java.util.function.Supplier<IabStrings> source) {
        this.iabSource = source;
        this.iab = null;
    }

    VisitorConsent visitorQuietly() {
        return visitor;
    }

    String subjectIdQuietly() {
        return subjectId;
    }

    String locationQuietly() {
        return location;
    }

    /** Names of cookies the browser sent that the catalog attributes to a service. */
    List<String> sentServiceCookies() {
        return sentServiceCookies;
    }

    /** Whether the stored choice came from another consent manager's cookie (an import not yet rewritten). */
    boolean imported() {
        return imported;
    }

    void markImported() {
        this.imported = true;
    }

    void sentServiceCookies(List<String> names) {
        this.sentServiceCookies = names;
    }

    void onFirstUse(Runnable action) {
        this.onFirstUse = action;
        if (used) {
            action.run();
        }
    }

    private void markUsed() {
        if (!used) {
            used = true;
            Runnable action = onFirstUse;
            if (action != null) {
                action.run();
            }
        }
    }

    @Override
    public String toString() {
        return "ConsentContext[" + visitor + "]";
    }
}
