"""The demo data: the networks, people and work that the seed documents in
shared/seeds/ describe, in their own languages.

Plain structures, loaded by demo.services.load_demo. Records refer to each other by
natural key: networks, organisations, initiatives, themes, missions and portfolios by
slug, people by name (unique in this file). Content stays in the seed's own language
(Swedish for Samhällskontraktet, Danish for the Danish networks, English for Kent).

Sources: 000 (SILK / Kent and the Region Midtjylland workshop), 001 (Netværk for
Systematisk Velfærdsinnovation, May 2021), 002 (Social- og Integrationsministeriet's
co-creation challenge, March 2013), 003 (Samhällskontraktet Core Team, 26 April 2024),
004 (Netværk for fællesskabsagenter, CBS).

What the seeds do not say is kept to a minimum and marked "DEMO" here; where a visitor
would read it as fact (an invented initiative, an amount), the record's own text says
it is a demo example too.
"""

import datetime
from decimal import Decimal

from core.choices import ContentLanguage, Currency, Visibility
from initiatives.choices import (
    CitizenInvolvement,
    FundingKind,
    InitiativeKind,
    ParticipationRole,
    Phase,
    TargetGroup,
)
from partners.choices import Country, MembershipRole, Sector
from portfolios.choices import Horizon, Layer, NoteKind, Relation

SV, DA, EN = ContentLanguage.SWEDISH, ContentLanguage.DANISH, ContentLanguage.ENGLISH
PUBLIC, NETWORK, DRAFT = Visibility.PUBLIC, Visibility.NETWORK, Visibility.DRAFT

CORE_TEAM_MEETING = datetime.date(2024, 4, 26)  # seed 003

# ---------------------------------------------------------------------------------------
# Networks
# ---------------------------------------------------------------------------------------

NETWORKS = [
    {
        "slug": "samhallskontraktet",
        "name": "Samhällskontraktet",
        "country": Country.SWEDEN,
        "description": (
            "Samverkan mellan Eskilstuna kommun, Västerås stad och Mälardalens universitet "
            "om hur samhället kan kraftsamla för den demografiska utvecklingen. Portföljen är "
            "en innovationsbubbla där forskare, förvaltningar och andra aktörer tillsammans "
            "utforskar och implementerar nya lösningar."
        ),
    },
    {
        "slug": "systematisk-velfaerdsinnovation",
        "name": "Netværk for Systematisk Velfærdsinnovation",
        "country": Country.DENMARK,
        "description": (
            "Et arbejdende netværk etableret ved årsskiftet 2019-2020 af engagerede ledere og "
            "fagprofessionelle på tværs af regioner, kommuner, vidensinstitutioner og "
            "civilsamfund, der vil skabe en ny og bedre samarbejdsmodel for at bringe "
            "forskningen tættere på velfærdens kernepraksis og ud til borgerne. Netværket er "
            "åbent, deler alt med alle, er crowdfunded/egenfinansieret og drevet non-profit."
        ),
    },
    {
        "slug": "social-innovation-lab-kent",
        "name": "Social Innovation Lab Kent (SILK)",
        "country": Country.UNITED_KINGDOM,
        "description": (
            "A small team within Kent County Council, set up in 2007 to 'do policy "
            "differently': working alongside residents and frontline staff from the "
            "beginning of every project, with its 'Starting With People' methodology. Each "
            "local project joins three organisations that have not worked together before, "
            "involves people with lived experience at all stages, and shares its learning."
        ),
    },
    {
        "slug": "faellesskabsagenter",
        "name": "Netværk for fællesskabsagenter",
        "country": Country.DENMARK,
        "description": (
            "Finansieret af Ministeriet for Sundhed og Forebyggelse. Alle kommuner i Danmark "
            "blev inviteret til at deltage; 20 kommuner blev i februar 2014 udvalgt på "
            "baggrund af en motiveret ansøgning til Sund By Netværket. Fællesskabsagenterne "
            "møder borgerne gennem nærværende samskabelse."
        ),
    },
]

# ---------------------------------------------------------------------------------------
# Organisations. Municipality codes are the official ones; no CVR or organisationsnummer
# is given because the seeds give none and a wrong one would be worse than none.
# ---------------------------------------------------------------------------------------

ORGANISATIONS = [
    # Sweden (seed 003)
    {
        "slug": "eskilstuna-kommun",
        "name": "Eskilstuna kommun",
        "sector": Sector.MUNICIPALITY,
        "country": Country.SWEDEN,
        "municipality_code": "0484",
    },
    {
        "slug": "vasteras-stad",
        "name": "Västerås stad",
        "sector": Sector.MUNICIPALITY,
        "country": Country.SWEDEN,
        "municipality_code": "1980",
    },
    {
        "slug": "malardalens-universitet",
        "name": "Mälardalens universitet (MDU)",
        "sector": Sector.KNOWLEDGE_INSTITUTION,
        "country": Country.SWEDEN,
    },
    # Denmark: the steering group and founders of Netværk for Systematisk Velfærdsinnovation (seed 001)
    {
        "slug": "slagelse-kommune",
        "name": "Slagelse Kommune",
        "sector": Sector.MUNICIPALITY,
        "country": Country.DENMARK,
        "municipality_code": "330",
    },
    {
        "slug": "kobenhavns-kommune",
        "name": "Københavns Kommune",
        "sector": Sector.MUNICIPALITY,
        "country": Country.DENMARK,
        "municipality_code": "101",
    },
    {
        "slug": "gladsaxe-kommune",
        "name": "Gladsaxe Kommune",
        "sector": Sector.MUNICIPALITY,
        "country": Country.DENMARK,
        "municipality_code": "159",
    },
    {"slug": "region-hovedstaden", "name": "Region Hovedstaden", "sector": Sector.REGION, "country": Country.DENMARK},
    {"slug": "region-sjaelland", "name": "Region Sjælland", "sector": Sector.REGION, "country": Country.DENMARK},
    # Hospitals and the Steno centres are run by the regions.
    {
        "slug": "bispebjerg-og-frederiksberg-hospital",
        "name": "Bispebjerg og Frederiksberg Hospital",
        "sector": Sector.REGION,
        "country": Country.DENMARK,
    },
    {
        "slug": "steno-diabetes-center-sjaelland",
        "name": "Steno Diabetes Center Sjælland",
        "sector": Sector.REGION,
        "country": Country.DENMARK,
    },
    {
        "slug": "steno-diabetes-center-copenhagen",
        "name": "Steno Diabetes Center Copenhagen",
        "sector": Sector.REGION,
        "country": Country.DENMARK,
    },
    {
        "slug": "kobenhavns-professionshojskole",
        "name": "Københavns Professionshøjskole",
        "sector": Sector.KNOWLEDGE_INSTITUTION,
        "country": Country.DENMARK,
    },
    # A research centre: it takes part as a knowledge institution, not as a service provider.
    {
        "slug": "center-for-klinisk-forskning-og-forebyggelse",
        "name": "Center for Klinisk Forskning og Forebyggelse",
        "sector": Sector.KNOWLEDGE_INSTITUTION,
        "country": Country.DENMARK,
    },
    {
        "slug": "make-it-better-consulting",
        "name": "Make It Better Consulting",
        "sector": Sector.COMPANY,
        "country": Country.DENMARK,
    },
    {
        "slug": "mobilize-strategy-consulting",
        "name": "Mobilize Strategy Consulting",
        "sector": Sector.COMPANY,
        "country": Country.DENMARK,
    },
    # Denmark: fællesskabsagenter (seed 004) and the co-creation challenge (seed 002)
    {
        "slug": "copenhagen-business-school",
        "name": "Copenhagen Business School",
        "sector": Sector.KNOWLEDGE_INSTITUTION,
        "country": Country.DENMARK,
    },
    {
        "slug": "ministeriet-for-sundhed-og-forebyggelse",
        "name": "Ministeriet for Sundhed og Forebyggelse",
        "sector": Sector.STATE_AGENCY,
        "country": Country.DENMARK,
    },
    # An association (forening) of municipalities and regions: civil society by legal form.
    {
        "slug": "sund-by-netvaerket",
        "name": "Sund By Netværket",
        "sector": Sector.CIVIL_SOCIETY,
        "country": Country.DENMARK,
    },
    {
        "slug": "social-og-integrationsministeriet",
        "name": "Social- og Integrationsministeriet",
        "sector": Sector.STATE_AGENCY,
        "country": Country.DENMARK,
    },
    # United Kingdom (seed 000). Kent County Council is the local authority responsible for
    # adult social care, the work a kommune does in Denmark and Sweden; England has no
    # kommunekode, so it has no municipality code.
    {
        "slug": "kent-county-council",
        "name": "Kent County Council",
        "sector": Sector.MUNICIPALITY,
        "country": Country.UNITED_KINGDOM,
    },
    {
        "slug": "department-of-health",
        "name": "Department of Health",
        "sector": Sector.STATE_AGENCY,
        "country": Country.UNITED_KINGDOM,
    },
    {
        "slug": "kent-dementia-action-alliance",
        "name": "Kent Dementia Action Alliance",
        "sector": Sector.CIVIL_SOCIETY,
        "country": Country.UNITED_KINGDOM,
    },
    {
        "slug": "dementia-diaries-editorial-board",
        "name": "Dementia Diaries Editorial Board",
        "sector": Sector.CIVIL_SOCIETY,
        "country": Country.UNITED_KINGDOM,
    },
]

