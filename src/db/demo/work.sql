-- work.sql: demo meetings, decisions, follow-up tasks and goal
-- interactions for `samla init --demo`, after the groups and the cases:
-- KUBU met two weeks ago (minutes, a decision with follow-up tasks for HOD
-- — overdue — and KD) and meets again in three days; the climate group's
-- decision is overdue for review; the restricted budget group has a
-- meeting, a decision and a task its members alone read; KD has registered
-- a negative interaction against an HOD goal, unanswered, and BFD one
-- against a KD goal that KD has agreed to.  The ministries' goals are
-- illustrative (marked so), written in the style of the budget
-- propositions' main goals.  Dates are relative to demo_clock.

WITH g(ministry, code, nb, nn, en) AS (VALUES
    ('HOD', 'HOD-1', 'Flere gode leveår i befolkningen og mindre sosiale helseforskjeller',
     'Fleire gode leveår i befolkninga og mindre sosiale helseskilnader',
     'More years of good health in the population and smaller social inequalities in health'),
    ('HOD', 'HOD-2', 'Barn og unge får psykisk helsehjelp tidlig og nær der de bor',
     'Born og unge får psykisk helsehjelp tidleg og nær der dei bur',
     'Children and young people get mental health care early and close to where they live'),
    ('KD', 'KD-1', 'Flere fullfører videregående opplæring', 'Fleire fullfører vidaregåande opplæring',
     'More pupils complete upper secondary education'),
    ('BFD', 'BFD-1', 'Utsatte barn og unge får rett hjelp til rett tid', 'Utsette born og unge får rett hjelp til rett tid',
     'Vulnerable children and young people get the right help at the right time'),
    ('KLD', 'KLD-1', 'Utslippene av klimagasser reduseres i tråd med klimamålene',
     'Utsleppa av klimagassar går ned i tråd med klimamåla',
     'Greenhouse gas emissions fall in line with the climate targets'),
    ('JD', 'JD-1', 'Mindre kriminalitet blant barn og unge', 'Mindre kriminalitet blant born og unge',
     'Less crime among children and young people'),
    ('DFD', 'DFD-1', 'En samordnet og effektiv forvaltning', 'Ei samordna og effektiv forvaltning',
     'A coordinated and efficient public administration'),
    ('FIN', 'FIN-1', 'Bærekraftige offentlige finanser', 'Berekraftige offentlege finansar', 'Sustainable public finances'))
INSERT INTO ministry_goal (ministry_id, code, text_nb, text_nn, text_en, source, illustrative)
SELECT m.id, g.code, g.nb, g.nn, g.en, 'Eksempel i demoen, skrevet etter mønster av Prop. 1 S', 1
  FROM g JOIN ministry m ON m.code = g.ministry AND m.valid_to IS NULL;

CREATE TEMP TABLE demo_work (slug TEXT PRIMARY KEY, id INTEGER);

-- KUBU's meeting two weeks ago, with minutes.
INSERT INTO record (kind, title, owner_group_id, visibility, created_at, created_by, version)
SELECT 'meeting', 'KUBU: møte om felles oppdrag', g.id, 'internal',
       date((SELECT today FROM demo_clock), '-21 days') || 'T09:00:00.000Z', u.id, 1
  FROM record g, account u WHERE g.kind = 'group' AND g.title LIKE 'Kjernegruppe for utsatte barn%' AND u.username = 'sb.bfd';
INSERT INTO demo_work VALUES ('kubu-past', last_insert_rowid());
INSERT INTO meeting (id, starts_at, ends_at, place, video_url, minutes)
SELECT id, date((SELECT today FROM demo_clock), '-14 days') || 'T10:00', date((SELECT today FROM demo_clock), '-14 days') || 'T12:00',
       'Akersgata 59, møterom 4', 'https://video.example.invalid/kubu',
       '## Til stede' || char(10) || char(10) || 'BFD, HOD, KD, JD og AID.' || char(10) || char(10)
       || '## 1. Felles oppdrag i tildelingsbrevene' || char(10) || char(10)
       || 'Gruppen ble enig om et felles oppdrag om tidlig innsats til Bufdir, Helsedirektoratet og Udir. '
       || 'HOD utarbeider forslag til tekst.' || char(10) || char(10)
       || '## 2. Status for kunnskapsgrunnlaget' || char(10) || char(10)
       || 'KD orienterte. Neste versjon kommer før sommeren.'
  FROM demo_work WHERE slug = 'kubu-past';
