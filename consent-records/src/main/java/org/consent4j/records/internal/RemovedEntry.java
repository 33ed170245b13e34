package org.consent4j.records.internal;

import org.consent4j.records.*;

/** An entry removed from a log, as its erasure marker remembers it: enough to bridge the chain, nothing else. */
public record RemovedEntry(long seq, String prev, String hash) {
}
