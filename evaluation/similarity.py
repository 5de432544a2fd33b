"""Twin candidates: for each initiative, the most similar initiatives in other
municipalities, also across Danish, Swedish and English.

An initiative becomes a set of features:

- its words, language-aware: tokenised, stop words dropped, stemmed with the Snowball
  stemmer of its content language (the algorithms PostgreSQL's text search uses), then
  folded (æ/ä -> ae, ø/ö -> oe, å -> aa), so that Danish "ældre" and Swedish "äldre" meet;
- concepts: a small welfare-domain lexicon maps Danish, Swedish and English words (also
  the first part of compounds such as "madudbringning" or "matleveranser") to one
  concept, the bridge between the languages;
- the shared controlled vocabulary: target groups, SDG targets (and their goals), the
  barrier and enabler categories of its learning, its missions and themes.

Each feature weighs its kind's weight times its inverse document frequency; the score of
a pair is the cosine of their weighted feature sets. Candidates come from an inverted
index, read rarest feature first within a fixed budget; a feature shared by a large share
of the initiatives is not in the index at all (it would make every pair a candidate).
The best are then scored on all features. The work per initiative is bounded, so the
nightly run grows linearly, and its results are streamed to the table, which is only
written where they changed.

Reasons are stored as codes with values (TwinReason, target groups, concept codes...), so
pages say them in the reader's language: `describe_reasons()`.
"""

import json
import math
import re
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

import snowballstemmer
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from initiatives.choices import TargetGroup
from initiatives.models import Initiative

from .choices import BarrierCategory, LearningKind, TwinReason

STEMMER_LANGUAGES = {"da": "danish", "sv": "swedish", "en": "english"}

# Snowball's stop-word lists (the ones PostgreSQL ships as tsearch_data/*.stop).
STOPWORDS = {
    "da": frozenset(
        """ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din
        disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes her
        hos hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit
        mod ned noget nogle nu når og også om op os over på selv sig sin sine sit skal skulle som
        sådan thi til ud under var vi vil ville vor være været""".split()
    ),
    "sv": frozenset(
        """alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din
        dina ditt du där då efter ej eller en er era ert ett från för ha hade han hans har henne
        hennes hon honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig min
        mina mitt mot mycket ni nu när någon något några och om oss på samma sedan sig sin sina
        sitta själv skulle som så sådan sådana sådant till under upp ut utan vad var vara varför
        varit varje vars vart vem vi vid vilka vilkas vilken vilket vår våra vårt än är åt över""".split()
    ),
    "en": frozenset(
        """a about above after again against all am an and any are as at be because been before
        being below between both but by can did do does doing don down during each few for from
        further had has have having he her here hers herself him himself his how i if in into is it
        its itself just me more most my myself no nor not now of off on once only or other our ours
        ourselves out over own s same she should so some such t than that the their theirs them
        themselves then there these they this those through to too under until up very was we were
        what when where which while who whom why will with you your yours yourself yourselves""".split()
    ),
}

FOLD = str.maketrans({"æ": "ae", "ä": "ae", "ø": "oe", "ö": "oe", "å": "aa", "é": "e", "è": "e", "ü": "u"})
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORD_LENGTH = 3

