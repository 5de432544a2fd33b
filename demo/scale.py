"""A large, deterministic, realistic dataset for benchmarks and load tests.

Everything is drawn from one `random.Random(seed)` in a fixed order and dated relative to
a fixed base date, so the same options give the same content (primary keys aside: they
come from the database's sequences). Rows go in with `bulk_create`, chunk by chunk, so
memory stays bounded however many learning entries are asked for. Since `bulk_create`
skips `save()` and `clean()`, the generator fills slugs itself and keeps every rule that
`clean()` and the constraints enforce: a pilot's parent is never a pilot, ends follow
starts, nothing is its own twin, unique rows are unique by construction.
"""

import random
import re
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils.text import slugify

from evaluation.choices import (
    AssessorRole,
    BarrierCategory,
    Capital,
    EvidenceLevel,
    LearningKind,
    ResourceState,
    ValueDomain,
)
from evaluation.models import (
    Event,
    Indicator,
    LearningEntry,
    Measurement,
    ResourceObservation,
    ValueAssessment,
)
from initiatives.choices import (
    CitizenInvolvement,
    FundingKind,
    InitiativeKind,
    ParticipationRole,
    Phase,
)
from initiatives.models import (
    Funding,
    Initiative,
    Mission,
    MissionOrganisation,
    Participation,
    PhaseChange,
    Theme,
)
from partners.choices import Country, IdentifierScheme, MembershipRole, Sector
from partners.models import Membership, Network, Organisation, Person
from portfolios.choices import DEFAULT_CATEGORIES, Horizon, Layer, Relation
from portfolios.models import Category, EntryCategory, Portfolio, PortfolioEntry

from . import vocabulary as vocab

DEFAULT_BASE_DATE = date(2026, 1, 1)

# The phase chain an initiative walks along; composted branches off it.
PHASE_CHAIN = [
    Phase.STARTUP,
    Phase.IDEA_DEVELOPMENT,
    Phase.PROTOTYPING,
    Phase.MATURATION,
    Phase.SCALING,
    Phase.OPERATIONS,
]
SDG_TARGETS = [
    "1.3",
    "1.4",
    "2.1",
    "3.4",
    "3.5",
    "3.8",
    "3.d",
    "4.4",
    "5.4",
    "8.5",
    "8.6",
    "10.2",
    "10.3",
    "11.1",
    "11.3",
    "11.7",
    "16.7",
    "17.17",
]
COUNTRY_LANGUAGE = {Country.DENMARK: "da", Country.SWEDEN: "sv"}
COUNTRY_CURRENCY = {Country.DENMARK: "DKK", Country.SWEDEN: "SEK"}
# SEK amounts are larger for the same money; EUR smaller.
CURRENCY_FACTOR = {"DKK": 1.0, "SEK": 1.5, "EUR": 0.134}

# How often things happen, as (value, weight).
PHASE_WEIGHTS = [
    (Phase.STARTUP, 12),
    (Phase.IDEA_DEVELOPMENT, 16),
    (Phase.PROTOTYPING, 20),
    (Phase.MATURATION, 18),
    (Phase.SCALING, 10),
    (Phase.OPERATIONS, 12),
    (Phase.COMPOSTED, 12),
]
VISIBILITY_WEIGHTS = [("draft", 15), ("network", 45), ("public", 40)]
LANGUAGE_WEIGHTS = {
    Country.DENMARK: [("da", 80), ("en", 12), ("sv", 8)],
    Country.SWEDEN: [("sv", 80), ("en", 12), ("da", 8)],
}
PARTICIPATION_ROLE_WEIGHTS = [
    (ParticipationRole.PARTNER, 40),
    (ParticipationRole.RESEARCHER, 15),
    (ParticipationRole.FUNDER, 12),
    (ParticipationRole.CITIZEN_GROUP, 15),
    (ParticipationRole.SUPPLIER, 18),
]
ROLE_SECTORS = {
    ParticipationRole.LEAD: [Sector.MUNICIPALITY, Sector.REGION, Sector.CIVIL_SOCIETY, Sector.KNOWLEDGE_INSTITUTION],
    ParticipationRole.PARTNER: list(Sector.values),
    ParticipationRole.FUNDER: [Sector.FOUNDATION, Sector.REGION, Sector.STATE_AGENCY],
    ParticipationRole.RESEARCHER: [Sector.KNOWLEDGE_INSTITUTION],
    ParticipationRole.CITIZEN_GROUP: [Sector.CIVIL_SOCIETY],
    ParticipationRole.SUPPLIER: [Sector.COMPANY, Sector.SOCIAL_ENTERPRISE],
}
SECTOR_SHARES = [
    (Sector.MUNICIPALITY, 0.30),
    (Sector.REGION, 0.05),
    (Sector.STATE_AGENCY, 0.05),
    (Sector.COMPANY, 0.20),
    (Sector.CIVIL_SOCIETY, 0.20),
    (Sector.KNOWLEDGE_INSTITUTION, 0.08),
    (Sector.SOCIAL_ENTERPRISE, 0.06),
    (Sector.FOUNDATION, 0.06),
]
# Swedish organisationsnummer start by the kind of legal person.
ORGNR_PREFIXES = {
    Sector.MUNICIPALITY: "212000",
    Sector.REGION: "232100",
    Sector.STATE_AGENCY: "202100",
    Sector.KNOWLEDGE_INSTITUTION: "202100",
    Sector.COMPANY: "556",
    Sector.SOCIAL_ENTERPRISE: "559",
    Sector.CIVIL_SOCIETY: "802",
    Sector.FOUNDATION: "802",
}
LEARNING_KIND_WEIGHTS = [
    (LearningKind.INSIGHT, 25),
    (LearningKind.BARRIER, 20),
    (LearningKind.ENABLER, 18),
    (LearningKind.METHOD, 12),
    (LearningKind.FAILURE, 8),
    (LearningKind.SUCCESS, 17),
]
EVIDENCE_WEIGHTS = [
    (EvidenceLevel.ANECDOTE, 35),
    (EvidenceLevel.OBSERVED, 35),
    (EvidenceLevel.MEASURED, 20),
    (EvidenceLevel.RESEARCH, 10),
]
# Later phases have more to tell.
PHASE_LEARNING_WEIGHT = {
    Phase.STARTUP: 0.5,
    Phase.IDEA_DEVELOPMENT: 0.8,
    Phase.PROTOTYPING: 1.2,
    Phase.MATURATION: 1.5,
    Phase.SCALING: 1.5,
    Phase.OPERATIONS: 1.2,
    Phase.COMPOSTED: 1.0,
}
HORIZON_BY_PHASE = {
    Phase.STARTUP: Horizon.H3,
    Phase.IDEA_DEVELOPMENT: Horizon.H3,
    Phase.PROTOTYPING: Horizon.H2,
    Phase.MATURATION: Horizon.H2,
    Phase.SCALING: Horizon.H1,
    Phase.OPERATIONS: Horizon.H1,
    Phase.COMPOSTED: Horizon.H2,
}

_FOLD = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa", "ß": "ss"})
# Swedish writes å as a in addresses and slugs (Luleå -> lulea); ä and ö fold by themselves.
_FOLD_SWEDISH = str.maketrans({"å": "a", "Å": "A"})
_NOT_EMAIL = re.compile(r"[^a-z0-9.-]+")
_SLOT = re.compile(r"\{(\w+)\}")