# ---------------------------------------------------------------------------------------
# People. `seed_title` is the job title the seed gives; Person has no field for it yet, so
# the loader does not store it (it is kept here so it is not lost).
# ---------------------------------------------------------------------------------------

PEOPLE = [
    # Samhällskontraktet Core Team (seed 003)
    {"name": "Christine Wäneskog", "organisation": "vasteras-stad"},
    {"name": "Jenny Janestam", "organisation": "vasteras-stad", "seed_title": "kvalitets- och utvecklingschef"},
    {"name": "Johan Lindström", "organisation": "eskilstuna-kommun"},
    {"name": "Patrik Nilsson", "organisation": "eskilstuna-kommun"},
    {"name": "Lena Marmstål Hammar", "organisation": "malardalens-universitet"},
    {"name": "Lucia Crevani", "organisation": "malardalens-universitet", "seed_title": "professor i företagsekonomi"},
    {
        "name": "Peter Selegård",
        "organisation": "malardalens-universitet",
        "seed_title": "universitetslektor innovationsledning",
    },
    # The seed names Samhällskontraktet itself as their organisation: they work for the
    # network, not for one of its organisations.
    {"name": "Petra Edoff", "organisation": None},
    {"name": "Marianne Kiiskilä", "organisation": None},
    {"name": "Karin Axelsson", "organisation": None, "seed_title": "följeforskare Samhällskontraktet"},
    # Steering group of Netværk for Systematisk Velfærdsinnovation (seed 001)
    {"name": "Frank E. Andersen", "organisation": "slagelse-kommune", "seed_title": "kommunaldirektør"},
    {"name": "Kirsten Wisborg", "organisation": "bispebjerg-og-frederiksberg-hospital", "seed_title": "vicedirektør"},
    {"name": "Lise Tarnow", "organisation": "steno-diabetes-center-sjaelland", "seed_title": "direktør"},
    {
        "name": "Morten Hulvej Rod",
        "organisation": "steno-diabetes-center-copenhagen",
        "seed_title": "sundhedsfremmechef",
    },
    {"name": "Christian Sørensen", "organisation": "kobenhavns-kommune", "seed_title": "områdechef"},
    {"name": "Kasper B. Munk", "organisation": "region-hovedstaden", "seed_title": "enhedschef"},
    {"name": "Jesper Reumert", "organisation": "region-sjaelland", "seed_title": "chefkonsulent"},
    {"name": "Anders Togsverd-Madum", "organisation": "gladsaxe-kommune", "seed_title": "centerchef"},
    {"name": "Katrine Hornum-Stenz", "organisation": "kobenhavns-professionshojskole", "seed_title": "institutleder"},
    # SILK (seed 000)
    {
        "name": "Emma Barrett",
        "organisation": "kent-county-council",
        "seed_title": "coordinator of the SILK programme since 2009",
    },
    # Netværk for fællesskabsagenter (seed 004)
    {
        "name": "Christa Breum Amhøj",
        "organisation": "copenhagen-business-school",
        "seed_title": "forskningsprogramleder, post doc, Offentlig Entrepreneurship",
    },
]

# ---------------------------------------------------------------------------------------
# Memberships: each is a person's or an organisation's.
# ---------------------------------------------------------------------------------------

_SK_PEOPLE = [
    ("Christine Wäneskog", MembershipRole.MEMBER, None),
    ("Jenny Janestam", MembershipRole.MEMBER, CORE_TEAM_MEETING),  # new member at the meeting
    ("Johan Lindström", MembershipRole.MEMBER, None),
    ("Patrik Nilsson", MembershipRole.MEMBER, None),
    ("Lena Marmstål Hammar", MembershipRole.MEMBER, None),
    ("Lucia Crevani", MembershipRole.MEMBER, CORE_TEAM_MEETING),  # new member at the meeting
    ("Peter Selegård", MembershipRole.MEMBER, CORE_TEAM_MEETING),  # joins, was not there
    ("Petra Edoff", MembershipRole.COORDINATOR, None),  # she and Marianne run the meetings
    ("Marianne Kiiskilä", MembershipRole.COORDINATOR, None),
    ("Karin Axelsson", MembershipRole.MEMBER, None),
]
_NSV_STEERING_GROUP = [
    "Frank E. Andersen",
    "Kirsten Wisborg",
    "Lise Tarnow",
    "Morten Hulvej Rod",
    "Christian Sørensen",
    "Kasper B. Munk",
    "Jesper Reumert",
    "Anders Togsverd-Madum",
    "Katrine Hornum-Stenz",
]
_NSV_STEERING_ORGANISATIONS = [
    "slagelse-kommune",
    "bispebjerg-og-frederiksberg-hospital",
    "steno-diabetes-center-sjaelland",
    "steno-diabetes-center-copenhagen",
    "kobenhavns-kommune",
    "region-hovedstaden",
    "region-sjaelland",
    "gladsaxe-kommune",
    "kobenhavns-professionshojskole",
]
_NSV_FOUNDERS = [
    "center-for-klinisk-forskning-og-forebyggelse",
    "make-it-better-consulting",
    "mobilize-strategy-consulting",
]
_NSV_ORGANISATIONS = _NSV_STEERING_ORGANISATIONS + _NSV_FOUNDERS

MEMBERSHIPS = [
    *(
        {"network": "samhallskontraktet", "organisation": slug, "role": MembershipRole.MEMBER}
        for slug in ["eskilstuna-kommun", "vasteras-stad", "malardalens-universitet"]
    ),
    *(
        {"network": "samhallskontraktet", "person": name, "role": role, "start_date": start}
        for name, role, start in _SK_PEOPLE
    ),
    *(
        {"network": "systematisk-velfaerdsinnovation", "organisation": slug, "role": MembershipRole.MEMBER}
        for slug in _NSV_ORGANISATIONS
    ),
    *(
        {"network": "systematisk-velfaerdsinnovation", "person": name, "role": MembershipRole.MEMBER}
        for name in _NSV_STEERING_GROUP
    ),
    {"network": "social-innovation-lab-kent", "organisation": "kent-county-council", "role": MembershipRole.MEMBER},
    {"network": "social-innovation-lab-kent", "person": "Emma Barrett", "role": MembershipRole.COORDINATOR},
    *(
        {"network": "faellesskabsagenter", "organisation": slug, "role": MembershipRole.MEMBER}
        for slug in ["copenhagen-business-school", "ministeriet-for-sundhed-og-forebyggelse", "sund-by-netvaerket"]
    ),
    {"network": "faellesskabsagenter", "person": "Christa Breum Amhøj", "role": MembershipRole.MEMBER},
]