# Concepts shared by the three languages: the one vocabulary of the twin engine and of
# search that travels (evaluation.search expands a query through it). Patterns are written
# as the words are spelt, lower case; "x*" is a prefix (also the first part of a compound),
# anything else a whole word. The twin engine compares them folded (fold()), so "ældre*"
# and "äldre*" are one pattern there; search needs the spellings to ask PostgreSQL.
CONCEPTS = {
    "meal": (
        "måltid*",
        "mad",
        "madlever*",
        "madudbring*",
        "madservice*",
        "madordning*",
        "mat",
        "matlever*",
        "matdistrib*",
        "matservice*",
        "meal*",
        "food*",
        "restaurant*",
        "seniorrestaurang*",
        "ernæring*",
        "nutrition*",
        "kantine*",
        "matlag*",
        "madlav*",
        "cook*",
    ),
    "delivery": (
        "levering*",
        "leverans*",
        "leverera*",
        "deliver*",
        "udbring*",
        "hjemlever*",
        "hemlever*",
        "hemkör*",
        "distribution*",
        "madudbring*",
        "madlever*",
        "matlever*",
    ),
    "older_people": (
        "ældre*",
        "äldre*",
        "senior*",
        "pensionær*",
        "pensionär*",
        "older",
        "elderly",
        "alderdom*",
        "ageing",
        "aging",
    ),
    "loneliness": ("ensom*", "ensam*", "lonel*", "isolat*", "isoler*"),
    "community": (
        "fællesskab*",
        "gemenskap*",
        "communit*",
        "nærmiljø*",
        "närmiljö*",
        "lokalsamfund*",
        "lokalsamhäll*",
        "neighbour*",
        "nabo*",
        "grann*",
    ),
    "dementia": ("demen*", "alzheimer*"),
    "carers": ("pårørend*", "anhörig*", "carer*", "caregiver*", "relatives"),
    "family": ("famili*", "family"),
    "children_young": ("børn*", "barn", "barnen", "barns", "child*", "unge", "ungdom*", "young", "youth*", "ungas"),
    "pregnancy": ("gravid*", "pregnan*", "maternity", "fødsel*", "förlossning*", "svangerskab*"),
    "addiction": ("misbrug*", "missbruk*", "addict*", "rusmiddel*", "substance", "alkohol*", "alcohol*"),
    "mental_health": ("psykiat*", "psykisk*", "psykisk", "mental*", "psychiat*"),
    "procurement": ("udbud*", "upphandl*", "procure*", "tender*", "indkøb*", "inköp*"),
    "data_protection": ("gdpr", "databeskyt*", "dataskydd*", "persondata*", "personuppgift*", "privacy"),
    "technology": (
        "digital*",
        "velfærdsteknolog*",
        "välfärdsteknik*",
        "teknolog*",
        "teknik*",
        "technolog*",
        "sensor*",
        "alarm*",
        "larm*",
        "app",
        "apps",
        "robot*",
    ),
    "safety": ("tryghed*", "trygghet*", "tryg", "trygg", "safety", "secur*"),
    "civil_society": (
        "frivillig*",
        "volunt*",
        "civilsamfund*",
        "civilsamhäll*",
        "civil",
        "forening*",
        "förening*",
        "ngo*",
    ),
    "housing": ("plejehjem*", "äldreboende*", "boende*", "bolig*", "housing", "nursing", "bostad*", "boliger"),
    "employment": (
        "beskæftig*",
        "jobcent*",
        "arbejdsl*",
        "arbetsl*",
        "ledig*",
        "unemploy*",
        "employ*",
        "syssels*",
        "arbetsmarknad*",
        "arbejdsmarked*",
    ),
    "health": (
        "sundhed*",
        "häls*",
        "health*",
        "sjukvård*",
        "sygehus*",
        "hospital*",
        "sjukhus*",
        "välbefinn*",
        "trivsel*",
        "wellbeing",
        "well",
    ),
    "prevention": ("forebyg*", "förebygg*", "prevent*", "tidlig*", "tidig*", "early"),
    "independence": (
        "selvstændig*",
        "självständig*",
        "independen*",
        "selvbestem*",
        "självbestämm*",
        "autonom*",
        "selvhjulp*",
    ),
    "co_creation": (
        "samskab*",
        "samskap*",
        "cocreat*",
        "creation",
        "medskab*",
        "inddrag*",
        "delaktig*",
        "involver*",
        "involvement",
        "borgerinddrag*",
        "medborgardialog*",
    ),
    "collaboration": (
        "samarbej*",
        "samarbet*",
        "samverk*",
        "collaborat*",
        "cooperat*",
        "partnerskab*",
        "partnerskap*",
        "partnership*",
        "tværsektor*",
        "tvärsektor*",
        "tværfaglig*",
    ),
    "physical_activity": (
        "motion*",
        "idræt*",
        "idrott*",
        "gymnastik*",
        "fysisk*",
        "physical*",
        "exercis*",
        "træning*",
        "träning*",
        "cykel*",
        "cykl*",
        "walking",
    ),
    "disability": ("handicap*", "funktionsneds*", "funktionsnedsätt*", "funktionshind*", "disab*"),
    "migration": (
        "flygtning*",
        "flykting*",
        "refugee*",
        "migra*",
        "invandr*",
        "indvandr*",
        "integration*",
        "nyankomn*",
        "nyankommen*",
    ),
    "home_care": ("hjemmepleje*", "hemtjänst*", "homecare", "hjemmehjælp*", "hemvård*", "hjemmesygepleje*"),
    "rehabilitation": ("rehabil*", "genoptræn*", "rehab*", "reablement"),
    "school": (
        "skole*",
        "skola*",
        "skolan",
        "school*",
        "uddannel*",
        "utbildn*",
        "education*",
        "daginstitution*",
        "foerskol*",
        "boernehave*",
    ),
}
CONCEPT_LABELS = {
    "meal": _("meals and food"),
    "delivery": _("delivery"),
    "older_people": _("older people"),
    "loneliness": _("loneliness"),
    "community": _("community"),
    "dementia": _("dementia"),
    "carers": _("relatives and carers"),
    "family": _("families"),
    "children_young": _("children and young people"),
    "pregnancy": _("pregnancy"),
    "addiction": _("addiction"),
    "mental_health": _("mental health"),
    "procurement": _("procurement"),
    "data_protection": _("data protection"),
    "technology": _("technology"),
    "safety": _("safety"),
    "civil_society": _("civil society"),
    "housing": _("housing"),
    "employment": _("employment"),
    "health": _("health"),
    "prevention": _("prevention"),
    "independence": _("independence"),
    "co_creation": _("co-creation"),
    "collaboration": _("collaboration"),
    "physical_activity": _("physical activity"),
    "disability": _("disability"),
    "migration": _("migration"),
    "home_care": _("home care"),
    "rehabilitation": _("rehabilitation"),
    "school": _("school and education"),
}