INSERT INTO agenda_item (meeting_id, position, title, notes)
SELECT id, 1, 'Felles oppdrag i tildelingsbrevene', 'Forslag fra BFD.' FROM demo_work WHERE slug = 'kubu-past';
INSERT INTO demo_work VALUES ('kubu-item1', last_insert_rowid());
INSERT INTO agenda_item (meeting_id, position, title, notes)
SELECT id, 2, 'Status for kunnskapsgrunnlaget', '' FROM demo_work WHERE slug = 'kubu-past';

-- KUBU's next meeting, in three days.
INSERT INTO record (kind, title, owner_group_id, visibility, created_at, created_by, version)
SELECT 'meeting', 'KUBU: arbeidsmøte om skolehelsetjenesten', g.id, 'internal',
       date((SELECT today FROM demo_clock), '-2 days') || 'T09:00:00.000Z', u.id, 1
  FROM record g, account u WHERE g.kind = 'group' AND g.title LIKE 'Kjernegruppe for utsatte barn%' AND u.username = 'sb.bfd';
INSERT INTO demo_work VALUES ('kubu-next', last_insert_rowid());
INSERT INTO meeting (id, starts_at, ends_at, place, video_url)
SELECT id, date((SELECT today FROM demo_clock), '+3 days') || 'T13:00', date((SELECT today FROM demo_clock), '+3 days') || 'T14:30',
       'Teams', 'https://video.example.invalid/kubu-2'
  FROM demo_work WHERE slug = 'kubu-next';
INSERT INTO agenda_item (meeting_id, position, title, notes)
SELECT id, 1, 'Forslag til felles tiltak for skolehelsetjenesten', 'HOD og KD legger fram et felles forslag.'
  FROM demo_work WHERE slug = 'kubu-next';
INSERT INTO agenda_item (meeting_id, position, title, notes)
SELECT id, 2, 'Eventuelt', '' FROM demo_work WHERE slug = 'kubu-next';

-- The decision of the first item, with follow-up tasks for HOD and KD.
INSERT INTO record (kind, title, owner_group_id, visibility, created_at, created_by, version)
SELECT 'decision', 'Felles oppdrag om tidlig innsats i tildelingsbrevene', g.id, 'internal',
       date((SELECT today FROM demo_clock), '-14 days') || 'T12:00:00.000Z', u.id, 1
  FROM record g, account u WHERE g.kind = 'group' AND g.title LIKE 'Kjernegruppe for utsatte barn%' AND u.username = 'sb.bfd';
INSERT INTO demo_work VALUES ('kubu-decision', last_insert_rowid());
INSERT INTO decision (id, text, decided_on, meeting_id, review_on)
SELECT d.id, 'Bufdir, Helsedirektoratet og Udir får et likt formulert oppdrag om tidlig innsats for utsatte barn og unge '
       || 'i tildelingsbrevene for neste år. HOD lager forslag til tekst.',
       date((SELECT today FROM demo_clock), '-14 days'), m.id, date((SELECT today FROM demo_clock), '+180 days')
  FROM demo_work d, demo_work m WHERE d.slug = 'kubu-decision' AND m.slug = 'kubu-past';
INSERT INTO decision_ministry (decision_id, ministry_id)
SELECT d.id, m.id FROM demo_work d, ministry m WHERE d.slug = 'kubu-decision' AND m.code IN ('BFD', 'HOD', 'KD');
UPDATE agenda_item SET outcome_id = (SELECT id FROM demo_work WHERE slug = 'kubu-decision')
 WHERE id = (SELECT id FROM demo_work WHERE slug = 'kubu-item1');

