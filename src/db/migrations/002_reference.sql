-- 002_reference.sql: reference data for samla. It covers the ministries
-- (current and former names), the three strategy periods of the ministries'
-- community, the target areas (goals), directions, development areas,
-- principles, traits and ways of the strategies, and the 22 measures of
-- the 2021–2025 strategy.
--
-- Sources:
--   «Gode hver for oss. Best sammen.» Overordnet strategi for departementsfellesskapet 2021–2025 (KMD, 2021)
--   «Gode hver for oss. Best sammen.» Strategi for departementsfellesskapet (successor strategy, 2025–)
--   Arbeidsgruppens forslag til strategi (13.03.2020), presentation at Styringskonferansen 20 January 2021:
--     measures 1.1–3.6 and the headings they stand under
--   «Gode hver for oss – Best sammen. Strategi for utvikling av departementene som et fellesskap,
--     2020–2025», KMD presentation (Jan Hjelle, 23 September 2020): used to cross-check measures 1.1 and 1.2
--   Norsk Tjenestemannslag's presentation on the strategy proposal: used to cross-check development area 1
--   Ministry names: regjeringen.no (see shared/data/ministries.csv and REFERENCE-FACTS.md)
--
-- The texts keep the documents' wording. Only PDF line-break artifacts are
-- fixed (e.g. «gjennom føre» → «gjennomføre»). The documents' own spelling,
-- such as «departementsfelleskapet», is kept. Plain INSERTs only; the
-- migration runner supplies the transaction and user_version.

-- Ministries: ids 1–17 are current (in the CSV order), ids 18–21 are former names.
INSERT INTO ministry (id, code, name_nb, name_nn, name_en, valid_from, valid_to, successor_id, is_ministry) VALUES
 (1,  'AID', 'Arbeids- og inkluderingsdepartementet', 'Arbeids- og inkluderingsdepartementet',
      'Ministry of Labour and Social Inclusion', '2022-01-01', NULL, NULL, 1),
 (2,  'BFD', 'Barne- og familiedepartementet', 'Barne- og familiedepartementet',
      'Ministry of Children and Families', '2019-01-01', NULL, NULL, 1),
 (3,  'DFD', 'Digitaliserings- og forvaltningsdepartementet', 'Digitaliserings- og forvaltningsdepartementet',
      'Ministry of Digitalisation and Public Governance', '2024-01-01', NULL, NULL, 1),
 (4,  'ED',  'Energidepartementet', 'Energidepartementet',
      'Ministry of Energy', '2024-01-01', NULL, NULL, 1),
 (5,  'FIN', 'Finansdepartementet', 'Finansdepartementet',
      'Ministry of Finance', NULL, NULL, NULL, 1),
 (6,  'FD',  'Forsvarsdepartementet', 'Forsvarsdepartementet',
      'Ministry of Defence', NULL, NULL, NULL, 1),
 (7,  'HOD', 'Helse- og omsorgsdepartementet', 'Helse- og omsorgsdepartementet',
      'Ministry of Health and Care Services', '2002-01-01', NULL, NULL, 1),
 (8,  'JD',  'Justis- og beredskapsdepartementet', 'Justis- og beredskapsdepartementet',
      'Ministry of Justice and Public Security', '2012-01-01', NULL, NULL, 1),
 (9,  'KLD', 'Klima- og miljødepartementet', 'Klima- og miljødepartementet',
      'Ministry of Climate and Environment', '2014-01-01', NULL, NULL, 1),
 (10, 'KDD', 'Kommunal- og distriktsdepartementet', 'Kommunal- og distriktsdepartementet',
      'Ministry of Local Government and Regional Development', '2022-01-01', NULL, NULL, 1),
 (11, 'KUD', 'Kultur- og likestillingsdepartementet', 'Kultur- og likestillingsdepartementet',
      'Ministry of Culture and Equality', '2022-01-01', NULL, NULL, 1),
 (12, 'KD',  'Kunnskapsdepartementet', 'Kunnskapsdepartementet',
      'Ministry of Education and Research', '2006-01-01', NULL, NULL, 1),
 (13, 'LMD', 'Landbruks- og matdepartementet', 'Landbruks- og matdepartementet',
      'Ministry of Agriculture and Food', NULL, NULL, NULL, 1),
 (14, 'NFD', 'Nærings- og fiskeridepartementet', 'Nærings- og fiskeridepartementet',
      'Ministry of Trade, Industry and Fisheries', '2014-01-01', NULL, NULL, 1),
 (15, 'SD',  'Samferdselsdepartementet', 'Samferdselsdepartementet',
      'Ministry of Transport', NULL, NULL, NULL, 1),
 (16, 'UD',  'Utenriksdepartementet', 'Utanriksdepartementet',
      'Ministry of Foreign Affairs', '1905-12-01', NULL, NULL, 1),
 (17, 'SMK', 'Statsministerens kontor', 'Statsministerens kontor',
      'Office of the Prime Minister', NULL, NULL, NULL, 0),
 (18, 'KMD', 'Kommunal- og moderniseringsdepartementet', 'Kommunal- og moderniseringsdepartementet',
      'Ministry of Local Government and Modernisation', NULL, '2021-12-31', 10, 1),
 (19, 'OED', 'Olje- og energidepartementet', 'Olje- og energidepartementet',
      'Ministry of Petroleum and Energy', NULL, '2023-12-31', 4, 1),
 (20, 'ASD', 'Arbeids- og sosialdepartementet', 'Arbeids- og sosialdepartementet',
      'Ministry of Labour and Social Affairs', NULL, '2021-12-31', 1, 1),
 (21, 'BLD', 'Barne- og likestillingsdepartementet', 'Barne- og likestillingsdepartementet',
      'Ministry of Children and Equality', NULL, '2018-12-31', 2, 1);

