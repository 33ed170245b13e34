package org.consent4j.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One dated legal case from {@code legal-cases.psv}: where the visitor is and when, the signal, the
 * earlier choice and when it was made, the site's policy, and what must be decided for one category or
 * service, with the reason, whose rule it is and the source. Read by the engine's table test and by the
 * command line's {@code explain --at} test, so both check the same cases.
 *
 * @param id        stable name
 * @param location  where the visitor is, e.g. {@code US-OR}
 * @param at        the moment of the decision
 * @param gpc       whether the browser sends GPC now
 * @param choice    {@code none}, {@code all}, {@code reject}, or categories joined by {@code +}
 * @param choiceAt  when the choice was made (ignored for {@code none})
 * @param choiceGpc whether GPC was on when the choice was made
 * @param policy    the site policy keywords ({@code law-only}, {@code grant-over-gpc}, {@code exempt=GB/statistics},
 *                  {@code sensitive=service:kind}), empty for the default policy
 * @param target    the category or service decided
 * @param resolved  the jurisdiction code the location resolves to on that day
 * @param allow     the expected verdict
 * @param reason    the expected reason code
 * @param basis     the expected basis: LAW, SITE_POLICY or VISITOR
 * @param prompt    whether the visitor should be asked again, if the case says
 * @param source    the statute, regulation or guidance behind the expectation
 */
public record LegalCase(String id, String location, Instant at, boolean gpc, String choice, Instant choiceAt,
                        boolean choiceGpc, List<String> policy, String target, String resolved, boolean allow,
                        String reason, String basis, Optional<Boolean> prompt, String source) {

    private static final String RESOURCE = "/org/consent4j/core/testing/legal-cases.psv";

    /** Every case in the file, in file order. */
    public static List<LegalCase> all() {
        try (InputStream in = LegalCase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
            }
            List<LegalCase> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    cases.add(parse(line.strip()));
                }
            }
            return List.copyOf(cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LegalCase parse(String line) {
        String[] f = line.split("\\|", -1);
        if (f.length != 15) {
            throw new IllegalArgumentException("legal case needs 15 fields, has " + f.length + ": " + line);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        return new LegalCase(f[0], f[1], moment(f[2]), yes(f[3]), f[4], f[5].equals("-") ? Instant.EPOCH : moment(f[5]),
                yes(f[6]), f[7].equals("-") ? List.of() : List.of(f[7].split(";")), f[8], f[9], verdict(f[10]), f[11], f[12],
                f[13].equals("-") ? Optional.empty() : Optional.of(yes(f[13])), f[14]);
    }

    /** An ISO date (midnight UTC) or instant. */
    public static Instant moment(String text) {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    }

    private static boolean yes(String text) {
        return switch (text) {
            case "yes" -> true;
            case "no", "-" -> false;
            default -> throw new IllegalArgumentException("expected yes or no, not '" + text + "'");
        };
    }

    private static boolean verdict(String text) {
        return switch (text) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw new IllegalArgumentException("expected allow or deny, not '" + text + "'");
        };
    }

    /** The site policy as a consent-policy JSON document, or empty for the default policy. */
    public Optional<String> policyJson() {
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        List<String> fields = new ArrayList<>();
        List<String> exemptions = new ArrayList<>();
        List<String> sensitive = new ArrayList<>();
        for (String p : policy) {
            if (p.equals("law-only")) {
                fields.add("\"honourGpcBeyondMandate\": false");
            } else if (p.equals("grant-over-gpc")) {
                fields.add("\"grantOverGpc\": true");
            } else if (p.startsWith("exempt=")) {
                exemptions.add("\"" + p.substring(7) + "\"");
            } else if (p.startsWith("sensitive=")) {
                String[] kv = p.substring(10).split(":");
                sensitive.add("\"" + kv[0] + "\": [\"" + kv[1] + "\"]");
            } else {
                throw new IllegalArgumentException(id + ": unknown policy keyword '" + p + "'");
            }
        }
        if (!exemptions.isEmpty()) {
            fields.add("\"exemptions\": [" + String.join(", ", exemptions) + "]");
        }
        if (!sensitive.isEmpty()) {
            fields.add("\"sensitive\": {" + String.join(", ", sensitive) + "}");
        }
        return Optional.of("{" + String.join(", ", fields) + "}");
    }

    /** The command line that asks {@code explain} the same question, given the policy file if there is one. */
    public List<String> explainArgs(Optional<String> policyFile) {
        List<String> args = new ArrayList<>(List.of("explain", "--jurisdiction", location, "--at", at.toString(), "--json"));
        if (gpc) {
            args.add("--gpc");
        }
        if (!choice.equals("none")) {
            args.addAll(List.of("--consent", choice.equals("all") || choice.equals("reject") ? choice : choice.replace('+', ','),
                    "--consented-at", choiceAt.toString()));
            if (gpc && !choiceGpc) {
                args.add("--choice-without-gpc");
            }
        }
        policyFile.ifPresent(f -> args.addAll(List.of("--policy", f)));
        return List.copyOf(args);
    }

    /** The granted categories of a {@code +}-joined choice. */
    public List<String> grantedCategories() {
        return Stream.of(choice.split("\\+")).map(String::strip).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return id + " (" + location + " at " + at + ", " + target + "; " + source + ")";
    }
}