# How much one shared feature of a kind weighs, before its rarity (idf) is counted.
KIND_WEIGHTS = {"tg": 2.0, "sdg": 1.5, "goal": 0.5, "cat": 0.7, "mission": 1.5, "theme": 1.0, "c": 1.5, "w": 1.0}
TEXT_KINDS = ("c", "w")
REASON_OF_KIND = {
    "tg": TwinReason.TARGET_GROUP,
    "sdg": TwinReason.SDG,
    "goal": TwinReason.SDG,
    "cat": TwinReason.BARRIERS,
    "mission": TwinReason.MISSION,
    "theme": TwinReason.THEME,
    "c": TwinReason.INTENTION,
    "w": TwinReason.INTENTION,
}
# A shared text part below this share of the pair's score is no "similar intention".
INTENTION_SHARE = 0.2
TOP_K = 10
CANDIDATE_POOL = 40
MIN_SCORE = 0.08
# Postings read per initiative to propose candidates, rarest features first.
POSTINGS_BUDGET = 1000
# A feature shared by more than this share of the initiatives (and more than the floor)
# proposes no candidates; it still counts in the score (posting_limit()).
COMMON_FEATURE_SHARE = 0.05
COMMON_FEATURE_FLOOR = 100
# Initiatives whose stored candidates are compared and rewritten in one transaction.
STORE_CHUNK = 1000
TEXT_FIELDS = ("title", "summary", "intention", "societal_goals", "toc_problem", "toc_activities", "toc_outcomes")


def fold(word):
    return word.translate(FOLD)


