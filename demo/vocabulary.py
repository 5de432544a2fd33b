"""Words and sentence templates for generated welfare-innovation text in Danish, Swedish
and English.

Templates name slots in braces. A slot is filled from the record's own context first (the
initiative's solution, target group and place, a learning's barrier category) and
otherwise from the language's pool of the same name in SLOTS. Nouns appear in several
inflected forms (familie/familien/familier/familierne, måltid/måltider/måltiderne,
ensamhet/ensamma), so full-text search with stemming has something to do.

The target-group keys are the values of initiatives.choices.TargetGroup, the barrier keys
those of evaluation.choices.BarrierCategory, the value domains those of ValueDomain;
tests/test_generate_scale_data.py checks that they stay in step.
"""

# --- places -----------------------------------------------------------------------------

# Danish kommunekoder (three digits) and names.
DANISH_MUNICIPALITIES = [
    ("101", "København"), ("147", "Frederiksberg"), ("151", "Ballerup"), ("153", "Brøndby"),
    ("155", "Dragør"), ("157", "Gentofte"), ("159", "Gladsaxe"), ("161", "Glostrup"),
    ("163", "Herlev"), ("165", "Albertslund"), ("167", "Hvidovre"), ("169", "Høje-Taastrup"),
    ("173", "Lyngby-Taarbæk"), ("175", "Rødovre"), ("183", "Ishøj"), ("185", "Tårnby"),
    ("187", "Vallensbæk"), ("190", "Furesø"), ("201", "Allerød"), ("210", "Fredensborg"),
    ("217", "Helsingør"), ("219", "Hillerød"), ("223", "Hørsholm"), ("230", "Rudersdal"),
    ("240", "Egedal"), ("250", "Frederikssund"), ("253", "Greve"), ("259", "Køge"),
    ("260", "Halsnæs"), ("265", "Roskilde"), ("269", "Solrød"), ("270", "Gribskov"),
    ("306", "Odsherred"), ("316", "Holbæk"), ("320", "Faxe"), ("326", "Kalundborg"),
    ("329", "Ringsted"), ("330", "Slagelse"), ("336", "Stevns"), ("340", "Sorø"),
    ("350", "Lejre"), ("360", "Lolland"), ("370", "Næstved"), ("376", "Guldborgsund"),
    ("390", "Vordingborg"), ("400", "Bornholm"), ("410", "Middelfart"), ("420", "Assens"),
    ("430", "Faaborg-Midtfyn"), ("440", "Kerteminde"), ("450", "Nyborg"), ("461", "Odense"),
    ("479", "Svendborg"), ("480", "Nordfyns"), ("482", "Langeland"), ("492", "Ærø"),
    ("510", "Haderslev"), ("530", "Billund"), ("540", "Sønderborg"), ("550", "Tønder"),
    ("561", "Esbjerg"), ("563", "Fanø"), ("573", "Varde"), ("575", "Vejen"),
    ("580", "Aabenraa"), ("607", "Fredericia"), ("615", "Horsens"), ("621", "Kolding"),
    ("630", "Vejle"), ("657", "Herning"), ("661", "Holstebro"), ("665", "Lemvig"),
    ("671", "Struer"), ("706", "Syddjurs"), ("707", "Norddjurs"), ("710", "Favrskov"),
    ("727", "Odder"), ("730", "Randers"), ("740", "Silkeborg"), ("741", "Samsø"),
    ("746", "Skanderborg"), ("751", "Aarhus"), ("756", "Ikast-Brande"), ("760", "Ringkøbing-Skjern"),
    ("766", "Hedensted"), ("773", "Morsø"), ("779", "Skive"), ("787", "Thisted"),
    ("791", "Viborg"), ("810", "Brønderslev"), ("813", "Frederikshavn"), ("820", "Vesthimmerlands"),
    ("825", "Læsø"), ("840", "Rebild"), ("846", "Mariagerfjord"), ("849", "Jammerbugt"),
    ("851", "Aalborg"), ("860", "Hjørring"),
]

# Swedish kommunkoder (four digits: county and municipality) and names.
SWEDISH_MUNICIPALITIES = [
    ("0114", "Upplands Väsby"), ("0115", "Vallentuna"), ("0117", "Österåker"), ("0120", "Värmdö"),
    ("0123", "Järfälla"), ("0125", "Ekerö"), ("0126", "Huddinge"), ("0127", "Botkyrka"),
    ("0136", "Haninge"), ("0138", "Tyresö"), ("0160", "Täby"), ("0163", "Sollentuna"),
    ("0180", "Stockholm"), ("0181", "Södertälje"), ("0182", "Nacka"), ("0183", "Sundbyberg"),
    ("0184", "Solna"), ("0186", "Lidingö"), ("0188", "Norrtälje"), ("0191", "Sigtuna"),
    ("0192", "Nynäshamn"), ("0305", "Håbo"), ("0330", "Knivsta"), ("0360", "Tierp"),
    ("0380", "Uppsala"), ("0381", "Enköping"), ("0382", "Östhammar"), ("0428", "Vingåker"),
    ("0461", "Gnesta"), ("0480", "Nyköping"), ("0481", "Oxelösund"), ("0482", "Flen"),
    ("0483", "Katrineholm"), ("0484", "Eskilstuna"), ("0486", "Strängnäs"), ("0488", "Trosa"),
    ("0580", "Linköping"), ("0581", "Norrköping"), ("0582", "Söderköping"), ("0583", "Motala"),
    ("0584", "Vadstena"), ("0586", "Mjölby"), ("0680", "Jönköping"), ("0682", "Nässjö"),
    ("0683", "Värnamo"), ("0686", "Eksjö"), ("0687", "Tranås"), ("0780", "Växjö"),
    ("0781", "Ljungby"), ("0880", "Kalmar"), ("0883", "Västervik"), ("0980", "Gotland"),
    ("1080", "Karlskrona"), ("1082", "Karlshamn"), ("1280", "Malmö"), ("1281", "Lund"),
    ("1282", "Landskrona"), ("1283", "Helsingborg"), ("1286", "Ystad"), ("1287", "Trelleborg"),
    ("1290", "Kristianstad"), ("1380", "Halmstad"), ("1381", "Laholm"), ("1382", "Falkenberg"),
    ("1383", "Varberg"), ("1384", "Kungsbacka"), ("1480", "Göteborg"), ("1481", "Mölndal"),
    ("1482", "Kungälv"), ("1485", "Uddevalla"), ("1488", "Trollhättan"), ("1490", "Borås"),
    ("1494", "Lidköping"), ("1496", "Skövde"), ("1780", "Karlstad"), ("1880", "Örebro"),
    ("1881", "Kumla"), ("1883", "Karlskoga"), ("1904", "Skinnskatteberg"), ("1907", "Surahammar"),
    ("1960", "Kungsör"), ("1961", "Hallstahammar"), ("1962", "Norberg"), ("1980", "Västerås"),
    ("1981", "Sala"), ("1982", "Fagersta"), ("1983", "Köping"), ("1984", "Arboga"),
    ("2080", "Falun"), ("2081", "Borlänge"), ("2180", "Gävle"), ("2184", "Hudiksvall"),
    ("2280", "Härnösand"), ("2281", "Sundsvall"), ("2284", "Örnsköldsvik"), ("2380", "Östersund"),
    ("2480", "Umeå"), ("2482", "Skellefteå"), ("2580", "Luleå"), ("2581", "Piteå"),
    ("2584", "Kiruna"),
]

DANISH_REGIONS = [
    "Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland", "Region Nordjylland",
]
SWEDISH_REGIONS = [
    "Region Stockholm", "Region Uppsala", "Region Sörmland", "Region Östergötland", "Region Jönköpings län",
    "Region Kronoberg", "Region Kalmar län", "Region Gotland", "Region Blekinge", "Region Skåne",
    "Region Halland", "Västra Götalandsregionen", "Region Värmland", "Region Örebro län",
    "Region Västmanland", "Region Dalarna", "Region Gävleborg", "Region Västernorrland",
    "Region Jämtland Härjedalen", "Region Västerbotten", "Region Norrbotten",
]

# --- organisations and people -----------------------------------------------------------

ORGANISATION_NAMES = {
    "DK": {
        "municipality_suffix": " Kommune",
        "state_agency": [
            "Socialstyrelsen", "Sundhedsstyrelsen", "Digitaliseringsstyrelsen", "Sundhedsdatastyrelsen",
            "Styrelsen for Arbejdsmarked og Rekruttering", "Statens Serum Institut",
            "Styrelsen for Patientsikkerhed",
        ],
        "state_agency_local": "{agency}, {place}",
        "knowledge_institution": [
            "Aarhus Universitet", "Københavns Universitet", "Syddansk Universitet", "Aalborg Universitet",
            "Roskilde Universitet", "Copenhagen Business School", "VIA University College",
            "Professionshøjskolen Absalon", "UCL Erhvervsakademi og Professionshøjskole",
            "Københavns Professionshøjskole", "UC SYD", "University College Nordjylland",
            "VIVE – Det Nationale Forsknings- og Analysecenter for Velfærd", "Steno Diabetes Center",
        ],
        "knowledge_unit": "{institution}, Center for {field}",
        "fields": [
            "Velfærdsforskning", "Social Innovation", "Ældreforskning", "Sundhedsfremme", "Demensforskning",
            "Offentlig Innovation", "Familieforskning", "Rehabilitering",
        ],
        "foundation": [
            "TrygFonden", "Velux Fonden", "Nordea-fonden", "A.P. Møller Fonden", "Bikubenfonden",
            "Det Obelske Familiefond", "Helsefonden", "Egmont Fonden", "Ole Kirk's Fond",
        ],
        "foundation_local": ["{place} Sparekasses Fond", "Fonden for Socialt Ansvar i {place}"],
        "company_prefix": ["Nordic ", "Dansk ", "Jysk ", "Fynsk ", "Sjællandsk ", "Nord", ""],
        "company_stem": [
            "Velfærdsteknologi", "Care", "Omsorg", "Tryghed", "Madservice", "Køkken", "Sundhedsdata",
            "Rehab", "Senior", "Hjemmepleje", "Innovation", "Design", "Tech", "Analyse", "Kommunikation",
        ],
        "company_form": [" ApS", " A/S", " I/S"],
        "civil_society": [
            "Frivilligcenter {place}", "Ældre Sagen {place}", "Røde Kors {place}", "Dansk Flygtningehjælp {place}",
            "Demensforeningen {place}", "Pårørendeforeningen i {place}", "SIND {place}",
            "Kirkens Korshær {place}", "Borgerforeningen {place}", "Madklubben {place}",
        ],
        "social_enterprise": [
            "Café {word}", "{word} Socialøkonomisk Virksomhed", "Den Sociale Kantine {place}",
            "Værkstedet {word}",
        ],
        "social_words": ["Trappen", "Broen", "Spiren", "Fristedet", "Kompasset", "Kilden", "Havnen", "Gryden"],
        "domain": "dk",
    },
    "SE": {
        "municipality_suffix": " kommun",
        "state_agency": [
            "Socialstyrelsen", "Vinnova", "Folkhälsomyndigheten", "Arbetsförmedlingen", "Försäkringskassan",
            "E-hälsomyndigheten", "Myndigheten för vård- och omsorgsanalys", "Inspektionen för vård och omsorg",
        ],
        "state_agency_local": "{agency} {place}",
        "knowledge_institution": [
            "Mälardalens universitet", "Uppsala universitet", "Lunds universitet", "Göteborgs universitet",
            "Karolinska Institutet", "Linköpings universitet", "Umeå universitet", "Örebro universitet",
            "Malmö universitet", "Stockholms universitet", "Jönköping University", "Högskolan Dalarna",
            "Högskolan i Gävle", "Linnéuniversitetet", "RISE Research Institutes of Sweden",
        ],
        "knowledge_unit": "{institution}, Centrum för {field}",
        "fields": [
            "välfärdsforskning", "social innovation", "äldreforskning", "hälsofrämjande", "demensforskning",
            "offentlig innovation", "familjeforskning", "rehabilitering",
        ],
        "foundation": [
            "Allmänna arvsfonden", "Postkodstiftelsen", "Familjen Kamprads stiftelse", "Stiftelsen Silviahemmet",
            "Kempestiftelserna", "Ica-stiftelsen", "Stiftelsen Äldrecentrum",
        ],
        "foundation_local": ["Sparbanksstiftelsen {place}", "Stiftelsen {place}s framtid"],
        "company_prefix": ["Nordisk ", "Svensk ", "Mälardalens ", "Västsvensk ", "Norrländsk ", "Nord", ""],
        "company_stem": [
            "Välfärdsteknik", "Care", "Omsorg", "Trygghet", "Matservice", "Kök", "Hälsodata", "Rehab",
            "Senior", "Hemtjänst", "Innovation", "Design", "Tech", "Analys", "Kommunikation",
        ],
        "company_form": [" AB", " HB"],
        "civil_society": [
            "Röda Korset {place}", "PRO {place}", "SPF Seniorerna {place}", "Demensföreningen i {place}",
            "Anhörigföreningen {place}", "Föreningen Mind {place}", "Stadsmissionen {place}",
            "Volontärbyrån {place}", "Hyresgästföreningen {place}", "Manskören {place}",
        ],
        "social_enterprise": [
            "Socialt företag {word}", "Kooperativet {word}", "Arbetsintegrerande {word}", "Caféet {word} i {place}",
        ],
        "social_words": ["Trappan", "Bron", "Groddarna", "Fristaden", "Kompassen", "Källan", "Hamnen", "Grytan"],
        "domain": "se",
    },
}

