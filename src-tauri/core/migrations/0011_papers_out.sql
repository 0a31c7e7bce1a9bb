-- 0011: the papers go out. Each paper carries its own level (never below
-- its item's: a confidential item's papers are confidential), and each
-- agenda pack written is remembered (for whom, when, which papers), so a
-- supplementary pack holds only what is new since.
-- Forward-only: never edit once landed.

ALTER TABLE agenda_papers ADD COLUMN confidentiality TEXT NOT NULL DEFAULT 'open'
    CHECK (confidentiality IN ('open', 'confidential'));
UPDATE agenda_papers SET confidentiality = 'confidential'
 WHERE item_id IN (SELECT id FROM agenda_items WHERE confidentiality <> 'open');

CREATE TABLE paper_packs (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    audience    TEXT NOT NULL CHECK (audience IN ('public', 'members')),
    -- 0 for the pack itself; 1, 2… for each supplement of late papers.
    supplement  INTEGER NOT NULL CHECK (supplement >= 0),
    written_at  TEXT NOT NULL
) STRICT;
CREATE INDEX paper_packs_by_meeting ON paper_packs(meeting_id, audience);

-- What each pack held. No foreign key to the paper: a paper removed or
-- replaced later was still sent.
CREATE TABLE paper_pack_papers (
    pack_id   INTEGER NOT NULL REFERENCES paper_packs(id) ON DELETE CASCADE,
    paper_id  INTEGER NOT NULL,
    PRIMARY KEY (pack_id, paper_id)
) STRICT;
