-- The ledger's order (dated articles first, by date, then id) as an index: a page of claims or events is read
-- in order and stops at its end instead of sorting every matching row. Queries write the same expressions.
CREATE INDEX articles_ledger_order ON articles ((published IS NULL), published, id);
