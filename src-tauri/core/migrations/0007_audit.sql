-- 0007: the audit trail: when and what for approvals, agreements, status
-- changes, confidential exports, erasures, restores and passphrase changes.
-- Details name groups, meetings and people, never confidential text.
-- Forward-only: never edit once landed.

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    -- 2026-11-23T19:42, or 2026-11-23 when only the day is known.
    at      TEXT NOT NULL,
    action  TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
) STRICT;
