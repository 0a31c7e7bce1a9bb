-- 0003: agendas (items, papers, per-group templates), agreement of the
-- agenda by chair and police, the attendance register, and a stable id for
-- handing a meeting from one laptop to another.
-- Forward-only: never edit once landed.

ALTER TABLE meetings ADD COLUMN online_details TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN chair_agreed_by TEXT;
ALTER TABLE meetings ADD COLUMN chair_agreed_at TEXT;
ALTER TABLE meetings ADD COLUMN police_agreed_by TEXT;
ALTER TABLE meetings ADD COLUMN police_agreed_at TEXT;
-- Re-importing a handed-over meeting updates it instead of duplicating it.
ALTER TABLE meetings ADD COLUMN handover_id TEXT;
CREATE UNIQUE INDEX meetings_by_handover_id ON meetings(handover_id);

-- A flat list in order; depth 1 is a sub-item of the depth-0 item above.
CREATE TABLE agenda_items (
    id               INTEGER PRIMARY KEY,
    meeting_id       INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    depth            INTEGER NOT NULL DEFAULT 0 CHECK (depth IN (0, 1)),
    title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
    purpose          TEXT NOT NULL DEFAULT '',
    minutes          INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    presenter_id     INTEGER REFERENCES people(id) ON DELETE SET NULL,
    presenter_text   TEXT NOT NULL DEFAULT '',
    confidentiality  TEXT NOT NULL DEFAULT 'open'
                     CHECK (confidentiality IN ('open', 'confidential', 'not_recorded')),
    public_title     TEXT NOT NULL DEFAULT '',
    reason           TEXT,
    reason_other     TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL DEFAULT 'general'
                     CHECK (kind IN ('general', 'action_log', 'subgroup_reports')),
    -- A confidential item always says what the public may read instead.
    CHECK (confidentiality = 'open' OR (length(public_title) > 0 AND reason IS NOT NULL)),
    UNIQUE (meeting_id, position)
) STRICT;

-- Papers are copied into the vault, so they travel (encrypted) with it.
CREATE TABLE agenda_papers (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    file_name  TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    added_at   TEXT NOT NULL
) STRICT;

-- A group's own agenda template (JSON list of items); none = the standard one.
CREATE TABLE agenda_templates (
    group_id   INTEGER PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,
    items_json TEXT NOT NULL
) STRICT;

CREATE TABLE attendance (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    -- A guest not on the roster.
    guest_name  TEXT NOT NULL DEFAULT '',
    capacity    TEXT NOT NULL CHECK (capacity IN ('member', 'in_attendance')),
    presence    TEXT NOT NULL DEFAULT 'expected'
                CHECK (presence IN ('expected', 'present', 'apologies', 'absent')),
    arrived_at_item INTEGER,
    left_at_item    INTEGER,
    CHECK (person_id IS NOT NULL OR length(guest_name) > 0),
    UNIQUE (meeting_id, person_id)
) STRICT;
