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

from initiatives.models import Funding, Initiative, Mission, MissionOrganisation, Participation, PhaseChange, Theme
from partners.choices import Sector
from partners.models import Membership, Network, Organisation, Person
from portfolios.choices import DEFAULT_CATEGORIES
from portfolios.models import Category, EntryCategory, Note, Portfolio, PortfolioEntry

from . import seed_data

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

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
    if with_users:
        loader.load_users()
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
            self.report.logins.append(DemoLogin(data["username"], data["description"], password))
