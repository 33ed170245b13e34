package org.consent4j.core.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Category;

/**
 * Turns a {@link DiscoveryReport} into a draft site catalog: a {@code "uses"} list of the catalog
 * services in use and seen, and stub services for what the catalog does not know, to be checked and
 * completed by the site's owner before use.
 *
 * <p>The draft loads on top of the bundled catalog as it is: stubs take the protective category
 * {@code marketing} (or, when the catalog lacks it, the first category that can be refused), unknown
 * cookies a {@code session} lifetime, and every stub says in its description what to fill in.
 */
public final class DraftCatalog {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern HOST = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)+");
    private static final JsonFactory JSON = new JsonFactory();

    private DraftCatalog() {
    }

    /**
     * The draft site catalog, as JSON text.
     *
     * @param report    what discovery saw
     * @param knowledge the catalog the site runs with (bundled plus its files), to name known services
     */
    public static String of(DiscoveryReport report, Catalog knowledge) {
        Set<String> uses = new TreeSet<>();
        if (report.declared()) {
            report.inUse().stream().filter(id -> knowledge.service(id).isPresent()).forEach(uses::add);
        }
        for (Sighting s : report.of(Sighting.Kind.UNDECLARED_SERVICE)) {
            if (knowledge.service(s.serviceId()).isPresent()) {
                uses.add(s.serviceId());
            }
        }
        String category = knowledge.category("marketing").isPresent() ? "marketing"
                : knowledge.categories().stream().filter(c -> !c.required()).map(Category::id).findFirst()
                        .orElse(Category.NECESSARY);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", 1);
            g.writeStringField("$comment", "Draft made from traffic seen up to " + report.generatedAt()
                    + " (catalog " + report.catalogRevision() + "). Check every entry: stubs are filed under '"
                    + category + "' until you classify them; fill in name, provider, purposes and lifetimes.");
            g.writeArrayFieldStart("uses");
            for (String id : uses) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("services");
            Set<String> ids = new TreeSet<>();
            knowledge.services().forEach(s -> ids.add(s.id()));
            for (Sighting s : report.of(Sighting.Kind.UNKNOWN_HOST)) {
                if (!HOST.matcher(s.subject()).matches()) {
                    continue;
                }
                String id = uniqueId(idFor(s.subject()), ids);
                g.writeStartObject();
                g.writeStringField("id", id);
                g.writeStringField("name", "TODO: the service at " + s.subject());
                g.writeStringField("category", category);
                g.writeArrayFieldStart("hosts");
                g.writeString(s.subject());
                g.writeEndArray();
                g.writeStringField("description", "TODO: what it does. Seen " + s.count() + " times from "
                        + s.firstSeen() + " to " + s.lastSeen() + ", first on " + s.page() + " (" + s.evidence() + ").");
                g.writeEndObject();
            }
            List<Sighting> cookies = report.of(Sighting.Kind.UNKNOWN_COOKIE).stream()
                    .filter(s -> TOKEN.matcher(s.subject()).matches()).toList();
            if (!cookies.isEmpty()) {
                g.writeStartObject();
                g.writeStringField("id", uniqueId("site-unclassified-cookies", ids));
                g.writeStringField("name", "TODO: cookies to classify");
                g.writeStringField("provider", "This website");
                g.writeStringField("category", category);
                g.writeArrayFieldStart("cookies");
                Map<String, Sighting> byName = new LinkedHashMap<>();
                cookies.forEach(c -> byName.putIfAbsent(c.subject(), c));
                for (Sighting c : byName.values()) {
                    g.writeStartObject();
                    g.writeStringField("name", c.subject());
                    g.writeStringField("lifetime", "session");
                    g.writeStringField("description", "TODO: purpose and lifetime. Seen " + c.count()
                            + " times, first on " + c.page() + ".");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringField("description", "TODO: move each cookie to the service it belongs to.");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A catalog id for a host: {@code cdn.tracker.example} gives {@code tracker-example}. */
    static String idFor(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        String[] labels = h.split("\\.");
        if (labels.length > 2) {
            h = String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - 2, labels.length));
            if (labels[labels.length - 2].length() <= 3 && labels.length > 3) {
                h = String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - 3, labels.length));
            }
        }
        String id = h.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (id.isEmpty()) {
            id = "unknown-host";
        }
        return id.length() > 56 ? id.substring(0, 56) : id;
    }

    private static String uniqueId(String base, Set<String> taken) {
        String id = base;
        for (int n = 2; taken.contains(id); n++) {
            id = base + "-" + n;
        }
        taken.add(id);
        return id;
    }
}