-- Strategies. Strategy 1 is described only through the foreword and introduction of strategy 2.
INSERT INTO strategy (id, slug, title, subtitle, period_start, period_end, goal, summary,
                      secretariat_id, predecessor_id, source) VALUES
 (1, '2016-2020', 'Helhet, kvalitet og effektivitet',
  'Strategi for bedre og mer effektive administrative tjenester i departementsfellesskapet (2016–2020)',
  2016, 2020, '',
  'Kommunal- og moderniseringsdepartementets strategi «Helhet, kvalitet og effektivitet» har gitt rammer '
  || 'for utvikling av administrative fellestjenester til alle departementene. Den har bidratt til å '
  || 'effektivisere arbeidet i departementene og til å ruste departementsfelleskapet for senere samling i '
  || 'nytt regjeringskvartal.',
  18, NULL,
  'Omtalt i forordet og innledningen til «Gode hver for oss. Best sammen.» Overordnet strategi for '
  || 'departementsfellesskapet 2021–2025'),
 (2, '2021-2025', 'Gode hver for oss. Best sammen.',
  'Overordnet strategi for departementsfellesskapet 2021–2025',
  2021, 2025, 'Vi legger til rette for at prioriterte samfunnsutfordringer kan løses.',
  'Samfunnet er blitt mer komplekst, og behovet for å jobbe mer helhetlig med utfordringer som berører '
  || 'flere departementer, er blitt større. Strategien skal derfor bidra til et større helhetsperspektiv i '
  || 'utviklingen og gjennomføring av politikk, gjennom bedre samarbeid og forankring på tvers i '
  || 'departementsfelleskapet. Formålet med strategien er å gi retning for konkrete tiltak som skal bidra '
  || 'til å realisere det overordnede målet og de tre målområdene.',
  18, 1,
  '«Gode hver for oss. Best sammen.» Overordnet strategi for departementsfellesskapet 2021–2025'),
 (3, '2025', 'Gode hver for oss. Best sammen.',
  'Strategi for departementsfellesskapet',
  2025, NULL, '',
  'Samfunnet rundt oss er i stadig utvikling. Utfordringene blir mer komplekse. Dette krever at vi har '
  || 'oppmerksomhet om saksområdene til eget departement, samtidig som vi opptrer samordnet og aktivt '
  || 'ivaretar helheten i regjeringens arbeid med å styre og utvikle Norge. Departementsstrategien «Gode hver '
  || 'for oss. Best sammen.» gir retning for utviklingsarbeidet vårt. Vi trenger felles tiltak og aktiviteter '
  || 'som utvikler departementene og departementsfellesskapet som et faglig sterkt og effektivt embetsverk, '
  || 'for hele regjeringen og for hver enkelt statsråd. Sammen skal vi skape et enda sterkere '
  || 'departementsfellesskap.',
  3, 2,
  '«Gode hver for oss. Best sammen.» Strategi for departementsfellesskapet (etterfølgeren til strategien 2021–2025)');