# A few organisations from outside Denmark and Sweden, without an official identifier.
FOREIGN_ORGANISATIONS = [
    ("University of Kent", "GB", "knowledge_institution"),
    ("Kent County Council", "GB", "region"),
    ("Nesta", "GB", "foundation"),
    ("OsloMet – storbyuniversitetet", "NO", "knowledge_institution"),
    ("Sitra", "FI", "foundation"),
    ("Helsingin yliopisto", "FI", "knowledge_institution"),
]

FIRST_NAMES = {
    "DK": [
        "Anne", "Mette", "Kirsten", "Hanne", "Helle", "Susanne", "Lene", "Maria", "Louise", "Camilla", "Line",
        "Sofie", "Ida", "Emma", "Karen", "Pia", "Bente", "Signe", "Maja", "Freja", "Ulla", "Christa", "Jens",
        "Peter", "Lars", "Michael", "Henrik", "Søren", "Thomas", "Jesper", "Martin", "Rasmus", "Mads",
        "Anders", "Niels", "Christian", "Morten", "Frederik", "Jonas", "Mikkel", "Paul", "Bjørn",
    ],
    "SE": [
        "Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Sara", "Emma", "Elin", "Ida", "Petra",
        "Marianne", "Christine", "Lucia", "Jenny", "Ingrid", "Astrid", "Sofia", "Linnea", "Maja", "Hanna",
        "Johan", "Erik", "Lars", "Karl", "Anders", "Per", "Mikael", "Peter", "Magnus", "Fredrik", "Daniel",
        "Oskar", "Gustav", "Nils", "Björn", "Åsa", "Göran",
    ],
    "XX": ["Emma", "Oliver", "Sarah", "James", "Amelia", "Harry", "Olivia", "Jack", "Kari", "Ola", "Aino", "Mikko"],
}
LAST_NAMES = {
    "DK": [
        "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
        "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen",
        "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Frederiksen", "Laursen",
        "Toft", "Bloch", "Holm", "Bach", "Lund", "Dahl", "Skov", "Vestergaard", "Kjær", "Bruun",
    ],
    "SE": [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
        "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg",
        "Lindström", "Lindqvist", "Berg", "Bergström", "Lundgren", "Holm", "Sandberg", "Forsberg",
        "Sjöberg", "Wallin", "Engström", "Ek", "Åberg", "Nyström",
    ],
    "XX": ["Barrett", "Smith", "Jones", "Taylor", "Brown", "Hansen", "Berg", "Virtanen", "Korhonen", "Evans"],
}

# --- networks, themes, missions ---------------------------------------------------------

NETWORKS = [
    ("Netværk for Systematisk Velfærdsinnovation", "DK",
     "Ledere og fagprofessionelle på tværs af regioner, kommuner, vidensinstitutioner og civilsamfund."),
    ("Samhällskontraktet", "SE",
     "Kommuner, region, akademi, civilsamhälle och näringsliv som tillsammans tar sig an samhällsutmaningar."),
    ("Midtlab – Netværk for Social Innovation", "DK",
     "Et netværk, der fremmer social innovation, bæredygtige forretningsmodeller og partnerskaber."),
    ("Välfärdsinnovation Mälardalen", "SE",
     "Ett nätverk för samskapande välfärdsinnovation mellan kommuner och region i Mälardalen."),
    ("Sund By Netværket – Fællesskab og Sundhed", "DK",
     "Kommuner, der arbejder med sundhed, fællesskaber og lokalsamfund."),
    ("Nära vård-nätverket Sörmland", "SE",
     "Ett nätverk för nära vård, trygghet och äldreomsorg i hemmet."),
]
EXTRA_NETWORK_PATTERNS = {
    "DK": "Velfærdsnetværk {region}",
    "SE": "Innovationsnätverk {region}",
}

THEMES = {
    "da": [
        ("Udsatte familier", "Sammenhæng i indsatserne for familier med flere udfordringer på én gang.",
         ["vulnerable_families", "pregnant_vulnerable", "children_young"]),
        ("Ældre og ensomhed", "Fællesskaber, måltider og tryghed for ældre, der bor alene.",
         ["older_alone", "older_people"]),
        ("Demens", "Et godt liv med demens, for borgeren og de pårørende.", ["dementia", "carers"]),
        ("Misbrug og psykisk sygdom", "Koordinerede indsatser på tværs af kommune og region.",
         ["dual_diagnosis", "vulnerable_young"]),
        ("Sårbare unge", "Unge i mistrivsel, på vej mod uddannelse, job og fællesskab.",
         ["vulnerable_young", "unemployed", "children_young"]),
        ("Multisygdom og komplekse forløb", "Borgere med flere kroniske sygdomme og mange aktører omkring sig.",
         ["multimorbidity", "older_people"]),
        ("Måltider og fællesskab", "Mad, måltider og fællesspisning som vej til trivsel.",
         ["older_people", "older_alone", "local_community"]),
        ("Lokalsamfund og samskabelse", "Civilsamfundets ressourcer og nye roller for medarbejderne.",
         ["local_community", "migrants", "frontline_staff"]),
    ],
    "sv": [
        ("Familjer i utsatthet", "Sammanhållna insatser för familjer med flera utmaningar samtidigt.",
         ["vulnerable_families", "pregnant_vulnerable", "children_young"]),
        ("Äldre och ensamhet", "Gemenskap, måltider och trygghet för äldre som bor ensamma.",
         ["older_alone", "older_people"]),
        ("Demens", "Ett gott liv med demenssjukdom, för den enskilde och de anhöriga.", ["dementia", "carers"]),
        ("Missbruk och psykisk ohälsa", "Samordnade insatser mellan kommun och region.",
         ["dual_diagnosis", "vulnerable_young"]),
        ("Unga i utanförskap", "Unga som mår dåligt, på väg mot studier, arbete och gemenskap.",
         ["vulnerable_young", "unemployed", "children_young"]),
        ("Nära vård", "Trygg vård i hemmet för personer med flera kroniska sjukdomar.",
         ["multimorbidity", "older_people"]),
        ("Måltider och gemenskap", "Mat, måltider och möten som väg till välbefinnande.",
         ["older_people", "older_alone", "local_community"]),
        ("Lokalsamhälle och samskapande", "Civilsamhällets resurser och nya roller för medarbetarna.",
         ["local_community", "migrants", "frontline_staff"]),
    ],
    "en": [
        ("Vulnerable families", "Joined-up support for families facing several problems at once.",
         ["vulnerable_families", "pregnant_vulnerable", "children_young"]),
        ("Older people and loneliness", "Community, meals and safety for older people living alone.",
         ["older_alone", "older_people"]),
        ("Dementia", "Living well with dementia, for the person and their carers.", ["dementia", "carers"]),
        ("Addiction and mental illness", "Coordinated support across municipality and region.",
         ["dual_diagnosis", "vulnerable_young"]),
        ("Young people at risk", "Young people on their way to education, work and community.",
         ["vulnerable_young", "unemployed", "children_young"]),
    ],
}

MISSIONS = {
    "da": [
        ("At skabe sammenhæng i indsatserne for udsatte familier", ["vulnerable_families", "children_young"]),
        ("Tidlige indsatser for gravide med sårbarheder og deres familier",
         ["pregnant_vulnerable", "vulnerable_families"]),
        ("Ingen ældre skal være ufrivilligt ensomme", ["older_alone", "older_people"]),
        ("Et godt liv med demens i eget hjem", ["dementia", "carers"]),
        ("Sammenhængende hjælp til borgere med misbrug og psykisk sygdom", ["dual_diagnosis"]),
        ("Sårbare unge i uddannelse og job", ["vulnerable_young", "unemployed"]),
        ("Gode måltider og fællesskab for ældre", ["older_people", "older_alone"]),
        ("Tryghed i eget hjem for borgere med multisygdom", ["multimorbidity", "older_people"]),
        ("Pårørende som ligeværdige partnere", ["carers", "dementia"]),
        ("Stærke lokalsamfund, hvor alle kan bidrage", ["local_community", "migrants"]),
    ],
    "sv": [
        ("Ingen äldre ska behöva vara ofrivilligt ensam", ["older_alone", "older_people"]),
        ("Trygg och nära vård för äldre i hemmet", ["older_people", "multimorbidity"]),
        ("Sammanhållna insatser för familjer i utsatthet", ["vulnerable_families", "children_young"]),
        ("Tidiga insatser för gravida i utsatthet", ["pregnant_vulnerable", "vulnerable_families"]),
        ("Ett gott liv med demenssjukdom", ["dementia", "carers"]),
        ("Samordnat stöd vid missbruk och psykisk ohälsa", ["dual_diagnosis"]),
        ("Unga i utanförskap ska hitta vägar till studier och arbete", ["vulnerable_young", "unemployed"]),
        ("Måltider och möten för seniorer", ["older_people", "older_alone"]),
        ("Anhöriga som en del av vården och omsorgen", ["carers", "dementia"]),
        ("Starka lokalsamhällen där alla kan bidra", ["local_community", "migrants"]),
    ],
    "en": [
        ("Joined-up support for vulnerable families", ["vulnerable_families", "children_young"]),
        ("No older person should be lonely against their will", ["older_alone", "older_people"]),
        ("Living well with dementia at home", ["dementia", "carers"]),
        ("Young people into education and work", ["vulnerable_young", "unemployed"]),
    ],
}

