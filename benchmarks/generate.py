"""Realistic synthetic clinical cases for the benchmarks, deterministic for a seed.

    python benchmarks/generate.py library 10000 [--seed 1]     # print the path of a cached library
    python benchmarks/generate.py case-file 1000 [--seed 1]    # print the path of a cached case file
    python benchmarks/generate.py show 3 [--seed 1]            # print three cases as a case file

Every case is a `casedesk.domain.Case` as a physician would record it for a haematology or
oncology congress: 3–12 authors from one to four institutions, a diagnosis with its details and
history, 2–6 treatment courses with several assessments each, graded adverse events, follow-ups,
2–12 references and narratives of a few thousand characters — in English, Russian or Kazakh (about
six, three and one in ten), with Latin and Cyrillic mixed as real abstracts mix them (names,
drug names, funds, citations).

Case number i of seed s is the same whatever the number of cases asked for, so a library of
1,000 cases holds the first 1,000 cases of the library of 10,000. Built libraries and files are
kept under benchmarks/.work/cache (outside git), keyed by the number of cases, the seed, this
generator's version and the store's schema revision.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # the CaseDesk of this source tree

from casedesk.domain.dates import PartialDate  # noqa: E402
from casedesk.domain.records import (  # noqa: E402
    AdditionalTherapy,
    AdverseEvent,
    Affiliation,
    Assessment,
    Author,
    AuthorText,
    Case,
    CaseStatus,
    Course,
    Diagnosis,
    EventKind,
    FollowUp,
    HistoryEvent,
    Licence,
    Narrative,
    Outcome,
    Patient,
    Publication,
    Reference,
    Sex,
    Treatment,
    Venue,
    VenueKind,
)

GENERATOR_VERSION = 1  # change when the cases generated for a seed change: the cache is keyed by it
WORK = HERE / ".work"
CACHE = WORK / "cache"
LATEST = dt.date(2025, 6, 30)  # nothing in a generated case happens after this day

# ----- text banks ---------------------------------------------------------------------------------
# Surnames and initials, each in Latin and Cyrillic (the same person, as an English and a Russian
# abstract print them).
SURNAMES = [
    ("Kuttymuratov", "Куттымуратов"), ("Kemaykin", "Кемайкин"), ("Vildanova", "Вильданова"),
    ("Sergazina", "Сергазина"), ("Zholdasova", "Жолдасова"), ("Temir", "Темір"), ("Dairova", "Даирова"),
    ("Abdrakhmanova", "Абдрахманова"), ("Nurpeisov", "Нурпеисов"), ("Ospanova", "Оспанова"),
    ("Bekmukhambetov", "Бекмухамбетов"), ("Tulebayeva", "Тулебаева"), ("Iskakov", "Искаков"),
    ("Smagulova", "Смагулова"), ("Yerzhanov", "Ержанов"), ("Kassymova", "Касымова"), ("Omarov", "Омаров"),
    ("Ivanova", "Иванова"), ("Petrov", "Петров"), ("Sokolova", "Соколова"), ("Kuznetsov", "Кузнецов"),
    ("Morozova", "Морозова"), ("Volkov", "Волков"), ("Lebedeva", "Лебедева"), ("Novikov", "Новиков"),
    ("Fedorova", "Фёдорова"), ("Zhakupov", "Жакупов"), ("Sarsenbayeva", "Сарсенбаева"), ("Akhmetov", "Ахметов"),
    ("Baimukhanova", "Баймуханова"), ("Yessenova", "Есенова"), ("Kalieva", "Калиева"), ("Dzhumabaev", "Джумабаев"),
    ("Muratbekova", "Муратбекова"), ("Rakhimzhanov", "Рахимжанов"), ("Seitkali", "Сейткали"), ("Utegenova", "Утегенова"),
]
INITIALS = [("A.", "А."), ("B.", "Б."), ("D.", "Д."), ("G.", "Г."), ("Zh.", "Ж."), ("K.", "К."), ("M.", "М."),
            ("N.", "Н."), ("R.", "Р."), ("S.", "С."), ("T.", "Т."), ("Sh.", "Ш."), ("E.", "Е."), ("I.", "И."),
            ("L.", "Л."), ("O.", "О."), ("V.", "В."), ("Yu.", "Ю.")]

INSTITUTIONS = [
    ("LLP 'National Scientific Oncological Center'", "ТОО «Национальный научный онкологический центр»", "Astana", "Астана", "Republic of Kazakhstan", "Республика Казахстан"),
    ("National Research Center for Maternal and Child Health", "Национальный научный центр материнства и детства", "Astana", "Астана", "Republic of Kazakhstan", "Республика Казахстан"),
    ("Kazakh Institute of Oncology and Radiology", "Казахский научно-исследовательский институт онкологии и радиологии", "Almaty", "Алматы", "Republic of Kazakhstan", "Республика Казахстан"),
    ("Scientific Center of Pediatrics and Pediatric Surgery", "Научный центр педиатрии и детской хирургии", "Almaty", "Алматы", "Republic of Kazakhstan", "Республика Казахстан"),
    ("Astana Medical University", "НАО «Медицинский университет Астана»", "Astana", "Астана", "Republic of Kazakhstan", "Республика Казахстан"),
    ("Asfendiyarov Kazakh National Medical University", "Казахский национальный медицинский университет им. С.Д. Асфендиярова", "Almaty", "Алматы", "Republic of Kazakhstan", "Республика Казахстан"),
    ("City Oncology Center", "Городской онкологический центр", "Shymkent", "Шымкент", "Republic of Kazakhstan", "Республика Казахстан"),
    ("National Medical Research Center for Hematology", "ФГБУ «НМИЦ гематологии» Минздрава России", "Moscow", "Москва", "Russian Federation", "Российская Федерация"),
    ("Raisa Gorbacheva Memorial Research Institute for Pediatric Oncology, Hematology and Transplantation", "НИИ детской онкологии, гематологии и трансплантологии им. Р.М. Горбачевой", "Saint Petersburg", "Санкт-Петербург", "Russian Federation", "Российская Федерация"),
    ("Dmitry Rogachev National Medical Research Center", "НМИЦ ДГОИ им. Дмитрия Рогачева", "Moscow", "Москва", "Russian Federation", "Российская Федерация"),
    ("Republican Specialized Scientific-Practical Medical Center of Hematology", "Республиканский специализированный научно-практический медицинский центр гематологии", "Tashkent", "Ташкент", "Republic of Uzbekistan", "Республика Узбекистан"),
    ("Department of Hematology, Charité – Universitätsmedizin Berlin", "Клиника гематологии, Шарите", "Berlin", "Берлин", "Germany", "Германия"),
]
DEPARTMENTS = [("Department of Hematology", "Отделение гематологии"), ("Department of Oncohematology", "Отделение онкогематологии"),
               ("Bone Marrow Transplantation Unit", "Отделение трансплантации костного мозга"),
               ("Department of Pediatric Oncology", "Отделение детской онкологии"), ("", "")]

CONFERENCES = [
    ("Current Issues of Bone Marrow Transplantation and Hematology", "III International Scientific and Practical Conference", "Astana", "Kazakhstan", ""),
    ("European Hematology Association Congress", "EHA2024 Hybrid Congress", "Madrid", "Spain", "eha-2024"),
    ("ASH Annual Meeting and Exposition", "66th Annual Meeting", "San Diego", "USA", "ash-2024"),
    ("Конгресс гематологов России", "VII Конгресс с международным участием", "Москва", "Россия", ""),
    ("Қазақстан онкологтары мен радиологтарының съезі", "XI съезд", "Алматы", "Қазақстан", ""),
    ("ASCO Annual Meeting", "2018 ASCO Annual Meeting", "Chicago", "USA", "asco-2018"),
]

# One entry per disease: what each language calls it, details, protocols, agents and how response is measured.
DISEASES = [
    {
        "short": {"en": "ALL", "ru": "ОЛЛ", "kk": "ЖЛЛ"},
        "name": {"en": "acute lymphoblastic leukemia", "ru": "острый лимфобластный лейкоз", "kk": "жедел лимфобластты лейкоз"},
        "details": ["B-II variant, hyperdiploid karyotype, t(1;6)", "Ph-negative, CD19+, CD10+", "Ph-positive, BCR-ABL1 p190",
                    "T-ALL, NOTCH1 mutation", "B-I variant, KMT2A rearrangement", "ETV6-RUNX1 positive, CNS2"],
        "protocols": ["ALL-BFM-2000 + cranial irradiation (12 Gy)", "ALL-2009", "ALL-MB 2015", "Hyper-CVAD", "GRAALL-2005", "ALL IC-BFM 2009"],
        "agents": [("blinatumomab", "9 mcg/day → 28 mcg/day", "continuous infusion"),
                   ("inotuzumab ozogamicin", "0.8 mg/m² day 1, 0.5 mg/m² days 8 and 15", "intravenous"),
                   ("tisagenlecleucel", "0.2–5.0 × 10⁶ CAR-T cells/kg", "intravenous"),
                   ("ponatinib", "45 mg/day", "oral"), ("dasatinib", "140 mg/day", "oral")],
        "measures": [("MRD", "flow cytometry", "10⁻⁴", ["negative", "positive", "<0.01", "0.02", "0.000"], "%"),
                     ("blasts in bone marrow", "morphology", "", ["1", "0.6", "1.4", "3", "84.6", "0.4"], "%"),
                     ("IHC: tumor cells", "IHC", "", ["0.000", "0.01", "negative"], "%")],
    },
    {
        "short": {"en": "AML", "ru": "ОМЛ", "kk": "ЖМЛ"},
        "name": {"en": "acute myeloid leukemia", "ru": "острый миелоидный лейкоз", "kk": "жедел миелоидты лейкоз"},
        "details": ["NPM1 mutated, FLT3-ITD positive", "inv(16), CBFB-MYH11", "complex karyotype, TP53 mutated",
                    "t(8;21), RUNX1-RUNX1T1", "secondary AML after MDS", "FLT3-TKD, normal karyotype"],
        "protocols": ["7+3 (cytarabine + daunorubicin)", "FLAG-Ida", "AML-BFM 2012", "CPX-351", "HiDAC"],
        "agents": [("venetoclax + azacitidine", "400 mg/day + 75 mg/m² days 1–7", "oral / subcutaneous"),
                   ("gilteritinib", "120 mg/day", "oral"), ("midostaurin", "50 mg twice daily", "oral"),
                   ("gemtuzumab ozogamicin", "3 mg/m² days 1, 4, 7", "intravenous")],
        "measures": [("blasts in bone marrow", "morphology", "", ["2", "4.5", "0.8", "12", "35"], "%"),
                     ("NPM1 MRD", "qPCR", "10⁻⁵", ["negative", "0.05", "positive"], "%"),
                     ("FLT3-ITD allelic ratio", "fragment analysis", "", ["0.5", "0.02", "negative"], "")],
    },
    {
        "short": {"en": "CML", "ru": "ХМЛ", "kk": "СМЛ"},
        "name": {"en": "chronic myeloid leukemia", "ru": "хронический миелолейкоз", "kk": "созылмалы миелоидты лейкоз"},
        "details": ["chronic phase, Sokal high risk", "accelerated phase, additional chromosomal abnormalities",
                    "T315I mutation", "blast crisis, lymphoid"],
        "protocols": ["imatinib 400 mg/day", "nilotinib 300 mg twice daily", "dasatinib 100 mg/day"],
        "agents": [("asciminib", "40 mg twice daily", "oral"), ("ponatinib", "45 mg/day, then 15 mg/day", "oral"),
                   ("bosutinib", "500 mg/day", "oral")],
        "measures": [("BCR-ABL1 (IS)", "RQ-PCR", "MR4.5", ["0.0032", "0.1", "1.2", "10.4", "undetectable"], "%"),
                     ("Ph+ metaphases", "cytogenetics", "", ["0", "35", "100"], "%")],
    },
    {
        "short": {"en": "DLBCL", "ru": "ДВККЛ", "kk": "ДВККЛ"},
        "name": {"en": "diffuse large B-cell lymphoma", "ru": "диффузная В-крупноклеточная лимфома", "kk": "диффузды ірі В-жасушалы лимфома"},
        "details": ["non-GCB type, stage IVB, IPI 4", "double-hit (MYC/BCL2), stage IIIA", "primary mediastinal, bulky disease",
                    "CNS relapse, stage IV"],
        "protocols": ["R-CHOP × 6", "DA-EPOCH-R", "R-DHAP", "R-ICE"],
        "agents": [("polatuzumab vedotin + BR", "1.8 mg/kg day 2", "intravenous"),
                   ("axicabtagene ciloleucel", "2 × 10⁶ CAR-T cells/kg", "intravenous"),
                   ("glofitamab", "2.5 → 10 → 30 mg", "intravenous")],
        "measures": [("PET-CT Deauville score", "PET-CT", "", ["1", "2", "3", "4", "5"], ""),
                     ("LDH", "biochemistry", "", ["245", "612", "1180", "198"], "U/L"),
                     ("SUVmax", "PET-CT", "", ["3.2", "14.8", "22.5", "1.9"], "")],
    },
    {
        "short": {"en": "cHL", "ru": "ЛХ", "kk": "ХЛ"},
        "name": {"en": "classical Hodgkin lymphoma", "ru": "классическая лимфома Ходжкина", "kk": "классикалық Ходжкин лимфомасы"},
        "details": ["nodular sclerosis, stage IIB, bulky mediastinum", "mixed cellularity, stage IVB", "refractory, stage IIIA"],
        "protocols": ["ABVD × 6", "BEACOPP escalated × 6", "DHAP"],
        "agents": [("brentuximab vedotin", "1.8 mg/kg every 3 weeks", "intravenous"),
                   ("nivolumab", "3 mg/kg every 2 weeks", "intravenous"), ("pembrolizumab", "200 mg every 3 weeks", "intravenous")],
        "measures": [("PET-CT Deauville score", "PET-CT", "", ["1", "2", "3", "4"], ""),
                     ("ESR", "laboratory", "", ["12", "48", "65"], "mm/h")],
    },
    {
        "short": {"en": "MM", "ru": "ММ", "kk": "ММ"},
        "name": {"en": "multiple myeloma", "ru": "множественная миелома", "kk": "көптік миелома"},
        "details": ["IgG kappa, R-ISS II, t(4;14)", "light chain lambda, R-ISS III, del(17p)", "IgA kappa, plasmacytoma of T8"],
        "protocols": ["VRd × 4 + ASCT", "VCd", "KRd"],
        "agents": [("daratumumab + pomalidomide + dexamethasone", "16 mg/kg weekly", "intravenous / oral"),
                   ("carfilzomib", "56 mg/m² days 1, 2, 8, 9, 15, 16", "intravenous"),
                   ("teclistamab", "1.5 mg/kg weekly", "subcutaneous")],
        "measures": [("M-protein", "SPEP", "", ["42", "8.5", "0.6", "0", "not detected"], "g/L"),
                     ("free light chain ratio", "serum FLC", "", ["128", "3.4", "1.1"], ""),
                     ("plasma cells in bone marrow", "morphology", "", ["45", "8", "2"], "%")],
    },
    {
        "short": {"en": "NB", "ru": "НБ", "kk": "НБ"},
        "name": {"en": "neuroblastoma", "ru": "нейробластома", "kk": "нейробластома"},
        "details": ["stage M, MYCN amplified, age 3 years", "stage L2, ALK F1174L", "stage M, 11q loss"],
        "protocols": ["HR-NBL2/SIOPEN", "NB-2004", "COG ANBL0532"],
        "agents": [("dinutuximab beta", "10 mg/m²/day × 10 days", "continuous infusion"),
                   ("131I-MIBG therapy", "12 mCi/kg", "intravenous"), ("lorlatinib", "115 mg/m²/day", "oral")],
        "measures": [("MIBG Curie score", "MIBG scintigraphy", "", ["0", "2", "7", "12"], ""),
                     ("urine VMA", "laboratory", "", ["4.5", "18", "52"], "mg/day")],
    },
]

ADVERSE_EVENTS = [
    ("cytokine release syndrome", "синдром высвобождения цитокинов", "цитокин бөліну синдромы", "tocilizumab", "тоцилизумаб"),
    ("febrile neutropenia", "фебрильная нейтропения", "фебрильді нейтропения", "empirical antibiotics", "эмпирическая антибактериальная терапия"),
    ("immune effector cell-associated neurotoxicity (ICANS)", "нейротоксичность (ICANS)", "нейроуыттылық (ICANS)", "dexamethasone", "дексаметазон"),
    ("thrombocytopenia", "тромбоцитопения", "тромбоцитопения", "platelet transfusions", "трансфузии тромбоконцентрата"),
    ("hepatotoxicity (ALT increased)", "гепатотоксичность (повышение АЛТ)", "гепатоуыттылық (АЛТ жоғарылауы)", "dose interruption", "перерыв в лечении"),
    ("peripheral sensory neuropathy", "периферическая сенсорная нейропатия", "шеткері сенсорлық нейропатия", "dose reduction", "снижение дозы"),
    ("fungal pneumonia", "грибковая пневмония", "саңырауқұлақты пневмония", "voriconazole", "вориконазол"),
    ("oral mucositis", "мукозит полости рта", "ауыз қуысының мукозиті", "supportive care", "сопроводительная терапия"),
    ("acute rhinosinusitis", "острый риносинусит", "жедел риносинусит", "standard therapy", "стандартная терапия"),
    ("tumour lysis syndrome", "синдром лизиса опухоли", "ісік лизисі синдромы", "rasburicase and hydration", "расбуриказа и гидратация"),
    ("QTc prolongation", "удлинение интервала QTc", "QTc аралығының ұзаруы", "electrolyte correction", "коррекция электролитов"),
]
OUTCOMES = {"en": ["resolved", "resolved with sequelae", "improving", "ongoing"],
            "ru": ["разрешилось", "разрешилось с последствиями", "улучшение", "сохраняется"],
            "kk": ["жойылды", "салдарымен жойылды", "жақсаруда", "сақталуда"]}
STATUSES = {"en": ["remission", "complete remission", "MRD-negative remission", "stable disease", "partial response", "relapse"],
            "ru": ["ремиссия", "полная ремиссия", "МОБ-негативная ремиссия", "стабилизация", "частичный ответ", "рецидив"],
            "kk": ["ремиссия", "толық ремиссия", "МҚА-теріс ремиссия", "тұрақты ағым", "жартылай жауап", "рецидив"]}
PHASES = {"en": ["Prephase", "Induction I", "Induction II", "Consolidation I", "Consolidation II", "Consolidation III",
                 "Consolidation IV", "Maintenance", "Bridging therapy", "Salvage therapy"],
          "ru": ["Префаза", "Индукция I", "Индукция II", "Консолидация I", "Консолидация II", "Консолидация III",
                 "Консолидация IV", "Поддерживающая терапия", "Бридж-терапия", "Терапия спасения"],
          "kk": ["Префаза", "Индукция I", "Индукция II", "Консолидация I", "Консолидация II", "Консолидация III",
                 "Консолидация IV", "Демеуші ем", "Көпір-терапия", "Құтқару терапиясы"]}
SITES = {"en": ["bone marrow", "bone marrow + orchitis", "CNS", "bone marrow and CNS", "lymph nodes", "skin", "mediastinum"],
         "ru": ["костный мозг", "костный мозг + орхит", "ЦНС", "костный мозг и ЦНС", "лимфатические узлы", "кожа", "средостение"],
         "kk": ["сүйек кемігі", "сүйек кемігі + орхит", "ОЖЖ", "сүйек кемігі және ОЖЖ", "лимфа түйіндері", "тері", "көкірек ортасы"]}

TITLES = {
    "en": ["Clinical Case of Successful {agent} Use in {who} with {extent} {disease}",
           "{agent} as a Bridge to Transplantation in {who} with {extent} {disease}: A Case Report",
           "Long-Term MRD-Negative Remission after {agent} in {who} with {extent} {disease}",
           "Managing Toxicity of {agent} in {who} with {disease}: Lessons from One Case",
           "{extent} {disease} in {who}: Response to {agent} after {n} Lines of Therapy"],
    "ru": ["Клинический случай успешного применения препарата {agent} у {who} с {extent} {disease}",
           "{agent} как «мост» к трансплантации у {who} ({disease})",
           "Длительная МОБ-негативная ремиссия после терапии {agent}: {disease} у {who}",
           "Опыт применения {agent} после {n} линий терапии: {disease}"],
    "kk": ["{who} {disease} кезінде {agent} препаратын сәтті қолдану жағдайы",
           "{agent}: {disease} ({extent}) бар {who} трансплантацияға дейінгі көпір-терапия",
           "{n} желі емнен кейін {disease}: {agent} тиімділігі"],
}
WHO = {"en": ["an Adult Patient", "a Child", "an Adolescent", "an Elderly Patient", "a Young Woman", "a Young Man"],
       "ru": ["взрослого пациента", "ребёнка", "подростка", "пожилой пациентки", "молодой женщины", "молодого мужчины"],
       "kk": ["Ересек науқаста", "Балада", "Жасөспірімде", "Егде жастағы науқаста"]}
EXTENT = {"en": ["Multiple Relapses of", "Refractory", "Relapsed", "Newly Diagnosed High-Risk", "Late Relapse of"],
          "ru": ["множественными рецидивами", "рефрактерным течением", "рецидивом", "впервые выявленным, группа высокого риска"],
          "kk": ["көп рет қайталанған", "рефрактерлі", "қайталанған", "жаңадан анықталған"]}

INTRODUCTION = {
    "en": ["{Disease} in adults, especially with multiple late relapses, is characterized by an extremely poor prognosis.",
           "When standard intensive chemotherapy regimens are ineffective, immunotherapy becomes increasingly important, in particular {agent}.",
           "The drug has demonstrated the ability to induce MRD-negative remissions in refractory patients [{cite}].",
           "Five-year overall survival after a second relapse remains below {pct}% in most published series, and fewer than half of patients reach transplantation.",
           "Targeted agents have changed this picture over the last decade, although access to them in Central Asia is still limited and depends on state programmes.",
           "Reports of individual patients treated outside clinical trials remain valuable, because they show how these drugs perform in routine practice [{cite}].",
           "Toxicity, in particular cytokine release syndrome and neurotoxicity, requires experienced teams and close monitoring during the first days of each course.",
           "We describe a patient in whom {agent} achieved a deep and durable response after {n} previous lines of therapy."],
    "ru": ["{Disease} у взрослых, особенно при множественных поздних рецидивах, характеризуется крайне неблагоприятным прогнозом.",
           "При неэффективности стандартных режимов интенсивной химиотерапии возрастает роль иммунотерапии, в частности препарата {agent}.",
           "Препарат продемонстрировал способность индуцировать МОБ-негативные ремиссии у рефрактерных пациентов [{cite}].",
           "Пятилетняя общая выживаемость после второго рецидива в большинстве опубликованных серий не превышает {pct}%, а до трансплантации доходит менее половины больных.",
           "Доступ к таргетным препаратам в странах Центральной Азии по-прежнему ограничен и во многом зависит от государственных программ и благотворительных фондов.",
           "Описания отдельных пациентов, получавших лечение вне клинических исследований, остаются ценными, поскольку показывают эффективность препаратов в рутинной практике [{cite}].",
           "Мы описываем пациента, у которого {agent} позволил достичь глубокого и длительного ответа после {n} предшествующих линий терапии."],
    "kk": ["Ересектердегі {disease}, әсіресе кеш қайталанған жағдайларда, болжамы өте нашар ауру болып табылады.",
           "Стандартты қарқынды химиотерапия тиімсіз болған кезде иммунотерапияның, атап айтқанда {agent} препаратының маңызы артады.",
           "Препарат рефрактерлі науқастарда МҚА-теріс ремиссияға қол жеткізуге мүмкіндік береді [{cite}].",
           "Екінші рецидивтен кейінгі бесжылдық өмір сүру көрсеткіші көптеген зерттеулерде {pct}%-дан аспайды.",
           "Орталық Азия елдерінде таргетті препараттарға қолжетімділік әлі де шектеулі және мемлекеттік бағдарламаларға байланысты.",
           "Біз {n} емдеу желісінен кейін {agent} терең әрі ұзақ жауап берген науқасты сипаттаймыз."],
}
DISCUSSION = {
    "en": ["The response in our patient was achieved after the first course and was maintained through {k} consolidation courses, which agrees with the results of the pivotal trial [{cite}].",
           "MRD negativity after the first cycle is the strongest predictor of long-term survival, and in this case it was confirmed by two independent methods.",
           "Cytokine release syndrome of grade {g} developed on day {d} and resolved within 48 hours after a single dose of tocilizumab, without interrupting the infusion.",
           "The patient had received {n} previous lines of therapy, including high-dose chemotherapy, and had no matched donor at the time of relapse.",
           "Treatment was given within the state cancer care programme; the drug was supplied through the “Kazakhstan Khalkyna” Fund, which shortened the time to the first course to {d} days.",
           "Infectious complications were the main clinical problem, as is typical for heavily pretreated patients, and were managed with standard antimicrobial therapy.",
           "Continuous infusion was organised with portable pumps, so that after the first week of each course the patient could be treated as an outpatient.",
           "Neurological events were not observed, possibly because of prophylactic dexamethasone before the dose escalation.",
           "Several observational studies report similar rates of deep responses outside clinical trials, though follow-up in most of them is shorter than {m} months [{cite}].",
           "The limitations of a single case are obvious: the result cannot be generalised, and selection of patients for immunotherapy must follow current guidelines.",
           "Nevertheless, the case shows that even after multiple relapses a durable remission is achievable when modern agents are available in time.",
           "Further follow-up is planned every three months with bone marrow assessment and MRD monitoring by flow cytometry with a sensitivity of 10⁻⁴."],
    "ru": ["Ответ у нашего пациента был достигнут после первого курса и сохранялся на протяжении {k} курсов консолидации, что согласуется с результатами регистрационного исследования [{cite}].",
           "МОБ-негативность после первого цикла является наиболее сильным предиктором долгосрочной выживаемости; в данном случае она подтверждена двумя независимыми методами.",
           "Синдром высвобождения цитокинов {g} степени развился на {d}-й день и разрешился в течение 48 часов после однократного введения тоцилизумаба без прерывания инфузии.",
           "Ранее пациент получил {n} линий терапии, включая высокодозную химиотерапию; совместимого донора на момент рецидива не было.",
           "Лечение проводилось в рамках государственной программы онкологической помощи; препарат предоставлен Фондом «Қазақстан халқына», что сократило время до начала терапии до {d} дней.",
           "Основной клинической проблемой были инфекционные осложнения, типичные для многократно леченых пациентов; они купированы стандартной антимикробной терапией.",
           "Непрерывная инфузия проводилась с помощью портативных помп, что после первой недели каждого курса позволило продолжить лечение амбулаторно.",
           "Неврологических событий не отмечено, возможно, благодаря профилактическому назначению дексаметазона перед эскалацией дозы.",
           "Ограничения единичного наблюдения очевидны: результат нельзя обобщать, а отбор пациентов для иммунотерапии должен соответствовать действующим рекомендациям [{cite}].",
           "Тем не менее случай показывает, что даже после множественных рецидивов возможно достижение длительной ремиссии при своевременном доступе к современным препаратам.",
           "Дальнейшее наблюдение запланировано каждые три месяца с исследованием костного мозга и мониторингом МОБ методом проточной цитометрии (чувствительность 10⁻⁴)."],
    "kk": ["Біздің науқаста жауап бірінші курстан кейін алынып, {k} консолидация курсы бойы сақталды, бұл тіркеу зерттеуінің нәтижелеріне сәйкес келеді [{cite}].",
           "Бірінші циклдан кейінгі МҚА-теріс нәтиже ұзақ өмір сүрудің ең маңызды болжамдық белгісі болып табылады.",
           "{g} дәрежелі цитокин бөліну синдромы {d}-ші күні дамып, тоцилизумабты бір рет енгізгеннен кейін 48 сағат ішінде басылды.",
           "Науқас бұған дейін {n} емдеу желісін, оның ішінде жоғары дозалы химиотерапияны алған.",
           "Емдеу мемлекеттік онкологиялық көмек бағдарламасы аясында жүргізілді; препаратты «Қазақстан халқына» қоры ұсынды.",
           "Негізгі клиникалық мәселе инфекциялық асқынулар болды, олар стандартты микробқа қарсы еммен басылды.",
           "Жалғыз жағдайдың шектеулері анық: нәтижені жалпылауға болмайды [{cite}].",
           "Соған қарамастан, бұл жағдай заманауи препараттар уақытында қолжетімді болса, ұзақ ремиссияға қол жеткізуге болатынын көрсетеді."],
}
CONCLUSION = {
    "en": ["In this case, {agent} achieved rapid and sustained MRD-negative remission in a patient with {disease}, refractory to intensive chemotherapy.",
           "This confirms the high clinical value of the drug as a “bridge” to transplantation, or as a standalone therapeutic option in this patient category.",
           "Early access to immunotherapy should be considered for every patient with a second relapse."],
    "ru": ["В данном случае {agent} позволил достичь быстрой и стойкой МОБ-негативной ремиссии у пациента с {disease}, рефрактерным к интенсивной химиотерапии.",
           "Это подтверждает высокую клиническую ценность препарата как «моста» к трансплантации или как самостоятельной терапевтической опции.",
           "Ранний доступ к иммунотерапии следует рассматривать для каждого пациента со вторым рецидивом."],
    "kk": ["Бұл жағдайда {agent} қарқынды химиотерапияға төзімді {disease} бар науқаста жылдам әрі тұрақты ремиссияға қол жеткізді.",
           "Бұл препараттың трансплантацияға дейінгі «көпір» ретінде жоғары клиникалық құндылығын растайды."],
}
PERSPECTIVE = {
    "en": "The patient said: “After three relapses I did not believe anything would work. Being treated at home with the pump between visits let me keep studying.”",
    "ru": "Пациент отметил: «После трёх рецидивов я уже не верил, что что-то поможет. Лечение дома с помпой между визитами позволило мне продолжить учёбу».",
    "kk": "Науқас былай деді: «Үш рецидивтен кейін ештеңе көмектеседі деп сенбедім. Үйде помпамен емделу оқуымды жалғастыруға мүмкіндік берді».",
}
CONSENT = {
    "en": "Written informed consent for publication was obtained from the patient.",
    "ru": "От пациента получено письменное информированное согласие на публикацию.",
    "kk": "Жариялауға науқастан жазбаша ақпараттандырылған келісім алынды.",
}
CONTEXT = {
    "en": "The patient received the drug via the “Kazakhstan Khalkyna” Fund as part of the state cancer care program. Treatment carried out at the {centre} ({city}).",
    "ru": "Препарат получен через Фонд «Қазақстан халқына» в рамках государственной программы онкологической помощи. Лечение проведено в {centre} ({city}).",
    "kk": "Препарат мемлекеттік онкологиялық көмек бағдарламасы аясында «Қазақстан халқына» қоры арқылы алынды. Емдеу {centre} ({city}) жүргізілді.",
}
JOURNALS = ["N Engl J Med", "Lancet Oncol", "Blood", "J Clin Oncol", "Leukemia", "Haematologica", "Br J Haematol",
            "Blood Adv", "Bone Marrow Transplant", "Гематология и трансфузиология", "Онкогематология", "Клиническая онкогематология"]
TITLE_WORDS = ["versus chemotherapy for advanced", "in relapsed or refractory", "long-term outcomes of", "minimal residual disease in",
               "safety and activity of", "real-world experience with", "a multicentre, single-arm, phase 2 study of",
               "результаты применения", "эффективность и безопасность", "опыт лечения"]
KEYWORDS = {"en": ["case report", "relapse", "immunotherapy", "minimal residual disease", "transplantation", "targeted therapy",
                   "CAR-T", "toxicity", "Kazakhstan"],
            "ru": ["клинический случай", "рецидив", "иммунотерапия", "минимальная остаточная болезнь", "трансплантация",
                   "таргетная терапия", "токсичность", "Казахстан"],
            "kk": ["клиникалық жағдай", "рецидив", "иммунотерапия", "минималды қалдық ауру", "трансплантация", "Қазақстан"]}


# ----- the cases ------------------------------------------------------------------------------------
def _rng(seed: int, index: int) -> random.Random:
    return random.Random(f"casedesk-bench/{GENERATOR_VERSION}/{seed}/{index}")


def _date(rng: random.Random, start: dt.date, end: dt.date, precision: str = "any") -> tuple[PartialDate, dt.date]:
    """A partial date between start and end (at the precision asked, or a mix), and the day it stands for."""
    end = max(start, min(end, LATEST))
    day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
    if precision == "any":
        precision = rng.choices(["day", "month", "year"], weights=[6, 3, 1])[0]
    if precision == "year":
        return PartialDate(day.year), day
    if precision == "month":
        return PartialDate(day.year, day.month), day
    return PartialDate(day.year, day.month, day.day), day


def _person(rng: random.Random, cyrillic: bool) -> str:
    initials = rng.sample(INITIALS, rng.choice([1, 2, 2, 2]))
    surname = rng.choice(SURNAMES)
    index = 1 if cyrillic else 0
    return "".join(i[index] for i in initials) + " " + surname[index]


def _sentences(
    rng: random.Random, bank: list[str], low: int, high: int, cite: Callable[[], str] | None = None, **values: object
) -> str:
    """low to high sentences of `bank`, in the bank's order; citations from `cite`, or none."""
    count = min(len(bank), rng.randint(low, high))
    chosen = sorted(rng.sample(range(len(bank)), count))
    return " ".join(
        bank[i].replace(" [{cite}]", f" [{cite()}]" if cite else "").format(**values) for i in chosen
    )