-- Target areas (målområder) of strategy 2 and goals (mål) of strategy 3.
INSERT INTO goal_area (id, strategy_id, number, title, description) VALUES
 (1, 2, 1, 'Mer samordnet utvikling og gjennomføring av politikk',
  'Sikre helhetsperspektivet ved bedre samarbeid og forankring på tvers av berørte departementer. God '
  || 'faglig tilrettelegging av grunnlaget for politiske beslutninger for å få større kraft i gjennomføringen '
  || 'av tverrsektorielle tiltak.'),
 (2, 2, 2, 'Et sterkere departementsfellesskap',
  'Bedre forvaltningskompetanse, enhetlige arbeidsprosesser og felles støttefunksjoner med god kvalitet '
  || 'som reduserer hindre for samarbeid på tvers og som gjør at vi bruker de samlede ressursene effektivt.'),
 (3, 2, 3, 'Styrket faglighet og en mer attraktiv arbeidsplass med mange muligheter',
  'Departementene er en attraktiv arbeidsplass med sterk faglighet, god rolleforståelse og forståelse for '
  || 'politiske prosesser.'),
 (4, 3, 1, 'Samordnet utvikling og gjennomføring av politikk',
  'Vi skal gi regjeringen relevante og helhetlige beslutningsgrunnlag, og være godt samordnet i '
  || 'gjennomføringen av politikk. For å lykkes, vil vi kombinere sektorfaglighet, tverrfaglighet og vilje '
  || 'til å finne felles løsninger.'),
 (5, 3, 2, 'Et effektivt og enhetlig departementsfellesskap',
  'Vi skal utnytte de samlede ressursene våre effektivt. Departementene skal lære av hverandre og ha både '
  || 'enhetlige og fleksible arbeidsmåter. Vi vil ta i bruk ny teknologi på en smart og ansvarlig måte.'),
 (6, 3, 3, 'Attraktive arbeidsplasser med kompetente medarbeidere og ledere',
  'Vi skal arbeide helhetlig og strategisk med å utvikle, beholde og rekruttere faglig dyktige medarbeidere '
  || 'og ivareta et godt arbeidsmiljø. Flere medarbeidere og ledere i departementene får muligheten til å '
  || 'jobbe flere steder i fellesskapet.');

-- Strategic directions of strategy 2 («Det skjer gjennom:»).
INSERT INTO direction (id, goal_area_id, position, text) VALUES
 (1,  1, 1, 'økt kvalitet på beslutningsgrunnlag'),
 (2,  1, 2, 'tidlig involvering av andre departementer for å sikre helhet og bredde'),
 (3,  1, 3, 'utvikling av arbeidsformer som kan gi merverdi og sikre forankring på tvers på områder med behov '
            || 'for vedvarende og bred samordning'),
 (4,  1, 4, 'utvikling og vedlikehold av felles kunnskapsbaser på sammensatte politikkfelt'),
 (5,  1, 5, 'mer samordnet, langsiktig og strategisk styring'),
 (6,  1, 6, 'vekt på trinnvis reform'),
 (7,  2, 1, 'at vi bygger forvaltningskompetanse og felles kultur på prioriterte områder'),
 (8,  2, 2, 'at departementenes støttefunksjoner er fellestjenester som styres sentralt der det er effektivt og '
            || 'hensiktsmessig'),
 (9,  2, 3, 'systematisk beredskapsarbeid med læring og videreutvikling av rutiner, planer og øvelser'),
 (10, 2, 4, 'at vi har felles velferdstilbud som skaper ’vi’-følelse'),
 (11, 3, 1, 'styrking av embetsverkets faglighet innenfor politisk relevante rammer'),
 (12, 3, 2, 'økt bevissthet om de syv pliktene for embetsverket'),
 (13, 3, 3, 'satsing på kompetanseutvikling, flere karriereveier og økt mobilitet i departementsfellesskapet'),
 (14, 3, 4, 'at motiverte og kompetente ledere går foran som rollemodeller'),
 (15, 3, 5, 'å videreutvikle nye arbeidsformer og ta i bruk verktøy som fremmer samhandling og innovasjon');