PORTFOLIO_CATEGORY_NAMES = {
    "da": {
        "culture": "Kultur og kompetencer", "procurement": "Indkøb og udbud", "policy": "Politik",
        "legislation": "Lovgivning", "service": "Service", "organisation": "Organisation",
        "technology": "Teknologi", "financing": "Finansiering",
    },
    "sv": {
        "culture": "Kultur och förmågor", "procurement": "Upphandling", "policy": "Policy",
        "legislation": "Lagstiftning", "service": "Tjänster", "organisation": "Organisation",
        "technology": "Teknik", "financing": "Finansiering",
    },
    "en": {
        "culture": "Culture and capabilities", "procurement": "Procurement", "policy": "Policy",
        "legislation": "Legislation", "service": "Service", "organisation": "Organisation",
        "technology": "Technology", "financing": "Financing",
    },
}

# (name, unit, baseline range, whether the target is above the baseline)
INDICATORS = {
    "da": [
        ("Antal deltagere", "personer", (5, 60), True),
        ("Andel der oplever mindre ensomhed", "%", (10, 40), True),
        ("Genindlæggelser", "pr. måned", (5, 30), False),
        ("Ventetid på første samtale", "dage", (10, 60), False),
        ("Tilknyttede frivillige", "personer", (2, 25), True),
        ("Tilfredshed med måltiderne", "skala 1-5", (2, 4), True),
        ("Udgifter til hjemmepleje", "kr. pr. borger", (1000, 6000), False),
        ("Faldulykker", "pr. kvartal", (3, 20), False),
    ],
    "sv": [
        ("Antal deltagare", "personer", (5, 60), True),
        ("Andel som upplever mindre ensamhet", "%", (10, 40), True),
        ("Återinläggningar", "per månad", (5, 30), False),
        ("Väntetid till första samtal", "dagar", (10, 60), False),
        ("Engagerade volontärer", "personer", (2, 25), True),
        ("Nöjdhet med måltiderna", "skala 1-5", (2, 4), True),
        ("Kostnad för hemtjänst", "kr per brukare", (2000, 9000), False),
        ("Fallolyckor", "per kvartal", (3, 20), False),
    ],
    "en": [
        ("Participants", "people", (5, 60), True),
        ("Share feeling less lonely", "%", (10, 40), True),
        ("Readmissions", "per month", (5, 30), False),
        ("Waiting time for a first meeting", "days", (10, 60), False),
        ("Volunteers involved", "people", (2, 25), True),
        ("Satisfaction with meals", "scale 1-5", (2, 4), True),
        ("Falls", "per quarter", (3, 20), False),
    ],
}

# Pool grants and other funders that are not organisations in the portal.
FUNDER_NAMES = {
    "DK": {
        "temporary_pool": [
            "Socialstyrelsens pulje til styrket indsats for udsatte familier",
            "Puljen til forebyggelse af ensomhed blandt ældre", "Ældrepuljen", "Puljen til velfærdsteknologi",
            "Satspuljen på sundhedsområdet", "Puljen til partnerskaber med civilsamfundet",
        ],
        "eu": ["Den Europæiske Socialfond Plus", "Interreg Øresund-Kattegat-Skagerrak", "Horizon Europe"],
        "private": ["Lokale erhvervsdrivende", "Boligforeningens beboerfond"],
    },
    "SE": {
        "temporary_pool": [
            "Vinnova – Utmaningsdriven innovation", "Socialstyrelsens stimulansmedel för äldreomsorgen",
            "Statsbidrag för insatser mot ofrivillig ensamhet", "Regionala utvecklingsmedel",
            "Projektmedel för nära vård", "Medel för sociala investeringar",
        ],
        "eu": ["Europeiska socialfonden+", "Interreg Central Baltic", "Horisont Europa"],
        "private": ["Lokala företagare", "Bostadsbolagets sociala fond"],
    },
}

# --- concepts shared by the three languages ---------------------------------------------

# Target groups: (indefinite plural forms, definite forms, genitive forms).
GROUPS = {
    "vulnerable_families": {
        "da": (["udsatte familier", "familier i udsatte positioner"], ["de udsatte familier", "familierne"],
               ["familiernes", "de udsatte familiers"]),
        "sv": (["familjer i utsatthet", "utsatta familjer"], ["de utsatta familjerna", "familjerna"],
               ["familjernas"]),
        "en": (["vulnerable families", "families facing several problems"], ["the families"], ["the families'"]),
    },
    "pregnant_vulnerable": {
        "da": (["gravide med sårbarheder", "sårbare gravide"], ["de gravide", "de sårbare gravide"],
               ["de gravides"]),
        "sv": (["gravida i utsatthet", "sårbara gravida"], ["de gravida"], ["de gravidas"]),
        "en": (["pregnant women with vulnerabilities"], ["the expectant mothers"], ["the expectant mothers'"]),
    },
    "children_young": {
        "da": (["børn og unge"], ["børnene og de unge", "børnene"], ["børnenes", "de unges"]),
        "sv": (["barn och unga"], ["barnen och de unga", "barnen"], ["barnens", "de ungas"]),
        "en": (["children and young people"], ["the children"], ["the children's"]),
    },
    "vulnerable_young": {
        "da": (["sårbare unge", "unge i mistrivsel"], ["de sårbare unge", "de unge"], ["de unges"]),
        "sv": (["unga i utanförskap", "unga som mår dåligt"], ["de unga", "ungdomarna"],
               ["de ungas", "ungdomarnas"]),
        "en": (["young people at risk", "young people in distress"], ["the young people"],
               ["the young people's"]),
    },
    "older_people": {
        "da": (["ældre", "ældre borgere", "seniorer"], ["de ældre", "de ældre borgere", "seniorerne"],
               ["de ældres", "seniorernes"]),
        "sv": (["äldre", "seniorer", "äldre invånare"], ["de äldre", "seniorerna"], ["de äldres", "seniorernas"]),
        "en": (["older people", "seniors"], ["the older residents", "the seniors"], ["older people's"]),
    },
    "older_alone": {
        "da": (["ældre, der bor alene", "ensomme ældre"], ["de ensomme ældre", "de ældre"],
               ["de ensomme ældres", "de ældres"]),
        "sv": (["äldre som bor ensamma", "ensamma äldre"], ["de ensamma äldre", "de äldre"],
               ["de ensamma äldres", "de äldres"]),
        "en": (["older people living alone", "lonely older people"], ["the older residents"],
               ["older people's"]),
    },
    "dementia": {
        "da": (["mennesker med demens", "borgere med demens", "demensramte"],
               ["de demensramte", "borgerne med demens"], ["de demensramtes"]),
        "sv": (["personer med demenssjukdom", "personer med demens"], ["personerna med demens"],
               ["de demenssjukas"]),
        "en": (["people living with dementia"], ["the people living with dementia"], ["their"]),
    },
    "carers": {
        "da": (["pårørende"], ["de pårørende"], ["de pårørendes"]),
        "sv": (["anhöriga"], ["de anhöriga"], ["de anhörigas"]),
        "en": (["carers", "relatives and carers"], ["the carers"], ["the carers'"]),
    },
    "disabilities": {
        "da": (["mennesker med handicap", "borgere med funktionsnedsættelse"], ["borgerne med handicap"],
               ["borgernes"]),
        "sv": (["personer med funktionsnedsättning"], ["personerna med funktionsnedsättning"], ["deras"]),
        "en": (["disabled people"], ["the disabled residents"], ["disabled people's"]),
    },
    "dual_diagnosis": {
        "da": (["borgere med misbrug og psykisk sygdom", "mennesker med dobbeltdiagnose"],
               ["borgerne med dobbeltdiagnose"], ["borgernes"]),
        "sv": (["personer med missbruk och psykisk ohälsa", "personer med samsjuklighet"],
               ["personerna med samsjuklighet"], ["deras"]),
        "en": (["people with addiction and mental illness"], ["the people with a dual diagnosis"], ["their"]),
    },
    "multimorbidity": {
        "da": (["borgere med multisygdom", "kronisk syge"], ["de kronisk syge", "borgerne med multisygdom"],
               ["de kronisk syges"]),
        "sv": (["personer med flera kroniska sjukdomar", "multisjuka äldre"], ["de multisjuka"],
               ["de multisjukas"]),
        "en": (["people with multimorbidity", "people with several chronic conditions"], ["the patients"],
               ["the patients'"]),
    },
    "unemployed": {
        "da": (["ledige", "borgere på kanten af arbejdsmarkedet"], ["de ledige"], ["de lediges"]),
        "sv": (["arbetssökande", "personer långt från arbetsmarknaden"], ["de arbetssökande"],
               ["de arbetssökandes"]),
        "en": (["unemployed people", "jobseekers"], ["the jobseekers"], ["the jobseekers'"]),
    },
    "migrants": {
        "da": (["flygtninge og nytilkomne", "nydanskere"], ["de nytilkomne"], ["de nytilkomnes"]),
        "sv": (["nyanlända", "flyktingar och nyanlända"], ["de nyanlända"], ["de nyanländas"]),
        "en": (["refugees and newcomers"], ["the newcomers"], ["the newcomers'"]),
    },
    "local_community": {
        "da": (["beboere i lokalsamfundet", "naboer"], ["beboerne", "naboerne"], ["beboernes", "lokalsamfundets"]),
        "sv": (["boende i lokalsamhället", "grannar"], ["de boende", "grannarna"], ["de boendes", "grannarnas"]),
        "en": (["local residents", "neighbours"], ["the residents"], ["the residents'"]),
    },
    "frontline_staff": {
        "da": (["frontlinjemedarbejdere", "fagprofessionelle"], ["medarbejderne", "frontlinjemedarbejderne"],
               ["medarbejdernes"]),
        "sv": (["medarbetare i verksamheten", "professionella"], ["medarbetarna"], ["medarbetarnas"]),
        "en": (["frontline staff", "professionals"], ["the staff"], ["the staff's"]),
    },
}