# ---------------------------------------------------------------------------------------
# Themes and missions (seed 001)
# ---------------------------------------------------------------------------------------

THEMES = [
    {
        "slug": "udsatte-familier",
        "network": "systematisk-velfaerdsinnovation",
        "name": "Udsatte familier",
        "language": DA,
        "visibility": PUBLIC,
        "description": (
            "Den tværgående velfærdsudfordring, netværket valgte i første fase i 2020: en "
            "udfordring omkring borgeren, der kun kan løses ved, at organisationer og "
            "institutioner går sammen om at teste modeller og får dem sat i drift sammen, og "
            "hvor der allerede er en række ukoordinerede projekter. Andre fremtidige temaer kan "
            "være 'Indsatser til personer med multisygdom og komplekse problemstillinger' eller "
            "'Sårbare unge'."
        ),
    },
]

MISSIONS = [
    {
        "slug": "sammenhaeng-i-indsatserne-for-udsatte-familier",
        "network": "systematisk-velfaerdsinnovation",
        "theme": "udsatte-familier",
        "title": "At skabe sammenhæng i indsatserne for udsatte familier",
        "language": DA,
        "visibility": PUBLIC,
        "problem": (
            "Når en familie står med flere sociale og sundhedsmæssige udfordringer, sker der "
            "sjældent en koordinering mellem fagområder eller forsøg på at opbygge familiernes "
            "kapabilitet. Jobcentret, socialafdelingen, familieenheden, skolen og "
            "daginstitutionen, egen læge, hospitalet og psykiatrien møder hver et "
            "familiemedlem og prøver at løse det enkeltstående problem. Familierne farer vild "
            "i støtte- og behandlingstilbud og bliver ikke én, men mange 'sager'."
        ),
        "goal": (
            "Sammenhængende og koordinerede indsatser på tværs af kommune, region og "
            "civilsamfund, der opbygger familiernes kapabilitet i stedet for at symptombehandle."
        ),
        # DEMO: the seed does not say which organisations joined which mission.
        "organisations": [
            "slagelse-kommune",
            "kobenhavns-kommune",
            "gladsaxe-kommune",
            "region-hovedstaden",
            "region-sjaelland",
            "kobenhavns-professionshojskole",
        ],
    },
    {
        "slug": "tidlige-indsatser-for-gravide-med-saarbarheder",
        "network": "systematisk-velfaerdsinnovation",
        "theme": "udsatte-familier",
        "title": "Tidlige indsatser for gravide med sårbarheder og deres familier",
        "language": DA,
        "visibility": PUBLIC,
        "problem": (
            "En graviditet er ikke en social eller sundhedsmæssig udfordring, men kan blive "
            "det, når familien i forvejen har flere udfordringer. Indsatserne kommer sent og "
            "hver for sig."
        ),
        "goal": "Tidlige, koordinerede indsatser for gravide med sårbarheder og deres familier.",
        # DEMO: see above.
        "organisations": [
            "bispebjerg-og-frederiksberg-hospital",
            "steno-diabetes-center-sjaelland",
            "steno-diabetes-center-copenhagen",
            "region-sjaelland",
            "slagelse-kommune",
        ],
    },
]

# ---------------------------------------------------------------------------------------
# Initiatives, parents before their children. Each may carry its participations,
# fundings and phase changes. A phase change's date is the date of the seed document that
# records the phase, unless said otherwise.
# ---------------------------------------------------------------------------------------

_MEAL_PARENT = "maltider-och-moten-for-seniorer"

_AGENTS_COMPOSTED_REASON = (
    "Projektperioden 2014-2015 med midler fra Ministeriet for Sundhed og Forebyggelse sluttede. (Demo: seedet "
    "fortæller om forsøget i datid, men ikke hvordan det sluttede; at det er komposteret, er demoens tolkning.)"
)
_AGENTS_COMPOSTED_LESSONS = (
    "Sundhed bliver til gennem mange mikroskopiske skridt: gennem pauser, der inviterer ind; ved at gå til kanten "
    "af sin rolle; ved at se ét fællesskab som mere end en enhed – det er organisk og fornyer sig; ved at blive i "
    "kvaliteten og skrue op for den gennem poesi, tegninger og billeder. Lige så snart vi slap ansvaret, faldt det "
    "til jorden: giv plads til eksperimenter, og vær vedholdende. Evaluér med POEM (Public Open Evaluation "
    "Management), så evalueringen ikke bliver en stop-operation for de fællesskaber, der er på vej."
)

