-- The search index: SQLite FTS5 over members, meetings, agenda items and
-- minute entries (notes, decisions, advice, actions, votes, declarations).
--
-- Each indexed text is defined once, by a view below, and folded by
-- iag_fold (the Rust rule in folding.rs, registered on every connection):
-- lower case, Latin accents off, every other script as typed. A query is
-- folded by the same rule, so the two always agree.
--
-- The trigram tokenizer finds any part of a word in any script. A term
-- shorter than three letters (a one- or two-character Chinese name) is
-- found through the trigrams that begin with it (the search_*_terms
-- tables list them): each text ends in two spaces, so every letter of it
-- begins a trigram.
--
-- Triggers keep the index in step inside the transaction of every write,
-- whichever code makes it, and only when an indexed text really changed
-- (saving an agenda rewrites every item). secure-delete: a deleted or changed row's
-- tokens are removed from the index's segments at once, so erased and
-- not-recorded text does not live on there. Text in a not-recorded item or
-- entry is never indexed at all.
--
-- The index is derived, never a source: its tables (search_* and their
-- FTS5 shadow tables) are rebuilt from the views and are never exported or
-- shared.

CREATE VIEW search_people_texts AS
SELECT p.id,
       iag_fold(p.full_name || ' ' || p.email || ' ' || p.skills || ' ' || p.communities
                || ' ' || p.police_rank || ' ' || p.connection_place) || '  ' AS text
  FROM people p;

CREATE VIEW search_meeting_texts AS
SELECT m.id, m.group_id,
       iag_fold(g.name || ' ' || m.venue || ' ' || iag_meeting_words(m.starts_at, m.kind)) || '  ' AS text
  FROM meetings m JOIN groups g ON g.id = m.group_id;

CREATE VIEW search_agenda_item_texts AS
SELECT a.id, a.presenter_id,
       iag_fold(a.title || ' ' || a.purpose || ' ' || a.public_title || ' '
                || COALESCE(p.full_name, a.presenter_text)) || '  ' AS text
  FROM agenda_items a LEFT JOIN people p ON p.id = a.presenter_id;

CREATE VIEW search_minute_entry_texts AS
SELECT e.id, e.item_id, e.owner_id, e.person_id,
       iag_fold(e.text || ' ' || e.police_recipient || ' ' || COALESCE(o.full_name, e.owner_text)
                || ' ' || COALESCE(d.full_name, e.person_text)) || '  ' AS text
  FROM minute_entries e
  JOIN agenda_items a ON a.id = e.item_id
  LEFT JOIN people o ON o.id = e.owner_id
  LEFT JOIN people d ON d.id = e.person_id
 WHERE e.confidentiality <> 'not_recorded' AND a.confidentiality <> 'not_recorded';

-- Each index row's rowid is its record's id. The text is already folded,
-- so the tokenizer keeps it as it is (case_sensitive 1).
CREATE VIRTUAL TABLE search_people USING fts5(text, tokenize = 'trigram case_sensitive 1');
CREATE VIRTUAL TABLE search_meetings USING fts5(text, tokenize = 'trigram case_sensitive 1');
CREATE VIRTUAL TABLE search_agenda_items USING fts5(text, tokenize = 'trigram case_sensitive 1');
CREATE VIRTUAL TABLE search_minute_entries USING fts5(text, tokenize = 'trigram case_sensitive 1');
CREATE VIRTUAL TABLE search_people_terms USING fts5vocab(search_people, row);
CREATE VIRTUAL TABLE search_meetings_terms USING fts5vocab(search_meetings, row);
CREATE VIRTUAL TABLE search_agenda_items_terms USING fts5vocab(search_agenda_items, row);
CREATE VIRTUAL TABLE search_minute_entries_terms USING fts5vocab(search_minute_entries, row);
INSERT INTO search_people(search_people, rank) VALUES ('secure-delete', 1);
INSERT INTO search_meetings(search_meetings, rank) VALUES ('secure-delete', 1);
INSERT INTO search_agenda_items(search_agenda_items, rank) VALUES ('secure-delete', 1);
INSERT INTO search_minute_entries(search_minute_entries, rank) VALUES ('secure-delete', 1);

INSERT INTO search_people(rowid, text) SELECT id, text FROM search_people_texts;
INSERT INTO search_meetings(rowid, text) SELECT id, text FROM search_meeting_texts;
INSERT INTO search_agenda_items(rowid, text) SELECT id, text FROM search_agenda_item_texts;
INSERT INTO search_minute_entries(rowid, text) SELECT id, text FROM search_minute_entry_texts;

-- People.
CREATE TRIGGER search_people_added AFTER INSERT ON people BEGIN
    INSERT INTO search_people(rowid, text) SELECT id, text FROM search_people_texts WHERE id = NEW.id;
END;
CREATE TRIGGER search_people_changed
AFTER UPDATE OF full_name, email, skills, communities, police_rank, connection_place ON people
WHEN OLD.full_name IS NOT NEW.full_name OR OLD.email IS NOT NEW.email OR OLD.skills IS NOT NEW.skills
  OR OLD.communities IS NOT NEW.communities OR OLD.police_rank IS NOT NEW.police_rank
  OR OLD.connection_place IS NOT NEW.connection_place BEGIN
    DELETE FROM search_people WHERE rowid = OLD.id;
    INSERT INTO search_people(rowid, text) SELECT id, text FROM search_people_texts WHERE id = NEW.id;