# Solutions: the groups they suit, and per language (indefinite, definite, plural,
# definite plural).
SOLUTIONS = {
    "meal_community": {
        "groups": ["older_people", "older_alone", "local_community", "migrants"],
        "da": ("et måltidsfællesskab", "måltidsfællesskabet", "måltidsfællesskaber", "måltidsfællesskaberne"),
        "sv": ("en måltidsgemenskap", "måltidsgemenskapen", "måltidsgemenskaper", "måltidsgemenskaperna"),
        "en": ("a shared-meal club", "the shared-meal club", "shared meals", "the shared meals"),
    },
    "senior_restaurant": {
        "groups": ["older_people", "older_alone"],
        "da": ("en seniorrestaurant", "seniorrestauranten", "seniorrestauranter", "seniorrestauranterne"),
        "sv": ("en seniorrestaurang", "seniorrestaurangen", "seniorrestauranger", "seniorrestaurangerna"),
        "en": ("a senior restaurant", "the senior restaurant", "senior restaurants", "the senior restaurants"),
    },
    "safety_solution": {
        "groups": ["older_alone", "dementia", "multimorbidity", "disabilities"],
        "da": ("en tryghedsløsning", "tryghedsløsningen", "tryghedsløsninger", "tryghedsløsningerne"),
        "sv": ("en trygghetslösning", "trygghetslösningen", "trygghetslösningar", "trygghetslösningarna"),
        "en": ("a safety solution", "the safety solution", "safety solutions", "the safety solutions"),
    },
    "welfare_technology": {
        "groups": ["older_people", "disabilities", "multimorbidity", "frontline_staff"],
        "da": ("en velfærdsteknologi", "velfærdsteknologien", "velfærdsteknologier", "velfærdsteknologierne"),
        "sv": ("en välfärdsteknik", "välfärdstekniken", "välfärdstekniker", "välfärdsteknikerna"),
        "en": ("a welfare technology", "the welfare technology", "welfare technologies",
               "the welfare technologies"),
    },
    "visiting_friends": {
        "groups": ["older_alone", "dementia", "migrants"],
        "da": ("et besøgsvenskab", "besøgsvenskabet", "besøgsvenskaber", "besøgsvenskaberne"),
        "sv": ("en besöksvän", "besöksvännen", "besöksvänner", "besöksvännerna"),
        "en": ("a befriending scheme", "the befriending scheme", "befriending schemes", "the befriending schemes"),
    },
    "early_detection": {
        "groups": ["pregnant_vulnerable", "vulnerable_families", "children_young", "older_people"],
        "da": ("en model for tidlig opsporing", "modellen for tidlig opsporing", "modeller for tidlig opsporing",
               "modellerne for tidlig opsporing"),
        "sv": ("en modell för tidig upptäckt", "modellen för tidig upptäckt", "modeller för tidig upptäckt",
               "modellerna för tidig upptäckt"),
        "en": ("an early-detection model", "the early-detection model", "early-detection models",
               "the early-detection models"),
    },
    "coordinated_pathway": {
        "groups": ["dual_diagnosis", "multimorbidity", "vulnerable_families"],
        "da": ("et sammenhængende forløb", "det sammenhængende forløb", "sammenhængende forløb",
               "de sammenhængende forløb"),
        "sv": ("ett sammanhållet vårdförlopp", "det sammanhållna vårdförloppet", "sammanhållna vårdförlopp",
               "de sammanhållna vårdförloppen"),
        "en": ("a coordinated care pathway", "the coordinated care pathway", "coordinated care pathways",
               "the coordinated care pathways"),
    },
    "family_house": {
        "groups": ["vulnerable_families", "pregnant_vulnerable", "children_young"],
        "da": ("et familiehus", "familiehuset", "familiehuse", "familiehusene"),
        "sv": ("en familjecentral", "familjecentralen", "familjecentraler", "familjecentralerna"),
        "en": ("a family hub", "the family hub", "family hubs", "the family hubs"),
    },
    "community_agents": {
        "groups": ["local_community", "older_alone", "migrants", "frontline_staff"],
        "da": ("en fællesskabsagent", "fællesskabsagenten", "fællesskabsagenter", "fællesskabsagenterne"),
        "sv": ("en gemenskapsagent", "gemenskapsagenten", "gemenskapsagenter", "gemenskapsagenterna"),
        "en": ("a community agent", "the community agent", "community agents", "the community agents"),
    },
    "peer_support": {
        "groups": ["dual_diagnosis", "vulnerable_young", "dementia", "carers"],
        "da": ("en peerstøtteordning", "peerstøtteordningen", "peerstøtteordninger", "peerstøtteordningerne"),
        "sv": ("ett kamratstöd", "kamratstödet", "kamratstödjare", "kamratstödjarna"),
        "en": ("a peer-support scheme", "the peer-support scheme", "peer supporters", "the peer supporters"),
    },
    "meal_delivery": {
        "groups": ["older_people", "older_alone", "multimorbidity"],
        "da": ("en madlevering", "madleveringen", "madleveringer", "madleveringerne"),
        "sv": ("en matleverans", "matleveransen", "matleveranser", "matleveranserna"),
        "en": ("a meal delivery", "the meal delivery", "meal deliveries", "the meal deliveries"),
    },
    "digital_meeting_place": {
        "groups": ["older_alone", "vulnerable_young", "carers"],
        "da": ("et digitalt fællesskab", "det digitale fællesskab", "digitale fællesskaber",
               "de digitale fællesskaber"),
        "sv": ("en digital mötesplats", "den digitala mötesplatsen", "digitala mötesplatser",
               "de digitala mötesplatserna"),
        "en": ("a digital meeting place", "the digital meeting place", "digital meeting places",
               "the digital meeting places"),
    },
    "volunteer_network": {
        "groups": ["older_alone", "migrants", "local_community", "vulnerable_families"],
        "da": ("et frivillignetværk", "frivillignetværket", "frivillignetværk", "frivillignetværkene"),
        "sv": ("ett volontärnätverk", "volontärnätverket", "volontärnätverk", "volontärnätverken"),
        "en": ("a volunteer network", "the volunteer network", "volunteer networks", "the volunteer networks"),
    },
    "carer_support": {
        "groups": ["carers", "dementia"],
        "da": ("et pårørendetilbud", "pårørendetilbuddet", "pårørendetilbud", "pårørendetilbuddene"),
        "sv": ("ett anhörigstöd", "anhörigstödet", "anhörigstöd", "anhörigstöden"),
        "en": ("a carer-support service", "the carer-support service", "carer-support services",
               "the carer-support services"),
    },
    "single_entry": {
        "groups": ["vulnerable_families", "dual_diagnosis", "multimorbidity", "unemployed"],
        "da": ("en fælles indgang", "den fælles indgang", "fælles indgange", "de fælles indgange"),
        "sv": ("en gemensam ingång", "den gemensamma ingången", "gemensamma ingångar",
               "de gemensamma ingångarna"),
        "en": ("a single point of contact", "the single point of contact", "single points of contact",
               "the single points of contact"),
    },
    "home_visits": {
        "groups": ["older_people", "older_alone", "pregnant_vulnerable"],
        "da": ("et forebyggende hjemmebesøg", "det forebyggende hjemmebesøg", "forebyggende hjemmebesøg",
               "de forebyggende hjemmebesøg"),
        "sv": ("ett förebyggande hembesök", "det förebyggande hembesöket", "förebyggande hembesök",
               "de förebyggande hembesöken"),
        "en": ("a preventive home visit", "the preventive home visit", "preventive home visits",
               "the preventive home visits"),
    },
    "bridge_to_work": {
        "groups": ["unemployed", "vulnerable_young", "migrants"],
        "da": ("et brobygningsforløb", "brobygningsforløbet", "brobygningsforløb", "brobygningsforløbene"),
        "sv": ("ett introduktionsprogram", "introduktionsprogrammet", "introduktionsprogram",
               "introduktionsprogrammen"),
        "en": ("a bridge-to-work programme", "the bridge-to-work programme", "bridge-to-work programmes",
               "the bridge-to-work programmes"),
    },
    "choir": {
        "groups": ["older_alone", "dementia", "local_community"],
        "da": ("et fællessangskor", "fællessangskoret", "fællessangskor", "fællessangskorene"),
        "sv": ("en manskör", "manskören", "manskörer", "manskörerna"),
        "en": ("a community choir", "the community choir", "community choirs", "the community choirs"),
    },
    "exercise_group": {
        "groups": ["older_people", "multimorbidity", "local_community"],
        "da": ("et motionsfællesskab", "motionsfællesskabet", "motionsfællesskaber", "motionsfællesskaberne"),
        "sv": ("en träningsgrupp", "träningsgruppen", "träningsgrupper", "träningsgrupperna"),
        "en": ("an exercise group", "the exercise group", "exercise groups", "the exercise groups"),
    },
    "remote_monitoring": {
        "groups": ["multimorbidity", "older_people"],
        "da": ("en telemedicinsk løsning", "den telemedicinske løsning", "telemedicinske løsninger",
               "de telemedicinske løsninger"),
        "sv": ("en digital hemmonitorering", "den digitala hemmonitoreringen", "digitala hemmonitoreringar",
               "de digitala hemmonitoreringarna"),
        "en": ("a remote-monitoring service", "the remote-monitoring service", "remote-monitoring services",
               "the remote-monitoring services"),
    },
    "dementia_friendly": {
        "groups": ["dementia", "carers", "local_community"],
        "da": ("et demensvenligt lokalsamfund", "det demensvenlige lokalsamfund", "demensvenlige lokalsamfund",
               "de demensvenlige lokalsamfund"),
        "sv": ("ett demensvänligt samhälle", "det demensvänliga samhället", "demensvänliga samhällen",
               "de demensvänliga samhällena"),
        "en": ("a dementia-friendly community", "the dementia-friendly community", "dementia-friendly communities",
               "the dementia-friendly communities"),
    },
}

# --- per-language word pools ------------------------------------------------------------

_NUMBERS = [str(n) for n in range(3, 41)]
_SMALL_NUMBERS = [str(n) for n in range(2, 13)]
_LARGE_NUMBERS = [str(n) for n in range(45, 401, 5)]
_YEARS = [str(n) for n in range(2027, 2036)]

