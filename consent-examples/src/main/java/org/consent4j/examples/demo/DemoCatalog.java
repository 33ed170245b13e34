package org.consent4j.examples.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import org.consent4j.core.catalog.Catalog;
import org.consent4j.core.catalog.Catalogs;

/**
 * The demo's catalog: the bundled one plus the demo's own file, {@code demo-catalog.json} next to this
 * class, which adds the first-party {@code lang} cookie as the functional service {@code demo-language}.
 */
final class DemoCatalog {

    static final String RESOURCE = "demo-catalog.json";

    private DemoCatalog() {
    }

    static Catalog load() {
        URL url = DemoCatalog.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("the demo catalog " + RESOURCE + " is missing from the classpath: rebuild consent-examples");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the demo catalog has an unusable location " + url, e);
        }
        if (!"jar".equals(uri.getScheme())) {
            return Catalogs.load(Path.of(uri));
        }
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
            return Catalogs.load(jar.provider().getPath(uri));
        } catch (FileSystemAlreadyExistsException e) {
            return Catalogs.load(FileSystems.getFileSystem(uri).provider().getPath(uri));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the jar holding the demo catalog: " + e.getMessage(), e);
        }
    }
}
