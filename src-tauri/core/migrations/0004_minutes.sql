-- 0004: the record of a meeting: notes, decisions, advice (with the police
-- response), actions (with their history), votes and declarations of
-- interest, each with its own confidentiality; approval of the minutes at a
-- later meeting, the approved original, and amendments made after approval.
-- Forward-only: never edit once landed.

-- Approved at a later meeting of the same group, then locked.
ALTER TABLE meetings ADD COLUMN minutes_approved_on TEXT;
ALTER TABLE meetings ADD COLUMN minutes_approved_at INTEGER REFERENCES meetings(id) ON DELETE SET NULL;

-- One table for every kind of entry: the registers (advice, actions) are
-- queries over it, and an entry's place in the minutes is its item and
-- position. Columns that belong to one kind are empty for the others.
CREATE TABLE minute_entries (
    id               INTEGER PRIMARY KEY,
    meeting_id       INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    -- An item with minutes cannot be deleted from the agenda (the core
    -- refuses first; this is the last line of defence). NO ACTION, not
    -- RESTRICT: it is checked at the end of the statement, so deleting a
    -- whole meeting (items and entries together) is allowed.
    item_id          INTEGER NOT NULL REFERENCES agenda_items(id),
    position         INTEGER NOT NULL,
    kind             TEXT NOT NULL
                     CHECK (kind IN ('note', 'decision', 'advice', 'action', 'vote', 'declaration')),
    -- The entry's own level: never below its item's level when it was saved.
    confidentiality  TEXT NOT NULL
                     CHECK (confidentiality IN ('open', 'confidential', 'not_recorded')),
    text             TEXT NOT NULL DEFAULT '',
    -- advice: to whom in the police, and what they did with it
    police_recipient TEXT NOT NULL DEFAULT '',
    response         TEXT CHECK (response IN ('awaiting', 'accepted', 'partly_accepted', 'not_followed')),
    response_reason  TEXT NOT NULL DEFAULT '',
    response_on      TEXT,
    -- action
    owner_id         INTEGER REFERENCES people(id) ON DELETE SET NULL,
    owner_text       TEXT NOT NULL DEFAULT '',
    due_on           TEXT,
    action_status    TEXT CHECK (action_status IN ('open', 'done', 'dropped')),
    -- declaration: who declared the interest
    person_id        INTEGER REFERENCES people(id) ON DELETE SET NULL,
    person_text      TEXT NOT NULL DEFAULT '',
    -- vote (the motion is `text`)
    named_vote       INTEGER NOT NULL DEFAULT 0 CHECK (named_vote IN (0, 1)),
    votes_for        INTEGER NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
    votes_against    INTEGER NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
    votes_abstain    INTEGER NOT NULL DEFAULT 0 CHECK (votes_abstain >= 0),
    casting_vote     TEXT CHECK (casting_vote IN ('for', 'against')),
    removes_person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    declared_at      TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    -- Nothing typed for a not-recorded entry is ever kept.
    CHECK (confidentiality <> 'not_recorded'
           OR (text = '' AND police_recipient = '' AND response_reason = ''
               AND owner_text = '' AND person_text = '')),
    UNIQUE (item_id, position)
) STRICT;
CREATE INDEX minute_entries_by_meeting ON minute_entries(meeting_id);
CREATE INDEX minute_entries_by_kind ON minute_entries(kind);

-- Named votes; a proxy counts only if its holder is present at the item.
CREATE TABLE vote_ballots (
    id              INTEGER PRIMARY KEY,
    entry_id        INTEGER NOT NULL REFERENCES minute_entries(id) ON DELETE CASCADE,
    person_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    voter_name      TEXT NOT NULL CHECK (length(trim(voter_name)) > 0),
    choice          TEXT NOT NULL CHECK (choice IN ('for', 'against', 'abstain')),
    proxy_holder_id INTEGER REFERENCES people(id) ON DELETE SET NULL
) STRICT;

-- Every change of an action's status, and at which meeting it was reported.
CREATE TABLE action_history (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES minute_entries(id) ON DELETE CASCADE,
    changed_on  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    note        TEXT NOT NULL DEFAULT '',
    meeting_id  INTEGER REFERENCES meetings(id) ON DELETE SET NULL
) STRICT;

-- The approved original (issue 1) kept as it was approved, whatever follows.
CREATE TABLE minutes_originals (
    meeting_id   INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    approved_on  TEXT NOT NULL,
    record_json  TEXT NOT NULL
) STRICT;

-- Corrections after approval: each makes a new issue of the minutes.
CREATE TABLE minute_amendments (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    entry_id        INTEGER REFERENCES minute_entries(id) ON DELETE SET NULL,
    made_on         TEXT NOT NULL,
    reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    before_text     TEXT NOT NULL,
    after_text      TEXT NOT NULL,
    -- The amended entry's level: a correction to a confidential entry is
    -- itself confidential (its reason and both texts).
    confidentiality TEXT NOT NULL CHECK (confidentiality IN ('open', 'confidential'))
) STRICT;
