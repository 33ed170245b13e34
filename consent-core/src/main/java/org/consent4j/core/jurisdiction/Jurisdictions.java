package org.consent4j.core.jurisdiction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bundled jurisdiction table and the loading of a site's own jurisdictions file.
 *
 * <p>The bundled table covers every EU and EEA member state, the United Kingdom, Switzerland, Brazil,
 * Canada and Quebec, the United States and every US state with a comprehensive privacy law in force by
 * the end of 2026, and a {@code default} entry ({@link Regime#OPT_IN}) for unknown locations. Each entry
 * names its laws and its source; {@code docs/jurisdictions.md} explains the judgement calls.
 *
 * <p>File format: {@code {"jurisdictions": [{"code": "FR", "name": "France", "regime": "OPT_IN",
 * "gpcHonoured": false, "maxChoiceAge": "P6M", "laws": ["GDPR"], "source": "...", "sourceUrl": "https://..."}]}},
 * with optional {@code from}, {@code until}, {@code gpcDutyFrom}, {@code regimeBasis}, {@code grantOverGpc},
 * {@code sensitiveOptIn}, {@code exemptions} and {@code note}; see {@code docs/jurisdictions.md}.
 * {@code maxChoiceAge} is an ISO 8601 period added in calendar arithmetic to the UTC date of a choice.
 * Thread-safe.
 */
public final class Jurisdictions {

    private static final String RESOURCE = "jurisdictions.json";
    private static final String BUNDLED_SOURCE = "bundled " + RESOURCE;

    private static volatile @Nullable JurisdictionTable bundled;

    private Jurisdictions() {
    }

    /**
     * The bundled table, read once and shared.
     *
     * @throws JurisdictionException if the bundled file is broken (a packaging error)
     */
    public static JurisdictionTable bundled() {
        JurisdictionTable table = bundled;
        if (table == null) {
            synchronized (Jurisdictions.class) {
                table = bundled;
                if (table == null) {
                    table = readBundled();
                    bundled = table;
                }
            }
        }
        return table;
    }

    /**
     * The bundled table with the entries of {@code file} added or replacing bundled entries of the same
     * code, the {@code default} entry included. A file entry replaces the bundled one whole.
     *
     * @throws JurisdictionException listing every problem in the file, or saying it cannot be read
     */
    public static JurisdictionTable load(Path file) {
        Objects.requireNonNull(file, "file");
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new JurisdictionException(List.of(new JurisdictionProblem(file.toString(), "",
                    "cannot read the file: " + e, "check that the file exists, is readable and is UTF-8")), e);
        }
        JurisdictionParser.Parsed parsed = JurisdictionParser.parseAll(json, file.toString());
        try {
            return bundled().with(parsed.entries(), parsed.aliases());
        } catch (IllegalArgumentException e) {
            throw new JurisdictionException(List.of(new JurisdictionProblem(file.toString(), "/jurisdictions", JurisdictionParser.messageOf(e),
                    "fix the entries' codes and dates")), e);
        }
    }

    /**
     * A complete table from {@code json}, which must hold a {@code default} entry.
     *
     * @param source the name used in error messages (a file name)
     * @throws JurisdictionException listing every problem
     */
    public static JurisdictionTable parse(String json, String source) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
        JurisdictionParser.Parsed parsed = JurisdictionParser.parseAll(json, source);
        List<Jurisdiction> entries = parsed.entries();
        Jurisdiction fallback = null;
        List<Jurisdiction> others = new ArrayList<>();
        for (Jurisdiction j : entries) {
            if (j.isDefault()) {
                fallback = j;
            } else {
                others.add(j);
            }
        }
        if (fallback == null) {
            throw new JurisdictionException(List.of(new JurisdictionProblem(source, "/jurisdictions",
                    "no '" + Jurisdiction.DEFAULT_CODE + "' entry",
                    "add an entry with code \"default\" for unknown locations (regime OPT_IN is the protective choice), "
                            + "or use load(Path) to override the bundled table")));
        }
        try {
            return JurisdictionTable.of(others, parsed.aliases(), fallback);
        } catch (IllegalArgumentException e) {
            throw new JurisdictionException(List.of(new JurisdictionProblem(source, "/jurisdictions", JurisdictionParser.messageOf(e),
                    "fix the entries' codes and dates")), e);
        }
    }

    private static JurisdictionTable readBundled() {
        try (InputStream in = Jurisdictions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new JurisdictionException(List.of(new JurisdictionProblem(BUNDLED_SOURCE, "",
                        "the bundled resource is missing", "the consent-core jar is incomplete; rebuild it")));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED_SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + RESOURCE, e);
        }
    }
}
