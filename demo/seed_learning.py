"""The demo's shared learning: learning entries, value assessments, indicators with their
measurements, the event walls with the capital their events mobilised, and the
Samhällskontraktet portfolio exercise, from the seed documents in shared/seeds/ and in
their own languages (English for Kent, Danish for the Danish networks, Swedish for
Samhällskontraktet).

Loaded by demo.services.load_demo after demo.seed_data, whose records these refer to by
natural key: initiatives, networks and portfolios by slug, people by name. A learning
entry is known by its initiative and title, an event by its network and title.

The texts quote or closely paraphrase the seeds. What the seeds do not say (a score, a
date they leave out, which initiative a lesson is filed under) is the demo's reading, and
the record's own text says so, in its language: "(Demo: ...)". Sources: 000 SILK / Kent
and the Region Midtjylland workshop, 001 Netværk for Systematisk Velfærdsinnovation, 002
Social- og Integrationsministeriet's co-creation challenge, 003 Samhällskontraktet's Core
Team meeting of 26 April 2024, 004 Netværk for fællesskabsagenter (CBS, POEM).
"""

import datetime
from decimal import Decimal

from core.choices import Visibility
from evaluation.choices import (
    BarrierCategory,
    Capital,
    EvidenceLevel,
    LearningKind,
    ResourceState,
    ValueDomain,
)
from portfolios.choices import Decision, Horizon

PUBLIC, NETWORK = Visibility.PUBLIC, Visibility.NETWORK
INSIGHT, BARRIER, ENABLER = LearningKind.INSIGHT, LearningKind.BARRIER, LearningKind.ENABLER
METHOD, FAILURE, SUCCESS = LearningKind.METHOD, LearningKind.FAILURE, LearningKind.SUCCESS
ANECDOTE, OBSERVED, MEASURED, RESEARCH = (
    EvidenceLevel.ANECDOTE,
    EvidenceLevel.OBSERVED,
    EvidenceLevel.MEASURED,
    EvidenceLevel.RESEARCH,
)
PROCUREMENT, LAW, FUNDING = (
    BarrierCategory.PROCUREMENT,
    BarrierCategory.LAW_AND_DATA_PROTECTION,
    BarrierCategory.FUNDING,
)
SILOS, CULTURE, TECHNOLOGY, CAPACITY = (
    BarrierCategory.ORGANISATION_AND_SILOS,
    BarrierCategory.CULTURE,
    BarrierCategory.TECHNOLOGY,
    BarrierCategory.CAPACITY,
)
PRODUCTIVITY, EFFECTS, DEMOCRACY, SERVICE = (
    ValueDomain.PRODUCTIVITY,
    ValueDomain.EFFECTS,
    ValueDomain.DEMOCRACY,
    ValueDomain.SERVICE_EXPERIENCE,
)
ECONOMIC, SOCIAL, AFFECTIVE = Capital.ECONOMIC, Capital.SOCIAL, Capital.AFFECTIVE
ACTUAL, POTENTIAL = ResourceState.ACTUAL, ResourceState.POTENTIAL

_MEALS = "maltider-och-moten-for-seniorer"
_NSV_MODEL = "samarbejdsmodel-for-systematisk-velfaerdsinnovation"
_KENT = "dementia-friendly-kent"
_AGENTS = "faellesskabsagenter"
_COCREATION = "samskabelse-borgerdreven-service-og-effekt"

# ---------------------------------------------------------------------------------------
# Learning entries: what we did, what we learned, where we are heading. The content
# language is the initiative's.
# ---------------------------------------------------------------------------------------