-- Development areas (utviklingsområder) of strategy 2.
INSERT INTO development_area (id, strategy_id, number, text) VALUES
 (1, 2, 1, 'Videreutvikling av – og forsøk med – arbeidsmåter som fremmer samordning og samarbeid for å '
           || 'styrke departementsfellesskapets arbeid med sektorovergripende samfunnsutfordringer.'),
 (2, 2, 2, 'Øke den strategiske orienteringen 3–6 år frem i tid og bidra til at departementene leder an i '
           || 'omstillingen av offentlig sektor.'),
 (3, 2, 3, 'Videreutvikle administrative fellestjenester for økt kvalitet og effektiv ressursbruk.'),
 (4, 2, 4, 'Styrke innsatsen for kompetanseutvikling i departementsfelleskapet.'),
 (5, 2, 5, 'Videreutvikle arbeidsformene i departementene og ta i bruk nye digitale løsninger.');

-- Principles and traits of strategy 2; ways of strategy 3.
INSERT INTO strategy_point (id, strategy_id, kind, position, text) VALUES
 (1,  2, 'principle', 1, 'Flerfaglighet: Vi samarbeider på tvers for å utvikle det faglige grunnlaget for '
                         || 'politiske beslutninger og i oppfølgingen av vedtatt politikk.'),
 (2,  2, 'principle', 2, 'Samordning: Vi følger felles mål og utnytter de samlede ressursene bedre.'),
 (3,  2, 'principle', 3, 'Attraktivitet: Vi tiltrekker oss, utvikler og beholder den beste fagkompetansen.'),
 (4,  2, 'trait', 1, 'Departementene samarbeider godt om kunnskapsgrunnlag og reformer når det er nødvendig '
                     || 'for å lykkes.'),
 (5,  2, 'trait', 2, 'Departementene er et fellesskap med sterk ’vi’-følelse, som har gode og effektive '
                     || 'fellestjenester og er innrettet for å samarbeide og bruke ressurser effektivt.'),
 (6,  2, 'trait', 3, 'Departementene er en attraktiv og effektiv arbeidsplass som tiltrekker, utvikler og '
                     || 'beholder riktig fagkompetanse, og som legger til rette for mobilitet mellom sektorene.'),
 (7,  3, 'way', 1, 'Samarbeide godt om både utvikling, finansiering og gjennomføring av politikk'),
 (8,  3, 'way', 2, 'Effektivisere arbeidsprosesser og utnytte teknologiske muligheter'),
 (9,  3, 'way', 3, 'Utvikle og bruke kompetansen i hele departementsfellesskapet'),
 (10, 3, 'way', 4, 'Etablere flere fellesarenaer for departementene'),
 (11, 3, 'way', 5, 'Bygge solid kunnskap for å kunne utvikle departementsfellesskapet videre');

