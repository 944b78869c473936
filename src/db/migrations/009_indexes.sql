-- 009_indexes.sql: indexes for the reads every signed-in page makes
-- (docs/benchmarks.md, "Signed in").  Nothing changes in what is stored.

-- Counting a ministry's measures under the access rule (app/core/access.h)
-- reads the index alone: owner, kind, and every column ACCESS looks at.
-- Replaces record_owner (owner_ministry_id), which is its first column.
DROP INDEX record_owner;
CREATE INDEX record_owner ON record (owner_ministry_id, kind, visibility, exemption_basis, public_title);

-- The status list and the strategy list are read in their order on every
-- page that shows them: from the index instead of a sort.
CREATE INDEX measure_status_position ON measure_status (position);
CREATE INDEX strategy_period ON strategy (period_start);
