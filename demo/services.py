"""Loads the demo data in demo.seed_data.

Every record is found by its natural key (a slug, a name, the pair a unique constraint
names) and created, updated or left alone, so a second run changes nothing: a row whose
values already match is not saved again and keeps its `updated` time. Everything is
validated with full_clean() before it is saved, and the whole load is one transaction."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from evaluation.models import Event, Follow, Indicator, LearningEntry, Measurement, ResourceObservation, ValueAssessment
from initiatives.models import Funding, Initiative, Mission, MissionOrganisation, Participation, PhaseChange, Theme
from partners.choices import Sector
from partners.models import Membership, Network, Organisation, Person
from portfolios import services as portfolio_services
from portfolios.choices import DEFAULT_CATEGORIES, ReviewStatus
from portfolios.models import Category, EntryCategory, Note, Portfolio, PortfolioEntry, PortfolioReview

from . import seed_data, seed_learning

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
PUBLIC = "public"

# Initiative fields the seed data may give; a field it leaves out gets the model's empty
# value, so the seed fully describes the demo initiatives.
INITIATIVE_FIELDS = {
    "title": "",
    "language": "",
    "visibility": "",
    "kind": "",
    "phase": "",
    "summary": "",
    "intention": "",
    "societal_goals": "",
    "target_groups": [],
    "start_date": None,
    "end_date": None,
    "citizen_involvement": "",
    "toc_problem": "",
    "toc_activities": "",
    "toc_outputs": "",
    "toc_outcomes": "",
    "toc_impact": "",
    "toc_assumptions": "",
    "sdg_targets": [],
    "composted_reason": "",
    "composted_lessons": "",
}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    description: str
    # None when the user already existed with another password, which the load keeps.
    password: str | None


@dataclass
class LoadReport:
    """What a load did, per model label (and per many-to-many field)."""

    outcomes: dict = field(default_factory=dict)
    users_loaded: bool = False
    logins: list = field(default_factory=list)

    def record(self, label, outcome):
        self.outcomes.setdefault(label, Counter())[outcome] += 1

    def count(self, label, outcome):
        return self.outcomes.get(label, Counter())[outcome]

    @property
    def changed_anything(self):
        return any(counter[CREATED] or counter[UPDATED] for counter in self.outcomes.values())


@transaction.atomic
def load_demo(*, with_users: bool) -> LoadReport:
    """Create or update the demo networks and their work; with_users also the demo logins
    (only ever on a developer's machine: their password is published)."""
    loader = _Loader()
    loader.load_partners()
    loader.load_themes_and_missions()
    loader.load_initiatives()
    loader.load_portfolios()
    loader.load_learning()
    if with_users:
        loader.load_users()
        loader.load_review()
    return loader.report


class _Loader:
    def __init__(self):
        self.report = LoadReport()
        self.networks = {}
        self.organisations = {}
        self.people = {}
        self.themes = {}
        self.missions = {}
        self.initiatives = {}
        self.portfolios = {}

    # -- generic -------------------------------------------------------------------------

    def upsert(self, model, lookup, values):
        """The row matching lookup, created or brought to values, and saved only if new or
        changed."""
        obj = model._default_manager.filter(**lookup).order_by("pk").first()
        if obj is None:
            obj = model(**lookup, **values)
            outcome = CREATED
        else:
            changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
            if not changed:
                self.report.record(model._meta.label, UNCHANGED)
                return obj
            for name, value in changed.items():
                setattr(obj, name, value)
            outcome = UPDATED
        obj.full_clean()
        obj.save()
        self.report.record(model._meta.label, outcome)
        return obj

    def sync_many(self, obj, field_name, targets):
        """Make a many-to-many field hold exactly targets, touching it only if it differs."""
        manager = getattr(obj, field_name)
        label = f"{obj._meta.label}.{field_name}"
        current = set(manager.values_list("pk", flat=True))
        if current == {target.pk for target in targets}:
            self.report.record(label, UNCHANGED)
            return
        manager.set(targets)
        self.report.record(label, UPDATED if current else CREATED)

    # -- partners --------------------------------------------------------------------------

    def load_partners(self):
        for data in seed_data.NETWORKS:
            self.networks[data["slug"]] = self.upsert(
                Network,
                {"slug": data["slug"]},
                {
                    "name": data["name"],
                    "country": data["country"],
                    "description": data["description"],
                    "website": data.get("website", ""),
                },
            )
        for data in seed_data.ORGANISATIONS:
            self.organisations[data["slug"]] = self.upsert(
                Organisation,
                {"slug": data["slug"]},
                {
                    "name": data["name"],
                    "sector": data["sector"],
                    "country": data["country"],
                    "municipality_code": data.get("municipality_code", ""),
                    "website": data.get("website", ""),
                },
            )
        for data in seed_data.PEOPLE:
            if data["name"] in self.people:
                raise ImproperlyConfigured(f"Two demo people are called {data['name']}.")
            self.people[data["name"]] = self.upsert(
                Person, {"name": data["name"], "organisation": self._organisation(data["organisation"])}, {}
            )
        for data in seed_data.MEMBERSHIPS:
            lookup = {"network": self.networks[data["network"]]}
            if "person" in data:
                lookup["person"] = self.people[data["person"]]
            else:
                lookup["organisation"] = self.organisations[data["organisation"]]
            self.upsert(
                Membership,
                lookup,
                {"role": data["role"], "start_date": data.get("start_date"), "end_date": data.get("end_date")},
            )

    def _organisation(self, slug):
        return self.organisations[slug] if slug else None

    # -- themes, missions, initiatives -------------------------------------------------

    def load_themes_and_missions(self):
        for data in seed_data.THEMES:
            self.themes[data["slug"]] = self.upsert(
                Theme,
                {"slug": data["slug"]},
                {
                    "network": self.networks[data["network"]],
                    "name": data["name"],
                    "language": data["language"],
                    "visibility": data["visibility"],
                    "description": data["description"],
                },
            )
        for data in seed_data.MISSIONS:
            mission = self.upsert(
                Mission,
                {"slug": data["slug"]},
                {
                    "network": self.networks[data["network"]],
                    "theme": self.themes[data["theme"]] if data.get("theme") else None,
                    "title": data["title"],
                    "language": data["language"],
                    "visibility": data["visibility"],
                    "problem": data.get("problem", ""),
                    "goal": data.get("goal", ""),
                    "start_date": data.get("start_date"),
                    "end_date": data.get("end_date"),
                },
            )
            self.missions[data["slug"]] = mission
            for slug in data.get("organisations", []):
                self.upsert(MissionOrganisation, {"mission": mission, "organisation": self.organisations[slug]}, {})

    def load_initiatives(self):
        for data in seed_data.INITIATIVES:
            values = {name: data.get(name, empty) for name, empty in INITIATIVE_FIELDS.items()}
            values["network"] = self.networks[data["network"]]
            values["parent"] = self.initiatives[data["parent"]] if data.get("parent") else None
            initiative = self.upsert(Initiative, {"slug": data["slug"]}, values)
            self.initiatives[data["slug"]] = initiative

            municipalities = [self.organisations[slug] for slug in data.get("municipalities", [])]
            not_municipalities = [o.name for o in municipalities if o.sector != Sector.MUNICIPALITY]
            if not_municipalities:
                # The form's limit_choices_to is not checked by full_clean().
                raise ImproperlyConfigured(f"{initiative}: not municipalities: {', '.join(not_municipalities)}")
            self.sync_many(initiative, "municipalities", municipalities)
            self.sync_many(initiative, "missions", [self.missions[slug] for slug in data.get("missions", [])])

            for slug, role in data.get("participations", []):
                self.upsert(
                    Participation,
                    {"initiative": initiative, "organisation": self.organisations[slug], "role": role},
                    {},
                )
            for funding in data.get("fundings", []):
                self.upsert(
                    Funding,
                    {
                        "initiative": initiative,
                        "funder": self._organisation(funding["funder"]),
                        "funder_name": funding["funder_name"],
                        "kind": funding["kind"],
                        "start_date": funding["start_date"],
                    },
                    {"amount": funding["amount"], "currency": funding["currency"], "end_date": funding["end_date"]},
                )
            for change in data.get("phase_changes", []):
                self.upsert(
                    PhaseChange,
                    {
                        "initiative": initiative,
                        "from_phase": change["from_phase"],
                        "to_phase": change["to_phase"],
                        "date": change["date"],
                    },
                    {"rationale": change["rationale"], "changed_by": None},
                )

    # -- portfolios ----------------------------------------------------------------------

    def load_portfolios(self):
        for data in seed_data.PORTFOLIOS:
            portfolio = self.upsert(
                Portfolio,
                {"slug": data["slug"]},
                {
                    "network": self.networks[data["network"]],
                    "title": data["title"],
                    "language": data["language"],
                    "visibility": data["visibility"],
                    "intention": data["intention"],
                    "societal_goals": data["societal_goals"],
                    "context_analysis": data["context_analysis"],
                },
            )
            self.portfolios[data["slug"]] = portfolio
            categories = {}
            for position, (code, default_name) in enumerate(DEFAULT_CATEGORIES):
                categories[code] = self.upsert(
                    Category,
                    {"portfolio": portfolio, "code": code},
                    {"name": data["category_names"].get(code, default_name), "position": position},
                )
            for entry_data in data["entries"]:
                entry = self.upsert(
                    PortfolioEntry,
                    {"portfolio": portfolio, "initiative": self.initiatives[entry_data["initiative"]]},
                    {
                        "horizon": entry_data["horizon"],
                        "layer": entry_data["layer"],
                        "rationale": entry_data["rationale"],
                    },
                )
                for code, relation in entry_data["categories"].items():
                    self.upsert(EntryCategory, {"entry": entry, "category": categories[code]}, {"relation": relation})
            for note_data in data["notes"]:
                note = self.upsert(
                    Note,
                    {"portfolio": portfolio, "kind": note_data["kind"], "title": note_data["title"]},
                    {
                        "text": note_data["text"],
                        "author": self.people[note_data["author"]] if note_data.get("author") else None,
                        "became": self.initiatives[note_data["became"]] if note_data.get("became") else None,
                        "review": None,
                    },
                )
                self.sync_many(
                    note, "initiatives", [self.initiatives[slug] for slug in note_data.get("initiatives", [])]
                )

    # -- shared learning (demo.seed_learning) ------------------------------------------

    def load_learning(self):
        for data in seed_learning.LEARNING_ENTRIES:
            initiative = self.initiatives[data["initiative"]]
            self.upsert(
                LearningEntry,
                {"initiative": initiative, "title": data["title"]},
                {
                    "what_we_did": data.get("what_we_did", ""),
                    "what_we_learned": data["what_we_learned"],
                    "where_we_are_heading": data.get("where_we_are_heading", ""),
                    "kind": data["kind"],
                    "categories": list(data.get("categories", [])),
                    "value_domains": list(data.get("value_domains", [])),
                    "evidence_level": data["evidence_level"],
                    "author": self.people[data["author"]] if data.get("author") else None,
                    "language": initiative.language,
                    "visibility": data.get("visibility", initiative.visibility),
                },
            )
        for data in seed_learning.VALUE_ASSESSMENTS:
            start, end = data["period"]
            self.upsert(
                ValueAssessment,
                {
                    "initiative": self.initiatives[data["initiative"]],
                    "domain": data["domain"],
                    "period_start": start,
                    "assessor_role": data.get("assessor_role", "coordinator"),
                },
                {"score": data["score"], "narrative": data["narrative"], "period_end": end, "assessed_by": None},
            )
        for data in seed_learning.INDICATORS:
            indicator = self.upsert(
                Indicator,
                {"initiative": self.initiatives[data["initiative"]], "name": data["name"]},
                {
                    "description": data["description"],
                    "unit": data["unit"],
                    "value_domain": data["value_domain"],
                    "baseline": data["baseline"],
                    "target": data["target"],
                },
            )
            for date, value, note in data["measurements"]:
                self.upsert(Measurement, {"indicator": indicator, "date": date}, {"value": value, "note": note})
        events = {}
        for data in seed_learning.EVENTS:
            network = self.networks[data["network"]]
            initiative = self.initiatives[data["initiative"]] if data.get("initiative") else None
            event = self.upsert(
                Event,
                {"network": network, "title": data["title"]},
                {
                    "initiative": initiative,
                    "mission": None,
                    "date": data["date"],
                    "narrative": data["narrative"],
                    "participants": data.get("participants", ""),
                    "language": initiative.language if initiative else data["language"],
                    "visibility": data.get("visibility", initiative.visibility if initiative else PUBLIC),
                },
            )
            events[(data["network"], data["title"])] = event
            for capital, state, description in data["resources"]:
                self.upsert(
                    ResourceObservation,
                    {"event": event, "capital": capital, "state": state, "description": description},
                    {},
                )
            self.sync_many(
                event, "grew_out_of", [events[(data["network"], title)] for title in data.get("grew_out_of", [])]
            )

    def load_review(self):
        """The Core Team's portfolio exercise, opened, assessed and closed through the
        portfolio services as its network administrator, once: a closed review cannot
        change, so a later run leaves it alone."""
        data = seed_learning.REVIEW
        portfolio = self.portfolios[data["portfolio"]]
        label = PortfolioReview._meta.label
        if PortfolioReview.objects.filter(portfolio=portfolio, title=data["title"]).exists():
            self.report.record(label, UNCHANGED)
            return
        if portfolio.reviews.filter(status=ReviewStatus.OPEN).exists():
            # Someone opened a review of their own on this database: do not close it for them.
            self.report.record(label, UNCHANGED)
            return
        user = get_user_model()._default_manager.get(username=data["closed_by"])
        review = portfolio_services.open_review(portfolio, data["title"], user, opened_on=data["opened_on"])
        for decision in data["decisions"]:
            twin_in = decision.get("twin_municipality")
            portfolio_services.assess(
                review,
                self.initiatives[decision["initiative"]],
                user=user,
                horizon=decision["horizon"],
                decision=decision["decision"],
                rationale=decision["rationale"],
                progress=decision.get("progress", ""),
                twin_municipality=self.organisations[twin_in] if twin_in else None,
            )
        portfolio_services.close_review(review, user, today=data["opened_on"])
        self.report.record(label, CREATED)

    # -- demo logins -----------------------------------------------------------------------

    def load_users(self):
        user_model = get_user_model()
        self.report.users_loaded = True
        for data in seed_data.DEMO_USERS:
            user = user_model._default_manager.filter(username=data["username"]).first()
            flags = {"is_staff": data["is_staff"], "is_superuser": data["is_superuser"], "is_active": True}
            if user is None:
                user = user_model(username=data["username"], **flags)
                user.set_password(seed_data.DEMO_PASSWORD)
                user.full_clean()
                user.save()
                self.report.record(user_model._meta.label, CREATED)
                password = seed_data.DEMO_PASSWORD
            else:
                # A password changed since the first load is the developer's: keep it.
                password = seed_data.DEMO_PASSWORD if user.check_password(seed_data.DEMO_PASSWORD) else None
                changed = {name: value for name, value in flags.items() if getattr(user, name) != value}
                if changed:
                    for name, value in changed.items():
                        setattr(user, name, value)
                    user.full_clean()
                    user.save()
                self.report.record(user_model._meta.label, UPDATED if changed else UNCHANGED)
            # No model permissions: the admin is the superuser's, and a reload takes away
            # those an earlier version of the demo gave.
            self.sync_many(user, "user_permissions", [])

            if data["person"]:
                organisation = self._organisation(data["person"]["organisation"])
                person = self.upsert(
                    Person, {"name": data["person"]["name"], "organisation": organisation}, {"user": user}
                )
                for network_slug, role in data["memberships"]:
                    self.upsert(
                        Membership,
                        {"network": self.networks[network_slug], "person": person},
                        {"role": role, "start_date": None, "end_date": None},
                    )
            for kind, slug in data.get("follows", []):
                target = self.initiatives[slug] if kind == "initiative" else self.missions[slug]
                self.upsert(Follow, {"user": user, kind: target}, {})
            self.report.logins.append(DemoLogin(data["username"], data["description"], password))