INITIATIVES = [
    # --- Samhällskontraktet (seed 003), Swedish ------------------------------------------
    {
        "slug": _MEAL_PARENT,
        "network": "samhallskontraktet",
        "title": "Måltider och möten för seniorer",
        "language": SV,
        "visibility": PUBLIC,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.PROTOTYPING,
        "summary": (
            "I initiativet Måltider och möten för seniorer tittar vi på hur vi kan hitta nya, "
            "innovativa lösningar för att uppfylla äldre personers behov av måltider, "
            "självständighet och gemenskap. Här har vi nu tre pågående piloter: Leverans av mat "
            "för seniorer, Seniorrestaurangen och Pensionärernas bössa."
        ),
        "intention": (
            "Att transformera hur tjänster levereras till äldre: nya typer av tjänster, "
            "omformade förväntningar hos invånarna på vem som levererar tjänster, och nya sätt "
            "att hantera upphandling och lokalutnyttjande."
        ),
        "societal_goals": "Äldre personers behov av måltider, självständighet och gemenskap tillgodoses.",
        "target_groups": [TargetGroup.OLDER_PEOPLE, TargetGroup.OLDER_PEOPLE_LIVING_ALONE],
        "municipalities": ["eskilstuna-kommun"],
        "participations": [("eskilstuna-kommun", ParticipationRole.LEAD)],
        "phase_changes": [
            {
                "from_phase": Phase.IDEA_DEVELOPMENT,
                "to_phase": Phase.PROTOTYPING,
                "date": CORE_TEAM_MEETING,
                "rationale": "Tre piloter pågår: Leverans av mat för seniorer, Seniorrestaurangen och "
                "Pensionärernas bössa (Core Team-mötet 26 april 2024).",
            },
        ],
    },
    {
        "slug": "framtidens-aldreboende",
        "network": "samhallskontraktet",
        "title": "Framtidens äldreboende",
        "language": SV,
        "visibility": PUBLIC,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.IDEA_DEVELOPMENT,
        "summary": (
            "Initiativet inkluderar både satsningen på nya äldreboendet Ängsgärdet, där nya "
            "lösningar ska testas, och en utredning om framtidens äldreboende."
        ),
        "intention": (
            "Ett skifte i tankesätt, där äldreboendet inte bara ses som en boendelösning, utan "
            "som ett levande ekosystem där integrering och samarbete mellan olika grupper är "
            "nyckelelement."
        ),
        "target_groups": [TargetGroup.OLDER_PEOPLE],
        "municipalities": ["vasteras-stad"],
        "participations": [("vasteras-stad", ParticipationRole.LEAD)],
    },
    {
        "slug": "mobil-trygghetslosning-for-seniorer",
        "network": "samhallskontraktet",
        "title": "Mobil trygghetslösning för seniorer",
        "language": SV,
        "visibility": PUBLIC,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.PROTOTYPING,
        "summary": (
            "Syftet med pilotprojektet är att testa om en mobil trygghetslösning som inkluderar "
            "larm och digital ledsagning kan resultera i en mätbar förbättring av hälsa, "
            "välbefinnande och trygghet."
        ),
        "target_groups": [TargetGroup.OLDER_PEOPLE],
        "toc_activities": "Test av en mobil trygghetslösning med larm och digital ledsagning.",
        "toc_outcomes": "En mätbar förbättring av hälsa, välbefinnande och trygghet.",
        "municipalities": ["vasteras-stad"],
        # DEMO: MDU as researcher is inferred from Lucia Crevani's note on research into
        # trygghetslösningar; the seed does not name the initiative's partners.
        "participations": [
            ("vasteras-stad", ParticipationRole.LEAD),
            ("malardalens-universitet", ParticipationRole.RESEARCHER),
        ],
    },
    {
        "slug": "starka-aldres-sjalvstandighet-genom-nya-servicetjanster",
        "network": "samhallskontraktet",
        "title": "Stärka äldres självständighet genom nya servicetjänster",
        "language": SV,
        "visibility": PUBLIC,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.IDEA_DEVELOPMENT,
        "summary": (
            "I initiativet Servicetjänster för seniorer tittar vi på hur samhällets utveckling av "
            "(digitala) servicetjänster och lösningar bättre kan tjäna vår äldre befolknings "
            "önskan om självständighet, valfrihet och kvalitet genom skräddarsydda lösningar för "
            "varje individs liv."
        ),
        "target_groups": [TargetGroup.OLDER_PEOPLE],
        "municipalities": ["eskilstuna-kommun"],
        "participations": [("eskilstuna-kommun", ParticipationRole.LEAD)],
    },
    {
        "slug": "samverkansmodell-med-civilsamhallet",
        "network": "samhallskontraktet",
        "title": "Samverkansmodell med civilsamhället",
        "language": SV,
        "visibility": PUBLIC,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.IDEA_DEVELOPMENT,
        "summary": (
            "I initiativet Samverkan med civilsamhället tittar vi på hur vi kan utveckla nya "
            "samverkansmodeller och etablera samarbete mellan Eskilstuna kommun och det lokala "
            "civilsamhället i frågor som stöttar äldre personers behov av meningsfullhet, "
            "självständighet och gemenskap."
        ),
        "toc_problem": (
            "Vilken typ av stöd kan erbjudas genom civilsamhället och kommunen, och hur "
            "mobiliseras civilsamhället till rätt typ av tjänster? Eskilstuna enkät, med flera "
            "tusen svar, kan ge inblick i behov och önskningar."
        ),
        "target_groups": [TargetGroup.OLDER_PEOPLE, TargetGroup.LOCAL_COMMUNITY],
        "municipalities": ["eskilstuna-kommun"],
        "participations": [("eskilstuna-kommun", ParticipationRole.LEAD)],
    },
    # The three meal pilots. The seed names them only; their summaries say no more than that.
    {
        "slug": "leverans-av-mat-for-seniorer",
        "network": "samhallskontraktet",
        "title": "Leverans av mat för seniorer",
        "language": SV,
        "visibility": PUBLIC,
        "kind": InitiativeKind.PILOT,
        "parent": _MEAL_PARENT,
        "phase": Phase.PROTOTYPING,
        "summary": "Pilot inom Måltider och möten för seniorer som testar leverans av mat till seniorer.",
        "target_groups": [TargetGroup.OLDER_PEOPLE],
        "municipalities": ["eskilstuna-kommun"],
        "participations": [("eskilstuna-kommun", ParticipationRole.LEAD)],
        "phase_changes": [
            {
                "from_phase": Phase.IDEA_DEVELOPMENT,
                "to_phase": Phase.PROTOTYPING,
                "date": CORE_TEAM_MEETING,
                "rationale": "Pågående pilot enligt Core Team-mötet 26 april 2024.",
            },
        ],
    },
    {
        "slug": "seniorrestaurangen",
        "network": "samhallskontraktet",
        "title": "Seniorrestaurangen",
        "language": SV,
        "visibility": PUBLIC,
        "kind": InitiativeKind.PILOT,
        "parent": _MEAL_PARENT,
        "phase": Phase.PROTOTYPING,
        "summary": "Pilot inom Måltider och möten för seniorer: en restaurang där seniorer äter och möts.",
        "target_groups": [TargetGroup.OLDER_PEOPLE, TargetGroup.OLDER_PEOPLE_LIVING_ALONE],
        "municipalities": ["eskilstuna-kommun"],
        "participations": [("eskilstuna-kommun", ParticipationRole.LEAD)],
        "phase_changes": [
            {
                "from_phase": Phase.IDEA_DEVELOPMENT,
                "to_phase": Phase.PROTOTYPING,
                "date": CORE_TEAM_MEETING,
                "rationale": "Pågående pilot enligt Core Team-mötet 26 april 2024.",
            },
        ],
    },
    {
        "slug": "pensionarernas-bossa",
        "network": "samhallskontraktet",
        "title": "Pensionärernas bössa",
        "language": SV,
        "visibility": NETWORK,  # shows what only the network's members see
        "kind": InitiativeKind.PILOT,
        "parent": _MEAL_PARENT,
        "phase": Phase.PROTOTYPING,
        "summary": "En av tre pågående piloter inom Måltider och möten för seniorer.",
        "target_groups": [TargetGroup.OLDER_PEOPLE],
        "municipalities": ["eskilstuna-kommun"],
        "participations": [("eskilstuna-kommun", ParticipationRole.LEAD)],
    },
    # DEMO: a draft grown from Johan's orange note, to show that drafts are for the
    # coordinators of the organisations taking part (here Eskilstuna kommun).
    {
        "slug": "sociala-insatser-och-ofrivillig-ensamhet",
        "network": "samhallskontraktet",
        "title": "Sociala insatser och ofrivillig ensamhet",
        "language": SV,
        "visibility": DRAFT,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.STARTUP,
        "summary": (
            "Utkast: på Core Team-mötet 26 april 2024 föreslog Johan att sociala insatser mot "
            "ofrivillig ensamhet lyfts in i Samhällskontraktet. (Demo: utkastet är skapat ur en "
            "orange lapp för att visa hur utkast syns.)"
        ),
        "target_groups": [TargetGroup.OLDER_PEOPLE_LIVING_ALONE],
        "municipalities": ["eskilstuna-kommun"],
        "participations": [("eskilstuna-kommun", ParticipationRole.LEAD)],
    },
    # --- Netværk for Systematisk Velfærdsinnovation (seed 001), Danish ---------------------
    {
        "slug": "samarbejdsmodel-for-systematisk-velfaerdsinnovation",
        "network": "systematisk-velfaerdsinnovation",
        "title": "Ny samarbejdsmodel for systematisk velfærdsinnovation",
        "language": DA,
        "visibility": PUBLIC,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.PROTOTYPING,
        "start_date": datetime.date(2020, 1, 1),
        "summary": (
            "Netværkets model for tværgående og koordineret forskningsbaseret velfærdsinnovation "
            "i tre spor: et samarbejds- og innovationsformat; valg af en tværgående "
            "velfærdsudfordring omkring borgeren (i 2020 'Udsatte familier'); og "
            "læringsorienteret følgeforskning med benchmark ift. international best practice. "
            "Første fase er udviklet og indledningsvis afprøvet; konceptet udvikles i 2021 og de "
            "kommende år."
        ),
        "intention": (
            "At accelerere udvikling, spredning og anvendelse af ny solid viden med henblik på at "
            "løse vanskelige velfærdsudfordringer, tættere på praksis, drift og borgere."
        ),
        "toc_activities": (
            "En forandringsteori, en 5-faset proces og en business case-tilgang; inspiration fra "
            "design thinking, brugerdreven innovation, lean startup og shared governance."
        ),
        "toc_assumptions": (
            "Missionsorienteringen samler fagfolkene; topledelsen bakker op; en tværgående "
            "projektgruppe driver projektet frem og tør tage beslutninger; der er risiko og "
            "usikkerhed, og projekterne ændrer sig undervejs."
        ),
        "citizen_involvement": CitizenInvolvement.INVOLVE,
        "target_groups": [TargetGroup.VULNERABLE_FAMILIES, TargetGroup.FRONTLINE_STAFF],
        "missions": [
            "sammenhaeng-i-indsatserne-for-udsatte-familier",
            "tidlige-indsatser-for-gravide-med-saarbarheder",
        ],
        "participations": [
            ("center-for-klinisk-forskning-og-forebyggelse", ParticipationRole.LEAD),
            ("make-it-better-consulting", ParticipationRole.PARTNER),
            ("mobilize-strategy-consulting", ParticipationRole.PARTNER),
            *((slug, ParticipationRole.PARTNER) for slug in _NSV_STEERING_ORGANISATIONS),
        ],
        "phase_changes": [
            {
                "from_phase": Phase.STARTUP,
                "to_phase": Phase.IDEA_DEVELOPMENT,
                "date": datetime.date(2020, 1, 1),
                "rationale": "Netværket er etableret ved årsskiftet 2019-2020; temaet 'Udsatte familier' "
                "er valgt for første fase i 2020.",
            },
            {
                "from_phase": Phase.IDEA_DEVELOPMENT,
                "to_phase": Phase.PROTOTYPING,
                "date": datetime.date(2021, 5, 1),
                "rationale": "Første fase af samarbejdsmodellen er udviklet og indledningsvis afprøvet "
                "(netværkets status, maj 2021).",
            },
        ],
    },
    # DEMO: the seed's own example of care that must be coordinated across municipality
    # and region; partners, dates and the grant are invented.
    {
        "slug": "koordineret-indsats-misbrug-og-psykisk-sygdom",
        "network": "systematisk-velfaerdsinnovation",
        "title": "Koordineret indsats for familier med misbrug og psykisk sygdom",
        "language": DA,
        "visibility": NETWORK,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.IDEA_DEVELOPMENT,
        "start_date": datetime.date(2025, 4, 1),
        "summary": (
            "Misbrugsbehandlingen og de socialt faglige indsatser varetages i kommunalt regi, "
            "mens den psykiatriske behandling varetages af regionen. Indsatsen afprøver en fælles, "
            "koordineret plan for familier, hvor en forælder har både misbrug og psykisk sygdom. "
            "Demo-eksempel udledt af netværkets beskrivelse; parter, datoer og bevilling er "
            "opdigtede."
        ),
        "citizen_involvement": CitizenInvolvement.INVOLVE,
        "target_groups": [TargetGroup.ADDICTION_AND_MENTAL_ILLNESS, TargetGroup.VULNERABLE_FAMILIES],
        "missions": ["sammenhaeng-i-indsatserne-for-udsatte-familier"],
        "municipalities": ["kobenhavns-kommune"],
        "participations": [
            ("kobenhavns-kommune", ParticipationRole.LEAD),
            ("region-hovedstaden", ParticipationRole.PARTNER),
        ],
        # DEMO: a pool grant ending without operating funding after it, the funding cliff
        # the seeds warn about ("når midlerne slipper op så springer boblen").
        "fundings": [
            {
                "funder": None,
                "funder_name": "Puljemidler (demo-eksempel)",
                "kind": FundingKind.TEMPORARY_POOL,
                "amount": Decimal("1200000.00"),
                "currency": Currency.DKK,
                "start_date": datetime.date(2025, 4, 1),
                "end_date": datetime.date(2027, 3, 31),
            },
        ],
        "phase_changes": [
            {
                "from_phase": Phase.STARTUP,
                "to_phase": Phase.IDEA_DEVELOPMENT,
                "date": datetime.date(2025, 4, 1),
                "rationale": "Puljemidler bevilget; kommune og region udvikler en fælles plan (demo).",
            },
        ],
    },
    # DEMO: a draft under the second mission, for the Danish coordinator (Slagelse Kommune).
    {
        "slug": "tidlig-indsats-for-gravide-med-saarbarheder-slagelse",
        "network": "systematisk-velfaerdsinnovation",
        "title": "Tidlig tværsektoriel indsats for gravide med sårbarheder i Slagelse",
        "language": DA,
        "visibility": DRAFT,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.STARTUP,
        "summary": (
            "Utkast: kommune, region og Steno Diabetes Center Sjælland samarbejder om at nå "
            "gravide med sårbarheder tidligt, med følgeforskning fra Københavns "
            "Professionshøjskole. Demo-eksempel; parterne er opdigtede."
        ),
        "target_groups": [TargetGroup.PREGNANT_WITH_VULNERABILITIES, TargetGroup.VULNERABLE_FAMILIES],
        "missions": ["tidlige-indsatser-for-gravide-med-saarbarheder"],
        "municipalities": ["slagelse-kommune"],
        "participations": [
            ("slagelse-kommune", ParticipationRole.LEAD),
            ("region-sjaelland", ParticipationRole.PARTNER),
            ("steno-diabetes-center-sjaelland", ParticipationRole.PARTNER),
            ("kobenhavns-professionshojskole", ParticipationRole.RESEARCHER),
        ],
    },
    # --- SILK (seed 000), English ---------------------------------------------------------
    {
        "slug": "dementia-friendly-kent",
        "network": "social-innovation-lab-kent",
        "title": "Dementia Friendly Kent",
        "language": EN,
        "visibility": PUBLIC,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.SCALING,
        "summary": (
            "Each of the 12 District areas in Kent is developing its own dementia friendly "
            "community, with a focus on intergenerational projects identified by families "
            "themselves to address the stigma attached to dementia. Local councillors and "
            "council staff are trained as dementia champions and dementia friends alongside "
            "partner agencies and people in a personal capacity, and lead community projects: "
            "intergenerational art, dance, film and radio; a shop safe scheme for vulnerable "
            "adults; dementia friends sessions; and peer support given by people recently "
            "diagnosed with dementia. Each area decides its own infrastructure: some develop "
            "Dementia Action Alliances, others use existing forums."
        ),
        "intention": (
            "People living with dementia continue to live well in their communities, with clear "
            "and accessible communication about what is available locally."
        ),
        "toc_problem": (
            "In Kent, a county of over 1.3 million residents, 19,500 people were living with "
            "dementia in 2011, predicted to rise to 30,100 by 2026; two thirds live in the "
            "community and one third in care homes. Dementia carries a stigma."
        ),
        "toc_assumptions": (
            "Each local project joins 3 organisations that have not worked together before, "
            "involves people living with dementia at all stages, and is willing to share learning."
        ),
        "citizen_involvement": CitizenInvolvement.COLLABORATE,
        "target_groups": [
            TargetGroup.PEOPLE_WITH_DEMENTIA,
            TargetGroup.RELATIVES_AND_CARERS,
            TargetGroup.CHILDREN_AND_YOUNG_PEOPLE,
            TargetGroup.LOCAL_COMMUNITY,
        ],
        "municipalities": ["kent-county-council"],
        "participations": [
            ("kent-county-council", ParticipationRole.LEAD),
            ("department-of-health", ParticipationRole.FUNDER),
            ("kent-dementia-action-alliance", ParticipationRole.PARTNER),
        ],
        # Funded in part by the Department of Health (Prime Minister's Challenge on dementia)
        # and match-funded by Kent County Council's Adult Social Care. DEMO: the amounts are
        # invented and in EUR, since the portal has no GBP.
        "fundings": [
            {
                "funder": "department-of-health",
                "funder_name": "",
                "kind": FundingKind.TEMPORARY_POOL,
                "amount": Decimal("250000.00"),
                "currency": Currency.EUR,
                "start_date": None,
                "end_date": None,
            },
            {
                "funder": "kent-county-council",
                "funder_name": "",
                "kind": FundingKind.OPERATING_BUDGET,
                "amount": Decimal("250000.00"),
                "currency": Currency.EUR,
                "start_date": None,
                "end_date": None,
            },
        ],
    },
    {
        "slug": "dementia-diaries",
        "network": "social-innovation-lab-kent",
        "title": "Dementia Diaries",
        "language": EN,
        "visibility": PUBLIC,
        "kind": InitiativeKind.TARGETED_ACTION,
        "parent": "dementia-friendly-kent",
        "phase": Phase.SCALING,
        "summary": (
            "The award-winning Dementia Diaries are a collection of stories about young people and "
            "their experiences with dementia; the fictional characters are based on true stories "
            "from families across Kent. They result from a recommendation of the Kent County "
            "Council Dementia Select Committee in 2011 and were recognised in the 2014 NHS awards "
            "for excellence in participation with young people. They are in all schools and "
            "libraries in Kent, Surrey and West Sussex and were shared in the Aarhus region of "
            "Denmark during a visit to MidtLab. With the Editorial Board, which includes all "
            "participating families, SILK is developing a learning resource pack for curriculum "
            "and informal education settings."
        ),
        "citizen_involvement": CitizenInvolvement.COLLABORATE,
        "target_groups": [
            TargetGroup.CHILDREN_AND_YOUNG_PEOPLE,
            TargetGroup.PEOPLE_WITH_DEMENTIA,
            TargetGroup.RELATIVES_AND_CARERS,
        ],
        "municipalities": ["kent-county-council"],
        "participations": [
            ("kent-county-council", ParticipationRole.LEAD),
            ("dementia-diaries-editorial-board", ParticipationRole.CITIZEN_GROUP),
        ],
    },
    {
        "slug": "dementia-friendly-kent-web-platform",
        "network": "social-innovation-lab-kent",
        "title": "Dementia Friendly Kent web platform",
        "language": EN,
        "visibility": PUBLIC,
        "kind": InitiativeKind.TARGETED_ACTION,
        "parent": "dementia-friendly-kent",
        "phase": Phase.PROTOTYPING,
        "summary": (
            "An interactive web platform to include all the dementia friendly work happening "
            "across Kent, supported by the newly formed pan Kent Dementia Action Alliance: people "
            "living with dementia have said that clear and accessible communication about what "
            "is available locally is essential to continue to live well with dementia."
        ),
        "target_groups": [TargetGroup.PEOPLE_WITH_DEMENTIA, TargetGroup.RELATIVES_AND_CARERS],
        "municipalities": ["kent-county-council"],
        "participations": [
            ("kent-county-council", ParticipationRole.LEAD),
            ("kent-dementia-action-alliance", ParticipationRole.PARTNER),
        ],
    },
    # --- Netværk for fællesskabsagenter (seed 004), Danish ---------------------------------
    {
        "slug": "faellesskabsagenter",
        "network": "faellesskabsagenter",
        "title": "Fællesskabsagenter",
        "language": DA,
        "visibility": PUBLIC,
        "kind": InitiativeKind.INITIATIVE,
        # Composted: the seed speaks of the attempt in the past tense, and its pool funding
        # ran 2014-2015; its lessons are the seed's closing words.
        "phase": Phase.COMPOSTED,
        "composted_reason": _AGENTS_COMPOSTED_REASON,
        "composted_lessons": _AGENTS_COMPOSTED_LESSONS,
        "start_date": datetime.date(2014, 2, 1),
        "end_date": datetime.date(2015, 12, 31),
        "summary": (
            "Hvordan når vi de borgere – og de ressourcer – som kommunen meget sjældent når ud "
            "til? Fællesskabsagenterne var et forsøg på at tilbagetrække 'rådhuset', "
            "'projektstyringen' og 'konceptet' og at møde borgerne gennem nærværende "
            "samskabelse, der gøder jorden for aktiviteter, der konstant kan forny sig. Målet i "
            "2014 var, at hver deltagende kommune skulle rekruttere fem fællesskabsagenter; de 18 "
            "kommuner, der fortsatte, havde ved årets afslutning involveret omkring 80 "
            "fællesskabsagenter. I 2015 blev der arbejdet med et ledelsesspor og et "
            "evalueringsspor (Public Open Evaluation Management, POEM)."
        ),
        "intention": (
            "At mobilisere lokalsamfundets ressourcer og aktører til bedre trivsel og sundhed, "
            "uden at regulere dem og uden at planlægge, hvad fremtiden er."
        ),
        "toc_assumptions": (
            "Det udfordrer de fagprofessionelles rolle og stiller nye krav til ledelse og "
            "evaluering: medarbejdere og ledere bliver kreative velfærdsartister, der arbejder på "
            "tværs og på langs af organisationen."
        ),
        "citizen_involvement": CitizenInvolvement.COLLABORATE,
        "target_groups": [TargetGroup.LOCAL_COMMUNITY, TargetGroup.FRONTLINE_STAFF],
        "participations": [
            ("sund-by-netvaerket", ParticipationRole.LEAD),
            ("copenhagen-business-school", ParticipationRole.RESEARCHER),
            ("ministeriet-for-sundhed-og-forebyggelse", ParticipationRole.FUNDER),
        ],
        # DEMO: the amount is invented; the seed says who paid, not how much.
        "fundings": [
            {
                "funder": "ministeriet-for-sundhed-og-forebyggelse",
                "funder_name": "",
                "kind": FundingKind.TEMPORARY_POOL,
                "amount": Decimal("3000000.00"),
                "currency": Currency.DKK,
                "start_date": datetime.date(2014, 2, 1),
                "end_date": datetime.date(2015, 12, 31),
            },
        ],
        "phase_changes": [
            {
                "from_phase": Phase.STARTUP,
                "to_phase": Phase.PROTOTYPING,
                "date": datetime.date(2014, 2, 1),
                "rationale": "20 kommuner udvalgt i februar 2014; hver skal rekruttere fem fællesskabsagenter.",
            },
            {
                "from_phase": Phase.PROTOTYPING,
                "to_phase": Phase.MATURATION,
                "date": datetime.date(2015, 1, 1),
                "rationale": "Omkring 80 fællesskabsagenter i 18 kommuner ved udgangen af 2014; i 2015 et "
                "ledelsesspor og et evalueringsspor.",
            },
            {
                "from_phase": Phase.MATURATION,
                "to_phase": Phase.COMPOSTED,
                "date": datetime.date(2015, 12, 31),
                "rationale": _AGENTS_COMPOSTED_REASON,
            },
        ],
    },
    # Seed 002 is a challenge the ministry posted in 2013. It sits in this network because
    # both are about samskabelse with citizens in Danish welfare, in the same years.
    {
        "slug": "samskabelse-borgerdreven-service-og-effekt",
        "network": "faellesskabsagenter",
        "title": "Samskabelse (co-creation), borgerdreven service og effekt",
        "language": DA,
        "visibility": PUBLIC,
        "kind": InitiativeKind.INITIATIVE,
        "phase": Phase.IDEA_DEVELOPMENT,
        "summary": (
            "Hvordan kan øget involverings- og samskabelsesgrad gøre social service mere fleksibel "
            "og personlig? Udfordring indsendt af Social- og Integrationsministeriet (senest "
            "opdateret 5. marts 2013), med handicapområdet som spydspids og læring fra BPA-området."
        ),
        "intention": (
            "At sammensætte nye, mere fleksible og borgerinddragende serviceformer, som øger "
            "kvaliteten inden for fire værdidomæner: produktivitet, effekter, demokrati og "
            "serviceoplevelse."
        ),
        "toc_problem": (
            "Barrierer kan være fokus på kortsigtet drift i kommunerne i stedet for langsigtet "
            "udvikling, silo-problematikker og selve visitationen."
        ),
        "toc_activities": (
            "Forskning og viden om kooperative former, der samskaber services i nye designs: "
            "brugersammenslutninger, individual budgets og læring fra fx Sverige ((in)direct "
            "payment og independent living); aktionsforskning i forbindelse med pilotprojekter."
        ),
        "toc_outcomes": (
            "Stærkt øget livskvalitet og selvbestemmelse for flere af de 'tungere' handicapgrupper "
            "(jf. evalueringen af BPA i 2012), og former, der letter samarbejdet mellem hjem, "
            "arbejdsplads og undervisningssektor."
        ),
        "toc_impact": "På sigt afinstitutionalisering.",
        "toc_assumptions": (
            "Læring fra BPA-området og udenlandske erfaringer; EU-Kommissionens fokus på "
            "Independent Living (FN's handicapkonvention, artikel 19); den stærke danske "
            "handicapbevægelse."
        ),
        "citizen_involvement": CitizenInvolvement.EMPOWER,
        "target_groups": [TargetGroup.PEOPLE_WITH_DISABILITIES],
        "sdg_targets": ["10.2"],
        "participations": [("social-og-integrationsministeriet", ParticipationRole.LEAD)],
    },
]

