-- demo.sql: demo content for `samla init --demo`, never part of a real
-- installation.  Statuses, owners and participants of the 2021–2025
-- measures are illustrative, chosen so that every page has something to
-- show; they are not the community's official measure overview.
--
-- Dates follow the day the demo is made, (SELECT today FROM demo_clock)
-- (app/demo/demo.c): deadlines and milestones fall around it — some past,
-- some this week, some later — kept inside the period 2021–2025, so a
-- demo made after the period has ended shows it as ended.  What happens
-- after (the final edition, carrying over into 2025–) is demo/present.sql
-- and app/measure/measure_demo.c.

UPDATE record SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'DFD')
 WHERE id IN (SELECT id FROM measure WHERE strategy_id = 2 AND number IN ('1.1', '1.2', '1.6', '2.3', '2.4', '2.6', '3.1', '3.3', '3.6'));
UPDATE measure SET status = 'in_progress' WHERE strategy_id = 2 AND number IN ('1.1', '1.2', '1.6', '2.3', '2.4', '2.6', '3.1', '3.3', '3.6');
UPDATE record SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'DFD')
 WHERE id IN (SELECT id FROM measure WHERE strategy_id = 2 AND number IN ('1.3', '1.4', '1.8', '3.4'));
UPDATE measure SET status = 'planned' WHERE strategy_id = 2 AND number IN ('1.3', '1.4', '1.8', '3.4');
UPDATE record SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'FIN')
 WHERE id IN (SELECT id FROM measure WHERE strategy_id = 2 AND number = '1.5');
UPDATE measure SET status = 'not_started' WHERE strategy_id = 2 AND number = '1.5';
UPDATE record SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'FIN')
 WHERE id IN (SELECT id FROM measure WHERE strategy_id = 2 AND number = '1.7');
UPDATE measure SET status = 'delayed' WHERE strategy_id = 2 AND number = '1.7';
UPDATE record SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'DFD')
 WHERE id IN (SELECT id FROM measure WHERE strategy_id = 2 AND number = '2.5');
UPDATE measure SET status = 'delayed' WHERE strategy_id = 2 AND number = '2.5';
UPDATE measure SET status = 'completed' WHERE strategy_id = 2 AND number IN ('2.1', '2.2');
UPDATE measure SET status = 'in_progress' WHERE strategy_id = 2 AND number = '2.7';
UPDATE record SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'DFD')
 WHERE id IN (SELECT id FROM measure WHERE strategy_id = 2 AND number IN ('2.8', '3.2'));
UPDATE measure SET status = 'completed' WHERE strategy_id = 2 AND number IN ('2.8', '3.2');
UPDATE record SET owner_ministry_id = (SELECT id FROM ministry WHERE code = 'SMK')
 WHERE id IN (SELECT id FROM measure WHERE strategy_id = 2 AND number = '3.5');
UPDATE measure SET status = 'planned' WHERE strategy_id = 2 AND number = '3.5';

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
UPDATE record SET visibility = 'internal' WHERE id IN (SELECT id FROM measure WHERE strategy_id = 2 AND number = '2.5');
UPDATE record SET visibility = 'restricted' WHERE id IN (SELECT id FROM measure WHERE strategy_id = 2 AND number = '3.4');
INSERT INTO access_grant (record_id, ministry_id, granted_at)
SELECT m.id, mi.id, date((SELECT today FROM demo_clock), '-300 days') || 'T09:00:00.000Z' FROM measure m, ministry mi
 WHERE m.strategy_id = 2 AND m.number = '3.4' AND mi.code = 'BFD';
UPDATE record SET exemption_basis = 'offl-22', public_title = 'Samarbeid om budsjettposter på tvers'
 WHERE id IN (SELECT id FROM measure WHERE strategy_id = 2 AND number = '1.7');

-- The overview's working fields: progress from the status (with some
-- variation), priorities, periods, people and milestones.
UPDATE measure SET progress = (SELECT default_progress FROM measure_status s WHERE s.code = measure.status)
 WHERE strategy_id = 2;
