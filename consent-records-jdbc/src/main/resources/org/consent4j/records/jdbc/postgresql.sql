-- consent4j consent records, schema version 1, for PostgreSQL.
-- Plain SQL apart from the column types: for another database, adapt TEXT and
-- TIMESTAMP WITH TIME ZONE to its own types; the sink itself uses only standard statements.
--
-- consent_record_logs holds the head of each hash-chained log. Every write moves the head with a
-- compare-and-set UPDATE in the same transaction as its INSERTs, so concurrent writers on one log
-- stay in order, and a row cut from the end of a log no longer matches its head.
CREATE TABLE IF NOT EXISTS consent_record_logs (
    log_id     VARCHAR(100) NOT NULL PRIMARY KEY,
    head_seq   BIGINT       NOT NULL,
    head_hash  CHAR(64)     NOT NULL
);

-- One row per log entry: a consent record, or an erasure or retention marker.
-- "entry" is the canonical JSON line the hash covers; it is the proof. The other columns repeat
-- its fields for queries (NUL characters, which PostgreSQL text cannot hold, appear there as U+FFFD).
CREATE TABLE IF NOT EXISTS consent_records (
    log_id           VARCHAR(100)             NOT NULL,
    seq              BIGINT                   NOT NULL,
    prev             CHAR(64)                 NOT NULL,
    hash             CHAR(64)                 NOT NULL,
    entry_type       VARCHAR(16)              NOT NULL, -- consent | erasure | retention | void
    record_id        VARCHAR(36)              NOT NULL,
    subject_id       TEXT,                              -- NULL for markers
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    jurisdiction     TEXT,
    regime           VARCHAR(16),
    laws             TEXT,                              -- JSON array of strings
    catalog_revision TEXT,
    categories       TEXT,                              -- JSON object: category id to GRANTED or DENIED
    services         TEXT,                              -- JSON object: service id to GRANTED or DENIED
    method           VARCHAR(32),
    gpc              BOOLEAN,
    locale           TEXT,
    texts_hash       TEXT,
    client_address   TEXT,
    user_agent       TEXT,
    entry            TEXT                     NOT NULL,
    PRIMARY KEY (log_id, seq)
);

CREATE INDEX IF NOT EXISTS consent_records_subject ON consent_records (subject_id);

CREATE INDEX IF NOT EXISTS consent_records_recorded_at ON consent_records (recorded_at);

-- Records whose write outlived the append timeout were refused; a void marker (entry_type 'void')
-- names them and this column marks them, so export leaves them out and the same record id can be
-- written again.
ALTER TABLE consent_records ADD COLUMN IF NOT EXISTS voided BOOLEAN NOT NULL DEFAULT FALSE;

-- At-least-once delivery made idempotent: one counted record per record id.
CREATE UNIQUE INDEX IF NOT EXISTS consent_records_record_id ON consent_records (record_id)
    WHERE entry_type = 'consent' AND NOT voided;

-- The texts shown to visitors, by the SHA-256 of their bytes (a record's texts_hash), written once.
CREATE TABLE IF NOT EXISTS consent_texts (
    hash        CHAR(64)                 NOT NULL PRIMARY KEY,
    content     BYTEA                    NOT NULL,
    archived_at TIMESTAMP WITH TIME ZONE NOT NULL
);