# ---------------------------------------------------------------------------------------
# The Samhällskontraktet portfolio (seed 003)
# ---------------------------------------------------------------------------------------

PORTFOLIOS = [
    {
        "slug": "samhallskontraktet",
        "network": "samhallskontraktet",
        "title": "Samhällskontraktet",
        "language": SV,
        "visibility": PUBLIC,
        "intention": (
            "En portfölj inom ramen för Samhällskontraktet är inte en traditionell projektportfölj "
            "utan en samling av initiativ som syftar till att uppnå specifika samhällsmål. "
            "Grundtanken är att fungera som en innovationsbubbla där vi sammanför forskare, "
            "förvaltningar och andra aktörer för att tillsammans utforska och implementera nya "
            "lösningar. Fokus 2024 är metoder för radikal förändring och uppväxling: större mod i "
            "metoder i initiativen, fler initiativ med koppling till forskare och ett systematiskt "
            "arbete med utlysningar."
        ),
        "societal_goals": "Ett större skifte i hur samhället kraftsamlar för den demografiska utvecklingen.",
        "context_analysis": (
            "Portföljen utformas genom en kontextanalys där vi tittar på befintliga "
            "forskningsperspektiv och utredningar från förvaltningen, vilket kan leda till nya "
            "initiativ. Förändringens effekt betraktas på alla nivåer, från individuella tjänster "
            "till större policy- och lagförändringar, där varje lager i portföljen interagerar och "
            "påverkar varandra från det operativa till det strategiska. Inom portföljen diskuterar "
            "vi även vad vi behöver kompostera eller avsluta för att ge plats för nya, mer "
            "effektiva metoder och processer."
        ),
        # Names for portfolios.choices.DEFAULT_CATEGORIES, by code.
        "category_names": {
            "culture": "Kultur och förmågor",
            "procurement": "Upphandling",
            "policy": "Policy",
            "legislation": "Lagstiftning",
            "service": "Tjänster",
            "organisation": "Organisation",
            "technology": "Teknik",
            "financing": "Finansiering",
        },
        "entries": [
            {
                "initiative": _MEAL_PARENT,
                "horizon": Horizon.H3,
                "layer": Layer.POLICY_AND_LEGISLATION,
                "rationale": (
                    "Portföljövningen lyfter Måltider och möten som exempel på ett initiativ som "
                    "syftar till att transformera hur tjänster levereras till äldre: nya typer av "
                    "tjänster och omfattande policyförändringar, kulturella aspekter som invånarnas "
                    "förväntningar på vem som levererar tjänster, och juridiska frågor om "
                    "upphandling och lokalutnyttjande. Långsiktigt och transformativt: ny horisont."
                ),
                "categories": {
                    "culture": Relation.STRONG,
                    "procurement": Relation.SOME,
                    "policy": Relation.STRONG,
                    "legislation": Relation.SOME,
                    "service": Relation.STRONG,
                },
            },
            {
                "initiative": "framtidens-aldreboende",
                "horizon": Horizon.H3,
                "layer": Layer.SYSTEM,
                "rationale": (
                    "Ängsgärdet och utredningen om framtidens äldreboende symboliserar ett skifte i "
                    "tankesätt: äldreboendet som ett levande ekosystem snarare än en boendelösning. "
                    "Långsiktigt och transformativt: ny horisont."
                ),
                "categories": {"culture": Relation.STRONG, "organisation": Relation.SOME, "service": Relation.SOME},
            },
            {
                "initiative": "mobil-trygghetslosning-for-seniorer",
                "horizon": Horizon.H1,
                "layer": Layer.INDIVIDUAL_SERVICE,
                "rationale": (
                    "Ett avgränsat pilotprojekt som testar en känd typ av lösning (larm och digital "
                    "ledsagning) mot mätbara mål för hälsa, välbefinnande och trygghet: inom "
                    "räckhåll, nuvarande horisont."
                ),
                "categories": {"technology": Relation.STRONG, "service": Relation.STRONG},
            },
            {
                "initiative": "starka-aldres-sjalvstandighet-genom-nya-servicetjanster",
                "horizon": Horizon.H2,
                "layer": Layer.INDIVIDUAL_SERVICE,
                "rationale": (
                    "Skräddarsydda (digitala) servicetjänster kräver mer utveckling men är inte "
                    "alltför riskfyllda; på mötet lyftes att lagstiftning och policyer kan behöva "
                    "anpassas. Nästa horisont."
                ),
                "categories": {
                    "service": Relation.STRONG,
                    "technology": Relation.SOME,
                    "policy": Relation.SOME,
                    "legislation": Relation.SOME,
                },
            },
            {
                "initiative": "samverkansmodell-med-civilsamhallet",
                "horizon": Horizon.H2,
                "layer": Layer.SYSTEM,
                "rationale": (
                    "Nya samverkansmodeller mellan Eskilstuna kommun och civilsamhället behöver "
                    "utvecklas och prövas, men bygger på befintliga aktörer och kunskap (Eskilstuna "
                    "enkät): nästa horisont."
                ),
                "categories": {"organisation": Relation.STRONG, "culture": Relation.SOME},
            },
            # The three meal pilots, each in the portfolio beside their initiative: the
            # exercise decides per pilot what to scale, twin or compost.
            {
                "initiative": "leverans-av-mat-for-seniorer",
                "horizon": Horizon.H1,
                "layer": Layer.INDIVIDUAL_SERVICE,
                "rationale": (
                    "En av tre pågående piloter inom Måltider och möten för seniorer. Matleveranser "
                    "för seniorer beskrevs på mötet som ett redan framgångsrikt initiativ som kan "
                    "utökas till nya platser, med en möjlig tvilling i Västerås: inom räckhåll, "
                    "nuvarande horisont."
                ),
                "categories": {"service": Relation.STRONG, "organisation": Relation.SOME},
            },
            {
                "initiative": "seniorrestaurangen",
                "horizon": Horizon.H2,
                "layer": Layer.INDIVIDUAL_SERVICE,
                "rationale": (
                    "En av tre pågående piloter inom Måltider och möten för seniorer. Marianne lyfte "
                    "idéer om grafiska paket, marknadsföring och juridisk rådgivning med inblandning "
                    "av studenter, och Seniorrestaurangen kunde vara platsen för ensamma manskören: "
                    "kräver mer utveckling men är inte alltför riskfylld, nästa horisont."
                ),
                "categories": {"service": Relation.STRONG, "culture": Relation.SOME, "legislation": Relation.SOME},
            },
            {
                "initiative": "pensionarernas-bossa",
                "horizon": Horizon.H1,
                "layer": Layer.INDIVIDUAL_SERVICE,
                # DEMO: the seed names the pilot only; its place is the demo's reading.
                "rationale": (
                    "En av tre pågående piloter inom Måltider och möten för seniorer: en pågående "
                    "pilot inom räckhåll, nuvarande horisont. (Demo: mötet beskriver inte piloten "
                    "närmare.)"
                ),
                "categories": {"service": Relation.SOME},
            },
        ],
        # The post-it exercise at the Core Team meeting. `initiatives` are the ones the
        # note names; `became` is the initiative a note turned into.
        "notes": [
            # Gröna lappar: behov och idéer
            {
                "kind": NoteKind.NEED_OR_IDEA,
                "title": "Länkning mellan aktörer",
                "author": "Lucia Crevani",
                "text": "Lucia betonade vikten av samverkan mellan olika systemkomponenter och behovet av "
                "forskning kring detta.",
            },
            {
                "kind": NoteKind.NEED_OR_IDEA,
                "title": "Kompetensutveckling och förbättringsarbete",
                "author": "Lena Marmstål Hammar",
                "text": "Lena markerade dessa som viktiga områden, särskilt inom äldreomsorgen och hur detta "
                "kan integreras med befintlig och ny kunskap.",
            },
            {
                "kind": NoteKind.NEED_OR_IDEA,
                "title": "Inkludering av akademien",
                "author": "Petra Edoff",
                "text": "Petra lyfte behovet av att engagera forskare med erfarenhet inom framsyn och "
                "scenarioanalys, för att bättre förstå miljön och möjliga framtider.",
            },
            {
                "kind": NoteKind.NEED_OR_IDEA,
                "title": "Trygghetslösningar och teknikinteraktioner",
                "author": "Lucia Crevani",
                "initiatives": ["mobil-trygghetslosning-for-seniorer"],
                "text": "Lucia lyfte att det finns mycket kunskap och mycket mer att forska kring kopplat till detta.",
            },
            {
                "kind": NoteKind.NEED_OR_IDEA,
                "title": "Seniorrestaurangen",
                "author": "Marianne Kiiskilä",
                "initiatives": ["seniorrestaurangen"],
                "text": "Marianne lyfte idéer om grafiska paket, marknadsföring och juridisk rådgivning "
                "kopplat till projektet, med inblandning av studenter.",
            },
            {
                "kind": NoteKind.NEED_OR_IDEA,
                "title": "Småföretagarnas roll",
                "author": "Lucia Crevani",
                "text": "Utforska hur småföretagare kan engageras mer i näringslivet och samhällsinitiativ. "
                "Lucia lyfte att det finns saker att utveckla och utforska för att involvera fler "
                "i näringslivet och småföretagare särskilt.",
            },
            {
                "kind": NoteKind.NEED_OR_IDEA,
                "title": "Proaktivt förebyggande arbete",
                "author": "Jenny Janestam",
                "text": "Jenny lyfte vikten av proaktivt förebyggande arbete som kommer där det även finns "
                "många aktörer att koppla på.",
            },
            # Orangea lappar: förslag på nästa steg
            {
                "kind": NoteKind.NEXT_STEP,
                "title": "Matleveranser för seniorer",
                "author": "Christine Wäneskog",
                "initiatives": ["leverans-av-mat-for-seniorer"],
                "text": "Ett redan framgångsrikt initiativ som kan utökas till nya platser. Möjlig tvilling "
                "i Västerås lyfte Christine.",
            },
            {
                "kind": NoteKind.NEXT_STEP,
                "title": "Måltider och möten för seniorer",
                "author": "Christine Wäneskog",
                "initiatives": [_MEAL_PARENT],
                "text": "Christine ser möjlighet till en tvilling när servicehusen läggs ner i Västerås. "
                "Även en mikrohandling är möjlig. Kan vi presentera initiativet för en grupp i "
                "Västerås för att ge dem en djupare inblick och se om det kan vara ett tänkbart "
                "steg?",
            },
            {
                "kind": NoteKind.NEXT_STEP,
                "title": "Nå de mest utsatta",
                "author": "Johan Lindström",
                "text": "Strategier för att inkludera svåråtkomliga grupper i samhället utan att kränka "
                "deras integritet lyftes av Johan.",
            },
            {
                "kind": NoteKind.NEXT_STEP,
                "title": "Samverkansmodeller med civilsamhället",
                "author": "Johan Lindström",
                "initiatives": ["samverkansmodell-med-civilsamhallet"],
                "text": "Djupgående utforskning av vilken typ av stöd som kan erbjudas genom civilsamhället "
                "och kommunen lyftes av Johan. Vad finns det för kunskap? Hur kan vi mobilisera "
                "civilsamhället till rätt typ av tjänster? Eskilstuna har gjort Eskilstuna enkät "
                "med flera tusen svar som kan ge inblick i behov och önskningar.",
            },
            {
                "kind": NoteKind.NEXT_STEP,
                "title": "Servicetjänster och policyförändringar",
                "author": "Johan Lindström",
                "initiatives": ["starka-aldres-sjalvstandighet-genom-nya-servicetjanster"],
                "text": "Initiera större diskussioner kring hur lagstiftning och policyer kan anpassas för "
                "att möta samhällets förändrade behov lyftes av Johan. Även Christine finner "
                "detta intressant.",
            },
            {
                "kind": NoteKind.NEXT_STEP,
                "title": "Ensamma äldre",
                "author": "Marianne Kiiskilä",
                "initiatives": ["seniorrestaurangen"],
                "text": "Kopplat till Seniorrestaurangen finns ett koncept som testats framgångsrikt i "
                "Västerås: ensamma manskören, en grupp män med olika bakgrund som träffas för att "
                "prata om existentiella frågor och sjunga. Drivs av en konstnär som vill bredda "
                "till Eskilstuna. Seniorrestaurangen kunde vara platsen.",
            },
            {
                "kind": NoteKind.NEXT_STEP,
                "title": "Anhörigperspektivet i vård och omsorg",
                "author": "Lena Marmstål Hammar",
                "text": "Överväga hur anhöriga kan integreras bättre i vårdprocesser och vilken roll de kan "
                "spela. Lyftes av Lena.",
            },
            {
                "kind": NoteKind.NEXT_STEP,
                "title": "Nära vård och nya lagstiftningar",
                "author": "Christine Wäneskog",
                "text": "Diskussioner kring hur ny lagstiftning kan implementeras för att stärka nära "
                "vårdlösningar och medarbetarperspektiv lyftes av Christine.",
            },
            {
                "kind": NoteKind.NEXT_STEP,
                "title": "Sociala insatser och ofrivillig ensamhet",
                "author": "Johan Lindström",
                "became": "sociala-insatser-och-ofrivillig-ensamhet",
                "text": "En konkret sak som Johan ansåg att vi kunde lyfta in i Samhällskontraktet.",
            },
            {
                "kind": NoteKind.NEXT_STEP,
                "title": "Shared care",
                "author": "Johan Lindström",
                "text": "Johan lyfte frågan om att förlänga perioden då både kommunen, anhöriga, "
                "näringslivet och civilsamhället kan samverka. Hur ser systemet ut för en enskild?",
            },
        ],
    },
]

