-- consult.sql: demo cases and consultation rounds for `samla init --demo`:
-- a KD law case with a referral (departementsforeleggelse) to BFD, AID and
-- KDD — BFD has answered, AID has an extended deadline, KDD is overdue —
-- a BFD case in early involvement with HOD, and a public DFD case still
-- under study.  The cases, their texts and the people's answers are
-- illustrative.  Dates are relative to demo_clock (the day the demo is
-- made).  Runs after the demo users exist.

CREATE TEMP TABLE demo_case (
    slug TEXT PRIMARY KEY, title TEXT, lead TEXT, type TEXT, status TEXT, officer TEXT, visibility TEXT, basis TEXT,
    archive_ref TEXT, effects TEXT, level TEXT, summary TEXT, affected TEXT, created INTEGER,
    q1 TEXT, q2 TEXT, q3 TEXT, q4 TEXT, q5 TEXT, q6 TEXT, q7 TEXT
);
INSERT INTO demo_case VALUES
 ('kd', 'Lov om endringer i opplæringslova og barnehageloven (samarbeid om utsatte barn og unge)', 'KD', 'law',
  'referral', 'sb.kd', 'restricted', 'offl-15-1-2', '24/01873', 'municipal', 'simplified',
  'Forslaget gir barnehager, skoler og kommunale tjenester en tydeligere plikt til å samarbeide om barn og unge som '
  || 'trenger det, og gjør det enklere å dele nødvendige opplysninger.',
  'AID,BFD,KDD', -60,
  'Barn og unge med sammensatte behov får ikke alltid tidlig nok hjelp, fordi tjenestene samarbeider for lite. Målet '
  || 'er at flere får riktig hjelp tidlig og fullfører opplæringen.',
  'Tre alternativer er vurdert: veiledning uten lovendring, en samarbeidsplikt i sektorlovene og en felles lov om '
  || 'samarbeid om barn og unge.',
  'Forslaget berører taushetsplikten og forholdet mellom det kommunale selvstyret og statlig styring.',
  'Positive virkninger for barn og unge og familiene deres. Kommunene får noe mer koordineringsarbeid de første '
  || 'årene. Virkningene er varige.',
  'En samarbeidsplikt i sektorlovene anbefales: den gir mest effekt for minst endring i ansvarsdelingen.',
  'Veiledning fra direktoratene, felles digitale løsninger for samtykke og at kommunene prioriterer koordinering.',
  ''),
 ('bfd', 'Mandat for utvalg om foreldrestøtte gjennom hele oppveksten', 'BFD', 'mandate', 'study', 'sb.bfd',
  'restricted', 'offl-15-1-2', '25/00412', '', 'minimum',
  'Utkast til mandat for et offentlig utvalg som skal vurdere hvordan det offentlige kan støtte foreldre fra '
  || 'svangerskap til ungdomstid.',
  'HOD', -20,
  'Foreldrestøtten er spredt på mange tjenester og ordninger, og mange foreldre vet ikke hvor de skal henvende seg.',
  'Et offentlig utvalg, en stortingsmelding eller en samordning av dagens ordninger.',
  '', '', '', '', ''),
 ('dfd', 'Forskrift om felles digitale tjenester i departementsfellesskapet', 'DFD', 'regulation', 'study', 'sb.dfd',
  'public', NULL, '25/01120', 'budget', NULL,
  'Forskriften skal gi felles regler for hvilke digitale tjenester departementene bruker sammen, og hvordan de '
  || 'finansieres.',
  'FIN', -35,
  'Departementene bruker mange like tjenester hver for seg. Målet er felles tjenester som er enklere å bruke og '
  || 'billigere å drive.',
  'Felles forskrift, avtaler mellom departementene eller å fortsette som i dag.',
  '', '', 'En felles forskrift anbefales fordi den gir forutsigbarhet for alle departementene.', '', '');

INSERT INTO record (kind, title, owner_ministry_id, visibility, exemption_basis, created_at, created_by, version)
SELECT 'case', d.title, m.id, d.visibility, d.basis,
       date((SELECT today FROM demo_clock), d.created || ' days') || 'T09:00:00.000Z', u.id, 1
  FROM demo_case d JOIN ministry m ON m.code = d.lead JOIN account u ON u.username = d.officer ORDER BY d.rowid;
INSERT INTO consult_case (id, case_type, summary, officer_id, status, archive_ref, effects, study_level,
                          study_problem, study_measures, study_principles, study_effects, study_recommendation,
                          study_prerequisites, study_opportunities)