LEARNING_ENTRIES = [
    # --- SILK, Dementia Friendly Kent (seed 000), English -------------------------------
    {
        "initiative": _KENT,
        "title": "Start with people: residents and frontline staff from the beginning",
        "kind": METHOD,
        "categories": [CULTURE],
        "value_domains": [DEMOCRACY],
        "evidence_level": OBSERVED,
        "author": "Emma Barrett",
        "what_we_did": (
            "SILK was set up in 2007 within Kent County Council to 'do policy differently'. Over four "
            "years the team worked on different projects with its 'Starting With People' methodology, "
            "working alongside residents and frontline staff from the beginning of every project."
        ),
        "what_we_learned": (
            "The projects were meant to demonstrate the benefits of working alongside residents and "
            "frontline staff from the start rather than consulting them at the end. In the dementia work "
            "this became a rule: people living with dementia are involved with each project at all stages "
            "in its development."
        ),
        "where_we_are_heading": "Each of the 12 District areas develops its own dementia friendly community.",
    },
    {
        "initiative": _KENT,
        "title": "Three organisations that have not worked together before",
        "kind": ENABLER,
        "categories": [SILOS],
        "value_domains": [DEMOCRACY, EFFECTS],
        "evidence_level": ANECDOTE,
        "author": "Emma Barrett",
        "what_we_did": (
            "For each local project there is a requirement that 3 organisations work together who have not "
            "worked together before, that people living with dementia are involved at all stages, and that "
            "there is a willingness to share learning."
        ),
        "what_we_learned": (
            "New partnerships are a condition, not a side effect: the requirement makes each local project "
            "reach beyond the organisations that usually meet. Each area decides its own infrastructure: a "
            "number develop Dementia Action Alliances, others use existing forum structures."
        ),
        "where_we_are_heading": "A pan Kent Dementia Action Alliance supports the work across the county.",
    },
    {
        "initiative": _KENT,
        "title": "Clear and accessible communication about what is available locally",
        "kind": INSIGHT,
        "categories": [TECHNOLOGY],
        "value_domains": [SERVICE],
        "evidence_level": OBSERVED,
        "author": "Emma Barrett",
        "what_we_did": "We asked people living with dementia what they need to continue to live well.",
        "what_we_learned": (
            "People living with dementia have told us that clear and accessible communication about what "
            "is available locally is essential to enable them to continue to live well with dementia."
        ),
        "where_we_are_heading": (
            "We are developing an interactive Dementia Friendly Kent web platform to include all the work "
            "happening across Kent, supported by the newly formed pan Kent Dementia Action Alliance."
        ),
    },
    {
        "initiative": _KENT,
        "title": "The stigma attached to dementia",
        "kind": BARRIER,
        "categories": [CULTURE],
        "value_domains": [EFFECTS],
        "evidence_level": OBSERVED,
        "what_we_learned": (
            "Dementia carries a stigma, and there is no cure in sight. Families themselves identified "
            "'intergenerational' dementia projects as the way to address the existing stigma; two thirds of the "
            "people living with dementia in Kent live in the community."
        ),
        "where_we_are_heading": (
            "Each District area's dementia friendly community focuses on intergenerational projects: art, dance, "
            "film and radio, and the Dementia Diaries in schools and libraries."
        ),
    },
    {
        "initiative": _KENT,
        "title": "Dementia champions and dementia friends lead community projects",
        "kind": ENABLER,
        "categories": [CAPACITY],
        "value_domains": [DEMOCRACY],
        "evidence_level": ANECDOTE,
        "what_we_did": (
            "Local councillors and council staff are trained as 'dementia champions' and 'dementia friends' "
            "alongside partner agencies and people in a personal capacity."
        ),
        "what_we_learned": (
            "Those trained in turn provide leadership and support for a range of community based projects: "
            "intergenerational art, dance, film and radio projects; a shop safe scheme for vulnerable adults; "
            "'dementia friends' sessions; and transitional peer support sessions given by people recently "
            "diagnosed with dementia."
        ),
    },
    {
        "initiative": "dementia-diaries",
        "title": "A whole family approach reduces stigma",
        "kind": SUCCESS,
        "categories": [CULTURE],
        "value_domains": [EFFECTS, DEMOCRACY],
        "evidence_level": OBSERVED,
        "what_we_did": (
            "Families identified intergenerational projects to address the stigma attached to dementia. The "
            "Dementia Diaries are stories about young people and their experiences with dementia; the "
            "fictional characters are based on true stories from families across Kent."
        ),
        "what_we_learned": (
            "The Diaries were recognised nationally in the 2014 NHS awards for excellence in participation "
            "with young people, recognising the importance of a whole family approach in reducing stigma. "
            "They are in all schools and libraries in Kent, Surrey and West Sussex."
        ),
        "where_we_are_heading": (
            "With the Dementia Diaries Editorial Board, which includes all participating families, a learning "
            "resource pack to support learning in curriculum and informal education settings."
        ),
    },
    # --- Netværk for Systematisk Velfærdsinnovation (seed 001), Danish ------------------
    {
        "initiative": _NSV_MODEL,
        "title": "Missionsorienteringen fungerer",
        "kind": SUCCESS,
        "categories": [CULTURE],
        "value_domains": [EFFECTS],
        "evidence_level": OBSERVED,
        "what_we_did": (
            "I netværket valgte vi i første omgang to missioner inden for den tværgående velfærdsudfordring "
            "'Udsatte familier': at skabe sammenhæng i indsatserne for udsatte familier, og tidlige indsatser "
            "for gravide med sårbarheder og deres familier."
        ),
        "what_we_learned": (
            "Det handler om sammen at sætte en overordnet retning i forhold til, hvilket problemområde man "
            "gerne vil fokusere på for en periode. Fælles missioner samler fagfolkene om noget, de vil bidrage til."
        ),
        "where_we_are_heading": (
            "Fremadrettet skal vi være bedre til at joine hinandens missioner og ikke se andre, der arbejder med "
            "tilsvarende udviklinger, som konkurrenter. Vi er alle ude i det samme gode ærinde."
        ),
    },
    {
        "initiative": _NSV_MODEL,
        "title": "Det er fagfolkenes engagement, der driver det hele",
        "kind": ENABLER,
        "categories": [CULTURE],
        "value_domains": [DEMOCRACY],
        "evidence_level": OBSERVED,
        "what_we_learned": (
            "Uden en bottom-up-tilgang og fagfolkenes store viden, konkrete samarbejder, dybe forståelse af "
            "borgerens behov og ikke mindst samfundssind lykkes man ikke med velfærdsinnovation. Det er dem, der "
            "kan udfolde den fælles mission og få de konkrete samarbejdsprojekter sat i søen."
        ),
    },
    {
        "initiative": _NSV_MODEL,
        "title": "Topledelsen skal med",
        "kind": ENABLER,
        "categories": [SILOS],
        "evidence_level": OBSERVED,
        "what_we_learned": (
            "Uden en ledelse, der bakker op, sætter rammer og retning, går det ikke. Ledelsen skal være med til at "
            "bestemme missionen og bakke op om, at fagfolkene kan være med og får ressourcer, anerkendelse og "
            "manøvrerum. Uden ledelsens opbakning kan fagfolkene ikke agere åbent og handle på deres engagement."
        ),
    },
    {
        "initiative": _NSV_MODEL,
        "title": "En tværgående projektgruppe, der driver projektet frem",
        "kind": ENABLER,
        "categories": [CAPACITY],
        "evidence_level": OBSERVED,
        "what_we_learned": (
            "Det er vigtigt med en tværgående projektgruppe, der konstant driver projektet frem og selv tør tage "
            "beslutninger. Ellers dør samarbejdet ud, når man får travlt i organisationerne – og det gør man "
            "altid. Nogen skal hele tiden puste liv i processerne, så der kommer aktion og ikke kun snak."
        ),
    },
    {
        "initiative": _NSV_MODEL,
        "title": "Fra projektfinansiering til driftsfinansiering: inkubationsfasen",
        "kind": BARRIER,
        "categories": [FUNDING],
        "value_domains": [PRODUCTIVITY],
        "evidence_level": OBSERVED,
        "what_we_learned": (
            "Vi har – som system – været meget i eksplorationsfasen. Der er og har været et hav af "
            "udviklingsprojekter og projektfinansieringer, og rigtig meget viden er tilgængelig. Systematisk "
            "velfærdsinnovation handler om at få aktiveret denne viden ind i en driftsvirkelighed med "
            "driftsfinansiering og forberede skalering."
        ),
        "where_we_are_heading": "Vi skal blive klogere på og bedre til inkubationsfasen.",
    },
    {
        "initiative": _NSV_MODEL,
        "title": "For lidt fokus på skalering af impact",
        "kind": BARRIER,
        "categories": [SILOS],
        "value_domains": [EFFECTS],
        "evidence_level": OBSERVED,
        "what_we_learned": (
            "Innovationers værdiskabelse afhænger af, hvor stor impact de skaber. Det er ikke lige meget, om "
            "innovationen sker i én kommune eller i 50."
        ),
        "where_we_are_heading": (
            "Vi skal være bedre til at forberede skalering til andre organisationer og geografiske områder tidligt "
            "i udviklingen. Det kræver en anderledes organisering og en større åbenhed for at se sig selv som en "
            "del af et større system."
        ),
    },
    {
        "initiative": _NSV_MODEL,
        "title": "Forvent risiko og usikkerhed",
        "kind": INSIGHT,
        "categories": [CULTURE],
        "evidence_level": OBSERVED,
        "what_we_learned": (
            "Værdiskabelse af innovationsarbejde kan være svær at definere på kort sigt på tværs af sektorer, fordi "
            "der er meget forskellige incitamenter og interesser: nogle er optaget af metode, andre af økonomi og "
            "andre igen af netværk. Projekterne vil også ændre sig undervejs. Hvis vi vil styre for meget og vide "
            "alt på forhånd og forventer sikre resultater, så kommer der ikke innovation ud af det."
        ),
        "where_we_are_heading": (
            "Både de politiske og administrative ledelser, der går ind i dette, skal lære at acceptere, at det er "
            "risikofyldt."
        ),
    },
    {
        "initiative": _NSV_MODEL,
        "title": "Forstå hele innovationskæden",
        "kind": INSIGHT,
        "categories": [CAPACITY],
        "evidence_level": OBSERVED,
        "what_we_learned": (
            "Man skal igennem opstart, idéudvikling, prototypeudvikling, modning og projektrealisering og "
            "skalering, hvor kvalitet, ressourcer og tid ikke kan planlægges. At arbejde i den fulde innovationskæde "
            "kræver overblik over de mange interessenter i kædens forskellige dele."
        ),
        "where_we_are_heading": "Organisationerne skal investere i at opbygge strategisk netværkskapacitet.",
    },
    {
        "initiative": _NSV_MODEL,
        "title": "Læringsorienteret følgeforskning og flere strategiske læringsfællesskaber",
        "kind": METHOD,
        "categories": [CAPACITY],
        "value_domains": [EFFECTS],
        "evidence_level": ANECDOTE,
        "what_we_did": (
            "Modellens tredje spor er læringsorienteret følgeforskning, der løbende evaluerer de forskellige "
            "samarbejdsmodeller, som afprøves undervejs, med et benchmark ift. international best practice."
        ),
        "what_we_learned": (
            "At tale om velfærdsinnovation er nemt. At skabe konkret og værdiskabende systematisk "
            "velfærdsinnovation er svært. Vi må øve os sammen, lære af hinanden og sprede vores erfaringer."
        ),
        "where_we_are_heading": (
            "Flere og større læringsfællesskaber, hvor vi over de kommende år prøver, fejler, lykkes og lærer sammen."
        ),
    },
    {
        "initiative": "koordineret-indsats-misbrug-og-psykisk-sygdom",
        "title": "Misbrugsbehandling i kommunen, psykiatri i regionen",
        "kind": BARRIER,
        "categories": [SILOS],
        "value_domains": [EFFECTS, SERVICE],
        "evidence_level": ANECDOTE,
        "what_we_learned": (
            "For personer med misbrug og psykisk sygdom varetages misbrugsbehandlingen og de socialt faglige "
            "indsatser i kommunalt regi, mens den psykiatriske behandling varetages af regionen. En succesfuld "
            "indsats kræver i høj grad, at indsatsen er sammenhængende og koordineret. (Netværkets eksempel, seed "
            "001; demo: lagt på demo-indsatsen, der afprøver en fælles plan.)"
        ),
        "where_we_are_heading": (
            "Ny viden fra én kommune eller region skal spredes og anvendes alle steder, hvor den er relevant."
        ),
    },
    # Region Midtjylland's workshop (seed 000, Danish). The demo has no network for it; its
    # lessons are filed under the Danish network's model, which works on the same problem.
    {
        "initiative": _NSV_MODEL,
        "title": "Bobler der brister, når puljemidlerne slipper op",
        "kind": BARRIER,
        "categories": [FUNDING],
        "value_domains": [PRODUCTIVITY],
        "evidence_level": ANECDOTE,
        "what_we_did": (
            "Region Midtjylland inviterede 25 mennesker til en workshop d. 26. maj om bedre rammer for social "
            "innovation, bæredygtige forretningsmodeller og menneskers mulighed for at deltage i "
            "samfundsudviklingen."
        ),
        "what_we_learned": (
            'Som en deltager sagde: "Social innovation bliver bobler kommunen laver, når der er puljemidler. Når '
            'midlerne slipper op så springer boblen." Problemet gælder også, når projektet viste rigtig gode '
            "resultater: implementeringen og skaleringen udebliver, selvom business casen er god. (Fra workshoppen, "
            "seed 000; demo: lagt på netværkets samarbejdsmodel, fordi netværket arbejder med samme problem.)"
        ),
        "where_we_are_heading": (
            "At udvikle tankegangen om, at ejerskabet og indflydelsen også ligger uden for systemet, så boblerne "
            "kan udvikle sig til bæredygtige løsninger, der gøres robuste."
        ),
    },
    {
        "initiative": _NSV_MODEL,
        "title": "Det offentlige som efterspørger: mere end udbud af de ydelser, vi kender",
        "kind": BARRIER,
        "categories": [PROCUREMENT],
        "value_domains": [PRODUCTIVITY],
        "evidence_level": ANECDOTE,
        "what_we_did": "Workshoppen i Region Midtjylland d. 26. maj (seed 000) drøftede det offentliges rolle.",
        "what_we_learned": (
            "Det offentlige skal hægte sig på evnen til at levere forstyrrende, forandrende innovation: innovation, "
            "der ændrer systemet og selve ydelsen, og ikke blot en privatisering af ydelsen, som rengøring af skoler "
            "og sygehuse, 'anden aktør' på beskæftigelsesområdet og renovation er eksempler på. Regionen vil skabe "
            "efterspørgsel, så løsninger på samfundsmæssige udfordringer bliver attraktive forretningsområder. "
            "Samtidig former virksomheder, der arbejder strategisk med social ansvarlighed, deres krav til "
            "leverandører. (Demo-tolkning: at privatisering af ydelser sker gennem udbud og indkøb, og at "
            "efterspørgslen er det offentliges indkøb, er demoens læsning af workshoppen.)"
        ),
        "where_we_are_heading": (
            "Finde frem til de rette forretningsmodeller, der fremmer social innovation, og åbne for dialog med det "
            "politiske niveau."
        ),
    },
    # --- Samhällskontraktet (seed 003), Swedish -----------------------------------------
    {
        "initiative": _MEALS,
        "title": "Juridiska frågor: upphandling och lokalutnyttjande",
        "kind": BARRIER,
        "categories": [PROCUREMENT, LAW],
        "value_domains": [SERVICE],
        "evidence_level": ANECDOTE,
        "what_we_did": (
            "I portföljövningen på Core Team-mötet 26 april 2024 analyserade deltagarna i par varje initiativs "
            "framsteg och inriktning, och dess relation till kategorier som kultur och förmågor, upphandling och "
            "policyfrågor."
        ),
        "what_we_learned": (
            "Måltider och möten syftar till att transformera hur tjänster levereras till äldre. Det berör "
            "omfattande policyförändringar, kulturella aspekter som invånarnas förväntningar på vem som levererar "
            "tjänster, och juridiska frågor som hur upphandling och lokalutnyttjande kan hanteras."
        ),
        "where_we_are_heading": (
            "Identifiera och adressera juridiska och policyrelaterade utmaningar, och skapa nya samarbeten och "
            "nätverk, både lokalt och regionalt."
        ),
    },
    {
        "initiative": _MEALS,
        "title": "Portföljen kopplar samman initiativen och lärandet mellan dem",
        "kind": INSIGHT,
        "categories": [SILOS],
        "evidence_level": ANECDOTE,
        "what_we_did": "Post-it-övning med gröna lappar (behov och idéer) och orangea lappar (nästa steg).",
        "what_we_learned": (
            "Portföljen skulle kunna användas som planeringsverktyg per initiativ, men samtidigt behövs en portfölj "
            "för att koppla samman olika initiativ som tillsammans skapar en förflyttning och där vi har ett "
            "lärande mellan initiativen."
        ),
        "where_we_are_heading": "Att visualisera förändringsförflyttningen: vilken förflyttning ska vi skapa?",
    },
    {
        "initiative": _MEALS,
        "title": "Attitydförändring kräver att vi rör oss utanför initiativens grupp",
        "kind": BARRIER,
        "categories": [CULTURE],
        "value_domains": [DEMOCRACY],
        "evidence_level": ANECDOTE,
        "what_we_learned": (
            "Tidigare påtalade behov av attitydförändring och kulturförändring gör att vi behöver röra oss utanför "
            "initiativens grupp. Deltagarna diskuterade också behovet av att kommunicera tydligt både internt och "
            "externt, så att alla parter förstår och stöder de förändringar som föreslås."
        ),
        "where_we_are_heading": (
            "Något för Kunskapsfesten i Eskilstuna, tillsammans med Marie (kommunikationsstrateg): utgå från "
            "hörnstenarna, inte göra något för äldre utan för invånare, med enkla små test."
        ),
    },
    {
        "initiative": "leverans-av-mat-for-seniorer",
        "title": "Matleveranser: ett framgångsrikt initiativ som kan utökas",
        "kind": SUCCESS,
        "categories": [],
        "value_domains": [SERVICE],
        "evidence_level": ANECDOTE,
        "author": "Christine Wäneskog",
        "what_we_learned": (
            "Matleveranser för seniorer: ett redan framgångsrikt initiativ i Västerås som kan utökas till nya "
            "platser (orange lapp på Core Team-mötet 26 april 2024)."
        ),
        "where_we_are_heading": "En möjlig tvilling i Västerås, lyfte Christine.",
    },
    {
        "initiative": "samverkansmodell-med-civilsamhallet",
        "title": "Eskilstuna enkät som underlag för samverkan med civilsamhället",
        "kind": ENABLER,
        "categories": [SILOS],
        "value_domains": [DEMOCRACY],
        "evidence_level": ANECDOTE,
        "author": "Johan Lindström",
        "what_we_learned": (
            "Vilken typ av stöd kan erbjudas genom civilsamhället och kommunen? Eskilstuna har gjort Eskilstuna "
            "enkät med flera tusen svar, som kan ge inblick i behov och önskningar."
        ),
        "where_we_are_heading": "Hur kan vi mobilisera civilsamhället till rätt typ av tjänster?",
    },
    # --- Netværk for fællesskabsagenter (seed 004), Danish -------------------------------
    {
        "initiative": _AGENTS,
        "title": "Lige så snart vi slap ansvaret, faldt det til jorden",
        "kind": FAILURE,
        "categories": [CAPACITY],
        "evidence_level": OBSERVED,
        "author": "Christa Breum Amhøj",
        "what_we_did": "Vi prøvede at give ansvaret til en i gruppen. Til flere.",
        "what_we_learned": (
            "Men igen og igen faldt det til jorden. Det kræver at give plads til eksperimenter og at være vedholdende."
        ),
    },
    {
        "initiative": _AGENTS,
        "title": "Et fællesskab er aldrig bare et fællesskab",
        "kind": INSIGHT,
        "categories": [CULTURE],
        "value_domains": [EFFECTS],
        "evidence_level": OBSERVED,
        "author": "Christa Breum Amhøj",
        "what_we_learned": (
            "Gymnastikholdet er ikke bare et gymnastikhold. Vi fandt ud af, at det i lige så høj grad var "
            "kaffepausen bagefter, der muliggjorde, at nye fællesskaber kunne blive til. Og man kan lægge lag på "
            "lag: senior cykelholdet kunne forbindes med Dansk Flygtningehjælp og med det lokale cykelværksted."
        ),
    },
    {
        "initiative": _AGENTS,
        "title": "Evaluering, der ikke bliver en stop-operation: POEM",
        "kind": METHOD,
        "categories": [CULTURE],
        "value_domains": [DEMOCRACY],
        "evidence_level": RESEARCH,
        "author": "Christa Breum Amhøj",
        "what_we_did": (
            "Public Open Evaluation Management: visuelle, æstetiske og poetiske metoder, tegninger og en "
            "begivenhedsvæg, der synliggør de ressourcer, der er, og de ressourcer, der er ved at blive til."
        ),
        "what_we_learned": (
            "Evaluering bliver at iagttage de aktuelle ressourcer, der allerede er, og de potentielle og endnu ikke "
            "mulige ressourcer, der er på vej – ofte på tværs af grænser og roller. Tegningerne skaber forbindelser "
            "mellem det, man gør, og det, der sker; det skaber tiltro til, at det har en betydning, det jeg gør."
        ),
        "where_we_are_heading": (
            "Det handler ikke kun om, hvor mange der deltog, men om at formidle kvaliteten af mødet videre gennem "
            "sanselige narrativer – og invitere andre med ind i processerne, så de faktisk kan opleve det."
        ),
    },
    {
        "initiative": _AGENTS,
        "title": "Medarbejdere og ledere bliver kreative velfærdsartister",
        "kind": INSIGHT,
        "categories": [SILOS],
        "evidence_level": OBSERVED,
        "what_we_learned": (
            '"Før ville jeg aldrig være i kontakt med Teknisk Forvaltning, men pludselig blev jeg kontaktet af '
            "nogen, der havde brug for, at et hegn i et boligområde blev rykket, så der var plads til, at de kunne "
            "mødes ... og så skulle jeg skabe forbindelser på tværs af social forvaltning, teknisk forvaltning, "
            'boligselskab, borgere og projekter. Sådan havde jeg aldrig arbejdet for bare 2 år siden."'
        ),
    },
    # --- Samskabelse, borgerdreven service og effekt (seed 002), Danish ------------------
    {
        "initiative": _COCREATION,
        "title": "Kortsigtet drift og visitationen som barrierer for samskabelse",
        "kind": BARRIER,
        "categories": [FUNDING, SILOS],
        "value_domains": [PRODUCTIVITY],
        "evidence_level": ANECDOTE,
        "what_we_learned": (
            "Barrierer kan være fokus på kortsigtet drift i fx kommunerne i stedet for langsigtet udvikling, der "
            "netop kan mindske administrationsomkostninger og silo-problematikker. Selve visitationen kan også "
            "være en barriere."
        ),
        "where_we_are_heading": "Aktionsforskning i forbindelse med pilotprojekter kan muligvis være en indgang.",
    },
    {
        "initiative": _COCREATION,
        "title": "Den stærke danske handicapbevægelse er et aktiv",
        "kind": ENABLER,
        "categories": [CULTURE],
        "value_domains": [DEMOCRACY],
        "evidence_level": RESEARCH,
        "what_we_learned": (
            "Danske forudsætninger er læring fra BPA-området og udenlandske erfaringer; EU-Kommissionen er "
            "særdeles fokuseret på Independent Living (FN's handicapkonvention, artikel 19). Evalueringen af BPA i "
            "2012 peger på stærkt øget livskvalitet og selvbestemmelse for flere af de 'tungere' handicapgrupper."
        ),
        "where_we_are_heading": "Handicapområdet som spydspids; på sigt afinstitutionalisering.",
    },
]

