-- eventwire store schema (current version: see `meta.schema_version`).
--
-- One DuckDB file holds everything eventwire learned. The article's content hash
-- (sha of its cleaned text) is the key of everything: writing the same article
-- twice, under any doc_id, stores it once. Each article's rows (articles,
-- sentences, mentions, events) are written in one transaction, so an interrupted
-- run never leaves half an article behind; rerunning skips what was committed.
--
-- This file must stay idempotent: it is run on every open, after migrations.
-- Tables use IF NOT EXISTS, views use CREATE OR REPLACE. Changing a table means
-- adding a migration in store/db.py (MIGRATIONS) and bumping SCHEMA_VERSION.
-- Character offsets (`start_char`, `end_char`, `*_start`, `*_end`) refer to the
-- cleaned article text stored in `articles.text`.

-- Key/value facts about the file itself: schema_version, created_with, created_at.
CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- One row per distinct article (by content).
-- cluster_id: the near-duplicate cluster. An article whose MinHash (128
--   permutations, word 5-shingles of the lowercased text without punctuation)
--   matches a stored article at Jaccard >= 0.7 joins that article's cluster;
--   otherwise it starts its own cluster, named by its own content_hash.
-- minhash: the 128 MinHash values (little-endian uint64), so the near-duplicate
--   index is rebuilt when the file is reopened and works across runs.
CREATE TABLE IF NOT EXISTS articles (
    content_hash  VARCHAR PRIMARY KEY,
    doc_id        VARCHAR NOT NULL,   -- id of the first copy stored
    url           VARCHAR,
    source        VARCHAR,            -- outlet name as given by the input
    title         VARCHAR,
    published     DATE,
    text          VARCHAR,            -- the cleaned text; offsets refer to it
    language      VARCHAR,
    origin        VARCHAR,            -- file[:line] the article was read from
    raw_chars     INTEGER,            -- size before cleaning
    focus_country VARCHAR,            -- ISO3 the article is mostly about
    warnings      VARCHAR[],          -- non-fatal pipeline notes
    cluster_id    VARCHAR,
    minhash       BLOB,
    ingested_at   TIMESTAMP NOT NULL
);

-- The sentences of each article, as split by the parser.
CREATE TABLE IF NOT EXISTS sentences (
    content_hash   VARCHAR NOT NULL,
    doc_id         VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char     INTEGER,
    end_char       INTEGER,
    text           VARCHAR
);

-- Every resolved actor mention, with how it was resolved (resolution: kb,
-- inferred, memory, pronoun, acronym, user) and the evidence for it.
CREATE TABLE IF NOT EXISTS mentions (
    content_hash   VARCHAR NOT NULL,
    doc_id         VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    code           VARCHAR,           -- CAMEO actor code, e.g. LBYMIL
    country        VARCHAR,           -- ISO3
    sectors        VARCHAR[],
    name           VARCHAR,
    text           VARCHAR,
    start_char     INTEGER,
    end_char       INTEGER,
    resolution     VARCHAR,
    evidence       VARCHAR
);

