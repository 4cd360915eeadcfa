-- articles_ledger_order serves date ranges too; the index on the date alone let the planner read a range out of
-- order and sort it all.
DROP INDEX IF EXISTS articles_published;
