package org.consent4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.consent4j.core.internal.json.StrictJson;
import org.consent4j.iab.GppSection;
import org.consent4j.iab.GppString;
import org.consent4j.iab.IabFormatException;
import org.consent4j.iab.IdSet;
import org.consent4j.iab.TcString;
import org.consent4j.iab.UsPrivacy;
import picocli.CommandLine.Parameters;

/**
 * {@code signals decode STRING}: an IAB GPP string, TC string or US Privacy string as JSON, or the field
 * that is wrong.
 */
@picocli.CommandLine.Command(name = "signals", mixinStandardHelpOptions = true, versionProvider = Version.class,
        synopsisHeading = "usage: ", synopsisSubcommandLabel = "decode",
        description = "decode IAB consent signals: GPP, TCF v2 TC strings, US Privacy strings",
        subcommands = {SignalsCommand.Decode.class})
final class SignalsCommand extends Command {

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec().commandLine(), "give an action: decode");
    }

    /** {@code signals decode}. */
    @picocli.CommandLine.Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ",
            description = "print the string's fields as JSON; the kind is recognised from the string itself",
            footerHeading = "%nexit status: ", footer = "0 decoded, 2 not a valid string (the wrong field is named)")
    static final class Decode extends Command {

        @Parameters(index = "0", paramLabel = "STRING", description = "a GPP string (D…), a TC string (C…) or a US"
                + " Privacy string (1YNN)")
        String text;

        @Override
        public Integer call() throws Exception {
            String s = text.trim();
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            try {
                if (s.length() == 4 && s.charAt(0) == '1') {
                    root.put("kind", "uspv1");
                    root.set("value", json(UsPrivacy.parse(s)));
                } else if (s.startsWith("C")) {
                    TcString tc = TcString.parse(s);
                    root.put("kind", "tcfeuv2");
                    root.set("value", json(tc));
                    ArrayNode problems = root.putArray("v22Problems");
                    tc.v22Problems().forEach(problems::add);
                } else {
                    GppString gpp = GppString.parse(s);
                    root.put("kind", "gpp");
                    ArrayNode sections = root.putArray("sections");
                    for (GppSection section : gpp.sections()) {
                        ObjectNode n = sections.addObject().put("id", section.id()).put("name", section.name());
                        n.set("value", json(section));
                    }
                }
            } catch (IabFormatException e) {
                throw fail(USAGE, e.getMessage());
            }
            out.println(StrictJson.prettyWriter().writeValueAsString(root));
            out.flush();
            return OK;
        }
    }

    /** A record's components as JSON: optionals unwrapped, id sets as arrays, times as ISO-8601. */
    static JsonNode json(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof Optional<?> o) {
            return o.map(SignalsCommand::json).orElse(f.nullNode());
        }
        if (value instanceof IdSet ids) {
            ArrayNode a = f.arrayNode();
            ids.ids().forEach(a::add);
            return a;
        }
        if (value instanceof UsPrivacy usp) {
            return f.textNode(usp.encode());
        }
        if (value instanceof Instant || value instanceof Enum<?>) {
            return f.textNode(value.toString());
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof String str) {
            return f.textNode(str);
        }
        if (value instanceof Collection<?> c) {
            ArrayNode a = f.arrayNode();
            c.forEach(v -> a.add(json(v)));
            return a;
        }
        if (value instanceof Record r) {
            ObjectNode n = f.objectNode();
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    n.set(rc.getName(), json(rc.getAccessor().invoke(r)));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + rc.getName() + " of " + r.getClass(), e);
                }
            }
            return n;
        }
        return f.textNode(String.valueOf(value));
    }
}