-- One row per coded event: every field of Event.to_json(), flattened, plus the
-- full JSON in `json`. CAMEO codes are strings ("010" keeps its zero).
-- event_id is stable (content hash + sentence + trigger + actors + code), so a
-- rerun can never duplicate an event.
CREATE TABLE IF NOT EXISTS events (
    event_id            VARCHAR PRIMARY KEY,
    content_hash        VARCHAR NOT NULL,
    doc_id              VARCHAR NOT NULL,
    sentence_index      INTEGER,
    sentence            VARCHAR,
    date                DATE,         -- event date (NULL if unknown or not ISO)
    date_source         VARCHAR,      -- text | publication
    date_expression     VARCHAR,      -- the words the date came from
    end_date            DATE,
    source_code         VARCHAR,
    source_country      VARCHAR,
    source_sectors      VARCHAR[],
    source_name         VARCHAR,
    source_text         VARCHAR,
    source_start        INTEGER,
    source_end          INTEGER,
    source_resolution   VARCHAR,
    source_evidence     VARCHAR,
    target_code         VARCHAR,
    target_country      VARCHAR,
    target_sectors      VARCHAR[],
    target_name         VARCHAR,
    target_text         VARCHAR,
    target_start        INTEGER,
    target_end          INTEGER,
    target_resolution   VARCHAR,
    target_evidence     VARCHAR,
    cameo               VARCHAR NOT NULL,
    cameo_root          VARCHAR NOT NULL,
    cameo_name          VARCHAR,
    quad_class          TINYINT,      -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein           DOUBLE,
    plover_type         VARCHAR,
    plover_mode         VARCHAR,
    modality            VARCHAR,      -- asserted | negated | hypothetical | future
    location_name       VARCHAR,
    location_country    VARCHAR,      -- ISO3
    location_lat        DOUBLE,
    location_lon        DOUBLE,
    location_admin1     VARCHAR,
    location_geonameid  BIGINT,
    location_precision  VARCHAR,      -- city | admin1 | country
    location_source     VARCHAR,      -- clause | sentence | actor | article
    trigger_text        VARCHAR,
    trigger_start       INTEGER,
    trigger_end         INTEGER,
    rule                VARCHAR,      -- the pattern that fired
    confidence          DOUBLE,
    json                VARCHAR       -- Event.to_json(), the public JSON contract
);

-- Real-world events: coded events grouped across articles.
-- Rule (recomputed by Store.rebuild_groups at the end of each ingest run):
--   * only asserted events are grouped;
--   * the key is (source_code, target_code, cameo_root, location_country);
--     a missing value is a value of its own;
--   * events of articles in one near-duplicate cluster count once: the cluster's
--     events with the same key become one unit, dated by their earliest date;
--   * units with the same key whose dates fall within `group_window_days`
--     (default 1) of the group's first date are one real-world event; the next
--     unit beyond that window starts a new group (anchored, not chained, so a
--     week of daily clashes does not collapse into one event);
--   * undated events of one key group per cluster.
-- num_mentions = number of event rows; num_articles = distinct articles;
-- num_sources = distinct article source (else URL host, else doc_id).
-- first_seen / last_seen: earliest / latest publication date of the articles
-- (ingest date when unpublished). group_id is stable for the same key and date.
-- rebuild_groups replaces this table whole (DROP, then this file recreates it),
-- so it holds nothing that cannot be recomputed from events and articles.
CREATE TABLE IF NOT EXISTS event_groups (
    group_id          VARCHAR PRIMARY KEY,
    date              DATE,
    source_code       VARCHAR,
    target_code       VARCHAR,
    cameo_root        VARCHAR,
    location_country  VARCHAR,
    num_mentions      INTEGER,
    num_sources       INTEGER,
    num_articles      INTEGER,
    first_seen        DATE,
    last_seen         DATE,
    event_ids         VARCHAR[]
);

-- Everything that could not be read, coded or stored, with where and why.
CREATE TABLE IF NOT EXISTS errors (
    doc_id  VARCHAR,
    stage   VARCHAR,                  -- read | clean | parse | code | store
    reason  VARCHAR,
    origin  VARCHAR,                  -- file[:line]
    logged_at TIMESTAMP
);

-- Reads default to events stated as happening: query, stats and exports use
-- this view unless asked to include negated, hypothetical and future events.
CREATE OR REPLACE VIEW asserted_events AS
    SELECT * FROM events WHERE modality = 'asserted';

-- Each event with its article's metadata and its group's counts: the base of
-- every export (and of `--where` filters, which see all these columns).
CREATE OR REPLACE VIEW events_export AS
    SELECT e.*,
           a.url, a.source AS article_source, a.title AS article_title,
           a.published, a.cluster_id, a.ingested_at,
           g.group_id,
           coalesce(g.num_mentions, 1) AS num_mentions,
           coalesce(g.num_sources, 1) AS num_sources,
           coalesce(g.num_articles, 1) AS num_articles
    FROM events e
    JOIN articles a USING (content_hash)
    LEFT JOIN (SELECT group_id, num_mentions, num_sources, num_articles,
                      unnest(event_ids) AS event_id
               FROM event_groups) g USING (event_id);
