-- 0002: the full roster: quorum and escalation per group; member details,
-- status history, vetting, agreements and self-declared representation.
-- Forward-only: never edit once landed.

-- Quorum is stored as written: '5' (members) or '1/3' (of members).
ALTER TABLE groups ADD COLUMN quorum TEXT NOT NULL DEFAULT '1/3';
-- The named point of escalation (terms of reference name it).
ALTER TABLE groups ADD COLUMN escalation TEXT NOT NULL DEFAULT '';

ALTER TABLE people ADD COLUMN connection TEXT
    CHECK (connection IS NULL OR connection IN ('lives', 'works', 'studies', 'other'));
ALTER TABLE people ADD COLUMN connection_place TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN skills TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN communities TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN notes TEXT NOT NULL DEFAULT '';
-- Lower-cased name, email, skills and communities: search without scanning
-- several columns or folding case on every keystroke.
ALTER TABLE people ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE people SET search_text = lower(full_name || ' ' || email);

-- Every status a person has had, with when and why; people.status is the latest.
CREATE TABLE status_changes (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('applicant', 'active', 'on_leave', 'left', 'removed')),
    changed_on TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    -- For a removal: the meeting where it was decided.
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    demo_ref   TEXT UNIQUE
) STRICT;
CREATE INDEX status_changes_by_person ON status_changes(person_id, changed_on);

-- Vetting status only: never the content of any vetting.
CREATE TABLE vetting (
    person_id  INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    level      TEXT NOT NULL CHECK (level IN ('basic', 'nppv1', 'nppv2', 'nppv3')),
    granted_on TEXT NOT NULL,
    expires_on TEXT NOT NULL CHECK (expires_on > granted_on)
) STRICT;

CREATE TABLE agreements (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('confidentiality', 'information_sharing',
                                            'code_of_conduct', 'official_secrets')),
    signed_on TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
) STRICT;

-- Special category data: optional, self-declared, with consent. Deleted
-- (not flagged) on withdrawal; secure_delete zeroes the freed space.
-- NULL = not answered; 'prefer_not_to_say' is always a valid answer.
CREATE TABLE representation (
    person_id          INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    consent_on         TEXT NOT NULL,
    age_band           TEXT,
    disability         TEXT,
    gender_reassignment TEXT,
    marriage           TEXT,
    pregnancy          TEXT,
    race               TEXT,
    religion           TEXT,
    sex                TEXT,
    sexual_orientation TEXT
) STRICT;