def make_case(index: int, seed: int = 1) -> Case:
    """Case number `index` of `seed`: the same record every time."""
    rng = _rng(seed, index)
    lang = rng.choices(["en", "ru", "kk"], weights=[6, 3, 1])[0]
    cyr = lang != "en"
    side = 1 if cyr else 0
    disease = rng.choice(DISEASES)
    agent, dose, route = rng.choice(disease["agents"])
    dname = disease["name"][lang]
    lines = rng.randint(1, 4)

    # publication: institutions first, then authors who name them
    places = rng.sample(INSTITUTIONS, rng.choices([1, 2, 3, 4], weights=[5, 3, 2, 1])[0])
    affiliations = []
    for n, place in enumerate(places, start=1):
        department = rng.choice(DEPARTMENTS)[side]
        affiliations.append(Affiliation(key=f"a{n}", institution=place[side], department=department,
                                        city=place[2 + side], country=place[4 + side]))
    authors = []
    for n in range(rng.randint(3, 12)):
        keys = tuple(sorted(rng.sample([a.key for a in affiliations], rng.choice([1, 1, 1, 2]) if len(affiliations) > 1 else 1)))
        name = _person(rng, cyr)
        email = f"{name.split()[-1].lower()}{rng.randint(1, 99)}@mail.kz" if n == 0 and not cyr else ""
        if n == 0 and cyr:
            email = f"author{index}.{rng.randint(10, 99)}@mail.ru"
        orcid = f"0000-000{rng.randint(1, 3)}-{rng.randint(1000, 9999)}-{rng.randint(100, 999)}X" if rng.random() < 0.3 else ""
        authors.append(Author(name=name, affiliations=keys, corresponding=n == 0, email=email, orcid=orcid))

    conf = rng.choice(CONFERENCES)
    vstart, vday = _date(rng, dt.date(2019, 1, 1), dt.date(2025, 11, 1), "day")
    last_day = vday + dt.timedelta(days=rng.randint(1, 4))
    vend = PartialDate(last_day.year, last_day.month, last_day.day)
    venue = Venue(kind=VenueKind.CONFERENCE, name=conf[0], edition=conf[1], start=vstart, end=vend, city=conf[2],
                  country=conf[3], proceedings=f"Proceedings of {conf[1]} “{conf[0]}”" if rng.random() < 0.5 else "")
    who = rng.choice(WHO[lang])
    extent = rng.choice(EXTENT[lang])
    title = rng.choice(TITLES[lang]).format(
        agent=agent, who=who, extent=extent,
        disease=dname.title() if lang == "en" else dname, n=lines + 1)
    keywords = tuple(rng.sample(KEYWORDS[lang], rng.randint(3, 6)))
    publication = Publication(
        title=title, authors=tuple(authors), affiliations=tuple(affiliations), venue=venue,
        licence=Licence(spdx=rng.choice(["CC-BY-4.0", "CC-BY-4.0", "CC-BY-NC-4.0", ""])), keywords=keywords,
        language=lang, venue_profile=conf[4] if rng.random() < 0.5 else "",
    )

    # patient, diagnosis and history, in order of time
    birth = rng.randint(1945, 2014)
    onset_from = dt.date(max(birth + 1, 2000), 1, 1)
    onset, onset_day = _date(rng, onset_from, dt.date(2016, 12, 31), rng.choice(["month", "month", "day", "year"]))
    label = rng.choice([f"{rng.choice(INITIALS)[side]}", f"{rng.choice(INITIALS)[side]}{rng.choice(INITIALS)[side]}",
                        f"Patient {index}" if not cyr else f"Пациент {index}"])
    patient = Patient(label=label, birth_year=birth, sex=rng.choice([Sex.FEMALE, Sex.MALE, Sex.UNKNOWN]),
                      background=rng.choice(["", "no relevant comorbidities", "arterial hypertension", "сахарный диабет 2 типа"]) if rng.random() < 0.5 else "")
    diagnosis = Diagnosis(text=disease["short"][lang], details=rng.choice(disease["details"]), onset=onset,
                          first_protocol=rng.choice(disease["protocols"]),
                          first_response=rng.choice(["remission from day 33", "complete remission", "partial response",
                                                     "ремиссия с 33-го дня", "полная ремиссия"]))
    history = []
    day = onset_day
    for n in range(lines):
        date, day = _date(rng, day + dt.timedelta(days=120), day + dt.timedelta(days=700), rng.choice(["year", "month", "month", "day"]))
        kind = rng.choice([EventKind.RELAPSE, EventKind.RELAPSE, EventKind.REMISSION, EventKind.PROCEDURE, EventKind.HOSPITALISATION])
        text = f"{rng.choice(disease['protocols'])} → {rng.choice(STATUSES[lang])}"
        if kind is EventKind.RELAPSE:
            text = f"{rng.choice(['84.6', '32', '12.5', '67'])}% blasts, {'refractory to' if lang == 'en' else 'рефрактерность к'} {rng.choice(disease['protocols'])}"
        wording = f"{n + 1}{'st' if n == 0 else 'nd' if n == 1 else 'rd' if n == 2 else 'th'} relapse—{date.iso()}, {text}." if rng.random() < 0.2 else ""
        history.append(HistoryEvent(date=date, kind=kind, site=rng.choice(SITES[lang]), text=text, wording=wording))

    # treatment: courses one after another, each with several assessments
    courses = []
    phases = PHASES[lang]
    first = rng.randint(0, 2)
    for n in range(rng.randint(2, 6)):
        start, start_day = _date(rng, day + dt.timedelta(days=7), day + dt.timedelta(days=60), "day")
        end, day = _date(rng, start_day + dt.timedelta(days=6), start_day + dt.timedelta(days=35), "day")
        assessments = []
        for _ in range(rng.randint(2, 5)):
            measure, method, sensitivity, values, unit = rng.choice(disease["measures"])
            value = rng.choice(values)
            adate = _date(rng, day, day + dt.timedelta(days=3), "day")[0] if rng.random() < 0.6 else None
            text = f"{measure} {value}{unit} ({method})" if rng.random() < 0.2 else ""
            assessments.append(Assessment(date=adate, measure=measure, value=value,
                                          unit=unit if value[:1].isdigit() or value[:1] == "<" else "",
                                          method=method, sensitivity=sensitivity, text=text))
        courses.append(Course(
            name=f"{phases[min(first + n, len(phases) - 1)]}{'' if rng.random() < 0.7 else ' (' + agent + ')'}",
            start=start, end=end, agent=agent, dose=dose if rng.random() < 0.6 else "", route=route if rng.random() < 0.6 else "",
            schedule=rng.choice(["", "", f"{agent} monotherapy at standard dose escalation", "28 days on, 14 days off"]),
            tolerability=rng.choice(["", "", "moderate headaches and bone pain, managed by analgesics",
                                     "хорошая переносимость", "жақсы көтерді"]),
            assessments=tuple(assessments),
            wording="" if rng.random() < 0.9 else f"{phases[min(first + n, len(phases) - 1)]} — {agent}, {dose}.",
        ))
    additional = tuple(
        AdditionalTherapy(text=rng.choice([
            "CNS leukemia prophylaxis with triple therapy (methotrexate, cytarabine, dexamethasone)",
            "антибактериальная и противогрибковая профилактика", "G-CSF support", "трансфузионная поддержка",
            "allogeneic HSCT from a matched unrelated donor"]))
        for _ in range(rng.randint(0, 2))
    )
    centre = places[0][side]
    treatment = Treatment(
        heading=f"{agent[:1].upper()}{agent[1:]} {'Immunotherapy' if lang == 'en' else 'терапия' if lang == 'ru' else 'емі'}",
        context=CONTEXT[lang].format(centre=centre, city=places[0][2 + side]) if rng.random() < 0.7 else "",
        courses=tuple(courses), additional=additional,
    )

    # outcomes
    adverse = []
    for term in rng.sample(ADVERSE_EVENTS, rng.randint(1, 5)):
        name = term[0] if lang == "en" else term[1] if lang == "ru" else term[2]
        adverse.append(AdverseEvent(term=name, grade=rng.choices([None, 1, 2, 3, 4, 5], weights=[2, 4, 5, 4, 2, 0.2])[0],
                                    ctcae_version=rng.choice(["5.0", "5.0", "4.03", ""]),
                                    management=term[3] if lang == "en" else term[4],
                                    outcome=rng.choice(OUTCOMES[lang])))
    follow_ups = []
    for _ in range(rng.randint(1, 4)):
        date, day = _date(rng, day + dt.timedelta(days=30), day + dt.timedelta(days=120), rng.choice(["month", "month", "day"]))
        follow_ups.append(FollowUp(date=date, status=rng.choice(STATUSES[lang]),
                                   measures=rng.choice(["MRD negative (0.000% by IHC)", "BCR-ABL1 0.0032% (MR4.5)",
                                                        "PET-CT Deauville 2", "МОБ отрицательная", "M-protein not detected", ""])))
    outcome = Outcome(
        statement=rng.choice(["", "", "The patient remains in remission.", "Пациент остаётся в ремиссии."]),
        toxicity=rng.choice(["", "Throughout all courses—no grade ≥3 hematologic toxicity.", "Гематологической токсичности ≥3 степени не отмечено."]),
        complications=rng.choice(["", "Complications: isolated infections, managed by standard therapy."]),
        follow_ups=tuple(follow_ups),
    )

    # references, then narratives that cite them
    references = []
    for _ in range(rng.randint(2, 12)):
        first_author = rng.choice(SURNAMES)[0 if rng.random() < 0.8 else 1]
        year = rng.randint(2005, 2025)
        others = ", ".join(f"{rng.choice(SURNAMES)[0]} {rng.choice(INITIALS)[0].rstrip('.')}" for _ in range(rng.randint(1, 3)))
        journal = rng.choice(JOURNALS)
        citation = (f"{first_author} {rng.choice(INITIALS)[0].rstrip('.')}, {others}, et al. "
                    f"{rng.choice(TITLE_WORDS).capitalize()} {dname}. {journal}. {year};{rng.randint(1, 140)}"
                    f"({rng.randint(1, 24)}):{rng.randint(1, 900)}-{rng.randint(901, 2000)}.")
        references.append(Reference(citation=citation, label=f"{first_author} et al., {year}",
                                    doi=f"10.{rng.randint(1000, 9999)}/{rng.choice(['NEJMoa', 'blood', 'S1470-2045', 'hae'])}.{rng.randint(10000, 99999)}" if rng.random() < 0.8 else "",
                                    pmid=str(rng.randint(10_000_000, 39_999_999)) if rng.random() < 0.4 else ""))

    def cite() -> str:
        return "; ".join(r.label for r in rng.sample(references, min(len(references), rng.randint(1, 2))))

    values = {"agent": agent, "disease": dname, "Disease": dname[:1].upper() + dname[1:], "n": lines, "k": len(courses) - 1,
              "pct": rng.randint(10, 30), "g": rng.randint(1, 3), "d": rng.randint(2, 21), "m": rng.randint(12, 36)}
    intro = _sentences(rng, INTRODUCTION[lang], 4, 7, cite, **values)
    discussion = _sentences(rng, DISCUSSION[lang], 6, 11, cite, **values)
    if rng.random() < 0.5:  # a second paragraph, as long discussions have
        discussion += "\n\n" + _sentences(rng, DISCUSSION[lang], 3, 6, **values)
    narrative = Narrative(
        introduction=intro,
        discussion=discussion,
        conclusion=_sentences(rng, CONCLUSION[lang], 2, 3, **values),
        patient_perspective=PERSPECTIVE[lang] if rng.random() < 0.3 else "",
        informed_consent=CONSENT[lang] if rng.random() < 0.8 else "",
        acknowledgements="We thank the nursing staff of the department." if rng.random() < 0.2 else "",
        case_description=AuthorText(text=_sentences(rng, DISCUSSION[lang], 1, 2, **values) if rng.random() < 0.3 else ""),
    )
    status = rng.choices([CaseStatus.DRAFT, CaseStatus.READY, CaseStatus.SUBMITTED], weights=[6, 2, 2])[0]
    return Case(publication=publication, patient=patient, diagnosis=diagnosis, history=tuple(history), treatment=treatment,
                adverse_events=tuple(adverse), outcome=outcome, narrative=narrative, references=tuple(references), status=status)


