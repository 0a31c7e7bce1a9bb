-- Some groups publish how many members attended, not who: the public
-- minutes then give counts, and only the members' annex names them.
-- Forward-only: never edit once landed.

ALTER TABLE groups ADD COLUMN public_attendance TEXT NOT NULL DEFAULT 'names'
    CHECK (public_attendance IN ('names', 'counts'));