# The newest learning is what the home page shows first: entries from every seed and
# language, the procurement lessons among them, are loaded last.
_SHOWN_FIRST = (
    "Clear and accessible communication about what is available locally",
    "Et fællesskab er aldrig bare et fællesskab",
    "Det offentlige som efterspørger: mere end udbud af de ydelser, vi kender",
    "Portföljen kopplar samman initiativen och lärandet mellan dem",
    "Missionsorienteringen fungerer",
    "A whole family approach reduces stigma",
    "Juridiska frågor: upphandling och lokalutnyttjande",
)
LEARNING_ENTRIES = [e for e in LEARNING_ENTRIES if e["title"] not in _SHOWN_FIRST] + [
    next(e for e in LEARNING_ENTRIES if e["title"] == title) for title in _SHOWN_FIRST
]

# ---------------------------------------------------------------------------------------
# Value assessments in the four value domains (seed 002 names them: produktivitet,
# effekter, demokrati og serviceoplevelse). The seed gives no scores: they are the demo's
# reading of the challenge's text, and each narrative says so.
# ---------------------------------------------------------------------------------------

_DA_SCORE_NOTE = " (Demo: scoren er demoens læsning af udfordringens tekst, ikke en måling.)"
_CHALLENGE_PERIOD = (datetime.date(2013, 1, 1), datetime.date(2013, 3, 5))