def make_cases(count: int, seed: int = 1, start: int = 0) -> Iterator[Case]:
    for index in range(start, start + count):
        yield make_case(index, seed)


# ----- built libraries and files, cached ---------------------------------------------------------------
def _schema_key() -> str:
    try:
        from casedesk.store import head_revision

        return head_revision()
    except Exception:  # noqa: BLE001 - a store being changed must not stop the benchmarks from building data
        return "unknown"


def library_path(count: int, seed: int = 1) -> Path:
    return CACHE / f"library-n{count}-s{seed}-g{GENERATOR_VERSION}-r{_schema_key()}" / "casedesk.sqlite3"


def case_file_path(count: int, seed: int = 1) -> Path:
    return CACHE / f"cases-n{count}-s{seed}-g{GENERATOR_VERSION}.casedesk.json"


def build_library(count: int, seed: int = 1, *, batch: int = 200, progress: Callable[[int, int], None] | None = None) -> Path:
    """A SQLite library of `count` generated cases (ids 1..count in generation order), built once
    and kept in the cache; returns its file. The cases' last-change times spread over two years."""
    target = library_path(count, seed)
    if target.is_file():
        return target
    from casedesk.store import open_store

    building = target.parent.with_name(target.parent.name + f".building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    batches = max(1, -(-count // batch))
    moment = [dt.datetime(2025, 6, 30, 12, 0, tzinfo=dt.UTC) - dt.timedelta(hours=7 * batches)]

    def clock() -> dt.datetime:  # each batch a little later than the one before
        moment[0] += dt.timedelta(hours=7)
        return moment[0]

    store = open_store(f"sqlite:///{building / 'casedesk.sqlite3'}", clock=clock, daily_backup=False)
    try:
        done = 0
        while done < count:
            size = min(batch, count - done)
            store.add_many(list(make_cases(size, seed, start=done)))
            done += size
            if progress:
                progress(done, count)
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    for leftover in building.glob("casedesk.sqlite3-*"):  # an empty WAL after the checkpoint
        leftover.unlink()
    shutil.rmtree(building / "backups", ignore_errors=True)
    target.parent.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(target.parent, ignore_errors=True)
    building.rename(target.parent)
    return target


def build_case_file(count: int, seed: int = 1) -> Path:
    """A .casedesk.json file of `count` generated cases, built once and kept in the cache."""
    target = case_file_path(count, seed)
    if target.is_file():
        return target
    from casedesk.exchange import write_case_file

    target.parent.mkdir(parents=True, exist_ok=True)
    write_case_file(list(make_cases(count, seed)), target)
    return target


def copy_library(source: Path, folder: Path) -> Path:
    """A fresh data folder holding a copy of the library `source` (the cached one stays untouched)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    target = folder / "casedesk.sqlite3"
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("library", "case-file", "show"))
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.what == "show":
        from casedesk.exchange import dump_case_file

        print(dump_case_file(list(make_cases(args.count, args.seed))))
        return 0
    started = time.perf_counter()
    if args.what == "library":
        path = build_library(args.count, args.seed, progress=lambda done, total: print(f"\r{done}/{total} cases", end="", file=sys.stderr))
        print(file=sys.stderr)
    else:
        path = build_case_file(args.count, args.seed)
    print(f"ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
