package org.consent4j.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.decision.ConsentState;

/**
 * One consent state a site is audited in: no choice, reject all, accept all, or only some
 * categories, each with or without Global Privacy Control.
 *
 * <p>Written as text in the command line and the reports: {@code no-choice}, {@code reject},
 * {@code accept}, {@code only:analytics} (several: {@code only:analytics,functional}), and
 * {@code gpc} for "no choice, GPC on"; any of the others takes a {@code +gpc} suffix
 * ({@code reject+gpc}). Immutable.
 *
 * @param choice     which choice the visitor made
 * @param categories the categories granted by an {@link Choice#ONLY} choice, sorted; empty otherwise
 * @param gpc        whether the browser sends Global Privacy Control ({@code Sec-GPC: 1})
 */
public record AuditState(Choice choice, Set<String> categories, boolean gpc) {

    /** The choice a visitor made, as the consent endpoint accepts it. */
    public enum Choice {
        /** No choice yet (the first visit). */
        NONE,
        /** "Reject all": every non-required category denied. */
        REJECT_ALL,
        /** "Accept all": every category granted. */
        ACCEPT_ALL,
        /** The listed categories granted, the rest denied. */
        ONLY
    }

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** Checks that the choice is given. */
    public AuditState {
        if (choice == null) {
            throw new IllegalArgumentException("choice is required");
        }
        categories = Set.copyOf(new java.util.TreeSet<>(categories));
        if (choice == Choice.ONLY && categories.isEmpty()) {
            throw new IllegalArgumentException("an 'only' state needs at least one category, e.g. only:analytics");
        }
        if (choice != Choice.ONLY && !categories.isEmpty()) {
            throw new IllegalArgumentException("categories are given only with an 'only' state, not with " + choice);
        }
        for (String c : categories) {
            if (!ID.matcher(c).matches()) {
                throw new IllegalArgumentException("'" + c + "' is not a category id (lower-case letters, digits, '.', '_', '-')");
            }
        }
    }

    /** The first visit: no choice, no GPC. */
    public static AuditState noChoice() {
        return new AuditState(Choice.NONE, Set.of(), false);
    }

    /** No choice, Global Privacy Control on. */
    public static AuditState gpcOnly() {
        return new AuditState(Choice.NONE, Set.of(), true);
    }

    /** "Reject all". */
    public static AuditState rejectAll() {
        return new AuditState(Choice.REJECT_ALL, Set.of(), false);
    }

    /** "Accept all". */
    public static AuditState acceptAll() {
        return new AuditState(Choice.ACCEPT_ALL, Set.of(), false);
    }

    /** Only these categories granted, every other non-required category denied. */
    public static AuditState only(String... categories) {
        return new AuditState(Choice.ONLY, Set.of(categories), false);
    }

    /** The same choice with Global Privacy Control on. */
    public AuditState withGpc() {
        return new AuditState(choice, categories, true);
    }

    /**
     * The states every audit should cover: no choice, reject, accept, each non-required category of
     * the catalog alone, and no choice with GPC on.
     */
    public static List<AuditState> standard(Catalog catalog) {
        List<AuditState> states = new ArrayList<>();
        states.add(noChoice());
        states.add(rejectAll());
        states.add(acceptAll());
        for (Category c : catalog.categories()) {
            if (!c.required()) {
                states.add(only(c.id()));
            }
        }
        states.add(gpcOnly());
        return List.copyOf(states);
    }

