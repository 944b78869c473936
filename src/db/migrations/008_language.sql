-- 008_language.sql: the user interface in three languages (bokmål,
-- nynorsk, English; app/core/i18n.h).  A person's chosen language, and the
-- status labels in nynorsk and English.  Texts of the strategy documents
-- (goals, target areas, measure titles) stay in the official Norwegian.

-- The language a person chose in the header's language switch; NULL: not
-- chosen (the browser's Accept-Language decides, else bokmål).  A
-- samla_lang cookie in the browser is asked first.
ALTER TABLE account ADD COLUMN language TEXT CHECK (language IN ('nb', 'nn', 'en'));

-- A status's label in nynorsk and English; NULL: show the bokmål label.
ALTER TABLE measure_status ADD COLUMN label_nn TEXT;  -- nynorsk label: 'Ikkje starta'
ALTER TABLE measure_status ADD COLUMN label_en TEXT;  -- English label: 'Not started'

-- The seven built-in statuses, where their bokmål label is still the one
-- they were created with (an administrator may have renamed one).
UPDATE measure_status SET label_nn = 'Ikkje starta', label_en = 'Not started'
 WHERE code = 'not_started' AND label = 'Ikke startet';
UPDATE measure_status SET label_nn = 'Planlagd', label_en = 'Planned' WHERE code = 'planned' AND label = 'Planlagt';
UPDATE measure_status SET label_nn = 'Pågår', label_en = 'In progress' WHERE code = 'in_progress' AND label = 'Pågår';
UPDATE measure_status SET label_nn = 'Forseinka', label_en = 'Delayed' WHERE code = 'delayed' AND label = 'Forsinket';
UPDATE measure_status SET label_nn = 'Fullført', label_en = 'Completed' WHERE code = 'completed' AND label = 'Fullført';
UPDATE measure_status SET label_nn = 'Stansa', label_en = 'Stopped' WHERE code = 'stopped' AND label = 'Stanset';
UPDATE measure_status SET label_nn = 'Vidareført', label_en = 'Continued'
 WHERE code = 'continued' AND label = 'Videreført';
