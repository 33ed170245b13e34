package org.consent4j.servlet.banner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.Decision;
import org.consent4j.core.decision.VisitorConsent;
import org.consent4j.core.jurisdiction.Jurisdiction;
import org.jspecify.annotations.Nullable;

/**
 * The visitor's state as a page needs it for its first paint, inlined in the boot block of every
 * gated page: the regime, whether to prompt, GPC, the kind of the stored choice, every category's
 * decision, and only those service decisions that differ from their category's (none unless GPC or a
 * per-service choice applies). It carries {@code "partial": true}; the script asks GET {prefix} for the
 * full state (every service, the jurisdiction, the laws, the subject id) when the second layer opens.
 *
 * <p>This is the one place where the boot state is built. {@link #key} names the state compactly, so
 * the markup can be rendered once per distinct state and cached: two visitors with the same key get
 * the same {@link #json}. Nothing per visitor (subject id, decision time, location) is in either.
 */
final class BootState {

    private BootState() {
    }

    /**
     * A compact name of everything {@link #json} depends on: the regime, GPC as sent and as honoured,
     * the prompt, the stored method, each category's choice and decision, and each per-service
     * choice with its decision. The service decisions that {@link #json} lists follow from these.
     */
    static String key(Catalog catalog, VisitorConsent visitor) {
        Jurisdiction j = visitor.jurisdiction();
        Optional<ConsentState> state = visitor.state();
        StringBuilder k = new StringBuilder(48);
        k.append(j.regime().ordinal()).append(j.gpcHonoured() ? 'h' : '-').append(visitor.signals().gpc() ? 'g' : '-')
                .append(visitor.needsPrompt() ? 'p' : '-');
        if (state.isPresent()) {
            ConsentState s = state.get();
            k.append(s.method().ordinal()).append(s.gpc() ? 'g' : '-');
        } else {
            k.append('n');
        }
        for (Category c : catalog.categories()) {
            Choice choice = state.isPresent() ? state.get().categories().get(c.id()) : null;
            Decision d = visitor.category(c.id());
            k.append('|').append(choice == null ? '-' : choice == Choice.GRANTED ? 'G' : 'D')
                    .append(d.allowed() ? 'a' : 'd').append(d.reason().ordinal());
        }
        if (state.isPresent() && !state.get().services().isEmpty()) {
            for (Map.Entry<String, Choice> e : new TreeMap<>(state.get().services()).entrySet()) {
                Decision d = visitor.service(e.getKey());
                k.append('|').append(e.getKey()).append('=').append(e.getValue() == Choice.GRANTED ? 'G' : 'D')
                        .append(d.allowed() ? 'a' : 'd').append(d.reason().ordinal());
            }
        }
        return k.toString();
    }

    /** The first-paint state as a tree for {@link Json#write}. */
    static Map<String, Object> json(Catalog catalog, VisitorConsent visitor) {
        return json(catalog, visitor, null, null);
    }

    /**
     * The first-paint state, with the mode and key of the visitor's consent-derived policy when the
     * site has one ({@code "csp": {"mode": …, "key": …}}): the script compares the page's key with the
     * key after a choice. The key follows from the decisions {@link #key} names.
     */
    static Map<String, Object> json(Catalog catalog, VisitorConsent visitor, @Nullable String cspMode,
                                    @Nullable String cspKey) {
        Jurisdiction j = visitor.jurisdiction();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("regime", j.regime().name());
        m.put("gpc", visitor.signals().gpc());
        m.put("gpcHonoured", j.gpcHonoured());
        m.put("revision", catalog.revision());
        m.put("needsPrompt", visitor.needsPrompt());
        Optional<ConsentState> state = visitor.state();
        if (state.isPresent()) {
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("method", state.get().method().name());
            choice.put("gpc", state.get().gpc());
            m.put("choice", choice);
        } else {
            m.put("choice", null);
        }
        Map<String, Decision> byCategory = new LinkedHashMap<>();
        List<Object> categories = new ArrayList<>();
        for (Category c : catalog.categories()) {
            Decision d = visitor.category(c.id());
            byCategory.put(c.id(), d);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", c.id());
            entry.put("required", c.required());
            entry.put("decision", d.verdict());
            entry.put("reason", d.reason().code());
            categories.add(entry);
        }
        m.put("categories", categories);
        List<Object> services = new ArrayList<>();
        for (Service s : catalog.services()) {
            Decision d = visitor.service(s.id());
            Decision c = byCategory.get(s.category());
            if (c == null || c.allowed() != d.allowed()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", s.id());
                entry.put("category", s.category());
                entry.put("decision", d.verdict());
                entry.put("reason", d.reason().code());
                services.add(entry);
            }
        }
        m.put("services", services);
        if (cspMode != null && cspKey != null) {
            Map<String, Object> csp = new LinkedHashMap<>();
            csp.put("mode", cspMode);
            csp.put("key", cspKey);
            m.put("csp", csp);
        }
        m.put("partial", true);
        return m;
    }
}
