-- groups.sql: demo groups, wicked problems and ladder histories for
-- `samla init --demo`, after the real cross-ministry groups (the core
-- group trial evaluated in DFØ-rapport 2024:7, and the 0–24 collaboration).
-- Members, process owners other than KUBU's and 0–24's, ladder steps and
-- dates are illustrative.  Dates that describe the groups' history are
-- real or plausible years; dates that should lie around «now» are relative
-- to demo_clock (the day the demo is created).  Runs after the demo users
-- exist.

CREATE TEMP TABLE demo_group (
    slug TEXT PRIMARY KEY, title TEXT, kind TEXT, owner TEXT, visibility TEXT, mandate TEXT,
    start_on TEXT, end_on TEXT, phase TEXT, presented_on TEXT, created TEXT
);
INSERT INTO demo_group VALUES
 ('kubu', 'Kjernegruppe for utsatte barn og unge (KUBU)', 'core', 'BFD', 'public',
  'Departementene eier sammen utfordringene for utsatte barn og unge. Gruppen skal utvikle felles problemforståelse, '
  || 'samordne styringen av de 13 underliggende etatene og foreslå felles tiltak, med felles oppdrag i tildelingsbrev og '
  || 'programfinansiering som virkemidler.',
  '2021-02-01', NULL, NULL, date((SELECT today FROM demo_clock), '-75 days'), '2021-02-01'),
 ('klima', 'Kjernegruppe for klima og omstilling', 'core', 'KLD', 'public',
  'Samordne departementenes arbeid med klimaomstilling, slik at virkemidlene trekker i samme retning. Gruppen har lagt '
  || 'fram en felles strategi.',
  '2021-03-01', NULL, NULL, date((SELECT today FROM demo_clock), '-200 days'), '2021-03-01'),
 ('kriser', 'Kjernegruppe for kunnskap i kriser', 'core', 'JD', 'public',
  'Sikre at departementene har felles og oppdatert kunnskap når kriser oppstår. Arbeidspakker fordeles til et ansvarlig '
  || 'departement, og direktoratene deltar.',
  '2021-03-01', NULL, NULL, date((SELECT today FROM demo_clock), '-430 days'), '2021-03-01'),
 ('vann', 'Kjernegruppe for vann og avløp', 'core', 'KDD', 'public',
  'Samordne arbeidet med vann og avløp på tvers av sektorene, med nye mål for vann og helse.',
  '2022-09-01', NULL, NULL, NULL, '2022-09-01'),
 ('kompetanse', 'Kjernegruppe for kompetanse i staten og departementene', 'core', 'DFD', 'public',
  'Utvikle en felles tilnærming til kompetanse og kompetanseutvikling i staten og i departementene.',
  '2021-04-01', NULL, NULL, date((SELECT today FROM demo_clock), '-150 days'), '2021-04-01'),
 ('024', '0–24-samarbeidet', 'working', 'KD', 'public',
  'Styrke samarbeidet mellom tjenestene for utsatte barn og unge under 24 år, slik at flere fullfører videregående '
  || 'opplæring. Utdanningsdirektoratet leder sekretariatet på direktoratsnivå.',
  '2015-01-01', NULL, NULL, NULL, '2015-01-01'),
 ('ki', 'Sprintgruppe for kunstig intelligens i saksbehandling', 'sprint', 'DFD', 'internal',
  'Utforske hvordan kunstig intelligens kan brukes i departementenes saksbehandling, teste to konkrete bruksområder og '
  || 'anbefale om og hvordan arbeidet skal tas videre.',
  date((SELECT today FROM demo_clock), '-120 days'), date((SELECT today FROM demo_clock), '-14 days'), 'recommend', NULL,
  date((SELECT today FROM demo_clock), '-120 days')),
 ('budsjett', 'Arbeidsgruppe for felles budsjettposter', 'working', 'FIN', 'restricted',
  'Forberede forslag om felles budsjettposter for tiltak som flere departementer finansierer sammen.',
  date((SELECT today FROM demo_clock), '-60 days'), NULL, NULL, NULL, date((SELECT today FROM demo_clock), '-60 days'));

INSERT INTO record (kind, title, owner_ministry_id, visibility, created_at, version)
SELECT 'group', d.title, m.id, d.visibility, d.created || 'T09:00:00.000Z', 1
  FROM demo_group d JOIN ministry m ON m.code = d.owner ORDER BY d.rowid;
