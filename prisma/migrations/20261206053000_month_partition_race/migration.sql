-- runboard_month_partition: the second of two concurrent callers for a missing
-- month waited on the advisory lock, then still saw no partition (its catalog
-- cache kept the earlier "not found": an advisory lock does not make a backend
-- read the catalog changes committed meanwhile) and failed with "relation
-- already exists", a 500 for that upload. A partition that exists by the time
-- it is created is now what the caller wanted. The exception block is a
-- subtransaction, so the caller's transaction stays usable.
-- (The statement runner splits at every semicolon: the body's are written \073.)
CREATE OR REPLACE FUNCTION runboard_month_partition(parent text, at timestamp) RETURNS text LANGUAGE plpgsql AS E'
DECLARE
  lo timestamp := date_trunc(''month'', at)\073
  part text := parent || ''_p'' || to_char(date_trunc(''month'', at), ''YYYY_MM'')\073
BEGIN
  IF to_regclass(quote_ident(part)) IS NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext(''runboard:partition:'' || part))\073
    IF to_regclass(quote_ident(part)) IS NULL THEN
      BEGIN
        EXECUTE format(''CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)'', part, parent, lo, lo + interval ''1 month'')\073
      EXCEPTION WHEN duplicate_table THEN
        NULL\073
      END\073
    END IF\073
  END IF\073
  RETURN part\073
END
';
