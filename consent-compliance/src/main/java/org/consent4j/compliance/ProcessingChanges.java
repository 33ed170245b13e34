package org.consent4j.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed between two records of processing, so a site sees when its record (and its cookie
 * policy and privacy notice) must be updated. Only material facts count: rewording does not.
 */
public final class ProcessingChanges {

    private ProcessingChanges() {
    }

    /** The changes from {@code before} to {@code after}, services in the order of {@code after}, then removals. */
    public static List<ProcessingChange> between(ProcessingRecord before, ProcessingRecord after) {
        Map<String, ServiceEntry> old = index(before);
        Map<String, ServiceEntry> now = index(after);
        List<ProcessingChange> out = new ArrayList<>();
        for (ServiceEntry s : now.values()) {
            ServiceEntry o = old.get(s.id());
            if (o == null) {
                out.add(new ProcessingChange(ProcessingChange.Kind.SERVICE_ADDED, s.id(), s.name() + " added: "
                        + transfer(s) + ", risk " + lower(s.risk()) + ", " + lower(s.screening().result()).replace('_', ' ')
                        + " DPIA"));
                continue;
            }
            compare(out, o, s);
        }
        for (ServiceEntry o : old.values()) {
            if (!now.containsKey(o.id())) {
                out.add(new ProcessingChange(ProcessingChange.Kind.SERVICE_REMOVED, o.id(), o.name() + " removed"));
            }
        }
        return List.copyOf(out);
    }

    private static void compare(List<ProcessingChange> out, ServiceEntry o, ServiceEntry s) {
        String n = s.name();
        if (!o.recipient().equals(s.recipient())) {
            out.add(change(ProcessingChange.Kind.RECIPIENT_CHANGED, s, n + ": recipient changed from " + o.recipient()
                    + " to " + s.recipient()));
        }
        if (!o.purposes().equals(s.purposes())) {
            out.add(change(ProcessingChange.Kind.PURPOSES_CHANGED, s, n + ": purposes changed from " + o.purposes()
                    + " to " + s.purposes()));
        }
        if (o.legalBasis() != s.legalBasis()) {
            out.add(change(ProcessingChange.Kind.LEGAL_BASIS_CHANGED, s, n + ": legal basis changed from "
                    + lower(o.legalBasis()) + " to " + lower(s.legalBasis())));
        }
        if (!o.transfer().equals(s.transfer())) {
            out.add(change(ProcessingChange.Kind.TRANSFER_CHANGED, s, n + ": " + transfer(o) + " became " + transfer(s)));
        }
        if (o.risk() != s.risk()) {
            out.add(change(ProcessingChange.Kind.RISK_CHANGED, s, n + ": risk changed from " + lower(o.risk()) + " to "
                    + lower(s.risk())));
        }
        Map<String, String> oldCookies = cookies(o);
        Map<String, String> newCookies = cookies(s);
        for (Map.Entry<String, String> c : newCookies.entrySet()) {
            String was = oldCookies.get(c.getKey());
            if (was == null) {
                out.add(change(ProcessingChange.Kind.COOKIES_CHANGED, s, n + ": new cookie " + c.getKey() + " ("
                        + c.getValue() + ")"));
            } else if (!was.equals(c.getValue())) {
                out.add(change(ProcessingChange.Kind.RETENTION_CHANGED, s, n + ": retention of " + c.getKey()
                        + " changed from " + was + " to " + c.getValue()));
            }
        }
        oldCookies.keySet().stream().filter(k -> !newCookies.containsKey(k)).forEach(k -> out.add(
                change(ProcessingChange.Kind.COOKIES_CHANGED, s, n + ": cookie " + k + " no longer set")));
        if (o.screening().result() != s.screening().result()) {
            out.add(change(ProcessingChange.Kind.DPIA_RESULT_CHANGED, s, n + ": DPIA screening changed from "
                    + lower(o.screening().result()).replace('_', ' ') + " to "
                    + lower(s.screening().result()).replace('_', ' ')));
        }
    }

    private static ProcessingChange change(ProcessingChange.Kind kind, ServiceEntry s, String text) {
        return new ProcessingChange(kind, s.id(), text);
    }

    private static Map<String, ServiceEntry> index(ProcessingRecord r) {
        Objects.requireNonNull(r, "record");
        return r.services().stream().collect(Collectors.toMap(ServiceEntry::id, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    private static Map<String, String> cookies(ServiceEntry s) {
        return s.cookies().stream().collect(Collectors.toMap(ServiceEntry.CookieEntry::name,
                ServiceEntry.CookieEntry::lifetime, (a, b) -> a, LinkedHashMap::new));
    }

    private static String transfer(ServiceEntry s) {
        if (s.transfer().country().isEmpty()) {
            return "no transfer";
        }
        return "transfer to " + s.transfer().country()
                + (s.transfer().safeguard().isEmpty() ? " (no safeguard stated)" : " (" + s.transfer().safeguard() + ")");
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
