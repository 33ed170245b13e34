package org.consent4j.testkit;

import java.util.List;
import java.util.Map;

/** Loads a site's pages in one consent state and records what happens; one per audit, closed after. */
interface AuditSession extends AutoCloseable {

    /** What to do in one visit. */
    record Plan(AuditState state, Map<String, String> headers, boolean endpointAvailable, List<String> paths) {
    }

    /** What happened: whether the state could be applied (and if not, why), and every observation. */
    record Visit(boolean applied, String note, List<Observation> observations) {
    }

    /** Starts from a clean visitor (no cookies), applies the state, loads each path. */
    Visit visit(Plan plan) throws Exception;

    @Override
    void close();
}