def make_slug(text, max_length=180, swedish=False):
    """A slug that keeps Danish letters readable (ældre -> aeldre, not ldre)."""
    if swedish:
        text = text.translate(_FOLD_SWEDISH)
    return slugify(text.translate(_FOLD))[:max_length].strip("-") or "x"


def email_part(text, swedish=False):
    return _NOT_EMAIL.sub("", make_slug(text, swedish=swedish).replace("-", "."))


class Uniquifier:
    """Hands out values no other row has: the base, then base-2, base-3, ..."""

    def __init__(self, taken=()):
        self.taken = set(taken)
        self.next_suffix = {}

    def __call__(self, base, sep="-", max_length=200):
        base = base[:max_length]
        if base not in self.taken:
            self.taken.add(base)
            return base
        n = self.next_suffix.get(base, 2)
        while True:
            suffix = f"{sep}{n}"
            candidate = base[: max_length - len(suffix)] + suffix
            n += 1
            if candidate not in self.taken:
                break
        self.next_suffix[base] = n
        self.taken.add(candidate)
        return candidate


class Weighted:
    """A precomputed weighted choice, for the hot loops."""

    def __init__(self, pairs):
        self.values = [getattr(v, "value", v) for v, _ in pairs]
        self.cum_weights = []
        total = 0
        for _, w in pairs:
            total += w
            self.cum_weights.append(total)

    def pick(self, rng):
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


class _Template:
    """A sentence template split once into literals and slot names."""

    __slots__ = ("literals", "slots", "repeated")

    def __init__(self, text):
        parts = _SLOT.split(text)
        self.literals = parts[0::2]
        self.slots = parts[1::2]
        # A tuple, not a set: iteration order must not depend on string hashing.
        self.repeated = tuple(dict.fromkeys(s for s in self.slots if self.slots.count(s) > 1))


class Composer:
    """Fills the templates in `vocabulary.TEMPLATES` from a context and the word pools."""

    def __init__(self, rng):
        self.rng = rng
        self.templates = {
            lang: {name: [_Template(t) for t in texts] for name, texts in groups.items()}
            for lang, groups in vocab.TEMPLATES.items()
        }
        self.pools = vocab.SLOTS
        self._contexts = {}

    def context(self, lang, solution, group, place):
        key = (lang, solution, group, place)
        ctx = self._contexts.get(key)
        if ctx is None:
            sol = vocab.SOLUTIONS[solution][lang]
            indefinite, definite, genitive = vocab.GROUPS[group][lang]
            ctx = {
                "sol": sol[0],
                "sol_def": sol[1],
                "sol_pl": sol[2],
                "sol_defpl": sol[3],
                "group": indefinite,
                "group_def": definite,
                "group_gen": genitive,
                "place": place,
            }
            self._contexts[key] = ctx
        return ctx

    def fill(self, template, lang, ctx):
        rng = self.rng
        pools = self.pools[lang]
        literals = template.literals
        distinct = None
        if template.repeated:
            # The same slot twice in a sentence gets different words ("kommunen og regionen").
            distinct = {}
            for slot in template.repeated:
                options = ctx.get(slot)
                if options is None:
                    options = pools[slot]
                count = template.slots.count(slot)
                if isinstance(options, str):
                    distinct[slot] = [options] * count
                elif len(options) >= count:
                    distinct[slot] = rng.sample(options, count)
                else:
                    distinct[slot] = [rng.choice(options) for _ in range(count)]
        out = [literals[0]]
        for i, slot in enumerate(template.slots):
            if distinct is not None and slot in distinct:
                value = distinct[slot].pop()
            else:
                options = ctx.get(slot)
                if options is None:
                    options = pools[slot]
                value = options if isinstance(options, str) else rng.choice(options)
            out.append(value)
            out.append(literals[i + 1])
        text = "".join(out)
        return text[:1].upper() + text[1:]

    def sentence(self, lang, name, ctx):
        return self.fill(self.rng.choice(self.templates[lang][name]), lang, ctx)

    def paragraph(self, lang, name, ctx, low, high):
        options = self.templates[lang][name]
        count = min(len(options), self.rng.randint(low, high))
        return " ".join(self.fill(t, lang, ctx) for t in self.rng.sample(options, count))


@dataclass
class ScaleOptions:
    initiatives: int = 10_000
    learnings: int = 100_000
    organisations: int = 300
    networks: int = 6
    people_per_organisation: int = 4
    users: int = 0
    seed: int = 1
    base_date: date = DEFAULT_BASE_DATE
    batch_size: int = 1000
    chunk_size: int = 2000


@dataclass
class OrgInfo:
    pk: int
    sector: str
    country: str
    name: str
    place: str


@dataclass
class MissionInfo:
    pk: int
    groups: list
    start: date
    end: date | None


@dataclass
class NetworkInfo:
    pk: int
    name: str
    country: str
    lang: str
    member_orgs: list = field(default_factory=list)
    members_by_sector: dict = field(default_factory=dict)
    people: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    missions: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)


@dataclass(slots=True)
class InitiativeInfo:
    pk: int
    network: int
    lang: str
    kind: str
    phase: str
    visibility: str
    start: date
    end: date | None
    solution: str
    group: str
    place: str
    municipalities: list
    country: str
    weight: float


