package org.consent4j.servlet.csp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;
import org.consent4j.core.catalog.Service;
import org.consent4j.core.decision.ConsentState;
import org.consent4j.core.decision.VisitorConsent;
import org.jspecify.annotations.Nullable;

/**
 * The policy text for each visitor state, built once per state and cached.
 *
 * <p>A policy depends only on which of the site's services with hosts the visitor allows. When the
 * stored choice has no per-service overrides, services of the same category and the same exposure
 * to Global Privacy Control are decided alike, so one decision per such group (a handful) finds the
 * cached policy, without allocating. Otherwise every service is decided and the set is the key.
 * Thread-safe.
 */
final class Policies {

    /** Groups up to this many get a slot per combination (2^12 at most). */
    private static final int MAX_GROUPS = 12;
    /** Policies kept for states with per-service choices. */
    private static final int MAX_SET_ENTRIES = 4096;

    /**
     * One policy without its nonce: {@code head + nonce + tail}; {@code tail} is empty and no nonce goes
     * in when inline scripts are allowed.
     *
     * @param key a short digest of the text, the same for the same policy on every instance
     */
    record Template(String head, String tail, String key) {
        int length(int nonceLength) {
            return head.length() + nonceLength + tail.length();
        }
    }

    private final CspConfig config;
    /** The hosts of necessary services in scope. */
    private final List<String> requiredHosts;
    /** The services in scope that a visitor may refuse, each with hosts. */
    private final List<Service> optional;
    /** For each group, the index in {@link #optional} of its members, and one member's id to decide. */
    private final int[][] groupMembers;
    private final String[] groupRepresentative;
    private final @Nullable AtomicReferenceArray<Template> byGroups;
    private final Map<SetKey, Template> bySet = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException when the configuration lists services the catalog does not have
     */
    Policies(Catalog catalog, CspConfig config) {
        this.config = config;
        List<Service> scope = new ArrayList<>();
        if (config.services().isEmpty()) {
            scope.addAll(catalog.services());
        } else {
            Set<String> unknown = new TreeSet<>();
            for (String id : config.services()) {
                Optional<Service> s = catalog.service(id);
                if (s.isPresent()) {
                    scope.add(s.get());
                } else {
                    unknown.add(id);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("the CSP services " + unknown + " are not in the catalog; list ids "
                        + "of catalogued services (or add the services to the site's catalog file)");
            }
        }
        List<String> required = new ArrayList<>();
        List<Service> others = new ArrayList<>();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (Service s : scope) {
            if (s.hosts().isEmpty()) {
                continue;
            }
            boolean necessary = catalog.category(s.category()).map(Category::required).orElse(false);
            if (necessary) {
                required.addAll(s.hosts());
            } else {
                String group = s.category() + (catalog.gpcScopedService(s.id()) ? "|gpc" : "|");
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(others.size());
                others.add(s);
            }
        }
        this.requiredHosts = List.copyOf(required);
        this.optional = List.copyOf(others);
        this.groupMembers = new int[groups.size()][];
        this.groupRepresentative = new String[groups.size()];
        int g = 0;
        for (List<Integer> members : groups.values()) {
            groupMembers[g] = members.stream().mapToInt(Integer::intValue).toArray();
            groupRepresentative[g] = others.get(members.get(0)).id();
            g++;
        }
        this.byGroups = groups.size() <= MAX_GROUPS ? new AtomicReferenceArray<>(1 << groups.size()) : null;
    }

    /** The policy for this visitor. */
    Template template(VisitorConsent visitor) {
        AtomicReferenceArray<Template> slots = byGroups;
        if (slots != null && noServiceChoices(visitor)) {
            int mask = 0;
            for (int g = 0; g < groupRepresentative.length; g++) {
                if (visitor.service(groupRepresentative[g]).allowed()) {
                    mask |= 1 << g;
                }
            }
            Template t = slots.get(mask);
            if (t == null) {
                slots.compareAndSet(mask, null, build(byMask(mask)));
                t = slots.get(mask);
            }
            return t;
        }
        long[] bits = new long[(optional.size() + 63) / 64];
        for (int i = 0; i < optional.size(); i++) {
            if (visitor.service(optional.get(i).id()).allowed()) {
                bits[i >> 6] |= 1L << (i & 63);
            }
        }
        SetKey key = new SetKey(bits);
        Template t = bySet.get(key);
        if (t == null) {
            List<Service> allowed = new ArrayList<>();
            for (int i = 0; i < optional.size(); i++) {
                if ((bits[i >> 6] & 1L << (i & 63)) != 0) {
                    allowed.add(optional.get(i));
                }
            }
            t = build(allowed);
            if (bySet.size() < MAX_SET_ENTRIES) {
                Template raced = bySet.putIfAbsent(key, t);
                if (raced != null) {
                    t = raced;
                }
            }
        }
        return t;
    }

    /** The policy of a visitor who allows every service in scope: the longest there is. */
    Template broadest() {
        return build(optional);
    }

    /** The policy of a visitor who allows only necessary services. */
    Template narrowest() {
        return build(List.of());
    }

    private static boolean noServiceChoices(VisitorConsent visitor) {
        Optional<ConsentState> state = visitor.state();
        return state.isEmpty() || state.get().services().isEmpty();
    }

    private List<Service> byMask(int mask) {
        List<Service> allowed = new ArrayList<>();
        for (int g = 0; g < groupMembers.length; g++) {
            if ((mask & 1 << g) != 0) {
                for (int i : groupMembers[g]) {
                    allowed.add(optional.get(i));
                }
            }
        }
        return allowed;
    }

    /** Builds the policy that lists the necessary services' hosts and those of {@code allowed}. */
    Template build(List<Service> allowed) {
        Set<String> hosts = new TreeSet<>(requiredHosts);
        for (Service s : allowed) {
            hosts.addAll(s.hosts());
        }
        List<String> listed = withoutCovered(hosts);
        StringBuilder sb = new StringBuilder(256 + listed.size() * 7 * 40);
        String head = null;
        for (String directive : Sources.DIRECTIVES) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(directive);
            Set<String> own = new LinkedHashSet<>();
            own.add("'self'");
            switch (directive) {
                case "script-src" -> {
                    if (config.unsafeInlineScripts()) {
                        own.add("'unsafe-inline'");
                    }
                }
                case "style-src" -> own.add("'unsafe-inline'");
                case "img-src" -> {
                    own.add("data:");
                    own.add("blob:");
                }
                case "font-src" -> own.add("data:");
                case "media-src" -> own.add("blob:");
                default -> { }
            }
            own.addAll(config.sources().getOrDefault(directive, List.of()));
            if (directive.equals("script-src") && !config.unsafeInlineScripts()) {
                own.remove("'unsafe-inline'"); // ignored beside a nonce anyway; left out to say so
                for (String s : own) {
                    sb.append(' ').append(s);
                }
                sb.append(" 'nonce-");
                head = sb.toString();
                sb.setLength(0);
                sb.append('\'');
            } else {
                for (String s : own) {
                    sb.append(' ').append(s);
                }
            }
            for (String h : listed) {
                Sources.appendHost(sb, h);
            }
        }
        String tail;
        if (head == null) {
            head = sb.toString();
            tail = "";
        } else {
            tail = sb.toString();
        }
        return new Template(head, tail, digest(head + "\u0000" + tail));
    }

    /**
     * The hosts without those a listed host already covers: a catalogued host covers its subdomains,
     * so {@code www.google-analytics.com} goes when {@code google-analytics.com} is listed. Sorted.
     */
    static List<String> withoutCovered(Set<String> hosts) {
        Set<String> plain = new TreeSet<>();
        for (String h : hosts) {
            if (h.indexOf('/') < 0) {
                plain.add(h);
            }
        }
        List<String> result = new ArrayList<>();
        for (String h : new TreeSet<>(hosts)) {
            int slash = h.indexOf('/');
            String name = slash < 0 ? h : h.substring(0, slash);
            boolean covered = slash >= 0 && plain.contains(name);
            for (int dot = name.indexOf('.'); !covered && dot >= 0; dot = name.indexOf('.', dot + 1)) {
                covered = plain.contains(name.substring(dot + 1));
            }
            if (!covered) {
                result.add(h);
            }
        }
        return result;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The set of allowed services, as bits over {@link #optional}. */
    private record SetKey(long[] bits) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SetKey k && Arrays.equals(bits, k.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }

        @Override
        public String toString() {
            return Arrays.toString(bits);
        }
    }
}