INSERT INTO record (kind, title, owner_ministry_id, owner_group_id, visibility, created_at, created_by, version)
SELECT 'task', 'Forslag til felles tekst i tildelingsbrevene', m.id, g.id, 'internal',
       date((SELECT today FROM demo_clock), '-14 days') || 'T12:05:00.000Z', u.id, 1
  FROM record g, ministry m, account u WHERE g.kind = 'group' AND g.title LIKE 'Kjernegruppe for utsatte barn%'
   AND m.code = 'HOD' AND u.username = 'sb.bfd';
INSERT INTO demo_work VALUES ('task-hod', last_insert_rowid());
INSERT INTO task (id, description, ministry_id, assignee_id, due_on, status, decision_id, meeting_id)
SELECT t.id, 'Sendes gruppen før tildelingsbrevene går på foreleggelse.', m.id, u.id,
       date((SELECT today FROM demo_clock), '-3 days'), 'in_progress', d.id, p.id
  FROM demo_work t, demo_work d, demo_work p, ministry m, account u
 WHERE t.slug = 'task-hod' AND d.slug = 'kubu-decision' AND p.slug = 'kubu-past' AND m.code = 'HOD'
   AND u.username = 'ansatt.hod';

INSERT INTO record (kind, title, owner_ministry_id, owner_group_id, visibility, created_at, created_by, version)
SELECT 'task', 'Avklare oppdraget med Udir', m.id, g.id, 'internal',
       date((SELECT today FROM demo_clock), '-14 days') || 'T12:06:00.000Z', u.id, 1
  FROM record g, ministry m, account u WHERE g.kind = 'group' AND g.title LIKE 'Kjernegruppe for utsatte barn%'
   AND m.code = 'KD' AND u.username = 'sb.bfd';
INSERT INTO demo_work VALUES ('task-kd', last_insert_rowid());
INSERT INTO task (id, description, ministry_id, assignee_id, due_on, status, decision_id, meeting_id)
SELECT t.id, '', m.id, u.id, date((SELECT today FROM demo_clock), '+20 days'), 'open', d.id, p.id
  FROM demo_work t, demo_work d, demo_work p, ministry m, account u
 WHERE t.slug = 'task-kd' AND d.slug = 'kubu-decision' AND p.slug = 'kubu-past' AND m.code = 'KD' AND u.username = 'sb.kd';

-- The climate group: a decision whose review is overdue.
INSERT INTO record (kind, title, owner_group_id, visibility, created_at, version)
SELECT 'meeting', 'Klimagruppen: halvårsmøte', g.id, 'internal', date((SELECT today FROM demo_clock), '-200 days') || 'T09:00:00.000Z', 1
  FROM record g WHERE g.kind = 'group' AND g.title = 'Kjernegruppe for klima og omstilling';
INSERT INTO demo_work VALUES ('klima-meeting', last_insert_rowid());
INSERT INTO meeting (id, starts_at, ends_at, place, minutes)
SELECT id, date((SELECT today FROM demo_clock), '-190 days') || 'T09:00', date((SELECT today FROM demo_clock), '-190 days') || 'T11:00',
       'Kongens gate 8', 'Gruppen vedtok å vurdere hverandres virkemidler før de tas i bruk.'
  FROM demo_work WHERE slug = 'klima-meeting';
INSERT INTO agenda_item (meeting_id, position, title)
SELECT id, 1, 'Rutine for gjensidig vurdering av virkemidler' FROM demo_work WHERE slug = 'klima-meeting';
INSERT INTO demo_work VALUES ('klima-item', last_insert_rowid());
INSERT INTO record (kind, title, owner_group_id, visibility, created_at, version)
SELECT 'decision', 'Departementene vurderer hverandres klimavirkemidler før de tas i bruk', g.id, 'internal',
       date((SELECT today FROM demo_clock), '-190 days') || 'T11:00:00.000Z', 1
  FROM record g WHERE g.kind = 'group' AND g.title = 'Kjernegruppe for klima og omstilling';