-- Measures of strategy 2 from the working group's proposal. Owner only where a ministry is named.
-- Target area 1: Mer samordnet utvikling og gjennomføring av politikk.
INSERT INTO measure (id, strategy_id, goal_area_id, number, sort_key, title, theme, description, owner_ministry_id)
VALUES
 (1, 2, 1, '1.1', 1001,
  'Bredere innganger til departementenes saksbehandling',
  'Prosesser og arbeidsformer som sikrer flerfaglig samarbeid og forankring ved gjenstridige problemer',
  'Flerfaglig saksforberedelse som i tillegg til utredningsinstruksen eksplisitt undersøker muligheter og '
  || 'potensial. Departementene skal ta et sterkere ansvar for å forstå og beskrive framtidige tverrgående '
  || 'utfordringer og utløse potensialet i teknologiutviklingen og i bedre bruk av felles ressurser.',
  NULL),
 (2, 2, 1, '1.2', 1002,
  'Tverrdepartementale arbeidsformer for å løse gjenstridige problemer og utnytte potensial i digitalisering',
  'Prosesser og arbeidsformer som sikrer flerfaglig samarbeid og forankring ved gjenstridige problemer',
  'Prøve ut nye samarbeidsformer: kjernegrupper og sprintgrupper. Kjernegrupper er høyt forankrede grupper '
  || 'av departementer som eier gjenstridige problemer sammen, med ett departement som prosesseier; '
  || 'sprintgrupper utforsker potensial og nye muligheter i et mer kortsiktig perspektiv.',
  NULL),
 (3, 2, 1, '1.3', 1003,
  'Standardisere og harmonisere styringen av underordnede og tilknyttede virksomheter der det er hensiktsmessig',
  'Samordnet strategisk styring av virksomheter med felles mål og målgrupper',
  'Styringen av underordnede og tilknyttede virksomheter standardiseres og harmoniseres der det er '
  || 'hensiktsmessig, slik at virksomhetsstyringen blir mer sammenhengende på tvers av departementene.',
  NULL),
 (4, 2, 1, '1.4', 1004,
  'Bygge opp departementenes kompetanse på strategisk, langsiktig styring av tilknyttede virksomheter',
  'Samordnet strategisk styring av virksomheter med felles mål og målgrupper',
  'Departementene skal bygge opp kompetanse på strategisk og langsiktig styring av tilknyttede virksomheter. '
  || 'Arbeidsgruppen pekte på svak strategisk orientering 3–6 år frem i tid som en hovedutfordring.',
  NULL),
 (5, 2, 1, '1.5', 1005,
  'Mer langsiktig perspektiv i styring ved gjenstridige problemer',
  'Samordnet strategisk styring av virksomheter med felles mål og målgrupper',
  'Styringen på områder med gjenstridige problemer skal få et mer langsiktig perspektiv. Slike problemer '
  || 'krever samordning på tvers av sektorer, helt opp til felles plan og tiltak.',
  NULL),
 (6, 2, 1, '1.6', 1006,
  'Bedre kunnskapsgrunnlag, herunder jevnlig publisering av fakta og nøkkeltall om departementene',
  'Samordnet strategisk styring av virksomheter med felles mål og målgrupper',
  'Departementene skal styrke kunnskapsgrunnlaget, blant annet ved jevnlig å publisere fakta og nøkkeltall '
  || 'om departementene. Kunnskapsgrunnlaget skal bli til gjennom samarbeid mellom berørte departementer, '
  || 'med vekt på muligheter og potensial.',
  NULL),
 (7, 2, 1, '1.7', 1007,
  'Felles eller samordnede budsjettposter for utredning, utvikling og implementering av politikk på '
  || 'sektorovergripende områder',
  'Felles finansiering og trinnvis gjennomføring',
  'Felles eller samordnede budsjettposter skal finansiere utredning, utvikling og implementering av '
  || 'politikk på områder som går på tvers av sektorene.',
  NULL),
 (8, 2, 1, '1.8', 1008,
  'Trinnvis gjennomføring av reformer med mulighet til justering underveis',
  'Felles finansiering og trinnvis gjennomføring',
  'Større reformer gjennomføres trinnvis, med samordnet innsats og mulighet til å justere underveis.',
  NULL);

-- Target area 2: Et sterkere departementsfellesskap.
INSERT INTO measure (id, strategy_id, goal_area_id, number, sort_key, title, theme, description, owner_ministry_id)
VALUES
 (9, 2, 2, '2.1', 2001,
  'Kommunal- og moderniseringsministerens ansvar og myndighet i tilknytning til fellestjenestene i '
  || 'departementsfellesskapet nedfelles i en kongelig resolusjon med virkning fra 1. januar 2021',
  'Sentralisert styring av administrative fellestjenester og støttefunksjoner',
  'Ansvaret og myndigheten til kommunal- og moderniseringsministeren for fellestjenestene i '
  || 'departementsfellesskapet fastsettes i en kongelig resolusjon fra 1. januar 2021. Støttefunksjonene skal '
  || 'være fellestjenester som styres sentralt der det er effektivt og hensiktsmessig.',
  18),
 (10, 2, 2, '2.2', 2002,
  'Etablere programenhet for ny strategi i KMD',
  'Sentralisert styring av administrative fellestjenester og støttefunksjoner',
  'KMD etablerer en programenhet for den nye strategien. KMD leder arbeidet på vegne av '
  || 'departementsfellesskapet og skal utarbeide en tiltaksoversikt som oppdateres jevnlig.',
  18),
 (11, 2, 2, '2.3', 2003,
  'Måle ressursforbruket og kvaliteten på administrative funksjoner i departementsfellesskapet',
  'Sentralisert styring av administrative fellestjenester og støttefunksjoner',
  'Ressursforbruket og kvaliteten på de administrative funksjonene i departementsfellesskapet skal måles, '
  || 'som grunnlag for å videreutvikle fellestjenestene for økt kvalitet og effektiv ressursbruk.',
  NULL),
 (12, 2, 2, '2.4', 2004,
  'Samle departementenes IKT-enheter i én organisasjon',
  'Sentralisert styring av administrative fellestjenester og støttefunksjoner',
  'Departementenes IKT-enheter samles i én organisasjon, som del av en sentralt styrt forvaltning av '
  || 'administrative fellestjenester og støttefunksjoner.',
  NULL),
 (13, 2, 2, '2.5', 2005,
  'Sentralisere departementenes arkiv- og dokumentforvaltning',
  'Sentralisert styring av administrative fellestjenester og støttefunksjoner',
  'Arkiv- og dokumentforvaltningen i departementene samles og styres sentralt.',
  NULL),
 (14, 2, 2, '2.6', 2006,
  'Videreføre effektiviseringen av departementenes arbeidsprosesser gjennom standardisering og digitalisering',
  'Sentralisert styring av administrative fellestjenester og støttefunksjoner',
  'Arbeidet med å effektivisere departementenes arbeidsprosesser gjennom standardisering og digitalisering '
  || 'videreføres. Det bygger på forrige strategi, som ga retning for standardiserte arbeidsprosesser og '
  || 'felles løsninger.',
  NULL),
 (15, 2, 2, '2.7', 2007,
  'Bygge opp et kraftfullt miljø for innovasjon og digitalisering for departementene i DSS',
  'Sentralisert styring av administrative fellestjenester og støttefunksjoner',
  'Det bygges opp et kraftfullt miljø for innovasjon og digitalisering for departementene i DSS. Miljøet '
  || 'skal hjelpe departementene å videreutvikle arbeidsformene og ta i bruk nye digitale løsninger.',
  18),
 (16, 2, 2, '2.8', 2008,
  'Etablere Departementsakademiet i regi av DFØ for felles og systematisk opplæring og leder- og '
  || 'medarbeiderutvikling',
  'Felles kompetansebygging',
  'Departementsakademiet etableres i regi av Direktoratet for forvaltning og økonomistyring (DFØ). Det skal '
  || 'gi felles og systematisk opplæring og leder- og medarbeiderutvikling i departementene.',
  NULL);