VALUE_ASSESSMENTS = [
    {
        "initiative": _COCREATION,
        "domain": PRODUCTIVITY,
        "score": 2,
        "period": _CHALLENGE_PERIOD,
        "narrative": "Langsigtet udvikling kan mindske administrationsomkostninger og silo-problematikker i "
        "kommunerne; i dag trækker fokus på kortsigtet drift den anden vej." + _DA_SCORE_NOTE,
    },
    {
        "initiative": _COCREATION,
        "domain": EFFECTS,
        "score": 4,
        "period": _CHALLENGE_PERIOD,
        "narrative": "Jf. evalueringen af BPA i 2012: stærkt øget livskvalitet og selvbestemmelse for flere af de "
        "'tungere' handicapgrupper." + _DA_SCORE_NOTE,
    },
    {
        "initiative": _COCREATION,
        "domain": DEMOCRACY,
        "score": 4,
        "period": _CHALLENGE_PERIOD,
        "narrative": "Brugersammenslutninger og nye virksomhedsformer, der ansætter personer med handicap og udbyder "
        "brugerdrevne services, giver nye rammer for selvstændige valg." + _DA_SCORE_NOTE,
    },
    {
        "initiative": _COCREATION,
        "domain": SERVICE,
        "score": 3,
        "period": _CHALLENGE_PERIOD,
        "narrative": "Mere fleksibel og personlig service: kendskab til, hvem der kommer hvornår, og fleksibilitet."
        + _DA_SCORE_NOTE,
    },
    {
        "initiative": _KENT,
        "domain": DEMOCRACY,
        "score": 5,
        "period": (datetime.date(2011, 1, 1), datetime.date(2014, 12, 31)),
        "narrative": "People living with dementia are involved with each local project at all stages in its "
        "development. (Demo: the score and period are the demo's reading of the case story.)",
    },
    {
        "initiative": _KENT,
        "domain": SERVICE,
        "score": 3,
        "period": (datetime.date(2011, 1, 1), datetime.date(2014, 12, 31)),
        "narrative": "Clear and accessible communication about what is available locally is essential, people "
        "living with dementia say; the web platform that gathers it is still being developed. (Demo: the score "
        "and period are the demo's reading of the case story.)",
    },
]

