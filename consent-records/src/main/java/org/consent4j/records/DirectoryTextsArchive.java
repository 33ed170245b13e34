package org.consent4j.records;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.consent4j.records.internal.EntryCodec;

/** A texts archive in a directory: one file {@code <sha256>.json} per content, written once and forced to disk. */
final class DirectoryTextsArchive implements TextsArchive {

    private final Path directory;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    DirectoryTextsArchive(Path directory) {
        this.directory = directory;
    }

    @Override
    public String put(byte[] content) {
        String hash = TextsArchive.hashOf(content);
        if (known.contains(hash)) {
            return hash;
        }
        Path file = directory.resolve(hash + ".json");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(directory);
                Path tmp = Files.createTempFile(directory, "." + hash, ".tmp");
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer b = ByteBuffer.wrap(content);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                    dir.force(true);
                } catch (IOException e) {
                    // some platforms cannot open a directory
                }
            }
        } catch (IOException e) {
            throw new RecordWriteException("cannot archive the texts " + hash + " in " + directory + ": " + e.getMessage(), e);
        }
        known.add(hash);
        return hash;
    }

    @Override
    public Optional<byte[]> get(String hash) {
        if (!EntryCodec.isHash(hash)) {
            return Optional.empty();
        }
        try {
            byte[] content = Files.readAllBytes(directory.resolve(hash + ".json"));
            if (!TextsArchive.hashOf(content).equals(hash)) {
                throw new RecordWriteException("the archived texts " + hash + " in " + directory
                        + " do not match their hash: the file was changed");
            }
            return Optional.of(content);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RecordWriteException("cannot read the archived texts " + hash + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DirectoryTextsArchive[" + directory + "]";
    }
}