def _compile_concepts():
    exact, prefixes = {}, set()
    for concept, patterns in CONCEPTS.items():
        for pattern in patterns:
            if pattern.endswith("*"):
                prefixes.add((fold(pattern[:-1]), concept))
            else:
                exact[fold(pattern)] = concept
    prefixes = sorted(prefixes)
    # Every matching concept counts ("aeldreboende" is housing and older people).
    prefixes.sort(key=lambda item: -len(item[0]))
    by_start = defaultdict(list)
    for prefix, concept in prefixes:
        by_start[prefix[:3]].append((prefix, concept))
    return exact, dict(by_start)


_EXACT_CONCEPTS, _PREFIX_CONCEPTS = _compile_concepts()


@lru_cache(maxsize=3)
def _stemmer(language):
    return snowballstemmer.stemmer(STEMMER_LANGUAGES.get(language, "english"))


@lru_cache(maxsize=200_000)
def word_features(word, language):
    """The features of one lower-cased word: its folded stem and the concepts it names."""
    if len(word) < MIN_WORD_LENGTH and word not in _EXACT_CONCEPTS:
        return ()
    if word in STOPWORDS.get(language, ()):
        return ()
    features = ["w:" + fold(_stemmer(language).stemWord(word))]
    features.extend("c:" + concept for concept in concepts_of_word(word))
    return tuple(dict.fromkeys(features))


@lru_cache(maxsize=200_000)
def concepts_of_word(word):
    """The concepts a lower-cased word names, in any of the three languages (the concept
    lexicon is folded, so this does not depend on the word's language)."""
    folded = fold(word)
    found = []
    concept = _EXACT_CONCEPTS.get(folded)
    if concept:
        found.append(concept)
    for prefix, concept in _PREFIX_CONCEPTS.get(folded[:3], ()):
        if folded.startswith(prefix):
            found.append(concept)
    return tuple(dict.fromkeys(found))


def text_features(text, language):
    """The stem and concept features of a text in a content language."""
    features = set()
    for word in WORD.findall((text or "").lower()):
        features.update(word_features(word, language))
    return features


def tokens(text, language):
    """(folded stem, surface word) pairs of the content words of a text: for the recurring
    terms fallback on databases without text search."""
    pairs = []
    for word in WORD.findall((text or "").lower()):
        if len(word) < MIN_WORD_LENGTH or word in STOPWORDS.get(language, ()):
            continue
        pairs.append((fold(_stemmer(language).stemWord(word)), word))
    return pairs


@dataclass
class InitiativeFeatures:
    pk: int
    municipalities: frozenset
    family: int  # the parent's pk, or its own: pilots of one parent are no twins
    features: set = field(default_factory=set)


def load_features(queryset=None):
    """The features of every initiative in `queryset` (default: all that are not drafts), in
    a fixed number of queries."""
    from core.choices import Visibility

    from .models import LearningEntry

    if queryset is None:
        queryset = Initiative.objects.exclude(visibility=Visibility.DRAFT)
    ids = queryset.values("pk")
    municipalities = defaultdict(set)
    for initiative_id, organisation_id in (
        Initiative.municipalities.through.objects.filter(initiative__in=ids)
        .values_list("initiative_id", "organisation_id")
        .iterator(chunk_size=5000)
    ):
        municipalities[initiative_id].add(organisation_id)
    extra = defaultdict(set)
    for initiative_id, mission_id, theme_id in (
        Initiative.missions.through.objects.filter(initiative__in=ids)
        .values_list("initiative_id", "mission_id", "mission__theme_id")
        .iterator(chunk_size=5000)
    ):
        extra[initiative_id].add(f"mission:{mission_id}")
        if theme_id:
            extra[initiative_id].add(f"theme:{theme_id}")
    learning = LearningEntry.objects.filter(
        initiative__in=ids, kind__in=[LearningKind.BARRIER, LearningKind.ENABLER]
    ).exclude(visibility=Visibility.DRAFT)
    for category in BarrierCategory.values:
        for initiative_id in (
            learning.filter(categories__has_item=category).order_by().values_list("initiative_id", flat=True).distinct()
        ):
            extra[initiative_id].add(f"cat:{category}")

    found = {}
    rows = queryset.order_by("pk").values("pk", "language", "parent_id", "target_groups", "sdg_targets", *TEXT_FIELDS)
    for row in rows.iterator(chunk_size=2000):
        features = set(extra.get(row["pk"], ()))
        features.update(f"tg:{group}" for group in row["target_groups"] or ())
        for target in row["sdg_targets"] or ():
            features.add(f"sdg:{target}")
            features.add(f"goal:{str(target).split('.')[0]}")
        features |= text_features(" ".join(row[name] or "" for name in TEXT_FIELDS), row["language"])
        found[row["pk"]] = InitiativeFeatures(
            pk=row["pk"],
            municipalities=frozenset(municipalities.get(row["pk"], ())),
            family=row["parent_id"] or row["pk"],
            features=features,
        )
    return found


