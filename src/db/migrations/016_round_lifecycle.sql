-- 016_round_lifecycle.sql: reporting rounds that match reality, and that
-- can be reopened.
--
-- active_only: the round asks only for measures going on in its period
-- (not completed, stopped or continued, started by the deadline); rounds
-- opened from this release on have 1, those opened before keep asking for
-- every owned measure (0), so what they asked for does not change under
-- them.  A closed round can be reopened by the secretariat: when and by
-- whom it was last reopened (the audit log keeps every reopening).
ALTER TABLE reporting_round ADD COLUMN active_only INTEGER NOT NULL DEFAULT 0 CHECK (active_only IN (0, 1)); -- 1: only measures going on in the period are asked for
ALTER TABLE reporting_round ADD COLUMN reopened_at TEXT;                      -- ISO time (UTC) of the last reopening; NULL: never
ALTER TABLE reporting_round ADD COLUMN reopened_by INTEGER REFERENCES account(id); -- who reopened it last; NULL: never or unknown