SELECT r.id, d.type, d.summary, u.id, d.status, d.archive_ref, d.effects, d.level, d.q1, d.q2, d.q3, d.q4, d.q5,
       d.q6, d.q7
  FROM demo_case d JOIN record r ON r.kind = 'case' AND r.title = d.title JOIN account u ON u.username = d.officer;
INSERT INTO consult_case_ministry (case_id, ministry_id)
SELECT r.id, m.id FROM demo_case d JOIN record r ON r.kind = 'case' AND r.title = d.title
  JOIN ministry m ON instr(',' || d.affected || ',', ',' || m.code || ',') > 0 AND m.valid_to IS NULL;

-- The cases' histories: created, then the study written.
INSERT INTO record_version (record_id, version, at, actor_id, actor, comment, changes)
SELECT r.id, 1, r.created_at, r.created_by, d.officer, '',
       json_array(json_object('field', 'title', 'from', '', 'to', d.title),
                  json_object('field', 'type', 'from', '', 'to', d.type))
  FROM demo_case d JOIN record r ON r.kind = 'case' AND r.title = d.title;
INSERT INTO record_version (record_id, version, at, actor_id, actor, comment, changes)
SELECT r.id, 2, date(r.created_at, '+12 days') || 'T13:30:00.000Z', r.created_by, d.officer, '',
       json_array(json_object('field', 'study_problem', 'from', '', 'to', d.q1),
                  json_object('field', 'study_measures', 'from', '', 'to', d.q2))
  FROM demo_case d JOIN record r ON r.kind = 'case' AND r.title = d.title;
INSERT INTO consult_event (case_id, record_id, type, at, actor_id, new_value)
SELECT r.id, r.id, 'created', r.created_at, r.created_by, 'study'
  FROM demo_case d JOIN record r ON r.kind = 'case' AND r.title = d.title;
INSERT INTO consult_event (case_id, record_id, type, at, actor_id, new_value)
SELECT r.id, r.id, 'study', date(r.created_at, '+12 days') || 'T13:30:00.000Z', r.created_by,
       CASE d.slug WHEN 'kd' THEN '1, 2, 3, 4, 5, 6' WHEN 'dfd' THEN '1, 2, 5' ELSE '1, 2' END
  FROM demo_case d JOIN record r ON r.kind = 'case' AND r.title = d.title;
UPDATE record SET version = 2, updated_at = date(created_at, '+12 days') || 'T13:30:00.000Z', updated_by = created_by
 WHERE kind = 'case';

-- The rounds: slug, case, kind, sent (days from today), deadline, message.
CREATE TEMP TABLE demo_round (slug TEXT, case_slug TEXT, kind TEXT, sent INTEGER, deadline INTEGER, message TEXT);
INSERT INTO demo_round VALUES
 ('kd', 'kd', 'referral', -24, -3,
  'Vedlagt følger utkast til lovforslag og høringsnotat. Vi ber om merknader til forslaget, særlig om virkningene for '
  || 'kommunene og for samarbeidet mellom tjenestene.'),
 ('bfd', 'bfd', 'early', -6, 10,
  'Vi arbeider med et utkast til mandat for et utvalg om foreldrestøtte og vil gjerne involvere HOD tidlig, særlig om '
  || 'helsestasjonens rolle.');
INSERT INTO record (kind, title, owner_ministry_id, visibility, exemption_basis, created_at, created_by, version)
SELECT 'consult_round', c.title, c.owner_ministry_id, 'restricted', 'offl-15-1-2',
       date((SELECT today FROM demo_clock), d.sent || ' days') || 'T10:15:00.000Z', c.created_by, 1
  FROM demo_round d JOIN demo_case dc ON dc.slug = d.case_slug JOIN record c ON c.kind = 'case' AND c.title = dc.title
 ORDER BY d.rowid;
INSERT INTO consult_round (id, case_id, kind, message, sent_on, deadline)
SELECT r.id, c.id, d.kind, d.message, date((SELECT today FROM demo_clock), d.sent || ' days'),
       date((SELECT today FROM demo_clock), d.deadline || ' days')
  FROM demo_round d JOIN demo_case dc ON dc.slug = d.case_slug JOIN record c ON c.kind = 'case' AND c.title = dc.title
  JOIN record r ON r.kind = 'consult_round' AND r.title = c.title;

