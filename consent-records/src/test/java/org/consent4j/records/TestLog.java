package org.consent4j.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.consent4j.core.decision.Choice;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.core.jurisdiction.Regime;
import org.consent4j.records.internal.EntryCodec;
import org.consent4j.records.internal.Entry;
import org.consent4j.records.internal.ChainVerifier;

/** Builds log lines in memory, the way a sink chains them, and verifies lists of lines. */
public final class TestLog {

    private final List<Entry> entries = new ArrayList<>();
    private ChainHead head = ChainHead.EMPTY;

    public static ConsentRecord record(String subject, Instant at, int n) {
        return ConsentRecord.builder(subject, at)
                .id(new UUID(0x0190000000007000L | n, 0x8000000000000000L | n))
                .jurisdiction("FR", Regime.OPT_IN, List.of("GDPR"))
                .catalogRevision("r1")
                .categories(Map.of("analytics", n % 2 == 0 ? Choice.GRANTED : Choice.DENIED))
                .method(n % 3 == 0 ? ConsentMethod.ACCEPT_ALL : ConsentMethod.CUSTOM)
                .locale("fr").build();
    }

    Entry add(Object payload) {
        byte[] body = EntryCodec.body(payload);
        EntryCodec.Sealed sealed = EntryCodec.seal(head.seq() + 1, head.hash(), body);
        Entry e = new Entry(head.seq() + 1, head.hash(), payload, sealed.hash());
        entries.add(e);
        head = e.head();
        return e;
    }

    List<Entry> entries() {
        return entries;
    }

    ChainHead head() {
        return head;
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(EntryCodec.format(e));
        }
        return out;
    }

    static ChainReport verify(List<String> lines) {
        return verify(lines, Set.of());
    }

    static ChainReport verify(List<String> lines, Set<String> anchors) {
        ChainVerifier verifier = new ChainVerifier(anchors);
        for (int i = 0; i < lines.size(); i++) {
            verifier.line("log:" + (i + 1), lines.get(i));
        }
        return verifier.finish();
    }
}