UPDATE measure SET progress = 60 WHERE strategy_id = 2 AND number IN ('1.2', '2.4');
UPDATE measure SET progress = 25 WHERE strategy_id = 2 AND number IN ('1.6', '3.3');
UPDATE measure SET priority = 'high' WHERE strategy_id = 2 AND number IN ('1.1', '1.2', '2.4', '2.5', '3.1');
UPDATE measure SET priority = 'medium' WHERE strategy_id = 2 AND number IN ('1.3', '1.6', '1.7', '2.3', '2.6', '3.3', '3.5');
UPDATE measure SET priority = 'low' WHERE strategy_id = 2 AND number IN ('1.4', '1.5', '1.8', '3.4', '3.6');
-- Deadlines: days from today, never after the period's last day; the
-- measures finished early ended a year or more ago.
UPDATE measure SET start_date = min('2021-09-01', date((SELECT today FROM demo_clock), '-90 days'))
 WHERE strategy_id = 2;
UPDATE measure SET end_date = min('2025-12-31', date((SELECT today FROM demo_clock), (SELECT d.days || ' days' FROM
 (SELECT '1.1' AS n, 60 AS days UNION ALL SELECT '1.2', 6 UNION ALL SELECT '1.3', 120 UNION ALL SELECT '1.4', 200
  UNION ALL SELECT '1.5', -20 UNION ALL SELECT '1.6', 3 UNION ALL SELECT '1.7', 30 UNION ALL SELECT '1.8', 300
  UNION ALL SELECT '2.3', -10 UNION ALL SELECT '2.4', 45 UNION ALL SELECT '2.5', -40 UNION ALL SELECT '2.6', 90
  UNION ALL SELECT '2.7', 150 UNION ALL SELECT '3.1', 2 UNION ALL SELECT '3.3', 75 UNION ALL SELECT '3.4', 180
  UNION ALL SELECT '3.5', 240 UNION ALL SELECT '3.6', 20) d WHERE d.n = measure.number)))
 WHERE strategy_id = 2 AND number NOT IN ('2.1', '2.2', '2.8', '3.2');
UPDATE measure SET end_date = max(start_date, min('2025-12-31', date((SELECT today FROM demo_clock), '-400 days')))
 WHERE strategy_id = 2 AND number IN ('2.1', '2.2', '2.8', '3.2');
UPDATE measure SET responsible = 'Avdeling for forvaltningspolitikk' WHERE strategy_id = 2 AND id IN
 (SELECT r.id FROM record r JOIN ministry mi ON mi.id = r.owner_ministry_id WHERE mi.code = 'DFD');
UPDATE measure SET responsible = 'Budsjettavdelingen' WHERE strategy_id = 2 AND id IN
 (SELECT r.id FROM record r JOIN ministry mi ON mi.id = r.owner_ministry_id WHERE mi.code = 'FIN');
INSERT INTO milestone (measure_id, position, title, due_date, done)
SELECT id, 1, 'Felles målbilde for IKT i departementene vedtatt',
       min('2025-12-31', date((SELECT today FROM demo_clock), '-500 days')), 1 FROM measure
 WHERE strategy_id = 2 AND number = '2.4';
INSERT INTO milestone (measure_id, position, title, due_date, done)
SELECT id, 2, 'Første departementer flyttet til felles plattform',
       min('2025-12-31', date((SELECT today FROM demo_clock), '-60 days')), 1 FROM measure
 WHERE strategy_id = 2 AND number = '2.4';
INSERT INTO milestone (measure_id, position, title, due_date, done)
SELECT id, 3, 'Alle departementer på felles plattform', min('2025-12-31', date((SELECT today FROM demo_clock), '+45 days')),
       0 FROM measure
 WHERE strategy_id = 2 AND number = '2.4';
INSERT INTO milestone (measure_id, position, title, due_date, done)
SELECT id, 1, 'Kjernegruppe for utsatte barn og unge (KUBU) etablert',
       min('2025-12-31', date((SELECT today FROM demo_clock), '-700 days')), 1 FROM measure
 WHERE strategy_id = 2 AND number = '1.2';
INSERT INTO milestone (measure_id, position, title, due_date, done)
SELECT id, 2, 'Evaluering av kjernegruppeforsøket', min('2025-12-31', date((SELECT today FROM demo_clock), '+6 days')), 0
  FROM measure
 WHERE strategy_id = 2 AND number = '1.2';