def kind_of(feature):
    return feature.split(":", 1)[0]


def generation_features(features):
    """The features that propose candidates: the item's own, plus each pair of a target
    group and a concept ("older people" x "meals"), which is rarer than either and holds
    across languages."""
    groups = [f for f in features if f.startswith("tg:")]
    concepts = [f for f in features if f.startswith("c:")]
    return set(features) | {f"{group}|{concept}" for group in groups for concept in concepts}


def _feature_table(initiatives):
    """Every feature as a small integer, with what scoring and proposing need of it: the
    generating features of each item (rarest first), its own features as a set of ids,
    each feature's squared weight and its reason. Sets of small integers take a fraction
    of the memory of sets of strings, and intersect faster."""
    n = len(initiatives)
    ids, names, df = {}, [], []
    generating, own = {}, {}
    for pk in sorted(initiatives):
        item = initiatives[pk]
        found = []
        for feature in generation_features(item.features):
            i = ids.get(feature)
            if i is None:
                i = ids[feature] = len(names)
                names.append(feature)
                df.append(0)
            df[i] += 1
            found.append(i)
        generating[pk] = found
        # Words apart from the rest: they are most of the features, and all they add to
        # the reasons is weight to "similar intention", so their sum is taken in C.
        own[pk] = (
            frozenset(ids[feature] for feature in item.features if feature.startswith("w:")),
            frozenset(ids[feature] for feature in item.features if not feature.startswith("w:")),
        )
    squared = [0.0] * len(names)  # seen once: shared with nobody
    for i, feature in enumerate(names):
        if df[i] > 1 and "|" not in feature:
            weight = KIND_WEIGHTS[kind_of(feature)] * math.log(1 + n / df[i])
            squared[i] = weight * weight
    # Rarest first; ties by name, so the order does not depend on the order of the input.
    order = sorted(range(len(names)), key=lambda i: (df[i], names[i]))
    rank = [0] * len(names)
    for position, i in enumerate(order):
        rank[i] = position
    for found in generating.values():
        found.sort(key=rank.__getitem__)
    reasons = []
    for feature in names:
        kind, _, value = feature.partition(":")
        if "|" in feature:
            reasons.append(None)  # proposes only; never one of an item's own features
        else:
            reasons.append((REASON_OF_KIND[kind], value if kind in ("tg", "sdg", "cat", "c") else None))
    return generating, own, df, squared, reasons


def posting_limit(n):
    """The most initiatives a feature may be shared by and still propose candidates. A
    feature shared by a large share of the initiatives ("collaboration", "kommune") would
    propose nearly everyone to everyone: it still counts in the score, but it proposes
    nothing. Small collections keep every feature."""
    return min(POSTINGS_BUDGET, max(COMMON_FEATURE_FLOOR, math.ceil(COMMON_FEATURE_SHARE * n)))


