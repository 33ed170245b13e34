package org.consent4j.records.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.consent4j.records.RecordWriteException;
import org.consent4j.records.TextsArchive;
import org.consent4j.records.internal.EntryCodec;

/** The texts archive in the table {@code consent_texts}: one row per content, by its SHA-256, written once. */
final class JdbcTextsArchive implements TextsArchive {

    private final JdbcRecordSink.ConnectionSource source;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    JdbcTextsArchive(JdbcRecordSink.ConnectionSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public String put(byte[] content) {
        String hash = TextsArchive.hashOf(content);
        if (known.contains(hash)) {
            return hash;
        }
        try (Connection c = source.get()) {
            c.setAutoCommit(true);
            if (get(c, hash).isEmpty()) {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO consent_texts (hash, content, archived_at) VALUES (?, ?, ?)")) {
                    st.setString(1, hash);
                    st.setBytes(2, content);
                    st.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    st.executeUpdate();
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) { // another instance archived it first
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new RecordWriteException("cannot archive the texts " + hash + " in consent_texts: " + e.getMessage(), e);
        }
        known.add(hash);
        return hash;
    }

    @Override
    public Optional<byte[]> get(String hash) {
        if (!EntryCodec.isHash(hash)) {
            return Optional.empty();
        }
        try (Connection c = source.get()) {
            c.setAutoCommit(true);
            return get(c, hash);
        } catch (SQLException e) {
            throw new RecordWriteException("cannot read the archived texts " + hash + ": " + e.getMessage(), e);
        }
    }

    private static Optional<byte[]> get(Connection c, String hash) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT content FROM consent_texts WHERE hash = ?")) {
            st.setString(1, hash);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                byte[] content = rs.getBytes(1);
                if (!TextsArchive.hashOf(content).equals(hash)) {
                    throw new SQLException("the archived texts " + hash + " do not match their hash: the row was changed");
                }
                return Optional.of(content);
            }
        }
    }
}