INSERT INTO demo_work VALUES ('klima-decision', last_insert_rowid());
INSERT INTO decision (id, text, decided_on, meeting_id, review_on)
SELECT d.id, 'Nye virkemidler på klimaområdet legges fram for gruppen før de tas i bruk. Ordningen vurderes etter et halvt år.',
       date((SELECT today FROM demo_clock), '-190 days'), m.id, date((SELECT today FROM demo_clock), '-10 days')
  FROM demo_work d, demo_work m WHERE d.slug = 'klima-decision' AND m.slug = 'klima-meeting';
UPDATE agenda_item SET outcome_id = (SELECT id FROM demo_work WHERE slug = 'klima-decision')
 WHERE id = (SELECT id FROM demo_work WHERE slug = 'klima-item');

-- The restricted budget group: read by its members alone.
INSERT INTO record (kind, title, owner_group_id, visibility, created_at, version)
SELECT 'meeting', 'Budsjettgruppen: felles poster for neste år', g.id, 'restricted',
       date((SELECT today FROM demo_clock), '-30 days') || 'T09:00:00.000Z', 1
  FROM record g WHERE g.kind = 'group' AND g.title = 'Arbeidsgruppe for felles budsjettposter';
INSERT INTO demo_work VALUES ('budget-meeting', last_insert_rowid());
INSERT INTO meeting (id, starts_at, ends_at, place, minutes)
SELECT id, date((SELECT today FROM demo_clock), '-25 days') || 'T14:00', date((SELECT today FROM demo_clock), '-25 days') || 'T15:00',
       'Akersgata 40', 'Fortrolig drøfting av fordelingsnøkler for felles budsjettposter.'
  FROM demo_work WHERE slug = 'budget-meeting';
INSERT INTO agenda_item (meeting_id, position, title)
SELECT id, 1, 'Fordelingsnøkkel for fellestjenestene' FROM demo_work WHERE slug = 'budget-meeting';
INSERT INTO record (kind, title, owner_group_id, visibility, created_at, version)
SELECT 'decision', 'Fordelingsnøkkel etter antall ansatte', g.id, 'restricted',
       date((SELECT today FROM demo_clock), '-25 days') || 'T15:00:00.000Z', 1
  FROM record g WHERE g.kind = 'group' AND g.title = 'Arbeidsgruppe for felles budsjettposter';
INSERT INTO demo_work VALUES ('budget-decision', last_insert_rowid());
INSERT INTO decision (id, text, decided_on, meeting_id)
SELECT d.id, 'Felles poster fordeles etter antall ansatte i hvert departement.', date((SELECT today FROM demo_clock), '-25 days'), m.id
  FROM demo_work d, demo_work m WHERE d.slug = 'budget-decision' AND m.slug = 'budget-meeting';
INSERT INTO record (kind, title, owner_group_id, visibility, created_at, version)
SELECT 'task', 'Beregne fordelingen for fellestjenestene', g.id, 'restricted',
       date((SELECT today FROM demo_clock), '-25 days') || 'T15:05:00.000Z', 1
  FROM record g WHERE g.kind = 'group' AND g.title = 'Arbeidsgruppe for felles budsjettposter';
INSERT INTO demo_work VALUES ('budget-task', last_insert_rowid());
INSERT INTO task (id, ministry_id, assignee_id, due_on, status, decision_id, meeting_id)
SELECT t.id, m.id, u.id, date((SELECT today FROM demo_clock), '+10 days'), 'open', d.id, p.id
  FROM demo_work t, demo_work d, demo_work p, ministry m, account u
 WHERE t.slug = 'budget-task' AND d.slug = 'budget-decision' AND p.slug = 'budget-meeting' AND m.code = 'DFD'
   AND u.username = 'sb.dfd';

