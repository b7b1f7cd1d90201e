"""Real-world events: coded events grouped across articles (the rule is in data/schema.sql)."""

from __future__ import annotations

import numpy as np

# Grouping runs in SQL over temp tables; only the walk from anchor to anchor
# (each depends on the one before) runs in numpy, over distinct (key, date) pairs.
# Keys compare NULL as a value of its own (GROUP BY, IS NOT DISTINCT FROM).
_KEY_COLUMNS = ("source_code", "target_code", "cameo_root", "location_country")
_SAME_KEY = " AND ".join(f"{{a}}.{c} IS NOT DISTINCT FROM {{b}}.{c}" for c in _KEY_COLUMNS)

_GROUP_TEMP_TABLES = ("_group_input", "_group_units", "_group_days", "_group_anchors")
_GROUP_PREPARE_SQL = [
    # Every asserted event with its key, its article's cluster, outlet (source,
    # else URL host, else doc_id) and sighting date (publication, else ingest).
    r"""
    CREATE OR REPLACE TEMP TABLE _group_input AS
    SELECT e.event_id, e.date, e.source_code, e.target_code, e.cameo_root,
           e.location_country, e.content_hash,
           coalesce(a.cluster_id, a.content_hash) AS cluster_id,
           coalesce(nullif(a.source, ''),
                    nullif(regexp_extract(lower(a.url), '^[a-z]+://(?:www\.)?([^/:?#]+)', 1), ''),
                    a.doc_id) AS outlet,
           coalesce(a.published, CAST(a.ingested_at AS DATE)) AS seen
    FROM asserted_events e JOIN articles a USING (content_hash)
    """,
    # Units: a cluster's events with one key, dated by their earliest date.
    """
    CREATE OR REPLACE TEMP TABLE _group_units AS
    SELECT source_code, target_code, cameo_root, location_country, cluster_id,
           min(date) AS unit_date
    FROM _group_input GROUP BY ALL
    """,
    # The distinct dates of each key's dated units, each key numbered.
    """
    CREATE OR REPLACE TEMP TABLE _group_days AS
    SELECT *, dense_rank() OVER (ORDER BY source_code, target_code, cameo_root,
                                          location_country) AS key_no
    FROM (SELECT DISTINCT source_code, target_code, cameo_root, location_country, unit_date
          FROM _group_units WHERE unit_date IS NOT NULL)
    """,
]
_GROUP_DAYS_SQL = (
    "SELECT key_no, unit_date - DATE '1970-01-01' AS day FROM _group_days ORDER BY key_no, day"
)

# One row per group, from the anchors (_group_anchors: key_no, unit_date, anchor).
# A group is labelled by its first date, an undated unit by its cluster, and
# group_id is the first 16 hex digits of the SHA-1 of
# "source|target|root|country|YYYY-MM-DD" (or "...|undated:CLUSTER"), NULL as ''.
_GROUP_ROWS_SQL = f"""
WITH unit_labels AS (
    SELECT u.source_code, u.target_code, u.cameo_root, u.location_country, u.cluster_id,
           CASE WHEN u.unit_date IS NULL THEN 'undated:' || u.cluster_id
                ELSE strftime(d.anchor, '%Y-%m-%d') END AS label
    FROM _group_units u
    LEFT JOIN (SELECT * FROM _group_days JOIN _group_anchors USING (key_no, unit_date)) d
           ON {_SAME_KEY.format(a="u", b="d")} AND u.unit_date = d.unit_date
),
labelled AS (
    SELECT i.*, l.label
    FROM _group_input i
    JOIN unit_labels l ON {_SAME_KEY.format(a="i", b="l")} AND i.cluster_id = l.cluster_id
),
grouped AS (
    SELECT min(date) AS date,
           min(source_code) AS source_code,
           min(target_code) AS target_code,
           min(cameo_root) AS cameo_root,
           min(location_country) AS location_country,
           label,
           count(*) AS num_mentions,
           count(DISTINCT outlet) AS num_sources,
           count(DISTINCT content_hash) AS num_articles,
           min(seen) AS first_seen,
           max(seen) AS last_seen,
           list(event_id ORDER BY date NULLS LAST, event_id) AS event_ids
    FROM labelled
    -- by what group_id hashes, so keys that differ only as NULL vs '' cannot
    -- yield two rows with one group_id
    GROUP BY coalesce(source_code, ''), coalesce(target_code, ''), coalesce(cameo_root, ''),
             coalesce(location_country, ''), label
)
SELECT substr(sha1(concat_ws('|', coalesce(source_code, ''), coalesce(target_code, ''),
                             coalesce(cameo_root, ''), coalesce(location_country, ''),
                             label)), 1, 16) AS group_id,
       * EXCLUDE (label)
FROM grouped
ORDER BY group_id
"""


def anchor_days(keys: np.ndarray, days: np.ndarray, window_days: int) -> np.ndarray:
    """The first day of the group of each (key, day), for pairs sorted by key then day.

    The first day of a key anchors a group that takes every day up to
    ``window_days`` after it; the first day beyond starts the next group. Each
    anchor depends on the previous one, so this walks the chains of anchors,
    all keys at once: as many numpy steps as the longest chain has groups.
    """
    n = len(days)
    if n == 0:
        return days.copy()
    keys = keys.astype(np.int64)
    days = days.astype(np.int64)
    window = max(int(window_days), 0)
    # One sorted number line with a gap between keys wider than any window, so
    # "the first pair more than window days later" never lands in another key
    # except as that key's first pair.
    span = int(days.max() - days.min()) + window + 1
    line = keys * span + (days - days.min())
    beyond = np.searchsorted(line, line + window, side="right")
    position = np.arange(n)
    first = np.ones(n, dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    is_anchor = np.zeros(n, dtype=bool)
    frontier = position[first]
    while frontier.size:
        is_anchor[frontier] = True
        nxt = beyond[frontier]
        nxt = nxt[nxt < n]
        frontier = nxt[~first[nxt]]  # a key's first pair is already an anchor
    anchor = np.maximum.accumulate(np.where(is_anchor, position, 0))
    return days[anchor]