END;
-- A name is also in the items a person presents and the entries they own
-- or declared.
CREATE TRIGGER search_people_renamed AFTER UPDATE OF full_name ON people
WHEN OLD.full_name IS NOT NEW.full_name BEGIN
    DELETE FROM search_agenda_items
     WHERE rowid IN (SELECT id FROM agenda_items WHERE presenter_id = NEW.id);
    INSERT INTO search_agenda_items(rowid, text)
    SELECT id, text FROM search_agenda_item_texts WHERE presenter_id = NEW.id;
    DELETE FROM search_minute_entries
     WHERE rowid IN (SELECT id FROM minute_entries WHERE owner_id = NEW.id OR person_id = NEW.id);
    INSERT INTO search_minute_entries(rowid, text)
    SELECT id, text FROM search_minute_entry_texts WHERE owner_id = NEW.id OR person_id = NEW.id;
END;
CREATE TRIGGER search_people_removed AFTER DELETE ON people BEGIN
    DELETE FROM search_people WHERE rowid = OLD.id;
END;

-- Groups: a meeting is found by its group's name.
CREATE TRIGGER search_groups_renamed AFTER UPDATE OF name ON groups
WHEN OLD.name IS NOT NEW.name BEGIN
    DELETE FROM search_meetings WHERE rowid IN (SELECT id FROM meetings WHERE group_id = NEW.id);
    INSERT INTO search_meetings(rowid, text)
    SELECT id, text FROM search_meeting_texts WHERE group_id = NEW.id;
END;

-- Meetings.
CREATE TRIGGER search_meetings_added AFTER INSERT ON meetings BEGIN
    INSERT INTO search_meetings(rowid, text) SELECT id, text FROM search_meeting_texts WHERE id = NEW.id;
END;
CREATE TRIGGER search_meetings_changed AFTER UPDATE OF group_id, starts_at, venue, kind ON meetings
WHEN OLD.group_id IS NOT NEW.group_id OR OLD.starts_at IS NOT NEW.starts_at
  OR OLD.venue IS NOT NEW.venue OR OLD.kind IS NOT NEW.kind BEGIN
    DELETE FROM search_meetings WHERE rowid = OLD.id;
    INSERT INTO search_meetings(rowid, text) SELECT id, text FROM search_meeting_texts WHERE id = NEW.id;
END;
CREATE TRIGGER search_meetings_removed AFTER DELETE ON meetings BEGIN
    DELETE FROM search_meetings WHERE rowid = OLD.id;
END;

-- Agenda items.
CREATE TRIGGER search_agenda_items_added AFTER INSERT ON agenda_items BEGIN
    INSERT INTO search_agenda_items(rowid, text)
    SELECT id, text FROM search_agenda_item_texts WHERE id = NEW.id;
END;
CREATE TRIGGER search_agenda_items_changed
AFTER UPDATE OF title, purpose, public_title, presenter_id, presenter_text ON agenda_items
WHEN OLD.title IS NOT NEW.title OR OLD.purpose IS NOT NEW.purpose
  OR OLD.public_title IS NOT NEW.public_title OR OLD.presenter_id IS NOT NEW.presenter_id
  OR OLD.presenter_text IS NOT NEW.presenter_text BEGIN
    DELETE FROM search_agenda_items WHERE rowid = OLD.id;
    INSERT INTO search_agenda_items(rowid, text)
    SELECT id, text FROM search_agenda_item_texts WHERE id = NEW.id;
END;
-- An item's level decides whether its entries are indexed at all.
CREATE TRIGGER search_agenda_items_level AFTER UPDATE OF confidentiality ON agenda_items
WHEN OLD.confidentiality IS NOT NEW.confidentiality BEGIN
    DELETE FROM search_minute_entries
     WHERE rowid IN (SELECT id FROM minute_entries WHERE item_id = NEW.id);
    INSERT INTO search_minute_entries(rowid, text)
    SELECT id, text FROM search_minute_entry_texts WHERE item_id = NEW.id;
END;
CREATE TRIGGER search_agenda_items_removed AFTER DELETE ON agenda_items BEGIN
    DELETE FROM search_agenda_items WHERE rowid = OLD.id;
END;

-- Minute entries.
CREATE TRIGGER search_minute_entries_added AFTER INSERT ON minute_entries BEGIN
    INSERT INTO search_minute_entries(rowid, text)
    SELECT id, text FROM search_minute_entry_texts WHERE id = NEW.id;
END;
CREATE TRIGGER search_minute_entries_changed
AFTER UPDATE OF item_id, confidentiality, text, police_recipient, owner_id, owner_text,
                person_id, person_text ON minute_entries
WHEN OLD.item_id IS NOT NEW.item_id OR OLD.confidentiality IS NOT NEW.confidentiality
  OR OLD.text IS NOT NEW.text OR OLD.police_recipient IS NOT NEW.police_recipient
  OR OLD.owner_id IS NOT NEW.owner_id OR OLD.owner_text IS NOT NEW.owner_text
  OR OLD.person_id IS NOT NEW.person_id OR OLD.person_text IS NOT NEW.person_text BEGIN
    DELETE FROM search_minute_entries WHERE rowid = OLD.id;
    INSERT INTO search_minute_entries(rowid, text)
    SELECT id, text FROM search_minute_entry_texts WHERE id = NEW.id;
END;
CREATE TRIGGER search_minute_entries_removed AFTER DELETE ON minute_entries BEGIN
    DELETE FROM search_minute_entries WHERE rowid = OLD.id;
END;