UPDATE record SET owner_group_id = id WHERE kind = 'group';
INSERT INTO work_group (id, kind, mandate, start_on, end_on, phase, presented_on)
SELECT r.id, d.kind, d.mandate, d.start_on, d.end_on, d.phase, d.presented_on
  FROM demo_group d JOIN record r ON r.kind = 'group' AND r.title = d.title;
INSERT INTO record_version (record_id, version, at, actor, comment, changes)
SELECT r.id, 1, r.created_at, 'demo', '', '[]' FROM record r WHERE r.kind = 'group';

-- Member ministries: slug, ministry code, joined, anchored.
CREATE TEMP TABLE demo_group_ministry (slug TEXT, code TEXT, joined TEXT, anchored TEXT);
INSERT INTO demo_group_ministry VALUES
 ('kubu', 'BFD', '2021-02-01', '2021-02-01'), ('kubu', 'HOD', '2021-02-01', '2021-03-15'),
 ('kubu', 'KD', '2021-02-01', '2021-03-15'), ('kubu', 'JD', '2021-02-01', '2021-06-01'),
 ('kubu', 'AID', '2021-02-01', NULL), ('kubu', 'KDD', '2021-02-01', NULL), ('kubu', 'KUD', '2022-01-10', NULL),
 ('kubu', 'DFD', '2024-01-01', NULL),
 ('klima', 'KLD', '2021-03-01', '2021-03-01'), ('klima', 'FIN', '2021-03-01', '2021-05-01'),
 ('klima', 'NFD', '2021-03-01', NULL), ('klima', 'KDD', '2021-03-01', NULL), ('klima', 'SD', '2021-09-01', NULL),
 ('kriser', 'JD', '2021-03-01', '2021-03-01'), ('kriser', 'HOD', '2021-03-01', '2021-04-01'),
 ('kriser', 'KD', '2021-03-01', NULL), ('kriser', 'DFD', '2024-01-01', NULL),
 ('vann', 'KDD', '2022-09-01', '2022-09-01'), ('vann', 'KLD', '2022-09-01', NULL),
 ('vann', 'HOD', '2022-09-01', NULL), ('vann', 'LMD', '2022-09-01', NULL),
 ('kompetanse', 'DFD', '2024-01-01', '2024-01-01'), ('kompetanse', 'FIN', '2021-04-01', NULL),
 ('kompetanse', 'KD', '2021-04-01', NULL), ('kompetanse', 'AID', '2021-04-01', NULL),
 ('024', 'KD', '2015-01-01', '2015-01-01'), ('024', 'AID', '2015-01-01', NULL), ('024', 'BFD', '2015-01-01', NULL),
 ('024', 'HOD', '2015-01-01', NULL), ('024', 'JD', '2019-01-01', NULL),
 ('ki', 'DFD', date((SELECT today FROM demo_clock), '-120 days'), NULL),
 ('ki', 'JD', date((SELECT today FROM demo_clock), '-120 days'), NULL),
 ('ki', 'AID', date((SELECT today FROM demo_clock), '-120 days'), NULL),
 ('budsjett', 'FIN', date((SELECT today FROM demo_clock), '-60 days'), NULL),
 ('budsjett', 'DFD', date((SELECT today FROM demo_clock), '-60 days'), NULL);
INSERT INTO group_ministry (group_id, ministry_id, joined_on, anchored_on)
SELECT r.id, m.id, d.joined, d.anchored
  FROM demo_group_ministry d JOIN demo_group g ON g.slug = d.slug
  JOIN record r ON r.kind = 'group' AND r.title = g.title JOIN ministry m ON m.code = d.code;

-- People: slug, username, role, joined.
CREATE TEMP TABLE demo_group_member (slug TEXT, username TEXT, role TEXT, joined TEXT);
INSERT INTO demo_group_member VALUES
 ('kubu', 'dr.bfd', 'leader', '2021-02-01'), ('kubu', 'sb.bfd', 'secretariat', '2021-02-01'),
 ('kubu', 'sb.kd', 'member', '2022-08-15'), ('kubu', 'ansatt.hod', 'member', '2023-01-09'),
 ('kompetanse', 'sekretariat', 'secretariat', '2024-01-01'), ('kompetanse', 'sb.dfd', 'member', '2024-01-01'),
 ('024', 'sb.kd', 'leader', '2020-01-06'), ('024', 'sb.bfd', 'member', '2020-01-06'),
 ('ki', 'sb.dfd', 'leader', date((SELECT today FROM demo_clock), '-120 days')),
 ('ki', 'tv.ntl', 'observer', date((SELECT today FROM demo_clock), '-100 days')),
 ('budsjett', 'sb.dfd', 'member', date((SELECT today FROM demo_clock), '-60 days'));