-- The answers: round, ministry, taken by, answered (days from today), by, position, text, approved by, own deadline.
CREATE TEMP TABLE demo_answer (round_slug TEXT, code TEXT, taken TEXT, answered INTEGER, by TEXT, position TEXT,
                               text TEXT, approved TEXT, own_deadline INTEGER, reminded INTEGER);
INSERT INTO demo_answer VALUES
 ('kd', 'BFD', 'sb.bfd', -5, 'sb.bfd', 'remarks',
  'BFD støtter forslaget. Vi ber om at barnevernet nevnes uttrykkelig blant tjenestene som skal samarbeide, og at '
  || 'forholdet til barnevernsloven § 3-1 omtales i høringsnotatet.',
  'Ekspedisjonssjef Berit Bakke', NULL, NULL),
 ('kd', 'AID', 'sb.aid', NULL, NULL, NULL, '', '', 7, NULL),
 ('kd', 'KDD', NULL, NULL, NULL, NULL, '', '', NULL, -1),
 ('bfd', 'HOD', NULL, NULL, NULL, NULL, '', '', NULL, NULL);
INSERT INTO record (kind, title, owner_ministry_id, visibility, exemption_basis, created_at, created_by, version)
SELECT 'consult_answer', rr.title || ' (' || d.code || ')', m.id, 'restricted', 'offl-15-1-2', rr.created_at,
       rr.created_by, 1
  FROM demo_answer d JOIN demo_round dr ON dr.slug = d.round_slug JOIN demo_case dc ON dc.slug = dr.case_slug
  JOIN record rr ON rr.kind = 'consult_round' AND rr.title = dc.title JOIN ministry m ON m.code = d.code
 ORDER BY d.rowid;
INSERT INTO consult_answer (id, round_id, ministry_id, deadline, taken_by, position, text, approved_by, answered_on,
                            answered_by, reminded_on)
SELECT a.id, rr.id, m.id, date((SELECT today FROM demo_clock), d.own_deadline || ' days'), tu.id, d.position, d.text,
       d.approved, date((SELECT today FROM demo_clock), d.answered || ' days'), au.id,
       date((SELECT today FROM demo_clock), d.reminded || ' days')
  FROM demo_answer d JOIN demo_round dr ON dr.slug = d.round_slug JOIN demo_case dc ON dc.slug = dr.case_slug
  JOIN record rr ON rr.kind = 'consult_round' AND rr.title = dc.title JOIN ministry m ON m.code = d.code
  JOIN record a ON a.kind = 'consult_answer' AND a.title = rr.title || ' (' || d.code || ')'
  LEFT JOIN account tu ON tu.username = d.taken LEFT JOIN account au ON au.username = d.by;

-- Versions of the rounds and answers.
INSERT INTO record_version (record_id, version, at, actor_id, actor, comment, changes)
SELECT r.id, 1, r.created_at, r.created_by, u.username, '',
       json_array(json_object('field', 'kind', 'from', '', 'to', cr.kind),
                  json_object('field', 'recipients', 'from', '',
                              'to', (SELECT group_concat(code, ', ') FROM (SELECT m.code FROM consult_answer a
                                     JOIN ministry m ON m.id = a.ministry_id WHERE a.round_id = cr.id ORDER BY m.code))),
                  json_object('field', 'deadline', 'from', '', 'to', cr.deadline),
                  json_object('field', 'message', 'from', '', 'to', cr.message))
  FROM consult_round cr JOIN record r ON r.id = cr.id JOIN account u ON u.id = r.created_by;
INSERT INTO record_version (record_id, version, at, actor_id, actor, comment, changes)
SELECT r.id, 1, r.created_at, r.created_by, u.username, '', '[]'
  FROM consult_answer a JOIN record r ON r.id = a.id JOIN account u ON u.id = r.created_by;
INSERT INTO record_version (record_id, version, at, actor_id, actor, comment, changes)
SELECT r.id, 2, a.answered_on || 'T14:05:00.000Z', a.answered_by, u.username, '',
       json_array(json_object('field', 'position', 'from', '', 'to', a.position),
                  json_object('field', 'text', 'from', '', 'to', a.text),
                  json_object('field', 'approved_by', 'from', '', 'to', a.approved_by))
  FROM consult_answer a JOIN record r ON r.id = a.id JOIN account u ON u.id = a.answered_by;
