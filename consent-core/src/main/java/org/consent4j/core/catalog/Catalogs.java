package org.consent4j.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.consent4j.core.internal.json.StrictJson;
import org.jspecify.annotations.Nullable;

/**
 * Loads catalogs from JSON: the bundled catalog of well-known services, a site's own files on top of
 * it, or a site's file alone.
 *
 * <p>Every file is validated on load. Problems are collected across all files and reported together
 * in one {@link CatalogException}, each naming the file, the JSON Pointer of the offending value, what
 * is wrong and how to fix it. No other exception escapes these methods (except a
 * {@link NullPointerException} for a null argument). The format is described in {@code docs/catalog.md}
 * and by the JSON Schema {@code org/consent4j/core/catalog/catalog.schema.json} in this jar.
 *
 * <p>Thread-safe. Catalogs are immutable; the bundled one is read once and cached.
 */
public final class Catalogs {

    /** Classpath location of the bundled catalog. */
    static final String BUNDLED_RESOURCE = "org/consent4j/core/catalog/bundled-catalog.json";
    /** The name problems in the bundled catalog are reported under. */
    static final String BUNDLED_SOURCE = "bundled-catalog.json";

    /** Files larger than this are refused rather than read into memory. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private static final Object LOCK = new Object();
    private static volatile @Nullable Bundled bundled;

    private Catalogs() {
    }

    /**
     * The bundled catalog: the standard categories ({@code necessary}, {@code functional},
     * {@code analytics}, {@code marketing}), their purposes, and well-known services with their cookies
     * and hosts. Read from the classpath on first use, then cached.
     *
     * @throws CatalogException if the bundled resource is missing or invalid (a packaging error)
     */
    public static Catalog bundled() {
        return bundledData().catalog();
    }

    /**
     * The bundled catalog with the site's files on top, applied in order. An entry (category, purpose
     * or service) with the id of an earlier one replaces it; new ids are added. A service that declares
     * a cookie name or a host already declared by an earlier service takes it over. With no files, the
     * bundled catalog.
     *
     * @throws CatalogException listing every problem in every file, including unreadable files
     */
    public static Catalog load(Path... siteFiles) {
        Objects.requireNonNull(siteFiles, "siteFiles");
        if (siteFiles.length == 0) {
            return bundled();
        }
        List<CatalogFile> files = new ArrayList<>();
        files.add(bundledData().file());
        for (Path p : siteFiles) {
            files.add(readFile(Objects.requireNonNull(p, "siteFiles element")));
        }
        return CatalogAssembler.assemble(files, 1);
    }

    /**
     * A site's catalog alone, without the bundled one, for sites that want full control. It must
     * declare everything it uses, including the required {@code necessary} category.
     *
     * @throws CatalogException listing every problem
     */
    public static Catalog loadOnly(Path file) {
        return CatalogAssembler.assemble(List.of(readFile(Objects.requireNonNull(file, "file"))));
    }

    /**
     * A complete catalog from JSON text, without the bundled one (like {@link #loadOnly(Path)}). It
     * must declare everything it uses, including the required {@code necessary} category.
     *
     * @param json       the catalog JSON
     * @param sourceName the name problems are reported under, e.g. a file name
     * @throws CatalogException listing every problem
     */
    public static Catalog parse(String json, String sourceName) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(sourceName, "sourceName");
        return CatalogAssembler.assemble(List.of(CatalogReader.read(sourceName, json)));
    }

    private static CatalogFile readFile(Path path) {
        String source = path.toString();
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                return CatalogFile.unreadable(source, new CatalogProblem(source, "", String.format(Locale.ROOT,
                        "catalog file is too large: %d bytes, the limit is %d", size, MAX_FILE_BYTES),
                        "split it into several files and pass them all to load()"));
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return CatalogFile.unreadable(source, new CatalogProblem(source, "", "catalog file not found",
                    "check the path; relative paths resolve against the working directory"));
        } catch (AccessDeniedException e) {
            return CatalogFile.unreadable(source, new CatalogProblem(source, "", "catalog file cannot be read: permission denied",
                    "make the file readable by the application's user"));
        } catch (IOException | RuntimeException e) {
            return CatalogFile.unreadable(source, new CatalogProblem(source, "", "catalog file cannot be read: " + e,
                    Files.isDirectory(path) ? "the path is a directory: give a JSON file" : "check the file"));
        }
        return CatalogReader.read(source, bytes);
    }

    private static Bundled bundledData() {
        Bundled b = bundled;
        if (b == null) {
            synchronized (LOCK) {
                b = bundled;
                if (b == null) {
                    b = readBundled();
                    bundled = b;
                }
            }
        }
        return b;
    }

    private static Bundled readBundled() {
        byte[] bytes;
        try (InputStream in = Catalogs.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new CatalogException(List.of(new CatalogProblem(BUNDLED_SOURCE, "",
                        "the bundled catalog is missing from the classpath (" + BUNDLED_RESOURCE + ")",
                        "the consent-core jar is incomplete; rebuild or re-download it")));
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new CatalogException(List.of(new CatalogProblem(BUNDLED_SOURCE, "",
                    "the bundled catalog cannot be read: " + e, "the consent-core jar may be damaged")), e);
        }
        JsonNode tree;
        try {
            tree = StrictJson.readTree(bytes);
        } catch (IOException e) {
            throw new CatalogException(List.of(new CatalogProblem(BUNDLED_SOURCE, "",
                    "the bundled catalog is not valid JSON: " + e, "the consent-core jar may be damaged")), e);
        }
        CatalogTranslations.applyBundled(tree);
        CatalogFile file = CatalogReader.read(BUNDLED_SOURCE, tree);
        return new Bundled(file, CatalogAssembler.assemble(List.of(file)));
    }

    /** The bundled catalog, as read (for merging with site files) and as built. */
    private record Bundled(CatalogFile file, Catalog catalog) {
    }
}