INSERT INTO group_member (group_id, user_id, role, joined_on)
SELECT r.id, u.id, d.role, d.joined
  FROM demo_group_member d JOIN demo_group g ON g.slug = d.slug
  JOIN record r ON r.kind = 'group' AND r.title = g.title JOIN account u ON u.username = d.username;
-- Someone who has left: KUBU's first secretariat member from KD.
INSERT INTO group_member (group_id, user_id, role, joined_on, left_on)
SELECT r.id, u.id, 'secretariat', '2021-02-01', '2022-08-15'
  FROM record r, account u WHERE r.kind = 'group' AND r.title LIKE 'Kjernegruppe for utsatte barn%' AND u.username = 'sb.kd';

-- Ladder histories: slug, ministry ('' the whole group), date, step, target, justification.
CREATE TEMP TABLE demo_ladder (slug TEXT, code TEXT, on_date TEXT, step INTEGER, target INTEGER, why TEXT);
INSERT INTO demo_ladder VALUES
 ('kubu', '', '2021-02-01', 1, 4, 'Gruppen ble opprettet; departementene deler status og planer på sine områder.'),
 ('kubu', '', '2022-06-20', 2, 4, 'Felles kunnskapsgrunnlag om utsatte barn og unge er utarbeidet og drøftet i gruppen.'),
 ('kubu', 'KD', '2023-11-01', 3, 4, 'KD har justert tildelingsbrevet til Udir etter drøfting med BFD og HOD.'),
 ('kubu', 'HOD', '2024-03-01', 3, 4, 'Felles oppdrag til Helsedirektoratet og Bufdir i tildelingsbrevene.'),
 ('klima', '', '2021-03-01', 1, 4, 'Gruppen ble opprettet.'),
 ('klima', '', '2021-12-01', 2, 4, 'Felles problembeskrivelse av omstillingen er vedtatt.'),
 ('klima', '', '2023-05-01', 3, 4, 'Departementene vurderer hverandres virkemidler før de tas i bruk.'),
 ('klima', '', date((SELECT today FROM demo_clock), '-90 days'), 4, 4, 'Den felles strategien er vedtatt.'),
 ('kriser', '', '2021-03-01', 1, 3, 'Gruppen ble opprettet.'),
 ('kriser', '', date((SELECT today FROM demo_clock), '-200 days'), 2, 3, 'Felles situasjonsforståelse etter øvelsen.'),
 ('vann', '', '2022-09-01', 1, 3, 'Gruppen ble opprettet.'),
 ('vann', '', '2023-10-01', 2, 3, 'Felles mål for vann og helse er formulert.'),
 ('kompetanse', '', '2021-04-01', 1, 2, 'Gruppen ble opprettet.'),
 ('kompetanse', '', date((SELECT today FROM demo_clock), '-45 days'), 2, 3,
  'Felles kartlegging av kompetansebehov er gjennomført.'),
 ('024', '', '2015-01-01', 2, 4, 'Samarbeidet startet med en felles programerklæring.'),
 ('024', '', '2019-06-01', 3, 4, 'Direktoratene samordner tilskuddsordningene.'),
 ('024', '', '2021-04-30', 4, 4, 'Programfinansiering prøves ut på tvers av fem tilskuddsordninger.'),
 ('ki', '', date((SELECT today FROM demo_clock), '-120 days'), 1, 2, 'Sprinten startet.'),
 ('ki', '', date((SELECT today FROM demo_clock), '-40 days'), 2, 2, 'Felles forståelse av behov og risiko etter testene.'),
 ('budsjett', '', date((SELECT today FROM demo_clock), '-60 days'), 2, 4, 'Gruppen ble opprettet.');
INSERT INTO ladder_change (group_id, ministry_id, on_date, step, target, justification, at)
SELECT r.id, m.id, d.on_date, d.step, d.target, d.why, d.on_date || 'T10:00:00.000Z'
  FROM demo_ladder d JOIN demo_group g ON g.slug = d.slug JOIN record r ON r.kind = 'group' AND r.title = g.title
  LEFT JOIN ministry m ON m.code = d.code AND d.code <> ''
 ORDER BY d.on_date, d.rowid;