INSERT INTO record_version (record_id, version, at, actor_id, actor, comment, changes)
SELECT r.id, 2, date((SELECT today FROM demo_clock), '-6 days') || 'T11:00:00.000Z', r.created_by, u.username,
       'AID har bedt om en uke ekstra for å forankre svaret hos Arbeids- og velferdsdirektoratet.',
       json_array(json_object('field', 'deadline', 'from', cr.deadline, 'to', a.deadline))
  FROM consult_answer a JOIN record r ON r.id = a.id JOIN consult_round cr ON cr.id = a.round_id
  JOIN account u ON u.id = r.created_by WHERE a.deadline IS NOT NULL;
UPDATE record SET version = 2, updated_at = (SELECT max(v.at) FROM record_version v WHERE v.record_id = record.id),
       updated_by = (SELECT v.actor_id FROM record_version v WHERE v.record_id = record.id AND v.version = 2)
 WHERE kind = 'consult_answer' AND id IN (SELECT record_id FROM record_version WHERE version = 2);

-- Who reads what: the recipients the case and the round, the lead every answer.
INSERT INTO access_grant (record_id, ministry_id, granted_by, granted_at)
SELECT cr.case_id, a.ministry_id, r.created_by, r.created_at
  FROM consult_answer a JOIN consult_round cr ON cr.id = a.round_id JOIN record r ON r.id = cr.id;
INSERT INTO access_grant (record_id, ministry_id, granted_by, granted_at)
SELECT cr.id, a.ministry_id, r.created_by, r.created_at
  FROM consult_answer a JOIN consult_round cr ON cr.id = a.round_id JOIN record r ON r.id = cr.id;
INSERT INTO access_grant (record_id, ministry_id, granted_by, granted_at)
SELECT a.id, r.owner_ministry_id, r.created_by, r.created_at
  FROM consult_answer a JOIN consult_round cr ON cr.id = a.round_id JOIN record r ON r.id = cr.id;

-- The timeline of the rounds.
INSERT INTO consult_event (case_id, record_id, type, at, actor_id, new_value, detail)
SELECT cr.case_id, cr.id, 'round_sent', r.created_at, r.created_by, cr.deadline,
       (SELECT group_concat(code, ', ') FROM (SELECT m.code FROM consult_answer a JOIN ministry m ON m.id = a.ministry_id
         WHERE a.round_id = cr.id ORDER BY m.code))
  FROM consult_round cr JOIN record r ON r.id = cr.id;
INSERT INTO consult_event (case_id, record_id, type, at, actor_id, old_value, new_value)
SELECT cr.case_id, cr.case_id, 'status', r.created_at, r.created_by, 'study', 'referral'
  FROM consult_round cr JOIN record r ON r.id = cr.id WHERE cr.kind = 'referral';
INSERT INTO consult_event (case_id, record_id, type, at, actor_id, ministry_id, new_value)
SELECT cr.case_id, a.id, 'taken', date(cr.sent_on, '+3 days') || 'T08:40:00.000Z', a.taken_by, a.ministry_id, u.username
  FROM consult_answer a JOIN consult_round cr ON cr.id = a.round_id JOIN account u ON u.id = a.taken_by;
INSERT INTO consult_event (case_id, record_id, type, at, actor_id, ministry_id, new_value)
SELECT cr.case_id, a.id, 'answered', a.answered_on || 'T14:05:00.000Z', a.answered_by, a.ministry_id, a.position
  FROM consult_answer a JOIN consult_round cr ON cr.id = a.round_id WHERE a.answered_on IS NOT NULL;
INSERT INTO consult_event (case_id, record_id, type, at, actor_id, ministry_id, old_value, new_value, detail)
SELECT cr.case_id, a.id, 'extended', date((SELECT today FROM demo_clock), '-6 days') || 'T11:00:00.000Z', r.created_by,
       a.ministry_id, cr.deadline, a.deadline,
       'AID har bedt om en uke ekstra for å forankre svaret hos Arbeids- og velferdsdirektoratet.'
  FROM consult_answer a JOIN consult_round cr ON cr.id = a.round_id JOIN record r ON r.id = cr.id
 WHERE a.deadline IS NOT NULL;
INSERT INTO consult_event (case_id, record_id, type, at, actor_id, ministry_id, new_value)
SELECT cr.case_id, a.id, 'reminded', a.reminded_on || 'T09:00:00.000Z', r.created_by, a.ministry_id, cr.deadline
  FROM consult_answer a JOIN consult_round cr ON cr.id = a.round_id JOIN record r ON r.id = cr.id
 WHERE a.reminded_on IS NOT NULL;

DROP TABLE demo_case;
DROP TABLE demo_round;
DROP TABLE demo_answer;
