package org.consent4j.servlet.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.consent4j.core.decision.ConsentMethod;
import org.consent4j.records.ConsentRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What was shown, recorded: a choice made by clicking the banner in real headless Chromium carries the
 * banner's language and the hash of the texts it displayed, the texts behind the hash are in the
 * record log's archive, and the visitor can download their own records.
 */
final class RecordEvidenceBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static BrowserSite env;
    private static Browser browser;
    private static TrackerServer trackers;
    private static TestSite site;

    @BeforeAll
    static void start() throws Exception {
        env = BrowserSite.startIfInstalled();
        if (env != null) {
            browser = env.browser();
            trackers = env.trackers();
            site = env.site();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) {
            env.stop();
        }
    }

    @BeforeEach
    void freshVisitor() {
        Browser.requireInstalled();
        env.reset();
    }

    @Test
    void choiceMadeByClickingCarriesLocaleAndTextsHashWhoseArchivedTextsMatchTheBanner() throws Exception {
        browser.headers(Map.of("Accept-Language", "fr-FR,fr;q=0.9", "CF-IPCountry", "FR"));
        browser.open(site.url("fr", "/"));
        browser.waitFor(".c4j-first[role=dialog]");
        String title = browser.find("#c4j-title").getText();
        List<String> buttons = browser.findAll(".c4j-first .c4j-actions button").stream().map(b -> b.getText()).toList();
        browser.waitFor(".c4j-first [data-act=all]").click();
        browser.waitUntil("choice recorded", d -> !site.recordsWritten().isEmpty());

        ConsentRecord record = site.recordsWritten().get(0);
        assertEquals(ConsentMethod.ACCEPT_ALL, record.method());
        assertEquals("fr", record.locale());
        assertTrue(record.textsHash().matches("[0-9a-f]{64}"), record.textsHash());

        byte[] archived = site.texts().get(record.textsHash()).orElseThrow(
                () -> new AssertionError("no archived texts for " + record.textsHash()));
        JsonNode shown = JSON.readTree(archived);
        assertEquals("fr", shown.get("lang").textValue());
        assertEquals(record.catalogRevision(), shown.get("revision").textValue());
        assertEquals(title, shown.get("texts").get("title").textValue());
        assertEquals(buttons, List.of(shown.get("texts").get("acceptAll").textValue(),
                shown.get("texts").get("rejectAll").textValue(), shown.get("texts").get("customise").textValue()));

        // The visitor downloads their own records with their cookie.
        browser.waitUntil("consent cookie set", d -> browser.driver().manage().getCookieNamed("consent4j") != null);
        Object body = browser.js("return fetch('/consent/records', {credentials: 'same-origin'}).then(r => r.text())");
        JsonNode mine = JSON.readTree((String) body);
        assertEquals(record.subjectId(), mine.get("subject").textValue());
        assertEquals(1, mine.get("records").size());
        assertEquals(record.id().toString(), mine.get("records").get(0).get("id").textValue());
        assertEquals(record.textsHash(), mine.get("records").get(0).get("textsHash").textValue());
    }
}
