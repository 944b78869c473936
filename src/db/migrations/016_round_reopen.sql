-- 016_round_reopen.sql: a closed reporting round can be reopened by the
-- secretariat: when and by whom it was last reopened (the audit log keeps
-- every reopening).
ALTER TABLE reporting_round ADD COLUMN reopened_at TEXT;                      -- ISO time (UTC) of the last reopening; NULL: never
ALTER TABLE reporting_round ADD COLUMN reopened_by INTEGER REFERENCES account(id); -- who reopened it last; NULL: never or unknown