-- Target area 3: Styrket faglighet og en mer attraktiv arbeidsplass med mange muligheter.
INSERT INTO measure (id, strategy_id, goal_area_id, number, sort_key, title, theme, description, owner_ministry_id)
VALUES
 (17, 2, 3, '3.1', 3001,
  'Felles traineeordning for et gitt antall nyutdannede på tvers av alle departementene med opphold i ulike '
  || 'departementer i regi av DFØ',
  'Flere karriereveier og økt mobilitet i departementsfellesskapet',
  'En felles traineeordning i regi av DFØ, der et gitt antall nyutdannede har opphold i ulike departementer. '
  || 'Ordningen skal gi flere karriereveier og økt mobilitet i departementsfellesskapet.',
  NULL),
 (18, 2, 3, '3.2', 3002,
  'Utvidet felles introduksjonsprogram for nyansatte',
  'Flere karriereveier og økt mobilitet i departementsfellesskapet',
  'Nyansatte i departementene får et utvidet introduksjonsprogram som er felles for departementene.',
  NULL),
 (19, 2, 3, '3.3', 3003,
  'Karrieremuligheter gjennom mobilitet på tvers av departementene',
  'Flere karriereveier og økt mobilitet i departementsfellesskapet',
  'Ansatte skal få bedre karrieremuligheter ved å bevege seg mellom departementene. Departementene skal '
  || 'legge til rette for mobilitet og flere karriereveier.',
  NULL),
 (20, 2, 3, '3.4', 3004,
  'Utrede felles ansettelse i departementene',
  'Flere karriereveier og økt mobilitet i departementsfellesskapet',
  'Det skal utredes om ansettelse i departementene kan være felles, som et ledd i flere karriereveier og '
  || 'økt mobilitet i departementsfellesskapet.',
  NULL),
 (21, 2, 3, '3.5', 3005,
  'Bedre grunnlag for helhetlig ledelse og utvikling av departementene',
  'Økt attraktivitet som arbeidsplass',
  'Tiltaket skal gi et bedre grunnlag for å lede og utvikle departementene som helhet, slik at departementene '
  || 'blir en mer attraktiv arbeidsplass.',
  NULL),
 (22, 2, 3, '3.6', 3006,
  'Flere uformelle møteplasser og felles velferdstilbud',
  'Økt attraktivitet som arbeidsplass',
  'Flere uformelle møteplasser og felles velferdstilbud skal skape ’vi’-følelse i departementsfellesskapet.',
  NULL);