SLOTS = {
    "da": {
        "n": _NUMBERS, "n_small": _SMALL_NUMBERS, "n_large": _LARGE_NUMBERS, "year": _YEARS,
        "actor": [
            "kommunen", "regionen", "civilsamfundet", "de frivillige", "frontlinjemedarbejderne", "hjemmeplejen",
            "sundhedsplejen", "jobcentret", "følgeforskerne", "de lokale foreninger", "de private leverandører",
            "biblioteket", "boligselskabet", "socialforvaltningen", "psykiatrien", "den praktiserende læge",
            "ældreområdet", "forebyggelsescentret",
        ],
        "actors_pl": [
            "frivillige", "frontlinjemedarbejdere", "sundhedsplejersker", "hjemmehjælpere", "forskere",
            "lokale virksomheder", "foreninger", "pårørende", "studerende", "sagsbehandlere", "ledere",
        ],
        "method": [
            "samskabelse", "brugerinddragelse", "design thinking", "læringsorienteret følgeforskning",
            "en forandringsteori", "en business case", "POEM og en begivenhedsvæg", "mikroeksperimenter",
            "hurtige prototyper", "interviews med borgerne", "lean startup", "en fælles læringsdagbog",
        ],
        "problem": [
            "ensomhed", "ufrivillig ensomhed", "underernæring", "utryghed", "manglende sammenhæng i indsatserne",
            "silotænkning", "lange ventetider", "genindlæggelser", "mistrivsel", "social isolation",
            "faldulykker", "stigende udgifter", "manglende koordinering mellem fagområderne",
        ],
        "benefit": [
            "mindre ensomhed", "større tryghed", "færre indlæggelser", "bedre sammenhæng i indsatserne",
            "mere trivsel", "nye fællesskaber", "bedre måltider", "stærkere netværk", "mere livskvalitet",
            "større selvhjulpenhed",
        ],
        "activity": [
            "fællesspisning", "gåture", "kaffemøder", "sangaftener", "fælles madlavning", "rådgivningssamtaler",
            "dialogmøder", "værkstedsdage", "cykelture", "gymnastik",
        ],
        "cost_area": ["genindlæggelser", "hjemmepleje", "anbringelser", "plejeboliger", "akutte indsatser"],
        "time_phrase": ["i foråret", "efter sommerferien", "i løbet af efteråret", "hen over vinteren",
                        "i de kommende måneder", "næste år"],
        "other_place": [name for _, name in DANISH_MUNICIPALITIES],
        "barrier_procurement": [
            "udbudsreglerne gjorde det svært at inddrage lokale leverandører",
            "indkøbsafdelingen ikke havde erfaring med innovative indkøb",
            "kontrakten med leverandøren var for rigid til at justere undervejs",
        ],
        "barrier_law_data": [
            "GDPR gjorde det svært at dele oplysninger mellem kommune og region",
            "samtykkeerklæringerne var uklare for borgerne",
            "vi manglede hjemmel til at dele data på tværs af forvaltningerne",
        ],
        "barrier_funding": [
            "puljemidlerne udløber, før indsatsen er forankret i driften",
            "der ikke er et driftsbudget efter projektperioden",
            "gevinsterne lander i en anden forvaltning end udgifterne",
        ],
        "barrier_silos": [
            "forvaltningerne arbejder i hver sin silo",
            "ingen havde ansvaret for helheden omkring familien",
            "kommunen og regionen havde forskellige mål for den samme borger",
        ],
        "barrier_culture": [
            "medarbejderne var skeptiske over for at afgive kontrol",
            "det tog lang tid at skabe tillid mellem de frivillige og kommunen",
            "vi var vant til at tænke i ydelser frem for i relationer",
        ],
        "barrier_technology": [
            "løsningen ikke talte sammen med omsorgssystemet",
            "borgerne havde svært ved at bruge tabletterne",
            "den tekniske opsætning tog længere tid end planlagt",
        ],
        "barrier_capacity": [
            "der ikke var tid i hverdagen til at deltage i udviklingsarbejdet",
            "nøglepersoner skiftede job undervejs",
            "de frivillige blev for få, da efteråret kom",
        ],
        "enabler_procurement": [
            "et innovationspartnerskab gjorde det muligt at udvikle løsningen sammen med leverandøren",
            "indkøberne var med fra første workshop",
        ],
        "enabler_law_data": [
            "en fælles databehandleraftale løste spørgsmålet om datadeling",
            "borgerne gav samtykke, fordi de forstod formålet",
        ],
        "enabler_funding": [
            "en fond medfinansierede driften det første år",
            "business casen overbeviste udvalget om at afsætte driftsmidler",
        ],
        "enabler_silos": [
            "en fælles koordinator arbejdede på tværs af forvaltningerne",
            "kommunen og regionen lavede en fælles aftale om borgerens forløb",
        ],
        "enabler_culture": [
            "ledelsen gav plads til eksperimenter",
            "medarbejderne fik lov til at gå til kanten af deres rolle",
        ],
        "enabler_technology": [
            "vi valgte en simpel løsning, som borgerne allerede kendte",
            "de digitale hjælpere fra biblioteket tog sig af opstarten",
        ],
        "enabler_capacity": [
            "frikøb af medarbejdere gav tid til at deltage",
            "de pårørende tog del i arbejdet som frivillige",
        ],
        "cat_title_procurement": ["udbudsreglerne", "indkøbet"],
        "cat_title_law_data": ["datadelingen", "GDPR"],
        "cat_title_funding": ["puljefinansieringen", "manglende driftsmidler"],
        "cat_title_silos": ["siloerne", "den manglende koordinering"],
        "cat_title_culture": ["kulturen", "vanetænkningen"],
        "cat_title_technology": ["teknologien", "it-løsningen"],
        "cat_title_capacity": ["tidspresset", "den manglende kapacitet"],
    },
    "sv": {
        "n": _NUMBERS, "n_small": _SMALL_NUMBERS, "n_large": _LARGE_NUMBERS, "year": _YEARS,
        "actor": [
            "kommunen", "regionen", "civilsamhället", "volontärerna", "medarbetarna", "hemtjänsten",
            "barnhälsovården", "Arbetsförmedlingen", "följeforskarna", "föreningarna", "de privata utförarna",
            "biblioteket", "bostadsbolaget", "socialtjänsten", "psykiatrin", "vårdcentralen", "äldreomsorgen",
            "akademin",
        ],
        "actors_pl": [
            "volontärer", "medarbetare", "distriktssköterskor", "undersköterskor", "forskare", "småföretagare",
            "föreningar", "anhöriga", "studenter", "handläggare", "chefer",
        ],
        "method": [
            "samskapande", "brukarinvolvering", "tjänstedesign", "lärande följeforskning", "en förändringsteori",
            "en business case", "POEM och en händelsevägg", "mikroexperiment", "snabba prototyper",
            "intervjuer med invånarna", "framsyn och scenarioanalys", "en gemensam lärlogg",
        ],
        "problem": [
            "ensamhet", "ofrivillig ensamhet", "undernäring", "otrygghet", "bristande samordning", "stuprör",
            "långa väntetider", "återinläggningar", "psykisk ohälsa", "social isolering", "fallolyckor",
            "ökade kostnader", "bristande samverkan mellan huvudmännen",
        ],
        "benefit": [
            "mindre ensamhet", "ökad trygghet", "färre inläggningar", "bättre samordning", "ökat välbefinnande",
            "nya gemenskaper", "bättre måltider", "starkare nätverk", "högre livskvalitet", "större självständighet",
        ],
        "activity": [
            "gemensamma måltider", "promenader", "fikaträffar", "sångkvällar", "matlagning", "rådgivningssamtal",
            "dialogmöten", "verkstadsdagar", "cykelturer", "gympa",
        ],
        "cost_area": ["återinläggningar", "hemtjänst", "placeringar", "särskilt boende", "akuta insatser"],
        "time_phrase": ["under våren", "efter sommaren", "under hösten", "över vintern", "de kommande månaderna",
                        "nästa år"],
        "other_place": [name for _, name in SWEDISH_MUNICIPALITIES],
        "barrier_procurement": [
            "upphandlingsreglerna gjorde det svårt att ta in lokala leverantörer",
            "upphandlingen drog ut på tiden",
            "avtalet med leverantören var för stelt för att justera under resans gång",
        ],
        "barrier_law_data": [
            "GDPR försvårade informationsdelningen mellan kommun och region",
            "sekretessen mellan huvudmännen stoppade samarbetet",
            "samtyckesblanketterna var svåra att förstå för invånarna",
        ],
        "barrier_funding": [
            "projektmedlen tar slut innan insatsen är förankrad i driften",
            "det inte finns någon driftsbudget efter projekttiden",
            "vinsterna hamnar hos en annan huvudman än kostnaderna",
        ],
        "barrier_silos": [
            "förvaltningarna arbetar i stuprör",
            "ingen hade ansvar för helheten kring familjen",
            "kommunen och regionen hade olika mål för samma invånare",
        ],
        "barrier_culture": [
            "medarbetarna var skeptiska till att släppa kontrollen",
            "det tog tid att bygga tillit mellan volontärerna och kommunen",
            "vi var vana att tänka i insatser snarare än i relationer",
        ],
        "barrier_technology": [
            "lösningen inte pratade med verksamhetssystemet",
            "de äldre hade svårt att använda surfplattorna",
            "den tekniska installationen tog längre tid än planerat",
        ],
        "barrier_capacity": [
            "det inte fanns tid i vardagen att delta i utvecklingsarbetet",
            "nyckelpersoner bytte jobb under projektet",
            "volontärerna blev för få när hösten kom",
        ],
        "enabler_procurement": [
            "ett innovationspartnerskap gjorde det möjligt att utveckla lösningen tillsammans med leverantören",
            "upphandlarna var med från första workshopen",
        ],
        "enabler_law_data": [
            "ett gemensamt personuppgiftsbiträdesavtal löste frågan om informationsdelning",
            "invånarna gav sitt samtycke eftersom de förstod syftet",
        ],
        "enabler_funding": [
            "en stiftelse medfinansierade driften det första året",
            "den sociala investeringen övertygade nämnden att avsätta driftsmedel",
        ],
        "enabler_silos": [
            "en gemensam samordnare arbetade över förvaltningsgränserna",
            "kommunen och regionen tog fram en gemensam plan för den enskilde",
        ],
        "enabler_culture": [
            "ledningen gav utrymme för experiment",
            "medarbetarna fick gå till kanten av sin roll",
        ],
        "enabler_technology": [
            "vi valde en enkel lösning som de äldre redan kände till",
            "de digitala guiderna på biblioteket tog hand om starten",
        ],
        "enabler_capacity": [
            "frikopplad tid gjorde att medarbetarna kunde delta",
            "de anhöriga engagerade sig som volontärer",
        ],
        "cat_title_procurement": ["upphandlingen", "upphandlingsreglerna"],
        "cat_title_law_data": ["informationsdelningen", "sekretessen"],
        "cat_title_funding": ["projektfinansieringen", "bristen på driftsmedel"],
        "cat_title_silos": ["stuprören", "den bristande samordningen"],
        "cat_title_culture": ["kulturen", "invanda mönster"],
        "cat_title_technology": ["tekniken", "it-systemet"],
        "cat_title_capacity": ["tidsbristen", "den bristande kapaciteten"],
    },
    "en": {
        "n": _NUMBERS, "n_small": _SMALL_NUMBERS, "n_large": _LARGE_NUMBERS, "year": _YEARS,
        "actor": [
            "the municipality", "the region", "civil society", "the volunteers", "frontline staff", "home care",
            "health visitors", "the job centre", "the researchers", "local associations", "private providers",
            "the library", "the housing association", "social services", "the psychiatric service", "the GP",
        ],
        "actors_pl": [
            "volunteers", "frontline workers", "health visitors", "care workers", "researchers", "local businesses",
            "associations", "carers", "students", "case workers", "managers",
        ],
        "method": [
            "co-creation", "user involvement", "design thinking", "learning-oriented evaluation",
            "a theory of change", "a business case", "POEM and an event wall", "micro-experiments",
            "rapid prototyping", "interviews with residents", "lean startup", "a shared learning log",
        ],
        "problem": [
            "loneliness", "involuntary loneliness", "malnutrition", "insecurity", "fragmented services",
            "silo working", "long waiting times", "readmissions", "poor wellbeing", "social isolation",
            "falls", "rising costs", "poor coordination between services",
        ],
        "benefit": [
            "less loneliness", "more security", "fewer admissions", "joined-up support", "better wellbeing",
            "new friendships", "better meals", "stronger networks", "a better quality of life",
            "more independence",
        ],
        "activity": [
            "shared meals", "walks", "coffee mornings", "singing evenings", "cooking together",
            "advice sessions", "dialogue meetings", "workshop days", "bike rides", "exercise classes",
        ],
        "cost_area": ["readmissions", "home care", "out-of-home placements", "care homes", "emergency care"],
        "time_phrase": ["this spring", "after the summer", "during the autumn", "over the winter",
                        "in the coming months", "next year"],
        "other_place": [name for _, name in DANISH_MUNICIPALITIES + SWEDISH_MUNICIPALITIES],
        "barrier_procurement": [
            "procurement rules made it hard to bring in local suppliers",
            "the procurement took far longer than planned",
            "the supplier contract was too rigid to adjust along the way",
        ],
        "barrier_law_data": [
            "data protection rules made it hard to share information between municipality and region",
            "the consent forms were hard for residents to understand",
        ],
        "barrier_funding": [
            "the pool funding ends before the service is part of operations",
            "there is no operating budget after the project period",
            "the savings land in a different department from the costs",
        ],
        "barrier_silos": [
            "the departments work in silos",
            "nobody was responsible for the family as a whole",
        ],
        "barrier_culture": [
            "staff were reluctant to give up control",
            "it took time to build trust between volunteers and the municipality",
        ],
        "barrier_technology": [
            "the solution did not talk to the care records system",
            "older residents found the tablets hard to use",
        ],
        "barrier_capacity": [
            "there was no time in the working day for development work",
            "key people changed jobs during the project",
        ],
        "enabler_procurement": [
            "an innovation partnership let us develop the solution with the supplier",
            "the procurement team joined from the first workshop",
        ],
        "enabler_law_data": [
            "a shared data processing agreement settled the question of data sharing",
            "residents consented because they understood the purpose",
        ],
        "enabler_funding": [
            "a foundation co-funded operations in the first year",
            "the business case persuaded the committee to set aside operating funds",
        ],
        "enabler_silos": [
            "a shared coordinator worked across the departments",
            "the municipality and the region agreed a joint plan for each resident",
        ],
        "enabler_culture": [
            "management made room for experiments",
            "staff were allowed to go to the edge of their role",
        ],
        "enabler_technology": [
            "we chose a simple solution residents already knew",
            "digital helpers at the library handled the start-up",
        ],
        "enabler_capacity": [
            "paid release time let staff take part",
            "carers joined the work as volunteers",
        ],
        "cat_title_procurement": ["procurement rules", "the tender"],
        "cat_title_law_data": ["data sharing", "data protection"],
        "cat_title_funding": ["pool funding", "missing operating funds"],
        "cat_title_silos": ["silos", "poor coordination"],
        "cat_title_culture": ["culture", "old habits"],
        "cat_title_technology": ["technology", "the IT system"],
        "cat_title_capacity": ["lack of time", "capacity"],
    },
}