# ---------------------------------------------------------------------------------------
# Indicators and their measurements: the figures the seeds give.
# ---------------------------------------------------------------------------------------

INDICATORS = [
    {
        "initiative": _AGENTS,
        "name": "Fællesskabsagenter involveret",
        "description": "Målet i 2014: hver af de 20 deltagende kommuner rekrutterer fem fællesskabsagenter.",
        "unit": "personer",
        "value_domain": DEMOCRACY,
        "baseline": Decimal("0"),
        "target": Decimal("100"),
        "measurements": [
            (
                datetime.date(2014, 2, 28),
                Decimal("0"),
                "20 kommuner udvalgt i februar 2014 (demo: udgangspunktet 0 er demoens).",
            ),
            (
                datetime.date(2014, 12, 31),
                Decimal("80"),
                "Omkring 80 fællesskabsagenter i de resterende 18 kommuner ved årets afslutning.",
            ),
        ],
    },
    {
        "initiative": _AGENTS,
        "name": "Deltagende kommuner",
        "description": "Alle kommuner i Danmark blev inviteret; 20 blev udvalgt på baggrund af en motiveret ansøgning.",
        "unit": "kommuner",
        "value_domain": "",
        "baseline": None,
        "target": Decimal("20"),
        "measurements": [
            (datetime.date(2014, 2, 28), Decimal("20"), "Udvalgt i februar 2014."),
            (datetime.date(2014, 12, 31), Decimal("18"), "De resterende 18 kommuner ved årets afslutning."),
        ],
    },
    {
        "initiative": _KENT,
        "name": "People living with dementia in Kent",
        "description": (
            "In a county of over 1.3 million residents; predicted to increase to 30,100 by 2026 (a forecast, not "
            "a measurement). Two thirds live in the community and one third in care homes."
        ),
        "unit": "persons",
        "value_domain": "",
        "baseline": Decimal("19500"),
        "target": None,
        "measurements": [(datetime.date(2011, 12, 31), Decimal("19500"), "Kent, 2011.")],
    },
    {
        "initiative": _KENT,
        "name": "District areas developing a dementia friendly community",
        "description": "Each of the 12 District areas in Kent develops its own dementia friendly community.",
        "unit": "district areas",
        "value_domain": DEMOCRACY,
        "baseline": None,
        "target": Decimal("12"),
        "measurements": [
            (
                datetime.date(2014, 12, 31),
                Decimal("12"),
                "All 12 (demo: dated at the end of 2014, after the NHS award the case story mentions).",
            )
        ],
    },
]

