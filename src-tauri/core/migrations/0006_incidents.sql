-- 0006: critical incidents: what happened, its community impact, whether the
-- IAG suggested a Gold group and the police answer, its status, the
-- critical group convened for it, and the meetings linked to it.
-- Forward-only: never edit once landed.

CREATE TABLE incidents (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    occurred_at       TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    -- Confidential by default: outputs use the public title instead.
    confidential      INTEGER NOT NULL DEFAULT 1 CHECK (confidential IN (0, 1)),
    public_title      TEXT NOT NULL DEFAULT '',
    community_impact  TEXT NOT NULL DEFAULT '',
    gold_suggested    INTEGER NOT NULL DEFAULT 0 CHECK (gold_suggested IN (0, 1)),
    gold_answer       TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'monitoring', 'closed')),
    group_id          INTEGER REFERENCES groups(id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    demo_ref          TEXT UNIQUE,
    CHECK (confidential = 0 OR length(trim(public_title)) > 0)
) STRICT;

CREATE TABLE incident_meetings (
    incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, meeting_id)
) STRICT;

-- Concerns and actions channelled up from a subgroup or local group to its
-- parent, and the parent's response flowing back.
CREATE TABLE escalations (
    id            INTEGER PRIMARY KEY,
    from_group    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    to_group      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    confidential  INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    raised_on     TEXT NOT NULL,
    response      TEXT NOT NULL DEFAULT '',
    responded_on  TEXT,
    demo_ref      TEXT UNIQUE
) STRICT;
