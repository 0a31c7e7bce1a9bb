-- 0001: the roster (groups in tiers, people, roles over time) and meetings.
-- Forward-only: never edit once landed; add a new numbered file instead.
-- demo_ref tags rows that came from the demo force, so loading it twice adds
-- nothing and it can be removed without touching real records.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE groups (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    tier           TEXT NOT NULL CHECK (tier IN ('strategic', 'local', 'subgroup', 'critical')),
    parent_id      INTEGER REFERENCES groups(id) ON DELETE SET NULL,
    area           TEXT NOT NULL DEFAULT '',
    cadence_months INTEGER NOT NULL DEFAULT 3 CHECK (cadence_months BETWEEN 1 AND 24),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stood_down')),
    stood_down_on  TEXT,
    demo_ref       TEXT UNIQUE
) STRICT;

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    full_name   TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('member', 'police')),
    police_rank TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('applicant', 'active', 'on_leave', 'left', 'removed')),
    joined_on   TEXT,
    demo_ref    TEXT UNIQUE
) STRICT;

CREATE TABLE memberships (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'secretary', 'member',
                                             'nominee', 'police_lead', 'police_spoc')),
    started_on TEXT NOT NULL,
    ended_on   TEXT CHECK (ended_on IS NULL OR ended_on >= started_on),
    demo_ref   TEXT UNIQUE
) STRICT;
CREATE INDEX memberships_by_group ON memberships(group_id, ended_on);
CREATE INDEX memberships_by_person ON memberships(person_id, ended_on);

CREATE TABLE meetings (
    id               INTEGER PRIMARY KEY,
    group_id         INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    starts_at        TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL DEFAULT 120 CHECK (duration_minutes > 0),
    venue            TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL DEFAULT 'scheduled'
                     CHECK (kind IN ('scheduled', 'extraordinary', 'critical_incident')),
    status           TEXT NOT NULL DEFAULT 'planned'
                     CHECK (status IN ('planned', 'agenda_agreed', 'held',
                                       'minutes_draft', 'minutes_approved')),
    demo_ref         TEXT UNIQUE
) STRICT;
CREATE INDEX meetings_by_group ON meetings(group_id, starts_at);
