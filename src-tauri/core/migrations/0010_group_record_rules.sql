-- What a group's terms of reference say about its record: how many
-- meetings in a row a member may miss before the chair follows it up
-- (apologies counted as missed or not), and how its draft minutes are
-- marked until they are approved.
-- Forward-only: never edit once landed.

ALTER TABLE groups ADD COLUMN missed_in_a_row INTEGER NOT NULL DEFAULT 3
    CHECK (missed_in_a_row BETWEEN 1 AND 12);
ALTER TABLE groups ADD COLUMN apologies_count_as_missed INTEGER NOT NULL DEFAULT 0
    CHECK (apologies_count_as_missed IN (0, 1));
-- The classification of the public draft minutes until approved, and the
-- handling line printed under it (empty: none).
ALTER TABLE groups ADD COLUMN draft_marking TEXT NOT NULL DEFAULT 'official'
    CHECK (draft_marking IN ('official', 'official_sensitive'));
ALTER TABLE groups ADD COLUMN draft_handling TEXT NOT NULL DEFAULT ''
    CHECK (length(draft_handling) <= 300);