# ---------------------------------------------------------------------------------------
# Demo logins, created only with settings.DEBUG. One documented password for all: they
# exist only on a developer's machine.
# ---------------------------------------------------------------------------------------

DEMO_PASSWORD = "horisont-demo"

# The Django admin is for the site's operators (superusers) only: the other demo roles
# work on the portal's pages, so none of them is staff or holds model permissions.

DEMO_USERS = [
    {
        "username": "admin",
        "is_superuser": True,
        "is_staff": True,
        "person": None,
        "description": "superuser (Django admin)",
    },
    {
        "username": "admin-sk",
        "is_superuser": False,
        "is_staff": False,
        "person": {"name": "Nätverksadmin (demo)", "organisation": None},
        "memberships": [("samhallskontraktet", MembershipRole.ADMIN)],
        "description": "network admin, Samhällskontraktet",
    },
    {
        "username": "coordinator",
        "is_superuser": False,
        "is_staff": False,
        "person": {"name": "Koordinator (demo)", "organisation": "eskilstuna-kommun"},
        "memberships": [("samhallskontraktet", MembershipRole.COORDINATOR)],
        "description": "coordinator, Samhällskontraktet (Eskilstuna kommun)",
    },
    {
        "username": "member",
        "is_superuser": False,
        "is_staff": False,
        "person": {"name": "Medlem (demo)", "organisation": "vasteras-stad"},
        "memberships": [("samhallskontraktet", MembershipRole.MEMBER)],
        # DEMO: what the member follows, so their home page shows what changed in it: a
        # meal initiative of their own network, and a Danish mission to learn from.
        "follows": [
            ("initiative", "maltider-och-moten-for-seniorer"),
            ("mission", "sammenhaeng-i-indsatserne-for-udsatte-familier"),
        ],
        "description": "member, Samhällskontraktet (Västerås stad)",
    },
    {
        "username": "koordinator-dk",
        "is_superuser": False,
        "is_staff": False,
        "person": {"name": "Koordinator (demo, Slagelse)", "organisation": "slagelse-kommune"},
        "memberships": [("systematisk-velfaerdsinnovation", MembershipRole.COORDINATOR)],
        "description": "coordinator, Netværk for Systematisk Velfærdsinnovation (Slagelse Kommune)",
    },
]