# ---------------------------------------------------------------------------------------
# Event walls (begivenhedsvæg, seed 004's POEM) with the resources their events mobilised:
# economic, social and affective capital, actual or potential. `grew_out_of` names earlier
# events of the same network by title. The seeds rarely date the events: where the date is
# the demo's, the narrative says so.
# ---------------------------------------------------------------------------------------

_DA_DATE_NOTE = " (Demo: seedet angiver ingen dato; datoen er anslået.)"

EVENTS = [
    # --- Netværk for fællesskabsagenter (seed 004) --------------------------------------
    {
        "network": "faellesskabsagenter",
        "initiative": _AGENTS,
        "title": "20 kommuner udvalgt til Netværk for fællesskabsagenter",
        "date": datetime.date(2014, 2, 1),
        "narrative": (
            "Alle kommuner i Danmark blev inviteret til at deltage. 20 kommuner blev i februar 2014 udvalgt på "
            "baggrund af en motiveret ansøgning til Sund By Netværket. Målet: hver kommune rekrutterer fem "
            "fællesskabsagenter."
        ),
        "participants": "Sund By Netværket, 20 kommuner",
        "resources": [
            (ECONOMIC, ACTUAL, "Finansieret af Ministeriet for Sundhed og Forebyggelse."),
            (SOCIAL, ACTUAL, "20 kommuner i et fælles netværk gennem Sund By Netværket."),
            (SOCIAL, POTENTIAL, "De borgere – og de ressourcer – som kommunen meget sjældent når ud til."),
        ],
    },
    {
        "network": "faellesskabsagenter",
        "initiative": _AGENTS,
        "title": "Gymnastikholdet – og kaffepausen bagefter",
        "date": datetime.date(2014, 9, 1),
        "narrative": (
            "Gymnastikholdet er ikke bare et gymnastikhold. Vi fandt ud af, at det i lige så høj grad var "
            "kaffepausen bagefter, der muliggjorde, at nye fællesskaber kunne blive til." + _DA_DATE_NOTE
        ),
        "resources": [
            (ECONOMIC, ACTUAL, "Kaffen, der også skal købes."),
            (SOCIAL, ACTUAL, "Gymnastikholdet."),
            (SOCIAL, POTENTIAL, "Nye fællesskaber, der bliver til i kaffepausen."),
            (AFFECTIVE, ACTUAL, "Holde pause og registrere stemninger; give stafetter af 'varme' og 'energi' videre."),
        ],
    },
    {
        "network": "faellesskabsagenter",
        "initiative": _AGENTS,
        "title": "Tegningen af gymnastikholdet",
        "date": datetime.date(2015, 3, 1),
        "grew_out_of": ["Gymnastikholdet – og kaffepausen bagefter"],
        "narrative": (
            "Tegningen af gymnastikholdet og af den proces, der var omkring det, var med til at synliggøre "
            "kvaliteterne. Poesien (øvelsen) gør, at man zoomer helt tæt ind på det mindste af det mindste. Tit "
            "fokuserer man bare på kaffen, der også skal købes." + _DA_DATE_NOTE
        ),
        "resources": [
            (
                AFFECTIVE,
                ACTUAL,
                "Det skaber tiltro til sig selv, at det har en betydning, det jeg gør. At det har en kvalitet.",
            ),
            (
                AFFECTIVE,
                POTENTIAL,
                "Borgerne kan også begynde at se, hvordan den måde, de bidrager på, skaber kvalitet.",
            ),
        ],
    },
    {
        "network": "faellesskabsagenter",
        "initiative": _AGENTS,
        "title": "Senior cykelholdet",
        "date": datetime.date(2014, 6, 1),
        "narrative": "Et cykelhold for seniorer, et af de fællesskaber, fællesskabsagenterne mødte." + _DA_DATE_NOTE,
        "resources": [(SOCIAL, ACTUAL, "Senior cykelholdet.")],
    },
    {
        "network": "faellesskabsagenter",
        "initiative": _AGENTS,
        "title": "Lag på lag: cykelholdet, Dansk Flygtningehjælp og cykelværkstedet",
        "date": datetime.date(2014, 10, 1),
        "grew_out_of": ["Senior cykelholdet"],
        "narrative": (
            "At lægge lag på lag: senior cykelholdet kunne forbindes med Dansk Flygtningehjælp og med det lokale "
            "cykelværksted. Pludselig kan det løbe afsted, og det kan føles, som om man mister kontrollen – men "
            "omvendt er der jo så meget, der lykkes." + _DA_DATE_NOTE
        ),
        "participants": "Senior cykelholdet, Dansk Flygtningehjælp, det lokale cykelværksted",
        "resources": [
            (SOCIAL, ACTUAL, "Forbindelser mellem cykelholdet, Dansk Flygtningehjælp og cykelværkstedet."),
            (ECONOMIC, POTENTIAL, "Det lokale cykelværksted."),
            (AFFECTIVE, ACTUAL, "Det kan føles, som om man mister kontrollen – og alligevel lykkes så meget."),
        ],
    },
    {
        "network": "faellesskabsagenter",
        "initiative": _AGENTS,
        "title": "Hegnet i boligområdet bliver rykket",
        "date": datetime.date(2015, 5, 1),
        "narrative": (
            "En medarbejder blev kontaktet af nogen, der havde brug for, at et hegn i et boligområde blev rykket, "
            "så der var plads til, at de kunne mødes – og skulle så skabe forbindelser på tværs af social "
            'forvaltning, teknisk forvaltning, boligselskab, borgere og projekter. "Sådan havde jeg aldrig '
            'arbejdet for bare 2 år siden."' + _DA_DATE_NOTE
        ),
        "resources": [
            (
                SOCIAL,
                ACTUAL,
                "Forbindelser på tværs af social forvaltning, teknisk forvaltning, boligselskab og borgere.",
            ),
            (ECONOMIC, POTENTIAL, "Pladsen i boligområdet, hvor borgerne kan mødes."),
            (AFFECTIVE, ACTUAL, "At gå til kanten af sin rolle: medarbejderen som kreativ velfærdsartist."),
        ],
    },
    {
        "network": "faellesskabsagenter",
        "initiative": _AGENTS,
        "title": "Diplom: først til allersidst kaldte vi dem fællesskabsagenter",
        "date": datetime.date(2014, 12, 31),
        "grew_out_of": ["20 kommuner udvalgt til Netværk for fællesskabsagenter"],
        "narrative": (
            "Det var først til aller, aller sidst i forløbet, at vi gav dem diplom, og at vi kaldte dem "
            "fællesskabsagenter. Ved årets afslutning havde de 18 kommuner involveret omkring 80 "
            "fællesskabsagenter." + _DA_DATE_NOTE
        ),
        "resources": [
            (SOCIAL, ACTUAL, "Omkring 80 fællesskabsagenter i 18 kommuner."),
            (AFFECTIVE, ACTUAL, 'Skabelse af nye muligheder ved "bare at være mig"; droppe/udsætte kategoriseringer.'),
        ],
    },
    {
        "network": "faellesskabsagenter",
        "initiative": _AGENTS,
        "title": "Workshop: Sundhed og lokalsamfund, SBN-dage på Hindsgavl Slot",
        "date": datetime.date(2015, 10, 1),
        "grew_out_of": ["Tegningen af gymnastikholdet", "Hegnet i boligområdet bliver rykket"],
        "narrative": (
            "Erfaringer med samskabelse: når fællesskabet, energien og borgerinitiativer bliver skabelseskraften "
            "for ny offentlig velfærd. SOL-projektet og Netværk for fællesskabsagenter. Alt i alt viser "
            "erfaringerne, at sundhed bliver til gennem mange mikroskopiske skridt – og når den sociale energi fra "
            "en begivenhed (trans-)mittes til andre begivenheder." + _DA_DATE_NOTE
        ),
        "participants": (
            "Ulla Toft (Forskningscenter for forebyggelse og sundhed, Region H), Paul Bloch (Steno Diabetes "
            "Center), Christa Breum Amhøj (Copenhagen Business School)"
        ),
        "resources": [
            (SOCIAL, ACTUAL, "Forskere og kommuner på SBN-dagene deler erfaringer med samskabelse."),
            (SOCIAL, POTENTIAL, "Lokalsamfundets mange ressourcer, aktører og settings."),
            (
                AFFECTIVE,
                POTENTIAL,
                "Hvordan smitter den sociale energi? Man giver sig selv lov til at blive 'inde i' kvaliteten.",
            ),
        ],
    },
    # --- Samhällskontraktet (seed 003) --------------------------------------------------
    {
        "network": "samhallskontraktet",
        "initiative": _MEALS,
        "title": "Core Team-möte med portföljövning",
        "date": datetime.date(2024, 4, 26),
        "narrative": (
            "Två nya medlemmar deltog: Jenny Janestam (Västerås stad) och Lucia Crevani (MDU). Deltagarna "
            "arbetade i par med portföljövningen och strukturerade pågående och potentiella initiativ med gröna "
            "och orangea lappar."
        ),
        "participants": (
            "Christine Wäneskog, Jenny Janestam, Johan Lindström, Patrik Nilsson, Lena Marmstål Hammar, Lucia "
            "Crevani, Petra Edoff, Marianne Kiiskilä, Karin Axelsson"
        ),
        "resources": [
            (
                SOCIAL,
                ACTUAL,
                "Starkare koppling till forskare och studenter på MDU och till utvecklingsarbete på Västerås stad.",
            ),
            (SOCIAL, POTENTIAL, "Innovationsveckan, Region Västmanlands kunskapsdag och Kunskapsfesten i Eskilstuna."),
            (ECONOMIC, POTENTIAL, "Ett systematiskt arbete med utlysningar för uppväxling."),
        ],
    },
    # --- Netværk for Systematisk Velfærdsinnovation (seed 001) --------------------------
    {
        "network": "systematisk-velfaerdsinnovation",
        "initiative": _NSV_MODEL,
        "title": "Netværket etableres ved årsskiftet 2019-2020",
        "date": datetime.date(2020, 1, 1),
        "narrative": (
            "Engagerede ledere og fagprofessionelle på tværs af regioner, kommuner, vidensinstitutioner og "
            "civilsamfund går sammen om en ny og bedre samarbejdsmodel, der bringer forskningen tættere på "
            "velfærdens kernepraksis og ud til borgerne. Temaet for første fase i 2020 er 'Udsatte familier'."
        ),
        "participants": (
            "Center for Klinisk Forskning og Forebyggelse, Make It Better Consulting og Mobilize Strategy "
            "Consulting; styregruppen fra kommuner, regioner, hospitaler og Københavns Professionshøjskole"
        ),
        "resources": [
            (
                ECONOMIC,
                ACTUAL,
                "Crowdfunded/egenfinansieret til projektledelse, møder og processer; drevet non-profit.",
            ),
            (SOCIAL, ACTUAL, "En styregruppe af ledere fra kommuner, regioner, hospitaler og vidensinstitutioner."),
            (SOCIAL, POTENTIAL, "Netværket er åbent, vi deler alt med alle, og alle er meget velkomne."),
            (AFFECTIVE, ACTUAL, "Fagfolkenes engagement og samfundssind, der driver det hele."),
        ],
    },
    {
        "network": "systematisk-velfaerdsinnovation",
        "initiative": _NSV_MODEL,
        "title": "Første fase af samarbejdsmodellen er afprøvet",
        "date": datetime.date(2021, 5, 1),
        "grew_out_of": ["Netværket etableres ved årsskiftet 2019-2020"],
        "narrative": (
            "Første fase af en ny samarbejdsmodel er udviklet og indledningsvis afprøvet, med to missioner inden "
            "for 'Udsatte familier'. Konceptet skal i 2021 og de kommende år udvikles til at accelerere udvikling, "
            "spredning og anvendelse af ny solid viden. (Netværkets status, maj 2021.)"
        ),
        "resources": [
            (SOCIAL, ACTUAL, "To fælles missioner, der samler fagfolkene om noget, de vil bidrage til."),
            (SOCIAL, POTENTIAL, "Flere og større strategiske læringsfællesskaber på tværs af sektorer."),
            (ECONOMIC, POTENTIAL, "Driftsfinansiering i stedet for projektfinansiering, så viden kommer i drift."),
        ],
    },
    # --- SILK (seed 000) ----------------------------------------------------------------
    {
        "network": "social-innovation-lab-kent",
        "initiative": "dementia-diaries",
        "title": "The Dementia Select Committee recommends the Diaries",
        "date": datetime.date(2011, 12, 31),
        "narrative": (
            "The Dementia Diaries are the result of a recommendation from the Kent County Council Dementia Select "
            "Committee in 2011. (Demo: the case story gives the year, not the day.)"
        ),
        "resources": [
            (SOCIAL, ACTUAL, "The Kent County Council Dementia Select Committee."),
            (SOCIAL, POTENTIAL, "Families across Kent with true stories about their own experiences."),
        ],
    },
    {
        "network": "social-innovation-lab-kent",
        "initiative": "dementia-diaries",
        "title": "Dementia Diaries recognised in the NHS awards",
        "date": datetime.date(2014, 12, 31),
        "grew_out_of": ["The Dementia Select Committee recommends the Diaries"],
        "narrative": (
            "The Dementia Diaries were recognised nationally in the 2014 NHS awards for excellence in "
            "participation with young people. (Demo: the case story gives the year, not the day.)"
        ),
        "resources": [
            (AFFECTIVE, ACTUAL, "National recognition of a whole family approach in reducing stigma."),
            (SOCIAL, ACTUAL, "The Editorial Board, which includes all participating families."),
        ],
    },
]

