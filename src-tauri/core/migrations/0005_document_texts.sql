-- 0005: the editable wording of each group's induction pack and terms of
-- reference. A block with no row here reads as the product's default.
-- Forward-only: never edit once landed.

CREATE TABLE document_texts (
    group_id    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (group_id, key)
) STRICT;