# --- sentence templates -----------------------------------------------------------------

TEMPLATES = {
    "da": {
        "title": [
            "{sol_pl} for {group} i {place}", "{sol_pl} for {group}", "{sol_def} i {place}",
            "Sammen om {sol_pl} for {group}", "Tidlig indsats: {sol_pl} for {group}",
            "{place}-modellen: {sol_pl} for {group}", "Fra pulje til drift: {sol_def} i {place}",
            "Nye veje til {benefit} for {group}",
        ],
        "pilot_title": [
            "Pilot i {place}: {sol_pl} for {group}", "Afprøvning af {sol_def} i {place}",
            "Pilotforløb: {sol} for {group} i {place}",
        ],
        "action_title": [
            "Målrettet indsats: {sol_pl} for {group} i {place}", "Mikrohandling: {sol} i {place}",
            "Hurtig afprøvning af {sol_pl} for {group}",
        ],
        "twin_title": [
            "{sol_def} i {place} – tvilling til {origin_place}", "Tvilling i {place}: {sol_pl} for {group}",
        ],
        "summary_lead": [
            "{sol} for {group} i {place}, udviklet i samarbejde mellem {actor}, {actor} og {actor}.",
            "{sol_pl} for {group} i {place}: en indsats, hvor {actor} og {actor} arbejder sammen.",
        ],
        "summary": [
            "Indsatsen skal mindske {problem} og skabe {benefit}.",
            "Vi undersøger, om {sol_pl} kan forebygge {problem} blandt {group}.",
            "Projektet bygger på {method} og inddrager {group_def} i alle faser.",
            "Erfaringer fra {place} viser, at {group_def} efterspørger {sol_pl} tæt på hjemmet.",
            "{actor} og {actor} har sammen ansvaret for {sol_def}, mens {actor} står for følgeforskningen.",
            "I dag oplever mange {group} {problem}, og de eksisterende tilbud når dem ikke.",
            "Målgruppen er {group}, og {n} borgere deltager i første runde.",
            "{sol_def} afprøves først i {place} og skal derefter spredes til andre kommuner i netværket.",
        ],
        "intention": [
            "Vi vil sikre, at {group} oplever {benefit}.",
            "Målet er, at {sol_def} bliver en del af driften i {place} og spredes til andre kommuner.",
            "Vi ønsker at skabe {benefit} gennem {method} og stærkere samarbejde på tværs af sektorer.",
            "Intentionen er at flytte indsatsen fra projekt til drift, før puljemidlerne slipper op.",
            "Vi vil give {group_def} en aktiv rolle som medskabere af {sol_def}.",
        ],
        "societal_goals": [
            "Færre {group} skal opleve {problem}.",
            "Et bæredygtigt velfærdssamfund, hvor {group} får {benefit}.",
            "Bedre sammenhæng mellem kommune, region og civilsamfund.",
            "Lavere udgifter til {cost_area} gennem forebyggelse.",
        ],
        "toc_problem": [
            "{group} oplever {problem}, fordi indsatserne er spredt på mange aktører.",
            "Der mangler {sol_pl}, som {group_def} selv er med til at forme.",
        ],
        "toc_activities": [
            "Vi etablerer {sol_pl}, uddanner {actors_pl} og holder {activity} hver uge.",
            "{activity} og {activity} i samarbejde med {actors_pl}.",
        ],
        "toc_outputs": [
            "{n} forløb gennemført og {n_small} hold af {actors_pl} uddannet.",
            "{n} {group} deltager i {activity}.",
        ],
        "toc_outcomes": [
            "{group_def} oplever {benefit}.",
            "Medarbejderne samarbejder på tværs af forvaltninger om {sol_def}.",
        ],
        "toc_impact": ["{benefit} og færre udgifter til {cost_area} på sigt.",
                       "Et lokalsamfund, hvor {group} er en del af fællesskabet."],
        "toc_assumptions": [
            "At {actors_pl} har tid og lyst til at deltage.",
            "At ledelsen prioriterer indsatsen, når puljemidlerne udløber.",
        ],
        "business_case": [
            "Business casen viser, at {sol_def} tjener sig hjem på {n_small} år gennem færre udgifter til {cost_area}.",
            "Gevinsterne lander både i kommunen og i regionen, hvilket kræver en fælles finansieringsmodel.",
            "En investering i {sol_pl} giver færre udgifter til {cost_area}.",
        ],
        "composted_reason": [
            "Puljemidlerne udløb, og der blev ikke fundet driftsfinansiering.",
            "Målgruppen kunne ikke rekrutteres i tilstrækkeligt omfang.",
            "Løsningen overlappede med en anden indsats i {place}.",
            "Følgeforskningen viste ingen effekt på {problem}.",
        ],
        "composted_lessons": [
            "Rekrutteringen skal ske gennem {actor} og ikke via breve.",
            "Inddrag {group_def} fra første dag.",
            "Metoden med {method} kan genbruges i andre indsatser.",
            "Aftal driftsfinansiering, før projektet starter.",
        ],
        "phase_rationale": [
            "Prototypen er testet med {n} {group}, og {actor} er klar til næste skridt.",
            "Styregruppen besluttede at gå videre efter en positiv midtvejsevaluering.",
            "{sol_def} har vist {benefit} og skal nu modnes.",
            "Finansieringen er på plads, og {actor} tager ejerskab.",
            "Indsatsen spredes nu til {n_small} nye kommuner.",
        ],
        "learning_title_insight": [
            "{group_def} vil gerne bidrage, ikke kun modtage",
            "{sol_pl} skaber {benefit}, når {group_def} er med fra start",
            "Små skridt gjorde en stor forskel i {place}",
            "Det er kaffepausen bagefter, der skaber fællesskabet",
        ],
        "learning_title_barrier": ["{cat_title} bremsede {sol_def}", "Udfordringer med {cat_title} i {place}"],
        "learning_title_enabler": ["Sådan kom vi forbi {cat_title}", "Det, der fik {sol_def} til at lykkes i {place}"],
        "learning_title_method": ["Sådan brugte vi {method} i {place}", "Erfaringer med {method} og {group}"],
        "learning_title_failure": ["Derfor lykkedes {sol_def} ikke i første omgang",
                                   "Vi nåede ikke {group} med den første prototype"],
        "learning_title_success": ["{sol_def} skabte {benefit} i {place}", "Fra pilot til drift: {sol_def} i {place}"],
        "learning_did": [
            "Vi afprøvede {sol} sammen med {actor} og {actor} i {place}.",
            "I {n_small} uger mødtes {group_def} med {actors_pl} til {activity}.",
            "Vi holdt {n_small} workshops med {group}, {actors_pl} og {actor}.",
            "Vi interviewede {n} {group} om deres hverdag og behov.",
            "{actor} udviklede en prototype på {sol} og testede den {time_phrase}.",
            "Vi brugte {method} til at forstå, hvad {group_def} selv oplever som vigtigt.",
            "Vi samlede {actors_pl} og {actors_pl} om en fælles begivenhedsvæg.",
        ],
        "learned_barrier": ["Det viste sig, at {barrier}.", "Den største udfordring var, at {barrier}.",
                            "Vi oplevede, at {barrier}."],
        "learned_enabler": ["Det hjalp, at {enabler}.", "Afgørende var, at {enabler}."],
        "learning_learned": [
            "Vi lærte, at {sol_def} skaber {benefit}, når {group_def} er med fra start.",
            "{group_gen} egne fortællinger gjorde en stor forskel for medarbejderne.",
            "Følgeforskningen viser {benefit} hos {n} ud af {n_large} deltagere.",
            "Vi havde undervurderet, hvor meget {problem} fylder i hverdagen.",
            "Fællesskabet opstod ikke i selve aktiviteten, men i kaffepausen bagefter.",
            "Når vi slap ansvaret, faldt det til jorden; det kræver vedholdenhed.",
            "{actors_pl} er en overset ressource, som kommunen sjældent når ud til.",
            "Måltiderne blev et naturligt mødested, også for dem, der sjældent kommer ud.",
        ],
        "learning_heading": [
            "Næste skridt er at forankre {sol_def} i driften i {place}.",
            "Vi vil sprede {sol_pl} til flere kommuner i netværket.",
            "Vi søger driftsmidler, så {sol_def} kan fortsætte efter puljeperioden.",
            "{time_phrase} inviterer vi {actor} og {group_def} til en fælles evaluering.",
            "Vi undersøger, om {sol_def} kan få en tvilling i {other_place}.",
            "Vi deler erfaringerne med missionens øvrige indsatser.",
        ],
        "assessment_productivity": [
            "Medarbejderne bruger mindre tid på koordinering, fordi {sol_def} samler indsatsen.",
            "Ressourceforbruget pr. borger er faldet, men det er for tidligt at opgøre gevinsten.",
        ],
        "assessment_effects": [
            "{group_def} oplever {benefit}, og færre har brug for akutte indsatser.",
            "Målingerne viser {benefit}, men effekten på {problem} er endnu usikker.",
        ],
        "assessment_democracy": [
            "{group_def} er med i styregruppen og har indflydelse på prioriteringerne.",
            "Borgerne deltager i udviklingen af {sol_def}, men de mest udsatte er svære at nå.",
        ],
        "assessment_service_experience": [
            "Borgerne beskriver {sol_def} som trygt og nemt at bruge.",
            "Ventetiden er blevet kortere, og {group_def} føler sig mødt.",
        ],
        "event_title": [
            "{activity} i {place}", "Workshop om {sol_pl} med {group}", "Dialogmøde: {sol_def} og {problem}",
            "Åbent hus i {place}", "Læringsdag for netværkets indsatser",
        ],
        "event_narrative": [
            "{n} {group} og {n_small} {actors_pl} mødtes til {activity}.",
            "Stemningen var god, og flere blev hængende efter kaffen.",
            "{actor} fortalte om erfaringerne fra {place}.",
            "Vi tegnede dagens forløb på begivenhedsvæggen.",
            "Nye samarbejder opstod mellem {actor} og {actor}.",
        ],
        "event_participants": ["{n} {group}, {n_small} frivillige og medarbejdere fra {actor} og {actor}."],
        "resource_economic_actual": ["{actor} stillede lokaler gratis til rådighed.",
                                     "Den lokale købmand sponsorerede råvarerne."],
        "resource_economic_potential": ["En lokal virksomhed overvejer at medfinansiere driften.",
                                        "Boligselskabet kan måske stille et fælleshus til rådighed."],
        "resource_social_actual": ["Deltagerne udvekslede telefonnumre og aftalte at mødes igen.",
                                   "De frivillige fra {actor} tog ansvar for næste gang."],
        "resource_social_potential": ["{actor} vil gerne koble deres netværk på.",
                                      "Flere pårørende kan blive frivillige."],
        "resource_affective_actual": ["Glæden ved at synge sammen smittede.",
                                      "Flere fortalte, at de for første gang i lang tid følte sig set."],
        "resource_affective_potential": ["Energien fra dagen kan bære et nyt fællesskab.",
                                         "Lysten til at tage ansvar er der, men skal næres."],
        "mission_problem": ["Mange {group} oplever {problem}, og indsatserne er ikke koordinerede.",
                            "Flere projekter arbejder med dele af problemet, men ingen ser helheden."],
        "mission_goal": ["Inden {year} skal {group} opleve {benefit}.",
                         "Organisationerne går sammen om at teste løsninger og sætte dem i drift sammen."],
        "portfolio_title": ["Porteføljen for {theme}", "{network}: portefølje {year}"],
        "portfolio_intention": ["Porteføljen samler indsatser, der tilsammen skal skabe {benefit}.",
                                "Vi vil lære på tværs af indsatserne og beslutte, hvad der skal skaleres."],
        "portfolio_context": ["Den demografiske udvikling og stigende udgifter presser velfærden.",
                              "Mange aktører arbejder med {problem}, men uden fælles retning."],
        "entry_rationale": ["{sol_def} er tæt på drift og kan skaleres.",
                            "Indsatsen er ny og kan ændre måden, vi arbejder med {group} på.",
                            "Bidrager til porteføljens mål om {benefit}."],
    },
    "sv": {
        "title": [
            "{sol_pl} för {group} i {place}", "{sol_pl} för {group}", "{sol_def} i {place}",
            "Tillsammans för {group}: {sol_pl}", "Tidiga insatser: {sol_pl} för {group}",
            "{place}modellen: {sol_pl} för {group}", "Från projekt till drift: {sol_def} i {place}",
            "Nya vägar till {benefit} för {group}",
        ],
        "pilot_title": [
            "Pilot i {place}: {sol_pl} för {group}", "Test av {sol_def} i {place}",
            "Pilotprojekt: {sol} för {group} i {place}",
        ],
        "action_title": [
            "Riktad insats: {sol_pl} för {group} i {place}", "Mikrohandling: {sol} i {place}",
            "Snabbtest av {sol_pl} för {group}",
        ],
        "twin_title": [
            "{sol_def} i {place} – tvilling till {origin_place}", "Tvilling i {place}: {sol_pl} för {group}",
        ],
        "summary_lead": [
            "{sol} för {group} i {place}, framtagen i samverkan mellan {actor}, {actor} och {actor}.",
            "{sol_pl} för {group} i {place}: ett initiativ där {actor} och {actor} arbetar tillsammans.",
        ],
        "summary": [
            "Insatsen ska minska {problem} och skapa {benefit}.",
            "Vi undersöker om {sol_pl} kan förebygga {problem} bland {group}.",
            "Projektet bygger på {method} och involverar {group_def} i alla faser.",
            "Erfarenheter från {place} visar att {group_def} efterfrågar {sol_pl} nära hemmet.",
            "{actor} och {actor} har ett gemensamt ansvar för {sol_def}, medan {actor} står för följeforskningen.",
            "I dag upplever många {group} {problem}, och befintliga insatser når dem inte.",
            "Målgruppen är {group}, och {n} invånare deltar i första omgången.",
            "{sol_def} testas först i {place} och ska sedan spridas till fler kommuner i nätverket.",
        ],
        "intention": [
            "Vi vill att {group} ska uppleva {benefit}.",
            "Målet är att {sol_def} blir en del av driften i {place} och sprids till fler kommuner.",
            "Vi vill skapa {benefit} genom {method} och starkare samverkan mellan sektorerna.",
            "Avsikten är att flytta insatsen från projekt till drift innan projektmedlen tar slut.",
            "Vi vill ge {group_def} en aktiv roll som medskapare av {sol_def}.",
        ],
        "societal_goals": [
            "Färre {group} ska uppleva {problem}.",
            "Ett hållbart välfärdssamhälle där {group} får {benefit}.",
            "Bättre samverkan mellan kommun, region och civilsamhälle.",
            "Lägre kostnader för {cost_area} genom förebyggande arbete.",
        ],
        "toc_problem": [
            "{group} upplever {problem} eftersom insatserna är splittrade mellan många aktörer.",
            "Det saknas {sol_pl} som {group_def} själva är med och formar.",
        ],
        "toc_activities": [
            "Vi startar {sol_pl}, utbildar {actors_pl} och ordnar {activity} varje vecka.",
            "{activity} och {activity} tillsammans med {actors_pl}.",
        ],
        "toc_outputs": [
            "{n} genomförda träffar och {n_small} grupper av {actors_pl} utbildade.",
            "{n} {group} deltar i {activity}.",
        ],
        "toc_outcomes": [
            "{group_def} upplever {benefit}.",
            "Medarbetarna samverkar över förvaltningsgränserna kring {sol_def}.",
        ],
        "toc_impact": ["{benefit} och lägre kostnader för {cost_area} på sikt.",
                       "Ett lokalsamhälle där {group} är en del av gemenskapen."],
        "toc_assumptions": [
            "Att {actors_pl} har tid och lust att delta.",
            "Att ledningen prioriterar insatsen när projektmedlen tar slut.",
        ],
        "business_case": [
            "Kalkylen visar att {sol_def} betalar sig på {n_small} år genom lägre kostnader för {cost_area}.",
            "Vinsterna hamnar både hos kommunen och regionen, vilket kräver en gemensam finansieringsmodell.",
            "En social investering i {sol_pl} ger lägre kostnader för {cost_area}.",
        ],
        "composted_reason": [
            "Projektmedlen tog slut och ingen driftsfinansiering hittades.",
            "Det gick inte att rekrytera tillräckligt många ur målgruppen.",
            "Lösningen överlappade med en annan insats i {place}.",
            "Följeforskningen visade ingen effekt på {problem}.",
        ],
        "composted_lessons": [
            "Rekryteringen ska ske genom {actor} och inte via brev.",
            "Involvera {group_def} från första dagen.",
            "Arbetssättet med {method} kan återanvändas i andra insatser.",
            "Säkra driftsfinansieringen innan projektet startar.",
        ],
        "phase_rationale": [
            "Prototypen är testad med {n} {group}, och {actor} är redo för nästa steg.",
            "Styrgruppen beslutade att gå vidare efter en positiv halvtidsutvärdering.",
            "{sol_def} har visat {benefit} och ska nu mogna.",
            "Finansieringen är klar och {actor} tar över ägarskapet.",
            "Insatsen sprids nu till {n_small} nya kommuner.",
        ],
        "learning_title_insight": [
            "{group_def} vill bidra, inte bara ta emot",
            "{sol_pl} skapar {benefit} när {group_def} är med från början",
            "Små steg gjorde stor skillnad i {place}",
            "Det är fikat efteråt som skapar gemenskapen",
        ],
        "learning_title_barrier": ["{cat_title} bromsade {sol_def}", "Utmaningar med {cat_title} i {place}"],
        "learning_title_enabler": ["Så kom vi förbi {cat_title}", "Det som fick {sol_def} att lyckas i {place}"],
        "learning_title_method": ["Så använde vi {method} i {place}", "Erfarenheter av {method} och {group}"],
        "learning_title_failure": ["Därför lyckades inte {sol_def} första gången",
                                   "Vi nådde inte {group} med den första prototypen"],
        "learning_title_success": ["{sol_def} skapade {benefit} i {place}",
                                   "Från pilot till drift: {sol_def} i {place}"],
        "learning_did": [
            "Vi testade {sol} tillsammans med {actor} och {actor} i {place}.",
            "Under {n_small} veckor träffades {group_def} och {actors_pl} för {activity}.",
            "Vi höll {n_small} workshoppar med {group}, {actors_pl} och {actor}.",
            "Vi intervjuade {n} {group} om deras vardag och behov.",
            "{actor} tog fram en prototyp av {sol} och testade den {time_phrase}.",
            "Vi använde {method} för att förstå vad {group_def} själva upplever som viktigt.",
            "Vi samlade {actors_pl} och {actors_pl} kring en gemensam händelsevägg.",
        ],
        "learned_barrier": ["Det visade sig att {barrier}.", "Den största utmaningen var att {barrier}.",
                            "Vi upplevde att {barrier}."],
        "learned_enabler": ["Det hjälpte att {enabler}.", "Avgörande var att {enabler}."],
        "learning_learned": [
            "Vi lärde oss att {sol_def} skapar {benefit} när {group_def} är med från början.",
            "{group_gen} egna berättelser gjorde stor skillnad för medarbetarna.",
            "Följeforskningen visar {benefit} hos {n} av {n_large} deltagare.",
            "Vi hade underskattat hur mycket {problem} påverkar vardagen.",
            "Gemenskapen uppstod inte i själva aktiviteten utan i fikat efteråt.",
            "När vi släppte ansvaret föll det ihop; det kräver uthållighet.",
            "{actors_pl} är en förbisedd resurs som kommunen sällan når.",
            "Måltiderna blev en naturlig mötesplats, även för dem som sällan kommer ut.",
        ],
        "learning_heading": [
            "Nästa steg är att förankra {sol_def} i driften i {place}.",
            "Vi vill sprida {sol_pl} till fler kommuner i nätverket.",
            "Vi söker driftsmedel så att {sol_def} kan fortsätta efter projekttiden.",
            "{time_phrase} bjuder vi in {actor} och {group_def} till en gemensam utvärdering.",
            "Vi undersöker om {sol_def} kan få en tvilling i {other_place}.",
            "Vi delar erfarenheterna med missionens övriga initiativ.",
        ],
        "assessment_productivity": [
            "Medarbetarna lägger mindre tid på samordning eftersom {sol_def} samlar insatserna.",
            "Resursåtgången per brukare har minskat, men det är för tidigt att räkna hem vinsten.",
        ],
        "assessment_effects": [
            "{group_def} upplever {benefit}, och färre behöver akuta insatser.",
            "Mätningarna visar {benefit}, men effekten på {problem} är ännu osäker.",
        ],
        "assessment_democracy": [
            "{group_def} sitter med i styrgruppen och påverkar prioriteringarna.",
            "Invånarna deltar i utvecklingen av {sol_def}, men de mest utsatta är svåra att nå.",
        ],
        "assessment_service_experience": [
            "Invånarna beskriver {sol_def} som tryggt och enkelt att använda.",
            "Väntetiden har blivit kortare och {group_def} känner sig bemötta.",
        ],
        "event_title": [
            "{activity} i {place}", "Workshop om {sol_pl} med {group}", "Dialogmöte: {sol_def} och {problem}",
            "Öppet hus i {place}", "Lärandedag för nätverkets initiativ",
        ],
        "event_narrative": [
            "{n} {group} och {n_small} {actors_pl} träffades för {activity}.",
            "Stämningen var god och flera stannade kvar efter fikat.",
            "{actor} berättade om erfarenheterna från {place}.",
            "Vi ritade dagens förlopp på händelseväggen.",
            "Nya samarbeten uppstod mellan {actor} och {actor}.",
        ],
        "event_participants": ["{n} {group}, {n_small} volontärer och medarbetare från {actor} och {actor}."],
        "resource_economic_actual": ["{actor} lånade ut lokaler gratis.",
                                     "Den lokala matbutiken sponsrade råvarorna."],
        "resource_economic_potential": ["Ett lokalt företag funderar på att medfinansiera driften.",
                                        "Bostadsbolaget kan kanske upplåta en gemensamhetslokal."],
        "resource_social_actual": ["Deltagarna bytte telefonnummer och bestämde att ses igen.",
                                   "Volontärerna från {actor} tog ansvar för nästa träff."],
        "resource_social_potential": ["{actor} vill gärna koppla på sitt nätverk.",
                                      "Fler anhöriga kan bli volontärer."],
        "resource_affective_actual": ["Glädjen i att sjunga tillsammans smittade av sig.",
                                      "Flera berättade att de för första gången på länge kände sig sedda."],
        "resource_affective_potential": ["Energin från dagen kan bära en ny gemenskap.",
                                         "Lusten att ta ansvar finns, men behöver näras."],
        "mission_problem": ["Många {group} upplever {problem}, och insatserna är inte samordnade.",
                            "Flera projekt arbetar med delar av problemet, men ingen ser helheten."],
        "mission_goal": ["Senast {year} ska {group} uppleva {benefit}.",
                         "Organisationerna går samman för att testa lösningar och ta dem i drift tillsammans."],
        "portfolio_title": ["Portfölj för {theme}", "{network}: portfölj {year}"],
        "portfolio_intention": ["Portföljen samlar initiativ som tillsammans ska skapa {benefit}.",
                                "Vi vill skapa ett lärande mellan initiativen och besluta vad som ska skalas upp."],
        "portfolio_context": ["Den demografiska utvecklingen och ökade kostnader sätter press på välfärden.",
                              "Många aktörer arbetar med {problem}, men utan gemensam riktning."],
        "entry_rationale": ["{sol_def} är nära drift och kan skalas upp.",
                            "Initiativet är nytt och kan förändra hur vi arbetar med {group}.",
                            "Bidrar till portföljens mål om {benefit}."],
    },
    "en": {
        "title": [
            "{sol_pl} for {group} in {place}", "{sol_pl} for {group}", "{sol_def} in {place}",
            "Together for {group}: {sol_pl}", "Early help: {sol_pl} for {group}",
            "The {place} model: {sol_pl} for {group}", "From pilot funding to operations: {sol_def} in {place}",
            "New routes to {benefit} for {group}",
        ],
        "pilot_title": [
            "Pilot in {place}: {sol_pl} for {group}", "Testing {sol_def} in {place}",
            "Pilot: {sol} for {group} in {place}",
        ],
        "action_title": [
            "Targeted action: {sol_pl} for {group} in {place}", "Micro-action: {sol} in {place}",
            "Quick test of {sol_pl} for {group}",
        ],
        "twin_title": ["{sol_def} in {place}, a twin of {origin_place}", "Twin in {place}: {sol_pl} for {group}"],
        "summary_lead": [
            "{sol} for {group} in {place}, developed by {actor}, {actor} and {actor} together.",
            "{sol_pl} for {group} in {place}, where {actor} and {actor} work together.",
        ],
        "summary": [
            "The initiative aims to reduce {problem} and create {benefit}.",
            "We are testing whether {sol_pl} can prevent {problem} among {group}.",
            "The project builds on {method} and involves {group_def} at every stage.",
            "Experience from {place} shows that {group} ask for {sol_pl} close to home.",
            "{actor} and {actor} share responsibility for {sol_def}, while {actor} leads the evaluation.",
            "Many {group} experience {problem} today, and existing services do not reach them.",
            "The target group is {group}, and {n} residents take part in the first round.",
        ],
        "intention": [
            "We want {group} to experience {benefit}.",
            "The goal is for {sol_def} to become part of operations in {place} and spread to other municipalities.",
            "We want to create {benefit} through {method} and stronger collaboration across sectors.",
            "The intention is to move from project to operations before the pool funding runs out.",
        ],
        "societal_goals": [
            "Fewer {group} should experience {problem}.",
            "A sustainable welfare society where {group} enjoy {benefit}.",
            "Better coordination between municipality, region and civil society.",
        ],
        "toc_problem": ["{group} experience {problem} because support is spread across many organisations."],
        "toc_activities": ["We set up {sol_pl}, train {actors_pl} and hold {activity} every week."],
        "toc_outputs": ["{n} sessions held and {n_small} groups of {actors_pl} trained."],
        "toc_outcomes": ["{group_def} experience {benefit}."],
        "toc_impact": ["{benefit} and lower spending on {cost_area} over time."],
        "toc_assumptions": ["That {actors_pl} have the time and wish to take part."],
        "business_case": [
            "The business case shows that {sol_def} pays for itself within {n_small} years through lower "
            "spending on {cost_area}.",
            "The savings fall to both municipality and region, which calls for a shared funding model.",
        ],
        "composted_reason": [
            "The pool funding ended and no operating funding was found.",
            "Too few people from the target group could be recruited.",
            "The evaluation found no effect on {problem}.",
        ],
        "composted_lessons": [
            "Recruit through {actor}, not by letter.",
            "Involve {group_def} from day one.",
            "Agree operating funding before the project starts.",
        ],
        "phase_rationale": [
            "The prototype was tested with {n} {group}, and {actor} is ready for the next step.",
            "The steering group decided to continue after a positive mid-term review.",
            "{sol_def} has shown {benefit} and will now mature.",
            "Funding is in place and {actor} takes ownership.",
        ],
        "learning_title_insight": [
            "{group} want to contribute, not only receive",
            "{sol_pl} create {benefit} when {group_def} are involved from the start",
            "Small steps made a big difference in {place}",
        ],
        "learning_title_barrier": ["{cat_title} held back {sol_def}", "Trouble with {cat_title} in {place}"],
        "learning_title_enabler": ["How we got past {cat_title}", "What made {sol_def} work in {place}"],
        "learning_title_method": ["How we used {method} in {place}", "Working with {method} and {group}"],
        "learning_title_failure": ["Why {sol_def} did not work the first time",
                                   "Our first prototype did not reach {group}"],
        "learning_title_success": ["{sol_def} created {benefit} in {place}",
                                   "From pilot to operations: {sol_def} in {place}"],
        "learning_did": [
            "We tested {sol} with {actor} and {actor} in {place}.",
            "For {n_small} weeks, {group_def} met {actors_pl} for {activity}.",
            "We held {n_small} workshops with {group}, {actors_pl} and {actor}.",
            "We interviewed {n} {group} about their everyday lives.",
            "{actor} built a prototype of {sol} and tested it {time_phrase}.",
        ],
        "learned_barrier": ["It turned out that {barrier}.", "The biggest challenge was that {barrier}."],
        "learned_enabler": ["It helped that {enabler}.", "What made the difference was that {enabler}."],
        "learning_learned": [
            "We learned that {sol_def} creates {benefit} when {group_def} are involved from the start.",
            "The evaluation shows {benefit} for {n} of {n_large} participants.",
            "We had underestimated how much {problem} shapes everyday life.",
            "The community did not grow in the activity itself but over coffee afterwards.",
            "{actors_pl} are an overlooked resource the municipality rarely reaches.",
        ],
        "learning_heading": [
            "The next step is to make {sol_def} part of operations in {place}.",
            "We will spread {sol_pl} to more municipalities in the network.",
            "We are applying for operating funds so that {sol_def} can continue after the pool period.",
            "We are exploring a twin of {sol_def} in {other_place}.",
        ],
        "assessment_productivity": ["Staff spend less time on coordination because {sol_def} brings support together."],
        "assessment_effects": ["{group_def} report {benefit}, and fewer need emergency care."],
        "assessment_democracy": [
            "Residents take part in developing {sol_def}, but the most excluded are hard to reach.",
        ],
        "assessment_service_experience": ["Residents describe {sol_def} as safe and easy to use."],
        "event_title": ["{activity} in {place}", "Workshop on {sol_pl} with {group}", "Open house in {place}"],
        "event_narrative": [
            "{n} {group} and {n_small} {actors_pl} met for {activity}.",
            "The atmosphere was good and many stayed on after coffee.",
            "{actor} shared their experience from {place}.",
            "We drew the day on the event wall.",
        ],
        "event_participants": ["{n} {group}, {n_small} volunteers and staff from {actor} and {actor}."],
        "resource_economic_actual": ["{actor} lent rooms free of charge."],
        "resource_economic_potential": ["A local business is considering co-funding operations."],
        "resource_social_actual": ["Participants swapped phone numbers and agreed to meet again."],
        "resource_social_potential": ["{actor} would like to bring in their network."],
        "resource_affective_actual": ["The joy of singing together was contagious."],
        "resource_affective_potential": ["The energy from the day could carry a new community."],
        "mission_problem": ["Many {group} experience {problem}, and support is not coordinated."],
        "mission_goal": ["By {year}, {group} should experience {benefit}."],
        "portfolio_title": ["Portfolio: {theme}", "{network}: portfolio {year}"],
        "portfolio_intention": ["The portfolio gathers initiatives that together aim at {benefit}."],
        "portfolio_context": ["Demographic change and rising costs put pressure on welfare services."],
        "entry_rationale": ["{sol_def} is close to operations and can scale.",
                            "Contributes to the portfolio's goal of {benefit}."],
    },
}