-- Goal interactions: KD's law case may constrain HOD's goal (open), and
-- KUBU's decision reinforces KD's goal (registered by BFD, agreed).
INSERT INTO record (kind, title, owner_ministry_id, visibility, exemption_basis, created_at, created_by, version)
SELECT 'interaction', c.title || ' → ' || g.text_nb, k.id, 'restricted', c.exemption_basis,
       date((SELECT today FROM demo_clock), '-6 days') || 'T10:00:00.000Z', u.id, 1
  FROM record c, ministry_goal g, ministry k, account u
 WHERE c.kind = 'case' AND c.title LIKE 'Lov om endringer i opplæringslova%' AND g.code = 'HOD-2' AND k.code = 'KD'
   AND u.username = 'sb.kd';
INSERT INTO demo_work VALUES ('interaction-kd-hod', last_insert_rowid());
INSERT INTO interaction (id, source_id, goal_id, score, justification)
SELECT i.id, c.id, g.id, -1,
       'Samarbeidsplikten gir helsestasjons- og skolehelsetjenesten nye koordineringsoppgaver. Uten mer kapasitet kan '
       || 'det gå ut over tiden til oppfølging av barn med psykiske plager.'
  FROM demo_work i, record c, ministry_goal g
 WHERE i.slug = 'interaction-kd-hod' AND c.kind = 'case' AND c.title LIKE 'Lov om endringer i opplæringslova%' AND g.code = 'HOD-2';
INSERT INTO access_grant (record_id, ministry_id, granted_at)
SELECT i.id, ag.ministry_id, ag.granted_at FROM demo_work i JOIN access_grant ag
    ON ag.record_id = (SELECT id FROM record WHERE kind = 'case' AND title LIKE 'Lov om endringer i opplæringslova%')
 WHERE i.slug = 'interaction-kd-hod' AND ag.ministry_id IS NOT NULL;
INSERT INTO access_grant (record_id, ministry_id, granted_at)
SELECT i.id, m.id, date((SELECT today FROM demo_clock), '-6 days') || 'T10:00:00.000Z'
  FROM demo_work i, ministry m WHERE i.slug = 'interaction-kd-hod' AND m.code = 'HOD';

INSERT INTO record (kind, title, owner_ministry_id, visibility, created_at, created_by, version)
SELECT 'interaction', d.title || ' → ' || g.text_nb, b.id, 'internal',
       date((SELECT today FROM demo_clock), '-12 days') || 'T10:00:00.000Z', u.id, 1
  FROM record d, ministry_goal g, ministry b, account u
 WHERE d.id = (SELECT id FROM demo_work WHERE slug = 'kubu-decision') AND g.code = 'KD-1' AND b.code = 'BFD'
   AND u.username = 'sb.bfd';
INSERT INTO demo_work VALUES ('interaction-bfd-kd', last_insert_rowid());
INSERT INTO interaction (id, source_id, goal_id, score, justification, response, response_text, answered_on, answered_by)
SELECT i.id, d.id, g.id, 2, 'Tidlig innsats for utsatte barn gjør det mer sannsynlig at de fullfører videregående.',
       'agree', 'KD er enig i vurderingen.', date((SELECT today FROM demo_clock), '-9 days'), u.id
  FROM demo_work i, demo_work d, ministry_goal g, account u
 WHERE i.slug = 'interaction-bfd-kd' AND d.slug = 'kubu-decision' AND g.code = 'KD-1' AND u.username = 'sb.kd';
INSERT INTO access_grant (record_id, ministry_id, granted_at)
SELECT i.id, m.id, date((SELECT today FROM demo_clock), '-12 days') || 'T10:00:00.000Z'
  FROM demo_work i, ministry m WHERE i.slug = 'interaction-bfd-kd' AND m.code = 'KD';

-- Version 1 of every record above.
INSERT INTO record_version (record_id, version, at, actor, comment, changes)
SELECT r.id, 1, r.created_at, 'demo', '', '[]' FROM demo_work d JOIN record r ON r.id = d.id
 WHERE r.kind IN ('meeting', 'decision', 'task', 'interaction');

DROP TABLE demo_work;