class ScaleDataGenerator:
    """Generates the dataset. `log` receives progress lines."""

    def __init__(self, options: ScaleOptions, log=print):
        self.o = options
        self.log = log
        self.rng = random.Random(options.seed)
        self.text = Composer(self.rng)
        self.base = options.base_date
        self.stats = {}
        self.stage_times = {}
        self.networks: list[NetworkInfo] = []
        self.orgs: list[OrgInfo] = []
        self.municipalities_by_country = {}
        self.orgs_by_sector = {}
        self.infos: list[InitiativeInfo] = []
        self.group_solutions = {
            group: [key for key, sol in vocab.SOLUTIONS.items() if group in sol["groups"]] for group in vocab.GROUPS
        }
        self.phase_pick = Weighted(PHASE_WEIGHTS)
        self.visibility_pick = Weighted(VISIBILITY_WEIGHTS)
        self.language_pick = {country: Weighted(pairs) for country, pairs in LANGUAGE_WEIGHTS.items()}
        self.role_pick = Weighted(PARTICIPATION_ROLE_WEIGHTS)
        self.learning_kind_pick = Weighted(LEARNING_KIND_WEIGHTS)
        self.evidence_pick = Weighted(EVIDENCE_WEIGHTS)

    # --- plumbing -------------------------------------------------------------------

    def insert(self, model, objects, label=None):
        """bulk_create with timing; returns the objects with their primary keys."""
        if not objects:
            return objects
        label = label or model._meta.verbose_name_plural.title()
        started = time.perf_counter()
        created = model._default_manager.bulk_create(objects, batch_size=self.o.batch_size)
        rows, seconds = self.stats.get(label, (0, 0.0))
        self.stats[label] = (rows + len(created), seconds + time.perf_counter() - started)
        return created

    def stage(self, name, function):
        started = time.perf_counter()
        function()
        elapsed = time.perf_counter() - started
        self.stage_times[name] = elapsed
        self.log(f"{name}: {elapsed:.1f} s")

    def days(self, low, high):
        return timedelta(days=self.rng.randint(low, high))

    def amount(self, low_thousands, high_thousands, currency):
        value = self.rng.randint(low_thousands, high_thousands) * 1000 * CURRENCY_FACTOR[currency]
        return Decimal(round(value, -3)).quantize(Decimal("0.01"))

    def place_for(self, country):
        names = vocab.SLOTS[COUNTRY_LANGUAGE.get(country, "da")]["other_place"]
        return self.rng.choice(names)

    def run(self):
        self.stage("Networks", self.make_networks)
        self.stage("Organisations", self.make_organisations)
        self.stage("People and memberships", self.make_people_and_memberships)
        self.stage("Themes and missions", self.make_themes_and_missions)
        self.stage("Initiatives with partners, funding and phases", self.make_initiatives)
        self.stage("Portfolios", self.make_portfolios)
        self.stage("Learning entries", self.make_learnings)
        self.stage("Value assessments, indicators and measurements", self.make_assessments_and_indicators)
        self.stage("Events and resources", self.make_events)
        return self.stats

    def analyze(self):
        """Fresh planner statistics, so benchmarks right after a load measure real plans."""
        if connection.vendor != "postgresql":
            return
        tables = [
            m._meta.db_table
            for m in (
                Network,
                Organisation,
                Person,
                Membership,
                Theme,
                Mission,
                MissionOrganisation,
                Initiative,
                Initiative.missions.through,
                Initiative.municipalities.through,
                Participation,
                PhaseChange,
                Funding,
                Portfolio,
                Category,
                PortfolioEntry,
                EntryCategory,
                LearningEntry,
                ValueAssessment,
                Indicator,
                Measurement,
                Event,
                ResourceObservation,
            )
        ]
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))

    # --- networks and organisations -------------------------------------------------

    def make_networks(self):
        names = Uniquifier(Network.objects.values_list("name", flat=True))
        slugs = Uniquifier(Network.objects.values_list("slug", flat=True))
        specs = list(vocab.NETWORKS)
        regions = {Country.DENMARK: list(vocab.DANISH_REGIONS), Country.SWEDEN: list(vocab.SWEDISH_REGIONS)}
        while len(specs) < self.o.networks:
            country = Country.DENMARK if len(specs) % 2 == 0 else Country.SWEDEN
            region = regions[country][len(specs) // 2 % len(regions[country])]
            specs.append((vocab.EXTRA_NETWORK_PATTERNS[country].format(region=region), country, ""))
        objects = []
        for name, country, description in specs[: self.o.networks]:
            name = names(name, sep=" ")
            slug = slugs(make_slug(name, swedish=country == Country.SWEDEN))
            objects.append(
                Network(
                    name=name,
                    slug=slug,
                    description=description,
                    country=country,
                    website=f"https://{slug[:40].strip('-')}.example.org",
                )
            )
        for network in self.insert(Network, objects):
            self.networks.append(
                NetworkInfo(network.pk, network.name, network.country, COUNTRY_LANGUAGE[network.country])
            )

    def sector_counts(self, total, available):
        counts = {sector: int(total * share) for sector, share in SECTOR_SHARES}
        order = sorted(SECTOR_SHARES, key=lambda pair: -(total * pair[1] % 1))
        for sector, _ in order[: total - sum(counts.values())]:
            counts[sector] += 1
        # Municipalities and regions are real and few; what does not fit becomes civil
        # society and companies.
        overflow = 0
        for sector in (Sector.MUNICIPALITY, Sector.REGION):
            if counts[sector] > available[sector]:
                overflow += counts[sector] - available[sector]
                counts[sector] = available[sector]
        counts[Sector.CIVIL_SOCIETY] += overflow - overflow // 2
        counts[Sector.COMPANY] += overflow // 2
        return counts

    def make_organisations(self):
        rng = self.rng
        existing = Organisation.objects.all()
        slugs = Uniquifier(existing.values_list("slug", flat=True))
        names = Uniquifier(existing.values_list("name", flat=True))
        identifiers = set(existing.exclude(identifier="").values_list("identifier_scheme", "identifier"))
        used_codes = set(existing.exclude(municipality_code="").values_list("municipality_code", flat=True))
        municipalities = {
            Country.DENMARK: [m for m in vocab.DANISH_MUNICIPALITIES if m[0] not in used_codes],
            Country.SWEDEN: [m for m in vocab.SWEDISH_MUNICIPALITIES if m[0] not in used_codes],
        }
        regions = {
            Country.DENMARK: [r for r in vocab.DANISH_REGIONS if r not in names.taken],
            Country.SWEDEN: [r for r in vocab.SWEDISH_REGIONS if r not in names.taken],
        }
        for pool in (*municipalities.values(), *regions.values()):
            rng.shuffle(pool)
        fixed = {
            country: {
                key: rng.sample(vocab.ORGANISATION_NAMES[country][key], len(vocab.ORGANISATION_NAMES[country][key]))
                for key in ("state_agency", "knowledge_institution", "foundation")
            }
            for country in (Country.DENMARK, Country.SWEDEN)
        }

        foreign = vocab.FOREIGN_ORGANISATIONS[: min(len(vocab.FOREIGN_ORGANISATIONS), self.o.organisations // 50)]
        available = {
            Sector.MUNICIPALITY: sum(len(v) for v in municipalities.values()),
            Sector.REGION: sum(len(v) for v in regions.values()),
        }
        counts = self.sector_counts(self.o.organisations - len(foreign), available)

        plans = []  # (sector, country, name, place, municipality code)
        for sector, count in counts.items():
            for i in range(count):
                if sector == Sector.MUNICIPALITY:
                    country = Country.DENMARK if i % 2 == 0 else Country.SWEDEN
                    if not municipalities[country]:
                        country = Country.SWEDEN if country == Country.DENMARK else Country.DENMARK
                    code, place = municipalities[country].pop()
                    suffix = vocab.ORGANISATION_NAMES[country]["municipality_suffix"]
                    plans.append((sector, country, place + suffix, place, code))
                    continue
                if sector == Sector.REGION:
                    country = Country.DENMARK if i % 2 == 0 else Country.SWEDEN
                    if not regions[country]:
                        country = Country.SWEDEN if country == Country.DENMARK else Country.DENMARK
                    plans.append((sector, country, regions[country].pop(), self.place_for(country), ""))
                    continue
                country = Country.DENMARK if rng.random() < 0.5 else Country.SWEDEN
                place = self.place_for(country)
                plans.append((sector, country, self.organisation_name(sector, country, place, fixed), place, ""))
        for name, country, sector in foreign:
            plans.append((sector, country, name, "", ""))
        rng.shuffle(plans)

        objects, places = [], []
        for sector, country, name, place, code in plans:
            name = names(name, sep=" ")
            slug = slugs(make_slug(name, swedish=country == Country.SWEDEN))
            scheme, identifier = self.identifier(sector, country, identifiers)
            domain = vocab.ORGANISATION_NAMES.get(country, {}).get("domain", "org")
            website = f"https://www.{slug[:40].strip('-')}.{domain}" if rng.random() < 0.6 else ""
            objects.append(
                Organisation(
                    name=name,
                    slug=slug,
                    sector=sector,
                    country=country,
                    identifier_scheme=scheme,
                    identifier=identifier,
                    municipality_code=code,
                    website=website,
                )
            )
            places.append(place)
        for org, place in zip(self.insert(Organisation, objects), places, strict=False):
            info = OrgInfo(org.pk, org.sector, org.country, org.name, place)
            if org.sector == Sector.MUNICIPALITY:
                self.municipalities_by_country.setdefault(org.country, []).append(len(self.orgs))
            self.orgs_by_sector.setdefault(org.sector, []).append(len(self.orgs))
            self.orgs.append(info)

    def organisation_name(self, sector, country, place, fixed):
        rng = self.rng
        words = vocab.ORGANISATION_NAMES[country]
        if sector in (Sector.STATE_AGENCY, Sector.KNOWLEDGE_INSTITUTION, Sector.FOUNDATION):
            if fixed[country][sector]:
                return fixed[country][sector].pop()
            if sector == Sector.STATE_AGENCY:
                agency = rng.choice(words["state_agency"])
                return words["state_agency_local"].format(agency=agency, place=place)
            if sector == Sector.KNOWLEDGE_INSTITUTION:
                return words["knowledge_unit"].format(
                    institution=rng.choice(words["knowledge_institution"]), field=rng.choice(words["fields"])
                )
            return rng.choice(words["foundation_local"]).format(place=place)
        if sector == Sector.COMPANY:
            return (
                rng.choice(words["company_prefix"])
                + rng.choice(words["company_stem"])
                + rng.choice(words["company_form"])
            )
        if sector == Sector.CIVIL_SOCIETY:
            return rng.choice(words["civil_society"]).format(place=place)
        return rng.choice(words["social_enterprise"]).format(word=rng.choice(words["social_words"]), place=place)

    def identifier(self, sector, country, taken):
        """A unique, check-digit-valid CVR or organisationsnummer, or none."""
        rng = self.rng
        if country not in (Country.DENMARK, Country.SWEDEN):
            return "", ""
        if sector != Sector.MUNICIPALITY and rng.random() < 0.07:
            return "", ""
        while True:
            if country == Country.DENMARK:
                scheme = IdentifierScheme.CVR
                digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
                weights = (2, 7, 6, 5, 4, 3, 2)
                check = -sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
                if check == 10:
                    continue
                value = "".join(map(str, digits)) + str(check)
            else:
                scheme = IdentifierScheme.ORGANISATIONSNUMMER
                prefix = ORGNR_PREFIXES[sector]
                body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(9 - len(prefix)))
                total = 0
                for i, ch in enumerate(body):
                    product = int(ch) * (2 if i % 2 == 0 else 1)
                    total += product // 10 + product % 10
                value = f"{body[:6]}-{body[6:]}{-total % 10}"
            if (scheme, value) not in taken:
                taken.add((scheme, value))
                return scheme, value

    # --- people and memberships -----------------------------------------------------

    def make_people_and_memberships(self):
        rng = self.rng
        networks_by_country = {}
        for index, network in enumerate(self.networks):
            networks_by_country.setdefault(network.country, []).append(index)

        org_memberships = []
        org_networks = []
        for org_index, org in enumerate(self.orgs):
            home = networks_by_country.get(org.country, [])
            chosen = []
            if home:
                chosen.append(rng.choice(home))
                if len(home) > 1 and rng.random() < 0.3:
                    chosen.append(rng.choice([n for n in home if n != chosen[0]]))
            others = [n for n in range(len(self.networks)) if n not in home]
            if others and (not home or rng.random() < 0.08):
                chosen.append(rng.choice(others))
            org_networks.append(chosen)
            for network_index in chosen:
                network = self.networks[network_index]
                network.member_orgs.append(org_index)
                network.members_by_sector.setdefault(org.sector, []).append(org_index)
                start = self.base - self.days(30, 2000)
                end = None
                if rng.random() < 0.04:
                    end = min(self.base - timedelta(days=1), start + self.days(30, 700))
                org_memberships.append(
                    Membership(
                        network_id=network.pk,
                        organisation_id=org.pk,
                        role=MembershipRole.COORDINATOR if rng.random() < 0.1 else MembershipRole.MEMBER,
                        start_date=start,
                        end_date=max(end, start) if end else None,
                    )
                )

        emails = set(Person.objects.exclude(work_email="").values_list("work_email", flat=True))
        people = []
        person_orgs = []
        for org_index, org in enumerate(self.orgs):
            names_key = org.country if org.country in vocab.FIRST_NAMES else "XX"
            domain = vocab.ORGANISATION_NAMES.get(org.country, {}).get("domain", "org")
            swedish = org.country == Country.SWEDEN
            host = f"{make_slug(org.name, swedish=swedish)[:30].strip('-')}.{domain}"
            for _ in range(rng.randint(1, max(1, 2 * self.o.people_per_organisation - 1))):
                first = rng.choice(vocab.FIRST_NAMES[names_key])
                last = rng.choice(vocab.LAST_NAMES[names_key])
                local = f"{email_part(first, swedish)}.{email_part(last, swedish)}"
                email, n = f"{local}@{host}", 2
                while email in emails:
                    email, n = f"{local}{n}@{host}", n + 1
                emails.add(email)
                people.append(Person(name=f"{first} {last}", work_email=email, organisation_id=org.pk))
                person_orgs.append(org_index)

        if self.o.users:
            self.attach_users(people)
        people = self.insert(Person, people)

        person_memberships = []
        admins_given = set()
        for person, org_index in zip(people, person_orgs, strict=False):
            for network_index in org_networks[org_index]:
                network = self.networks[network_index]
                network.people.append(person.pk)
                if rng.random() > 0.6:
                    continue
                if network_index not in admins_given:
                    role = MembershipRole.ADMIN
                    admins_given.add(network_index)
                else:
                    role = MembershipRole.COORDINATOR if rng.random() < 0.3 else MembershipRole.MEMBER
                person_memberships.append(
                    Membership(
                        network_id=network.pk,
                        person_id=person.pk,
                        role=role,
                        start_date=self.base - self.days(10, 1500),
                    )
                )
        self.insert(Membership, org_memberships + person_memberships)

    def attach_users(self, people):
        """Logins for people spread evenly over all organisations (so over networks and
        roles too), with unusable passwords: benchmarks log in with force_login, and nobody
        can sign in to a generated account."""
        user_model = get_user_model()
        usernames = Uniquifier(user_model.objects.values_list("username", flat=True))
        chosen = people[:: max(1, len(people) // self.o.users)][: self.o.users]
        users = []
        for i, person in enumerate(chosen):
            first, _, last = person.name.partition(" ")
            users.append(
                user_model(
                    username=usernames(f"scale-user-{i + 1:05d}"),
                    email=person.work_email,
                    first_name=first,
                    last_name=last,
                    password="!",  # Django's marker for an unusable password.
                )
            )
        for person, user in zip(chosen, self.insert(user_model, users, "Users"), strict=False):
            person.user_id = user.pk

    # --- themes and missions --------------------------------------------------------

    def make_themes_and_missions(self):
        rng = self.rng
        theme_slugs = Uniquifier(Theme.objects.values_list("slug", flat=True))
        mission_slugs = Uniquifier(Mission.objects.values_list("slug", flat=True))
        themes, theme_owner = [], []
        for index, network in enumerate(self.networks):
            catalogue = vocab.THEMES[network.lang]
            for name, description, groups in rng.sample(catalogue, min(len(catalogue), rng.randint(4, 6))):
                themes.append(
                    Theme(
                        network_id=network.pk,
                        name=name,
                        slug=theme_slugs(make_slug(name, swedish=network.lang == "sv")),
                        description=description,
                        visibility=rng.choice(["public", "public", "public", "network", "network", "draft"]),
                        language=network.lang,
                    )
                )
                theme_owner.append((index, groups))
        for theme, (index, groups) in zip(self.insert(Theme, themes), theme_owner, strict=False):
            self.networks[index].themes.append((theme.pk, theme.name, groups))

        missions, mission_meta = [], []
        for index, network in enumerate(self.networks):
            catalogue = vocab.MISSIONS[network.lang]
            for title, groups in rng.sample(catalogue, min(len(catalogue), rng.randint(3, 6))):
                matching = [t for t in network.themes if set(t[2]) & set(groups)]
                theme = rng.choice(matching or network.themes)
                start = self.base - self.days(100, 1500)
                end = start + self.days(365, 5 * 365) if rng.random() < 0.8 else None
                ctx = self.text.context(
                    network.lang,
                    rng.choice(self.group_solutions[groups[0]]),
                    groups[0],
                    self.place_for(network.country),
                )
                missions.append(
                    Mission(
                        network_id=network.pk,
                        theme_id=theme[0],
                        title=title,
                        slug=mission_slugs(make_slug(title, swedish=network.lang == "sv")),
                        problem=self.text.paragraph(network.lang, "mission_problem", ctx, 1, 2),
                        goal=self.text.paragraph(network.lang, "mission_goal", ctx, 1, 2),
                        start_date=start,
                        end_date=end,
                        visibility=rng.choice(["public", "public", "network", "network", "draft"]),
                        language=network.lang,
                    )
                )
                mission_meta.append((index, groups))

        joined = []
        for mission, (index, groups) in zip(self.insert(Mission, missions), mission_meta, strict=False):
            network = self.networks[index]
            network.missions.append(MissionInfo(mission.pk, groups, mission.start_date, mission.end_date))
            pool = network.member_orgs
            for org_index in rng.sample(pool, min(len(pool), rng.randint(3, 12))):
                joined.append(
                    MissionOrganisation(
                        mission_id=mission.pk,
                        organisation_id=self.orgs[org_index].pk,
                        joined_on=mission.start_date + self.days(0, 400) if rng.random() < 0.9 else None,
                    )
                )
        self.insert(MissionOrganisation, joined)

    # --- initiatives ----------------------------------------------------------------

    def make_initiatives(self):
        """Three passes, so every reference points at a row that already has a primary key:
        roots (initiatives and free-standing targeted actions), then pilots and targeted
        actions under a root (never under a pilot, since no root is one), then twins that
        replicate an earlier initiative in another municipality."""
        rng = self.rng
        total = self.o.initiatives
        twins = round(total * 0.06) if total >= 10 else 0
        children = round(total * 0.24) if total >= 5 else 0
        roots = total - children - twins
        slugs = Uniquifier(Initiative.objects.values_list("slug", flat=True))
        self.initiatives_done = 0

        def root():
            kind = InitiativeKind.TARGETED_ACTION if rng.random() < 0.08 else InitiativeKind.INITIATIVE
            return kind, None, None

        self.initiative_pass(roots, root, slugs)

        root_infos = list(self.infos)
        roots_by_network = {}
        for info in root_infos:
            roots_by_network.setdefault(info.network, []).append(info)

        def child():
            parent = rng.choice(roots_by_network.get(rng.randrange(len(self.networks))) or root_infos)
            kind = InitiativeKind.PILOT if rng.random() < 0.75 else InitiativeKind.TARGETED_ACTION
            return kind, parent, None

        self.initiative_pass(children, child, slugs)

        def twin():
            return InitiativeKind.INITIATIVE, None, rng.choice(self.infos)

        self.initiative_pass(twins, twin, slugs)

    def initiative_pass(self, count, plan, slugs):
        for start in range(0, count, self.o.chunk_size):
            plans = [plan() for _ in range(min(self.o.chunk_size, count - start))]
            self.make_initiative_chunk(plans, slugs)
            self.initiatives_done += len(plans)
            self.log(f"  initiatives {self.initiatives_done}/{self.o.initiatives}")

    def make_initiative_chunk(self, plans, slugs):
        objects, infos = [], []
        for kind, parent, twin_source in plans:
            obj, info = self.plan_initiative(kind, parent, twin_source, slugs)
            objects.append(obj)
            infos.append(info)
        created = self.insert(Initiative, objects)
        for obj, info in zip(created, infos, strict=False):
            info.pk = obj.pk
            self.networks[info.network].initiatives.append(info)
        self.infos.extend(infos)

        mission_links, municipality_links = [], []
        for obj, info in zip(created, infos, strict=False):
            for mission_pk in obj._scale_missions:
                mission_links.append(Initiative.missions.through(initiative_id=info.pk, mission_id=mission_pk))
            for org_index in info.municipalities:
                municipality_links.append(
                    Initiative.municipalities.through(initiative_id=info.pk, organisation_id=self.orgs[org_index].pk)
                )
        self.insert(Initiative.missions.through, mission_links, "Initiative missions")
        self.insert(Initiative.municipalities.through, municipality_links, "Initiative municipalities")
        self.insert(Participation, [p for info in infos for p in self.participations(info)])
        self.insert(Funding, [f for info in infos for f in self.fundings(info)])
        self.insert(PhaseChange, [c for info in infos for c in self.phase_changes(info)])

    def plan_initiative(self, kind, parent, twin_source, slugs):
        rng = self.rng
        text = self.text
        if parent is not None:
            network_index = parent.network
        elif twin_source is not None and rng.random() < 0.5:
            network_index = twin_source.network
        else:
            network_index = rng.randrange(len(self.networks))
        network = self.networks[network_index]
        country = network.country
        lang = self.language_pick[country].pick(rng)

        missions = []
        if twin_source is not None:
            group, solution = twin_source.group, twin_source.solution
        elif parent is not None and rng.random() < 0.7:
            group = parent.group
            solution = rng.choice(self.group_solutions[group])
        else:
            if network.missions and rng.random() < 0.65:
                mission = rng.choice(network.missions)
                missions.append(mission.pk)
                group = rng.choice(mission.groups)
            else:
                group = rng.choice(list(vocab.GROUPS))
            solution = rng.choice(self.group_solutions[group] or list(vocab.SOLUTIONS))
        for mission in network.missions:
            if mission.pk not in missions and group in mission.groups and rng.random() < 0.2:
                missions.append(mission.pk)
        target_groups = [group]
        for extra in rng.sample(vocab.SOLUTIONS[solution]["groups"], rng.randint(0, 2)):
            if extra not in target_groups:
                target_groups.append(extra)

        candidates = self.municipalities_by_country.get(country, [])
        if twin_source is not None:
            candidates = [m for m in candidates if m not in twin_source.municipalities]
        municipalities = []
        if candidates and rng.random() < 0.92:
            count = 1 if rng.random() < 0.7 else (2 if rng.random() < 0.67 else 3)
            municipalities = rng.sample(candidates, min(count, len(candidates)))
        place = self.orgs[municipalities[0]].place if municipalities else self.place_for(country)

        phase = self.phase_pick.pick(rng)
        if phase == Phase.COMPOSTED:
            age_steps = rng.randint(1, 4)
        else:
            age_steps = PHASE_CHAIN.index(phase)
        start = self.base - timedelta(days=rng.randint(60, 400) + age_steps * rng.randint(120, 300))
        if phase == Phase.COMPOSTED:
            end = max(start, min(self.base - timedelta(days=1), start + self.days(120, 900)))
        elif phase == Phase.OPERATIONS or rng.random() < 0.45:
            end = None
        else:
            end = start + self.days(365, 1460)
        visibility = self.visibility_pick.pick(rng)

        ctx = text.context(lang, solution, group, place)
        if twin_source is not None:
            ctx = {**ctx, "origin_place": twin_source.place}
            title = text.sentence(lang, "twin_title", ctx)
        elif kind == InitiativeKind.PILOT:
            title = text.sentence(lang, "pilot_title", ctx)
        elif kind == InitiativeKind.TARGETED_ACTION:
            title = text.sentence(lang, "action_title", ctx)
        else:
            title = text.sentence(lang, "title", ctx)

        obj = Initiative(
            network_id=network.pk,
            title=title,
            slug=slugs(make_slug(title, swedish=lang == "sv")),
            summary=text.sentence(lang, "summary_lead", ctx) + " " + text.paragraph(lang, "summary", ctx, 1, 3),
            intention=text.paragraph(lang, "intention", ctx, 1, 2),
            societal_goals=text.paragraph(lang, "societal_goals", ctx, 1, 2) if rng.random() < 0.6 else "",
            target_groups=target_groups,
            kind=kind,
            parent_id=parent.pk if parent is not None else None,
            phase=phase,
            start_date=start,
            end_date=end,
            citizen_involvement=rng.choice(CitizenInvolvement.values) if rng.random() < 0.7 else "",
            sdg_targets=sorted(rng.sample(SDG_TARGETS, rng.randint(0, 3)), key=SDG_TARGETS.index),
            twin_of_id=twin_source.pk if twin_source is not None else None,
            visibility=visibility,
            language=lang,
        )
        if rng.random() < 0.45:
            for name in (
                "toc_problem",
                "toc_activities",
                "toc_outputs",
                "toc_outcomes",
                "toc_impact",
                "toc_assumptions",
            ):
                setattr(obj, name, text.paragraph(lang, name, ctx, 1, 2))
        if rng.random() < (0.6 if age_steps >= 3 else 0.25):
            currency = COUNTRY_CURRENCY[country]
            obj.business_case = text.paragraph(lang, "business_case", ctx, 1, 2)
            obj.business_case_investment = self.amount(100, 5000, currency)
            obj.business_case_annual_benefit = self.amount(50, 3000, currency)
            obj.business_case_currency = currency
        if phase == Phase.COMPOSTED:
            obj.composted_reason = text.paragraph(lang, "composted_reason", ctx, 1, 2)
            obj.composted_lessons = text.paragraph(lang, "composted_lessons", ctx, 1, 2)
        obj._scale_missions = missions

        info = InitiativeInfo(
            pk=0,
            network=network_index,
            lang=lang,
            kind=kind,
            phase=phase,
            visibility=visibility,
            start=start,
            end=end,
            solution=solution,
            group=group,
            place=place,
            municipalities=municipalities,
            country=country,
            weight=PHASE_LEARNING_WEIGHT[phase] * (0.3 if visibility == "draft" else 1.0) * rng.uniform(0.2, 2.0),
        )
        return obj, info

    def pick_org(self, network, sectors, used):
        rng = self.rng
        for source in (network.members_by_sector, self.orgs_by_sector):
            pool = [i for sector in sectors for i in source.get(sector, ()) if i not in used]
            if pool:
                return rng.choice(pool)
        pool = [i for i in network.member_orgs if i not in used] or [i for i in range(len(self.orgs)) if i not in used]
        return rng.choice(pool) if pool else None

    def participations(self, info):
        """2-5 partners, one of them the lead, each organisation once (so the unique
        initiative/organisation/role constraint holds by construction)."""
        rng = self.rng
        network = self.networks[info.network]
        used = []
        roles = []
        if info.municipalities and rng.random() < 0.6:
            lead = info.municipalities[0]
        else:
            lead = self.pick_org(network, ROLE_SECTORS[ParticipationRole.LEAD], used)
        if lead is not None:
            used.append(lead)
            roles.append(ParticipationRole.LEAD)
        for org_index in info.municipalities[1:]:
            if org_index not in used:
                used.append(org_index)
                roles.append(ParticipationRole.PARTNER)
        wanted = rng.randint(2, 5)
        while len(used) < wanted:
            role = self.role_pick.pick(rng)
            org_index = self.pick_org(network, ROLE_SECTORS[role], used)
            if org_index is None:
                break
            used.append(org_index)
            roles.append(role)
        rows = []
        for org_index, role in zip(used, roles, strict=False):
            start = info.start + self.days(0, 120)
            end = info.end if info.end and info.end >= start else None
            rows.append(
                Participation(
                    initiative_id=info.pk,
                    organisation_id=self.orgs[org_index].pk,
                    role=role,
                    start_date=start,
                    end_date=end,
                )
            )
        return rows

    def funder(self, country, sectors, kind):
        """An organisation that funds (pk, '') or a named funder outside the portal (None, name)."""
        rng = self.rng
        pool = [i for sector in sectors for i in self.orgs_by_sector.get(sector, ()) if self.orgs[i].country == country]
        names = vocab.FUNDER_NAMES.get(country, vocab.FUNDER_NAMES[Country.DENMARK]).get(kind, [])
        if pool and (not names or rng.random() < 0.5):
            return self.orgs[rng.choice(pool)].pk, ""
        return None, rng.choice(names) if names else ""

    def fundings(self, info):
        rng = self.rng
        country = info.country
        currency = COUNTRY_CURRENCY[country]
        rows = []
        phase_step = PHASE_CHAIN.index(info.phase) if info.phase in PHASE_CHAIN else 2

        def grant(kind, start, end, low, high, funder_sectors, grant_currency=currency, funder_id=None):
            funder_name = ""
            if funder_id is None:
                funder_id, funder_name = self.funder(country, funder_sectors, kind)
            rows.append(
                Funding(
                    initiative_id=info.pk,
                    funder_id=funder_id,
                    funder_name=funder_name,
                    amount=self.amount(low, high, grant_currency),
                    currency=grant_currency,
                    kind=kind,
                    start_date=start,
                    end_date=end,
                )
            )

        pool_sectors = [Sector.FOUNDATION, Sector.STATE_AGENCY]
        at_cliff = info.phase in (Phase.PROTOTYPING, Phase.MATURATION, Phase.SCALING) and rng.random() < 0.3
        if at_cliff:
            # A pool grant running out around the base date with nothing after it. The ends
            # are spread over two years so "ending soon" finds work whenever the data is used.
            end = self.base + self.days(-60, 730)
            grant(FundingKind.TEMPORARY_POOL, min(info.start, end - timedelta(days=365)), end, 300, 5000, pool_sectors)
        else:
            pool_end = info.start
            for _ in range(rng.randint(0 if phase_step <= 1 else 1, 2)):
                start = pool_end
                pool_end = start + self.days(365, 3 * 365)
                grant(FundingKind.TEMPORARY_POOL, start, pool_end, 200, 4000, pool_sectors)
            operating = {Phase.OPERATIONS: 0.9, Phase.SCALING: 0.5, Phase.MATURATION: 0.15}.get(info.phase, 0)
            if rng.random() < operating:
                # Operations are paid by the municipality the initiative runs in.
                home = self.orgs[info.municipalities[0]].pk if info.municipalities else None
                grant(
                    FundingKind.OPERATING_BUDGET,
                    pool_end,
                    None,
                    300,
                    3000,
                    [Sector.MUNICIPALITY, Sector.REGION],
                    funder_id=home,
                )
        if rng.random() < 0.08:
            grant(FundingKind.EU, info.start, info.start + self.days(365, 3 * 365), 500, 8000, [], "EUR")
        if rng.random() < 0.1:
            grant(FundingKind.PRIVATE, info.start, None, 20, 400, [Sector.COMPANY, Sector.FOUNDATION])
        if rng.random() < 0.15:
            grant(FundingKind.IN_KIND, info.start, info.end, 10, 200, [Sector.CIVIL_SOCIETY, Sector.COMPANY])
        return rows

    def phase_changes(self, info):
        rng = self.rng
        if info.phase == Phase.COMPOSTED:
            reached = rng.randint(0, 4)
            path = PHASE_CHAIN[: reached + 1] + [Phase.COMPOSTED]
        else:
            path = PHASE_CHAIN[: PHASE_CHAIN.index(info.phase) + 1]
        steps = len(path) - 1
        if not steps:
            return []
        last = min(info.end or self.base, self.base)
        span = max(steps, (last - info.start).days)
        offsets = sorted(rng.sample(range(1, span + 1), steps))
        people = self.networks[info.network].people
        ctx = self.text.context(info.lang, info.solution, info.group, info.place)
        return [
            PhaseChange(
                initiative_id=info.pk,
                from_phase=path[i],
                to_phase=path[i + 1],
                date=info.start + timedelta(days=offsets[i]),
                rationale=self.text.sentence(info.lang, "phase_rationale", ctx),
                changed_by_id=rng.choice(people) if people and rng.random() < 0.7 else None,
            )
            for i in range(steps)
        ]

    # --- portfolios -----------------------------------------------------------------

    def make_portfolios(self):
        rng = self.rng
        slugs = Uniquifier(Portfolio.objects.values_list("slug", flat=True))
        portfolios, owners = [], []
        for index, network in enumerate(self.networks):
            for _ in range(rng.randint(1, 3)):
                lang = network.lang
                theme_name = rng.choice(network.themes)[1] if network.themes else network.name
                ctx = {
                    "theme": theme_name.lower() if lang in ("da", "sv") else theme_name,
                    "network": network.name,
                    "year": str(self.base.year),
                }
                title = self.text.sentence(lang, "portfolio_title", ctx)
                portfolios.append(
                    Portfolio(
                        network_id=network.pk,
                        title=title,
                        slug=slugs(make_slug(title, swedish=lang == "sv")),
                        intention=self.text.paragraph(lang, "portfolio_intention", ctx, 1, 2),
                        societal_goals=self.text.sentence(lang, "societal_goals", self.random_context(lang, network)),
                        context_analysis=self.text.paragraph(lang, "portfolio_context", ctx, 1, 2),
                        visibility=rng.choice(["network", "network", "network", "public", "public", "draft"]),
                        language=lang,
                    )
                )
                owners.append(index)
        portfolios = self.insert(Portfolio, portfolios)

        categories = []
        for portfolio in portfolios:
            names = vocab.PORTFOLIO_CATEGORY_NAMES[portfolio.language]
            for position, (code, _) in enumerate(DEFAULT_CATEGORIES):
                categories.append(Category(portfolio_id=portfolio.pk, code=code, name=names[code], position=position))
        categories = self.insert(Category, categories)
        categories_by_portfolio = {}
        for category in categories:
            categories_by_portfolio.setdefault(category.portfolio_id, []).append(category.pk)

        relations = [(Relation.SOME, 50), (Relation.STRONG, 35), (Relation.NONE, 15)]
        relation_pick = Weighted(relations)
        for portfolio, index in zip(portfolios, owners, strict=False):
            candidates = self.networks[index].initiatives
            chosen = rng.sample(candidates, round(len(candidates) * rng.uniform(0.25, 0.5)))
            entries = []
            for info in chosen:
                horizon = HORIZON_BY_PHASE[info.phase]
                if rng.random() < 0.15:
                    horizon = rng.choice(Horizon.values)
                ctx = self.text.context(portfolio.language, info.solution, info.group, info.place)
                entries.append(
                    PortfolioEntry(
                        portfolio_id=portfolio.pk,
                        initiative_id=info.pk,
                        horizon=horizon,
                        layer=rng.choice(Layer.values) if rng.random() < 0.8 else "",
                        rationale=self.text.sentence(portfolio.language, "entry_rationale", ctx)
                        if rng.random() < 0.4
                        else "",
                    )
                )
            entry_categories = []
            for entry in self.insert(PortfolioEntry, entries):
                pool = categories_by_portfolio[portfolio.pk]
                for category_pk in rng.sample(pool, rng.randint(1, 3)):
                    entry_categories.append(
                        EntryCategory(entry_id=entry.pk, category_id=category_pk, relation=relation_pick.pick(rng))
                    )
            self.insert(EntryCategory, entry_categories, "Category relations")

    def random_context(self, lang, network):
        group = self.rng.choice(list(vocab.GROUPS))
        return self.text.context(
            lang, self.rng.choice(self.group_solutions[group]), group, self.place_for(network.country)
        )

    # --- learning -------------------------------------------------------------------

    def make_learnings(self):
        rng = self.rng
        total = self.o.learnings
        if not total or not self.infos:
            return
        cum_weights = []
        running = 0.0
        for info in self.infos:
            running += info.weight
            cum_weights.append(running)
        categories = list(BarrierCategory.values)
        domains = list(ValueDomain.values)
        pools = self.text.pools
        chunk = max(self.o.chunk_size, 5000)
        for start in range(0, total, chunk):
            size = min(chunk, total - start)
            picks = rng.choices(self.infos, cum_weights=cum_weights, k=size)
            entries = []
            for info in picks:
                kind = self.learning_kind_pick.pick(rng)
                if kind in (LearningKind.BARRIER, LearningKind.ENABLER, LearningKind.FAILURE):
                    chosen = rng.sample(categories, rng.randint(1, 2))
                else:
                    chosen = rng.sample(categories, 1) if rng.random() < 0.3 else []
                lang = info.lang
                if rng.random() < 0.12:
                    lang = "en" if info.lang != "en" else COUNTRY_LANGUAGE[info.country]
                category = chosen[0] if chosen else rng.choice(categories)
                words = pools[lang]
                ctx = {
                    **self.text.context(lang, info.solution, info.group, info.place),
                    "barrier": words[f"barrier_{category}"],
                    "enabler": words[f"enabler_{category}"],
                    "cat_title": words[f"cat_title_{category}"],
                }
                learned = []
                if kind in (LearningKind.BARRIER, LearningKind.FAILURE):
                    learned.append(self.text.sentence(lang, "learned_barrier", ctx))
                elif kind in (LearningKind.ENABLER, LearningKind.SUCCESS):
                    learned.append(self.text.sentence(lang, "learned_enabler", ctx))
                learned.append(self.text.paragraph(lang, "learning_learned", ctx, 1, 2))
                if info.visibility == "draft":
                    visibility = "draft"
                elif info.visibility == "network":
                    visibility = "draft" if rng.random() < 0.15 else "network"
                else:
                    roll = rng.random()
                    visibility = "draft" if roll < 0.1 else ("network" if roll < 0.45 else "public")
                people = self.networks[info.network].people
                entries.append(
                    LearningEntry(
                        initiative_id=info.pk,
                        title=self.text.sentence(lang, f"learning_title_{kind}", ctx),
                        what_we_did=self.text.paragraph(lang, "learning_did", ctx, 1, 2) if rng.random() < 0.85 else "",
                        what_we_learned=" ".join(learned),
                        where_we_are_heading=self.text.paragraph(lang, "learning_heading", ctx, 1, 2)
                        if rng.random() < 0.8
                        else "",
                        kind=kind,
                        categories=chosen,
                        value_domains=rng.sample(domains, rng.choice((0, 1, 1, 1, 2))),
                        evidence_level=self.evidence_pick.pick(rng),
                        author_id=rng.choice(people) if people and rng.random() < 0.85 else None,
                        visibility=visibility,
                        language=lang,
                    )
                )
            self.insert(LearningEntry, entries)
            self.log(f"  learning entries {start + size}/{total}")

    # --- value assessments, indicators, measurements ---------------------------------

    def half_years(self, start):
        """Starts of the half-year periods from the one holding start up to the base date."""
        period = date(start.year, 1 if start.month <= 6 else 7, 1)
        periods = []
        while period < self.base:
            periods.append(period)
            period = date(period.year, 7, 1) if period.month == 1 else date(period.year + 1, 1, 1)
        return periods

    def make_assessments_and_indicators(self):
        rng = self.rng
        assessed_phases = {Phase.PROTOTYPING, Phase.MATURATION, Phase.SCALING, Phase.OPERATIONS, Phase.COMPOSTED}
        domains = list(ValueDomain.values)
        for start in range(0, len(self.infos), self.o.chunk_size):
            assessments, indicators, indicator_meta = [], [], []
            for info in self.infos[start : start + self.o.chunk_size]:
                if info.phase not in assessed_phases:
                    continue
                people = self.networks[info.network].people
                ctx = self.text.context(info.lang, info.solution, info.group, info.place)
                step = PHASE_CHAIN.index(info.phase) if info.phase in PHASE_CHAIN else 2
                if rng.random() < 0.6:
                    periods = self.half_years(info.start)[-rng.randint(1, 3) :]
                    for period_start in periods:
                        year = period_start.year
                        period_end = date(year, 6, 30) if period_start.month == 1 else date(year, 12, 31)
                        roles = [AssessorRole.COORDINATOR]
                        if rng.random() < 0.35:
                            roles.append(AssessorRole.RESEARCHER)
                        for domain in rng.sample(domains, rng.randint(1, 4)):
                            for role in roles:
                                assessments.append(
                                    ValueAssessment(
                                        initiative_id=info.pk,
                                        domain=domain,
                                        score=max(1, min(5, step - 1 + rng.randint(-1, 2))),
                                        narrative=self.text.sentence(info.lang, f"assessment_{domain}", ctx),
                                        period_start=period_start,
                                        period_end=period_end,
                                        assessed_by_id=rng.choice(people) if people and rng.random() < 0.8 else None,
                                        assessor_role=role,
                                    )
                                )
                if rng.random() < 0.4:
                    catalogue = vocab.INDICATORS[info.lang]
                    for name, unit, (low, high), rising in rng.sample(catalogue, rng.randint(1, 3)):
                        baseline = Decimal(rng.randint(low * 10, high * 10)) / 10
                        factor = Decimal(str(round(rng.uniform(1.2, 1.8) if rising else rng.uniform(0.4, 0.8), 2)))
                        indicators.append(
                            Indicator(
                                initiative_id=info.pk,
                                name=name,
                                description=self.text.sentence(info.lang, "toc_outcomes", ctx),
                                unit=unit,
                                value_domain=rng.choice(domains) if rng.random() < 0.7 else "",
                                baseline=baseline,
                                target=(baseline * factor).quantize(Decimal("0.001")),
                            )
                        )
                        indicator_meta.append(info)
            self.insert(ValueAssessment, assessments)
            measurements = []
            for indicator, info in zip(self.insert(Indicator, indicators), indicator_meta, strict=False):
                first = info.start + self.days(20, 90)
                last = min(info.end or self.base, self.base)
                value = indicator.baseline
                step = (indicator.target - indicator.baseline) / 8
                for i in range(rng.randint(2, 8)):
                    when = first + timedelta(days=91 * i)
                    if when > last and i > 0:
                        break
                    noise = Decimal(str(round(rng.uniform(-0.5, 0.5), 3))) * abs(step)
                    measurements.append(
                        Measurement(
                            indicator_id=indicator.pk,
                            date=when,
                            value=(value + noise).quantize(Decimal("0.001")),
                            note="",
                        )
                    )
                    value += step
            self.insert(Measurement, measurements)

    # --- events ---------------------------------------------------------------------

    def make_events(self):
        rng = self.rng
        capitals = list(Capital.values)
        states = list(ResourceState.values)

        def event(network, lang, ctx, when, initiative_pk=None, mission_pk=None, visibility=None):
            return Event(
                network_id=network.pk,
                initiative_id=initiative_pk,
                mission_id=mission_pk,
                date=when,
                title=self.text.sentence(lang, "event_title", ctx),
                narrative=self.text.paragraph(lang, "event_narrative", ctx, 2, 4),
                participants=self.text.sentence(lang, "event_participants", ctx) if rng.random() < 0.7 else "",
                visibility=visibility or self.visibility_pick.pick(rng),
                language=lang,
            )

        def resources(events):
            rows = []
            for ev in self.insert(Event, events):
                ctx = self.text.context(ev.language, ev._scale_solution, ev._scale_group, ev._scale_place)
                for _ in range(rng.randint(1, 4)):
                    capital, state = rng.choice(capitals), rng.choice(states)
                    rows.append(
                        ResourceObservation(
                            event_id=ev.pk,
                            capital=capital,
                            state=state,
                            description=self.text.sentence(ev.language, f"resource_{capital}_{state}", ctx),
                        )
                    )
            self.insert(ResourceObservation, rows)

        events = []
        for network in self.networks:
            for mission in network.missions:
                for _ in range(rng.randint(1, 4)):
                    group = rng.choice(mission.groups)
                    solution = rng.choice(self.group_solutions[group])
                    place = self.place_for(network.country)
                    ctx = self.text.context(network.lang, solution, group, place)
                    last = min(mission.end or self.base, self.base)
                    when = mission.start + timedelta(days=rng.randint(0, max(0, (last - mission.start).days)))
                    ev = event(network, network.lang, ctx, when, mission_pk=mission.pk)
                    ev._scale_solution, ev._scale_group, ev._scale_place = solution, group, place
                    events.append(ev)
        resources(events)

        for start in range(0, len(self.infos), self.o.chunk_size):
            events = []
            for info in self.infos[start : start + self.o.chunk_size]:
                if rng.random() >= 0.35:
                    continue
                network = self.networks[info.network]
                ctx = self.text.context(info.lang, info.solution, info.group, info.place)
                last = min(info.end or self.base, self.base)
                for _ in range(rng.randint(1, 2)):
                    when = info.start + timedelta(days=rng.randint(0, max(0, (last - info.start).days)))
                    visibility = "draft" if info.visibility == "draft" else None
                    ev = event(network, info.lang, ctx, when, initiative_pk=info.pk, visibility=visibility)
                    ev._scale_solution, ev._scale_group, ev._scale_place = info.solution, info.group, info.place
                    events.append(ev)
            resources(events)
