-- Identifiers of one list row are looked up by the row (its name next to its ID number,
-- in list matches and collisions); without this index every lookup read the whole table.
CREATE INDEX list_identifiers_row ON list_identifiers(row_id, type);
