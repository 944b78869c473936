-- demo.sql: demo content for `samla init --demo`, never part of a real
-- installation.  Statuses, owners and participants of the 2021–2025
-- measures are illustrative, chosen so that every page has something to
-- show; they are not the community's official measure overview.

UPDATE measure SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'DFD'), status = 'in_progress'
 WHERE strategy_id = 2 AND number IN ('1.1', '1.2', '1.6', '2.3', '2.4', '2.6', '3.1', '3.3', '3.6');
UPDATE measure SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'DFD'), status = 'planned'
 WHERE strategy_id = 2 AND number IN ('1.3', '1.4', '1.8', '3.4');
UPDATE measure SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'FIN'), status = 'not_started'
 WHERE strategy_id = 2 AND number = '1.5';
UPDATE measure SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'FIN'), status = 'delayed'
 WHERE strategy_id = 2 AND number = '1.7';
UPDATE measure SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'DFD'), status = 'delayed'
 WHERE strategy_id = 2 AND number = '2.5';
UPDATE measure SET status = 'completed' WHERE strategy_id = 2 AND number IN ('2.1', '2.2');
UPDATE measure SET status = 'continued' WHERE strategy_id = 2 AND number = '2.7';
UPDATE measure SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'DFD'), status = 'completed'
 WHERE strategy_id = 2 AND number IN ('2.8', '3.2');
UPDATE measure SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'SMK'), status = 'planned'
 WHERE strategy_id = 2 AND number = '3.5';

-- The core group for vulnerable children and youth (KUBU) works under 1.2.
INSERT INTO measure_participant (measure_id, ministry_id)
SELECT m.id, mi.id FROM measure m, ministry mi
 WHERE m.strategy_id = 2 AND m.number = '1.2' AND mi.code IN ('BFD', 'HOD', 'KD', 'JD', 'AID', 'KDD', 'KUD');
INSERT INTO measure_participant (measure_id, ministry_id)
SELECT m.id, mi.id FROM measure m, ministry mi
 WHERE m.strategy_id = 2 AND m.number IN ('1.1', '1.6') AND mi.code IN ('FIN', 'KDD');
INSERT INTO measure_participant (measure_id, ministry_id)
SELECT m.id, mi.id FROM measure m, ministry mi
 WHERE m.strategy_id = 2 AND m.number IN ('3.1', '3.3') AND mi.code IN ('KD', 'BFD', 'UD');

-- Examples of marking, so the demo shows different things to different
-- users: 2.5 is internal (signed-in employees only), 3.4 is restricted to
-- its owner DFD with access given to BFD, and 1.7 is exempt from public
-- access under offl. § 22 (the state budget) with a public title.
UPDATE measure SET visibility = 'internal' WHERE strategy_id = 2 AND number = '2.5';
UPDATE measure SET visibility = 'restricted' WHERE strategy_id = 2 AND number = '3.4';
INSERT INTO access_grant (object_type, object_id, ministry_id, granted_at)
SELECT 'measure', m.id, mi.id, '2026-01-05T09:00:00.000Z' FROM measure m, ministry mi
 WHERE m.strategy_id = 2 AND m.number = '3.4' AND mi.code = 'BFD';
UPDATE measure SET exemption_basis = 'offl-22', public_title = 'Samarbeid om budsjettposter på tvers'
 WHERE strategy_id = 2 AND number = '1.7';