# ---------------------------------------------------------------------------------------
# The portfolio exercise of the Core Team meeting (seed 003), closed so the portfolio's
# shift page has a story. Loaded only with the demo logins: closing needs a network
# administrator (admin-sk). Horizons stay as seed_data places them; the orange note on
# the meal deliveries becomes a twin decision.
# ---------------------------------------------------------------------------------------

REVIEW = {
    "portfolio": "samhallskontraktet",
    "title": "Portföljövning, Core Team 26 april 2024",
    "opened_on": datetime.date(2024, 4, 26),
    "closed_by": "admin-sk",
    "decisions": [
        {
            "initiative": "leverans-av-mat-for-seniorer",
            "decision": Decision.TWIN,
            "horizon": Horizon.H1,
            "twin_municipality": "vasteras-stad",
            "progress": "Ett redan framgångsrikt initiativ som kan utökas till nya platser.",
            "rationale": (
                "Möjlig tvilling i Västerås, lyfte Christine. (Demo: mötet talade om en möjlig tvilling; beslutet "
                "är demons tolkning.)"
            ),
        },
        {
            "initiative": _MEALS,
            "decision": Decision.CONTINUE,
            "horizon": Horizon.H3,
            "progress": (
                "Tre pågående piloter: Leverans av mat för seniorer, Seniorrestaurangen och Pensionärernas bössa."
            ),
            "rationale": (
                "Syftar till att transformera hur tjänster levereras till äldre; juridiska frågor om upphandling och "
                "lokalutnyttjande återstår. (Demo: beslutet att fortsätta är demons läsning av mötet.)"
            ),
        },
        {
            "initiative": "seniorrestaurangen",
            "decision": Decision.CONTINUE,
            "horizon": Horizon.H2,
            "progress": "Idéer om grafiska paket, marknadsföring och juridisk rådgivning med inblandning av studenter.",
            "rationale": (
                "Seniorrestaurangen kunde vara platsen för ensamma manskören. (Demo: beslutet är demons läsning av "
                "mötet.)"
            ),
        },
    ],
}