def iter_twin_candidates(initiatives, top_k=TOP_K):
    """(initiative pk, [(candidate pk, score, reasons), ...] best first), in pk order, for
    the InitiativeFeatures given. Pure computation, no queries; a generator, so the
    candidates of all initiatives are never in memory at once.

    Candidates are proposed through an inverted index, the initiative's rarest features
    first, until POSTINGS_BUDGET postings were read; features shared by a large share of
    the initiatives are left out of the index (posting_limit). The best CANDIDATE_POOL
    proposals are then scored exactly on all features. The work per initiative is
    bounded, so the whole run grows linearly with the number of initiatives."""
    n = len(initiatives)
    if n < 2:
        return
    generating, own, df, squared, reason_of = _feature_table(initiatives)
    limit = posting_limit(n)
    postings = defaultdict(lambda: array("l"))
    for pk in sorted(initiatives):
        for i in generating[pk]:
            if 1 < df[i] <= limit:
                postings[i].append(pk)
    for pk in generating:
        generating[pk] = [i for i in generating[pk] if 1 < df[i] <= limit]
    norms = {
        pk: math.sqrt(sum(map(squared.__getitem__, words)) + sum(map(squared.__getitem__, named))) or 1.0
        for pk, (words, named) in own.items()
    }

    for pk in sorted(initiatives):
        item = initiatives[pk]
        # Proposals count the shared features, rarest first (Counter.update counts in C).
        proposed = Counter()
        budget = POSTINGS_BUDGET
        for i in generating[pk]:
            listed = postings[i]
            if len(listed) > budget:
                if proposed:
                    break
                listed = listed[:budget]
            proposed.update(listed)
            budget -= len(listed)
            if budget <= 0:
                break
        proposed.pop(pk, None)
        (words, named), norm = own[pk], norms[pk]
        scored = []
        for other_pk, _shared in proposed.most_common(CANDIDATE_POOL):
            other = initiatives[other_pk]
            if other.family == item.family or (item.municipalities & other.municipalities):
                continue
            other_words, other_named = own[other_pk]
            shared_words = sum(map(squared.__getitem__, words & other_words))
            shared_named = named & other_named
            score = (shared_words + sum(map(squared.__getitem__, shared_named))) / (norm * norms[other_pk])
            if score >= MIN_SCORE:
                scored.append((score, other_pk, shared_words, shared_named))
        scored.sort(key=lambda entry: (-entry[0], entry[1]))
        yield (
            pk,
            [
                (other_pk, round(score, 4), _reasons(shared_named, squared, reason_of, words=shared_words))
                for score, other_pk, shared_words, shared_named in scored[:top_k]
            ],
        )


def compute_twin_candidates(initiatives, top_k=TOP_K):
    """{initiative pk: [(candidate pk, score, reasons), ...]} best first (see
    iter_twin_candidates)."""
    return dict(iter_twin_candidates(initiatives, top_k))


def _reasons(shared, squared, reason_of, words=0.0):
    """The reasons of a pair from its shared features (ids) and the weight of its shared
    words: one per TwinReason, the strongest first, each with the shared values."""
    contribution = defaultdict(float)
    if words:
        contribution[TwinReason.INTENTION] = words
    values = defaultdict(set)
    for i in shared:
        reason, value = reason_of[i]
        contribution[reason] += squared[i]
        if value is not None:
            values[reason].add(value)
    total = sum(contribution.values()) or 1.0
    reasons = []
    for reason, amount in sorted(contribution.items(), key=lambda item: (-item[1], item[0])):
        if amount <= 0:
            continue
        if reason == TwinReason.INTENTION and amount / total < INTENTION_SHARE:
            continue
        reasons.append({"code": str(reason), "values": sorted(values.get(reason, ()))})
    return reasons


