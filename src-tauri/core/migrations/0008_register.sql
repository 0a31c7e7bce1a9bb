-- The register as real minutes keep it: a role or organisation beside the
-- name, in person or remote, the items a guest attends for, the secretariat
-- (there to support the meeting, never counted for the quorum), the
-- minute-taker, anonymised attendees (a role with no name, never matched to
-- the roster), and who chaired the meeting.
-- Forward-only: never edit once landed.

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt
-- with every line kept, ids included.
CREATE TABLE attendance_lines (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    guest_name  TEXT NOT NULL DEFAULT '',
    -- "Community Safety Officer, Fenwold District Council"; for a police
    -- contact, empty means their rank from the roster.
    role_text   TEXT NOT NULL DEFAULT '',
    capacity    TEXT NOT NULL
                CHECK (capacity IN ('member', 'in_attendance', 'secretariat')),
    presence    TEXT NOT NULL DEFAULT 'expected'
                CHECK (presence IN ('expected', 'present', 'apologies', 'absent')),
    mode        TEXT NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person', 'remote')),
    arrived_at_item INTEGER,
    left_at_item    INTEGER,
    -- The agenda positions (0-based, inclusive) a guest attends for.
    for_first_item  INTEGER,
    for_last_item   INTEGER,
    takes_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (takes_minutes IN (0, 1)),
    anonymous       INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    CHECK (person_id IS NOT NULL OR length(guest_name) > 0
           OR (anonymous = 1 AND length(role_text) > 0)),
    CHECK (anonymous = 0 OR (person_id IS NULL AND guest_name = '')),
    CHECK (for_first_item IS NULL OR (for_last_item IS NOT NULL
                                      AND for_first_item <= for_last_item)),
    UNIQUE (meeting_id, person_id)
) STRICT;

INSERT INTO attendance_lines (id, meeting_id, person_id, guest_name, capacity, presence,
                              arrived_at_item, left_at_item)
SELECT id, meeting_id, person_id, guest_name, capacity, presence, arrived_at_item, left_at_item
  FROM attendance;

DROP TABLE attendance;
ALTER TABLE attendance_lines RENAME TO attendance;

-- Who chaired: empty means the group's chair, if present.
ALTER TABLE meetings ADD COLUMN chaired_by INTEGER REFERENCES people(id) ON DELETE SET NULL;
