-- present.sql: the demo's present, when the strategy 2025– is in force on
-- the day the demo is made (app/measure/measure_demo.c runs it after
-- carrying the unfinished 2021–2025 measures over and adding the new
-- ones): deadlines and milestones of the 2025– measures around today,
-- and two reporting rounds — one closed with its reports, one open with
-- its deadline this week.  Like demo.sql, illustrative only.

-- Deadlines, in days from today: some passed, some this week, most later.
-- New measures started when the strategy did; carried-over ones keep
-- their start in 2021–2025.
UPDATE measure SET end_date = date((SELECT today FROM demo_clock), (SELECT d.days || ' days' FROM
 (SELECT '1.1' AS n, 60 AS days UNION ALL SELECT '1.2', 5 UNION ALL SELECT '1.3', 110 UNION ALL SELECT '1.4', 30
  UNION ALL SELECT '1.5', 200 UNION ALL SELECT '1.6', -12 UNION ALL SELECT '2.1', 45 UNION ALL SELECT '2.2', -25
  UNION ALL SELECT '2.3', 90 UNION ALL SELECT '2.4', 150 UNION ALL SELECT '2.5', 3 UNION ALL SELECT '2.6', 240
  UNION ALL SELECT '2.7', 330 UNION ALL SELECT '3.1', 2 UNION ALL SELECT '3.2', 75 UNION ALL SELECT '3.3', 180
  UNION ALL SELECT '3.4', 365) d WHERE d.n = measure.number))
 WHERE strategy_id = 3 AND parent_id IS NULL;
UPDATE measure SET start_date = date((SELECT today FROM demo_clock), '-240 days')
 WHERE strategy_id = 3 AND predecessor_id IS NULL;

-- The milestones carried over (those not reached) get new dates; the new
-- measures get their first ones.
UPDATE milestone SET due_date = (SELECT m.end_date FROM measure m WHERE m.id = milestone.measure_id)
 WHERE measure_id IN (SELECT id FROM measure WHERE strategy_id = 3 AND predecessor_id IS NOT NULL);
UPDATE milestone SET due_date = date((SELECT today FROM demo_clock), '+5 days')
 WHERE title = 'Evaluering av kjernegruppeforsøket'
   AND measure_id IN (SELECT id FROM measure WHERE strategy_id = 3);
INSERT INTO milestone (measure_id, position, title, due_date, done)
SELECT id, 1, 'Departementenes digitaliseringsorganisasjon (DIO) etablert',
       date((SELECT today FROM demo_clock), '-200 days'), 1 FROM measure WHERE strategy_id = 3 AND number = '2.5';
INSERT INTO milestone (measure_id, position, title, due_date, done)
SELECT id, 2, 'KI-assistent prøvd ut i tre departementer', date((SELECT today FROM demo_clock), '+3 days'), 0
  FROM measure WHERE strategy_id = 3 AND number = '2.5';
INSERT INTO milestone (measure_id, position, title, due_date, done)
SELECT id, 3, 'Retningslinjer for sikker bruk av kunstig intelligens vedtatt',
       date((SELECT today FROM demo_clock), '+90 days'), 0 FROM measure WHERE strategy_id = 3 AND number = '2.5';
INSERT INTO milestone (measure_id, position, title, due_date, done)
SELECT id, 1, 'Analyse av departementsrollen lagt fram', date((SELECT today FROM demo_clock), '-12 days'), 0
  FROM measure WHERE strategy_id = 3 AND number = '1.6';
INSERT INTO milestone (measure_id, position, title, due_date, done)
SELECT id, 1, 'Felles prinsipper for personalpolitikken på høring', date((SELECT today FROM demo_clock), '+60 days'), 0
  FROM measure WHERE strategy_id = 3 AND number = '3.4';

-- Reporting rounds of 2025–: the last tertial's, closed, and this one's,
-- open until four days from today.
INSERT INTO reporting_round (strategy_id, title, deadline, opened_at, opened_by, closed_at, active_only)
SELECT 3, 'Statusrapportering ' || ((CAST(strftime('%m', d) AS INTEGER) - 1) / 4 + 1) || '. tertial ' || strftime('%Y', d),
       d, date(d, '-30 days') || 'T08:00:00.000Z', (SELECT id FROM account WHERE username = 'sekretariat'),
       date(d, '+15 days') || 'T14:00:00.000Z', 1
  FROM (SELECT date((SELECT today FROM demo_clock), '-120 days') AS d);
INSERT INTO reporting_round (strategy_id, title, deadline, opened_at, opened_by, closed_at, active_only)
SELECT 3, 'Statusrapportering ' || ((CAST(strftime('%m', t) AS INTEGER) - 1) / 4 + 1) || '. tertial ' || strftime('%Y', t),
       date(t, '+4 days'), date(t, '-20 days') || 'T08:00:00.000Z',
       (SELECT id FROM account WHERE username = 'sekretariat'), NULL, 1
  FROM (SELECT (SELECT today FROM demo_clock) AS t);

-- Reports: in the closed round from DFD (one late, sent by the
-- secretariat on DFD's behalf), in the open one from DFD so far.  (measure, days from the deadline, status, progress,
-- risk, text, who)
INSERT INTO measure_report (round_id, measure_id, ministry_id, status, progress, risk, text, submitted_at, submitted_by)
SELECT rr.id, m.id, r.owner_ministry_id, x.status, x.progress, x.risk, x.text,
       date(rr.deadline, x.days || ' days') || 'T10:30:00.000Z', (SELECT id FROM account WHERE username = x.who)
  FROM (SELECT 'closed' AS round, '2.1' AS n, -3 AS days, 'in_progress' AS status, 55 AS progress, 'green' AS risk,
               'Åtte departementer er flyttet til felles plattform. Resten flyttes etter planen.' AS text,
               'sb.dfd' AS who
        UNION ALL SELECT 'closed', '2.3', -1, 'in_progress', 45, 'yellow',
               'Standardiseringen av saksbehandlingen går etter planen, men opplæringen er forsinket.', 'sb.dfd'
        UNION ALL SELECT 'closed', '1.3', 6, 'in_progress', 25, 'red',
               'Publiseringen av fakta og nøkkeltall er forsinket fordi datagrunnlaget kom senere enn ventet.',
               'sekretariat'
        UNION ALL SELECT 'open', '2.1', -5, 'in_progress', 60, 'green',
               'Flyttingen fortsetter; de siste departementene flyttes over innen fristen.', 'sb.dfd'
        UNION ALL SELECT 'open', '2.5', -6, 'in_progress', 35, 'yellow',
               'Utprøvingen av KI-assistenten er i gang. Sikkerhetsvurderingen tar lengre tid enn planlagt.', 'sb.dfd') x
  JOIN measure m ON m.strategy_id = 3 AND m.number = x.n
  JOIN record r ON r.id = m.id
  JOIN reporting_round rr ON rr.strategy_id = 3 AND (rr.closed_at IS NOT NULL) = (x.round = 'closed');