-- Wicked problems: title, owners (the first leads), group, visibility, goals, description.
CREATE TEMP TABLE demo_problem (title TEXT, owners TEXT, slug TEXT, visibility TEXT, sdgs TEXT, description TEXT);
INSERT INTO demo_problem VALUES
 ('Utenforskap blant barn og unge', 'BFD,KD,HOD,AID,JD', 'kubu', 'public', '1,3,4,10',
  'For mange barn og unge faller utenfor skole, arbeid og fellesskap. Årsakene går på tvers av sektorene, og ingen '
  || 'etat eller departement kan løse det alene.'),
 ('Klimaomstilling i offentlig sektor', 'KLD,FIN,NFD', 'klima', 'public', '7,12,13',
  'Omstillingen krever at virkemidler i mange sektorer trekker i samme retning, og at tiltak i én sektor ikke svekker '
  || 'måloppnåelsen i en annen.'),
 ('Fornyelse av vann- og avløpsnettet', 'KDD,KLD,HOD', 'vann', 'public', '3,6,11',
  'Store deler av vann- og avløpsnettet må fornyes. Ansvaret er delt mellom kommuner, sektorer og forvaltningsnivåer.'),
 ('Finansiering av tiltak som flere departementer eier', 'FIN,DFD', 'budsjett', 'restricted', '16,17',
  'Felles tiltak faller mellom budsjettkapitlene. Gruppen utreder modeller for felles budsjettposter.');
INSERT INTO record (kind, title, owner_ministry_id, owner_group_id, visibility, created_at, version)
SELECT 'problem', d.title, m.id, g.id, d.visibility, coalesce(g.created_at, '2024-01-01T09:00:00.000Z'), 1
  FROM demo_problem d JOIN ministry m ON m.code = substr(d.owners, 1, instr(d.owners || ',', ',') - 1)
  LEFT JOIN demo_group dg ON dg.slug = d.slug LEFT JOIN record g ON g.kind = 'group' AND g.title = dg.title
 ORDER BY d.rowid;
INSERT INTO problem (id, description)
SELECT r.id, d.description FROM demo_problem d JOIN record r ON r.kind = 'problem' AND r.title = d.title;
INSERT INTO record_version (record_id, version, at, actor, comment, changes)
SELECT r.id, 1, r.created_at, 'demo', '', '[]' FROM record r WHERE r.kind = 'problem';
INSERT INTO problem_ministry (problem_id, ministry_id)
SELECT r.id, m.id FROM demo_problem d JOIN record r ON r.kind = 'problem' AND r.title = d.title
  JOIN ministry m ON instr(',' || d.owners || ',', ',' || m.code || ',') > 0 AND m.valid_to IS NULL;
INSERT INTO problem_sdg (problem_id, sdg)
SELECT r.id, s.number FROM demo_problem d JOIN record r ON r.kind = 'problem' AND r.title = d.title
  JOIN sdg s ON instr(',' || d.sdgs || ',', ',' || s.number || ',') > 0;

-- Links: the problems and groups to the measures of the strategy that
-- they concern (the core group trial is measure 1.2 of 2021–2025).
INSERT INTO record_link (from_id, to_id, type, created_at)
SELECT g.id, m.id, 'implements', g.created_at FROM record g, measure m
 WHERE g.kind = 'group' AND g.title LIKE 'Kjernegruppe for %' AND m.strategy_id = 2 AND m.number = '1.2';
INSERT INTO record_link (from_id, to_id, type, created_at)
SELECT p.id, g.id, 'relates_to', p.created_at FROM record p, record g
 WHERE p.kind = 'problem' AND p.title = 'Utenforskap blant barn og unge' AND g.kind = 'group' AND g.title = '0–24-samarbeidet';
INSERT INTO record_link (from_id, to_id, type, created_at)
SELECT g.id, m.id, 'relates_to', g.created_at FROM record g, measure m
 WHERE g.kind = 'group' AND g.title = 'Kjernegruppe for kompetanse i staten og departementene'
   AND m.strategy_id = 2 AND m.number = '2.3';

DROP TABLE demo_group;
DROP TABLE demo_group_ministry;
DROP TABLE demo_group_member;
DROP TABLE demo_ladder;
DROP TABLE demo_problem;