    /**
     * Reads the text form ({@code no-choice}, {@code reject}, {@code accept}, {@code only:a,b},
     * {@code gpc}, each but {@code gpc} with an optional {@code +gpc}).
     *
     * @throws IllegalArgumentException naming what is wrong and the accepted forms
     */
    public static AuditState parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        boolean gpc = false;
        if (t.equals("gpc")) {
            return gpcOnly();
        }
        if (t.endsWith("+gpc")) {
            gpc = true;
            t = t.substring(0, t.length() - 4);
        }
        AuditState state;
        if (t.equals("no-choice") || t.equals("none")) {
            state = noChoice();
        } else if (t.equals("reject")) {
            state = rejectAll();
        } else if (t.equals("accept")) {
            state = acceptAll();
        } else if (t.startsWith("only:")) {
            Set<String> cats = new LinkedHashSet<>();
            for (String c : t.substring(5).split(",", -1)) {
                if (c.isBlank()) {
                    throw new IllegalArgumentException("consent state '" + text + "' has an empty category: write only:analytics,marketing");
                }
                cats.add(c.trim());
            }
            state = new AuditState(Choice.ONLY, cats, false);
        } else {
            throw new IllegalArgumentException("unknown consent state '" + text
                    + "': use no-choice, reject, accept, only:CATEGORY[,CATEGORY...] or gpc, optionally followed by +gpc");
        }
        return gpc ? state.withGpc() : state;
    }

    /** The text form, e.g. {@code only:analytics+gpc}; {@link #parse(String)} reads it back. */
    public String id() {
        String base = switch (choice) {
            case NONE -> gpc ? "gpc" : "no-choice";
            case REJECT_ALL -> "reject";
            case ACCEPT_ALL -> "accept";
            case ONLY -> "only:" + String.join(",", new java.util.TreeSet<>(categories));
        };
        return gpc && choice != Choice.NONE ? base + "+gpc" : base;
    }

    /** A sentence for people, e.g. "only Analytics accepted, GPC on". */
    public String describe(Catalog catalog) {
        String base = switch (choice) {
            case NONE -> "no choice yet";
            case REJECT_ALL -> "rejected all";
            case ACCEPT_ALL -> "accepted all";
            case ONLY -> "only " + String.join(", ", categories.stream().sorted()
                    .map(c -> catalog.category(c).map(x -> x.label().get(Locale.ENGLISH)).orElse(c)).toList()) + " accepted";
        };
        return gpc ? base + ", GPC on" : base;
    }

    /** Whether the state is a choice, which only a site with a consent endpoint can be put in. */
    public boolean needsEndpoint() {
        return choice != Choice.NONE;
    }

    /**
     * The state as the decision engine sees it after the visitor chose, made at {@code now} under the
     * catalog's revision; empty for no choice.
     *
     * @throws IllegalArgumentException if an {@code only} state names a category the catalog lacks
     */
    public Optional<ConsentState> consentState(Catalog catalog, Instant now, String jurisdiction) {
        requireKnownCategories(catalog);
        if (choice == Choice.NONE) {
            return Optional.empty();
        }
        ConsentState.Builder b = ConsentState.builder(now, catalog.revision()).jurisdiction(jurisdiction).gpc(gpc)
                .method(switch (choice) {
                    case ACCEPT_ALL -> ConsentMethod.ACCEPT_ALL;
                    case REJECT_ALL -> ConsentMethod.REJECT_ALL;
                    default -> ConsentMethod.CUSTOM;
                });
        for (Category c : catalog.categories()) {
            if (c.required()) {
                continue;
            }
            boolean granted = choice == Choice.ACCEPT_ALL || choice == Choice.ONLY && categories.contains(c.id());
            if (granted) {
                b.grant(c.id());
            } else {
                b.deny(c.id());
            }
        }
        return Optional.of(b.build());
    }

    /** Throws {@link IllegalArgumentException} if an {@code only} state names a category the catalog lacks. */
    public void requireKnownCategories(Catalog catalog) {
        for (String c : categories) {
            if (catalog.category(c).isEmpty()) {
                throw new IllegalArgumentException("consent state '" + id() + "' names unknown category '" + c + "'; known: "
                        + catalog.categories().stream().map(Category::id).toList());
            }
        }
    }

    /** The JSON body of the {@code POST /consent} that makes this choice; empty for no choice. */
    public Optional<String> requestBody() {
        return switch (choice) {
            case NONE -> Optional.empty();
            case ACCEPT_ALL -> Optional.of("{\"accept\":\"all\"}");
            case REJECT_ALL -> Optional.of("{\"accept\":\"none\"}");
            case ONLY -> {
                StringBuilder sb = new StringBuilder("{\"categories\":{");
                boolean first = true;
                for (String c : new java.util.TreeSet<>(categories)) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    sb.append('"').append(c).append("\":true");
                }
                yield Optional.of(sb.append("}}").toString());
            }
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
