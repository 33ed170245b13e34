package org.consent4j.servlet.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * axe-core, run inside the page. The library is not bundled: its {@code axe.min.js} is found through
 * {@code -Dconsent4j.axe} or the {@code CONSENT4J_AXE} environment variable (the file itself, or a
 * folder holding it or {@code node_modules/axe-core/axe.min.js}), e.g. after
 * {@code npm install --prefix <dir> axe-core@4.14.1}. Absent: skip loudly, or fail under
 * consent4j.requireExternal=true.
 */
final class Axe {

    /** The WCAG 2.2 AA rule set plus axe's best practices. */
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");

    private final String source;

    private Axe(String source) {
        this.source = source;
    }

    static Axe load() {
        Optional<Path> file = locate();
        External.require(file.isPresent(), "axe-core (axe.min.js)",
                "run 'npm install --prefix <dir> axe-core@4.14.1' and pass -Dconsent4j.axe=<dir> or CONSENT4J_AXE=<dir>");
        try {
            return new Axe(Files.readString(file.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.get(), e);
        }
    }

    private static Optional<Path> locate() {
        String configured = System.getProperty("consent4j.axe", System.getenv("CONSENT4J_AXE"));
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(configured);
        return Stream.of(p, p.resolve("axe.min.js"), p.resolve("node_modules/axe-core/axe.min.js"))
                .filter(Files::isRegularFile).findFirst();
    }

    /** Violations on the current page, one line each (rule, impact, targets); empty when clean. */
    @SuppressWarnings("unchecked")
    List<String> violations(Browser browser) {
        // Colours are measured as painted: let fade-ins finish first.
        browser.waitUntil("animations finished", d -> Boolean.TRUE.equals(browser.js(
                "return document.getAnimations().every(a => a.playState !== 'running')")));
        if (!Boolean.TRUE.equals(browser.js("return typeof window.axe === 'object'"))) {
            browser.js(source);
        }
        Object result = browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                        + ".then(r => done(r.violations.map(v => v.id + ' [' + v.impact + '] ' + v.help + ' -> '"
                        + " + v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '))))"
                        + ".catch(e => done(['axe failed: ' + e]));", TAGS);
        return (List<String>) result;
    }
}