def store_twin_candidates(candidates, computed_at, chunk_size=STORE_CHUNK):
    """Make the stored candidates equal `candidates` ({initiative pk: found}, or an
    iterable of (initiative pk, found) pairs): per chunk of initiatives, one transaction
    that deletes the rows that went or changed and inserts the new ones; rows that did
    not change are left alone (with their `computed_at`). Initiatives not among
    `candidates` lose their rows. Returns how many candidates there are now.

    Streamed: one chunk's rows are in memory at a time. Afterwards the table is analysed,
    so the planner's estimates match the new rows at once (a bulk rewrite otherwise leaves
    it estimating thousands of rows per initiative until autovacuum comes by)."""
    from django.db import connections, transaction
    from django.db.models import TextField
    from django.db.models.functions import Cast

    from .models import TwinCandidate

    items = iter(candidates.items() if isinstance(candidates, dict) else candidates)
    seen, total = [], 0
    while True:
        chunk = list(islice(items, chunk_size))
        if not chunk:
            break
        pks = [pk for pk, _ in chunk]
        seen.extend(pks)
        # Reasons are compared as JSON text (PostgreSQL writes jsonb with the separators
        # json.dumps uses, and their keys are in jsonb's order): decoding them all would
        # cost more than the rest. Text that differs only in form costs one needless
        # rewrite, never a wrong row.
        wanted = {
            (pk, candidate_pk): (rank, score, json.dumps(reasons, ensure_ascii=False), reasons)
            for pk, found in chunk
            for rank, (candidate_pk, score, reasons) in enumerate(found, start=1)
        }
        total += len(wanted)
        with transaction.atomic():
            existing = {
                (initiative_id, candidate_id): (row_pk, row)
                for row_pk, initiative_id, candidate_id, *row in TwinCandidate.objects.filter(initiative__in=pks)
                .annotate(reasons_text=Cast("reasons", TextField()))
                .values_list("pk", "initiative_id", "candidate_id", "rank", "score", "reasons_text")
            }
            gone = [
                row_pk for key, (row_pk, row) in existing.items() if key not in wanted or wanted[key][:3] != tuple(row)
            ]
            new = [
                TwinCandidate(
                    initiative_id=key[0],
                    candidate_id=key[1],
                    rank=rank,
                    score=score,
                    reasons=reasons,
                    computed_at=computed_at,
                )
                for key, (rank, score, text, reasons) in wanted.items()
                if key not in existing or tuple(existing[key][1]) != (rank, score, text)
            ]
            if gone:
                TwinCandidate.objects.filter(pk__in=gone).delete()
            TwinCandidate.objects.bulk_create(new, batch_size=2000)
    TwinCandidate.objects.exclude(initiative__in=seen).delete()
    connection = connections[TwinCandidate.objects.db]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(TwinCandidate._meta.db_table)}")
    return total


def refresh_twin_candidates(now=None):
    """The nightly job's work: compute and store the candidates of every initiative that
    is not a draft. Returns (initiatives, stored candidates)."""
    from django.utils import timezone

    initiatives = load_features()
    stored = store_twin_candidates(iter_twin_candidates(initiatives), now or timezone.now())
    return len(initiatives), stored


# --- saying why -----------------------------------------------------------------------


def _value_label(code, value):
    if code == TwinReason.TARGET_GROUP:
        return str(TargetGroup(value).label) if value in TargetGroup.values else value
    if code == TwinReason.BARRIERS:
        return str(BarrierCategory(value).label) if value in BarrierCategory.values else value
    if code == TwinReason.INTENTION:
        return str(CONCEPT_LABELS.get(value, value))
    return value


def describe_reason(reason):
    """One reason in the active language, e.g. "same target group (Older people)"."""
    code = reason.get("code")
    label = str(TwinReason(code).label) if code in TwinReason.values else code
    values = [_value_label(code, value) for value in reason.get("values", ())]
    if not values:
        return label
    return gettext("%(reason)s (%(values)s)") % {"reason": label, "values": ", ".join(values)}


def describe_reasons(reasons, limit=2):
    """The strongest reasons as one phrase in the active language, e.g. "same target
    group (Older people), similar intention (meals and food)"."""
    return ", ".join(describe_reason(reason) for reason in list(reasons)[:limit])


def reasons_summary(reasons, limit=2):
    """A lazily translated phrase without values ("same target group, similar intention")."""
    labels = [TwinReason(r["code"]).label for r in list(reasons)[:limit] if r.get("code") in TwinReason.values]
    return format_lazy("{}" + ", {}" * (len(labels) - 1), *labels) if labels else ""
