"""`manage.py load_demo`: the seeds' networks and work, in their own languages, loaded
once however often the command runs, with demo logins only under DEBUG."""

import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from core.choices import Visibility
from demo import seed_data
from initiatives.choices import FundingKind, InitiativeKind, ParticipationRole, Phase
from initiatives.models import Funding, Initiative, Mission, PhaseChange, Theme
from partners.choices import MembershipRole, Sector
from partners.models import Membership, Network, Organisation, Person
from portfolios.choices import DEFAULT_CATEGORIES, NoteKind
from portfolios.models import Note, Portfolio, PortfolioEntry

pytestmark = pytest.mark.django_db

DATA_APPS = ("core", "partners", "initiatives", "portfolios", "evaluation")

SAMHALLSKONTRAKTET_INITIATIVES = {
    "Måltider och möten för seniorer": "eskilstuna-kommun",
    "Framtidens äldreboende": "vasteras-stad",
    "Mobil trygghetslösning för seniorer": "vasteras-stad",
    "Stärka äldres självständighet genom nya servicetjänster": "eskilstuna-kommun",
    "Samverkansmodell med civilsamhället": "eskilstuna-kommun",
}


def load_demo(*args):
    out = io.StringIO()
    # The assertions read the command's English output.
    with translation.override("en"):
        call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def database_snapshot():
    """Every row of every data model (many-to-many tables included), with its `updated`
    time where it has one."""
    rows = {}
    for app_label in DATA_APPS:
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            fields = ["pk", "updated"] if any(f.name == "updated" for f in model._meta.fields) else ["pk"]
            rows[model._meta.label] = sorted(model._base_manager.values_list(*fields))
    return rows


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


@pytest.fixture
def debug_off(settings):
    settings.DEBUG = False


def test_loads_the_seed_networks_and_organisations(debug_off):
    load_demo()

    assert set(Network.objects.values_list("name", flat=True)) == {
        "Samhällskontraktet",
        "Netværk for Systematisk Velfærdsinnovation",
        "Social Innovation Lab Kent (SILK)",
        "Netværk for fællesskabsagenter",
    }
    assert Organisation.objects.count() == len(seed_data.ORGANISATIONS) == 23
    municipality_codes = dict(
        Organisation.objects.exclude(municipality_code="").values_list("name", "municipality_code")
    )
    assert municipality_codes == {
        "Eskilstuna kommun": "0484",
        "Västerås stad": "1980",
        "Slagelse Kommune": "330",
        "Københavns Kommune": "101",
        "Gladsaxe Kommune": "159",
    }
    sectors = dict(Organisation.objects.values_list("slug", "sector"))
    assert sectors["malardalens-universitet"] == Sector.KNOWLEDGE_INSTITUTION
    assert sectors["region-hovedstaden"] == Sector.REGION
    assert sectors["make-it-better-consulting"] == Sector.COMPANY
    assert sectors["ministeriet-for-sundhed-og-forebyggelse"] == Sector.STATE_AGENCY


def test_people_work_for_their_organisations_and_belong_to_their_networks(debug_off):
    load_demo()

    sk = Network.objects.get(slug="samhallskontraktet")
    sk_people = dict(
        Membership.objects.filter(network=sk, person__isnull=False).values_list(
            "person__name", "person__organisation__slug"
        )
    )
    assert sk_people == {
        "Christine Wäneskog": "vasteras-stad",
        "Jenny Janestam": "vasteras-stad",
        "Johan Lindström": "eskilstuna-kommun",
        "Patrik Nilsson": "eskilstuna-kommun",
        "Lena Marmstål Hammar": "malardalens-universitet",
        "Lucia Crevani": "malardalens-universitet",
        "Peter Selegård": "malardalens-universitet",
        "Petra Edoff": None,
        "Marianne Kiiskilä": None,
        "Karin Axelsson": None,
    }
    assert Membership.objects.get(network=sk, person__name="Lucia Crevani").start_date == datetime.date(2024, 4, 26)
    assert set(
        Membership.objects.filter(network=sk, organisation__isnull=False).values_list("organisation__slug", flat=True)
    ) == {"eskilstuna-kommun", "vasteras-stad", "malardalens-universitet"}

    nsv = Network.objects.get(slug="systematisk-velfaerdsinnovation")
    assert Membership.objects.filter(network=nsv, organisation__isnull=False).count() == 12
    assert Person.objects.get(name="Frank E. Andersen").organisation.slug == "slagelse-kommune"
    assert Membership.objects.filter(network=nsv, person__name="Katrine Hornum-Stenz").exists()


def test_samhallskontraktet_initiatives_and_pilots(debug_off):
    load_demo()

    sk = Network.objects.get(slug="samhallskontraktet")
    for title, municipality in SAMHALLSKONTRAKTET_INITIATIVES.items():
        initiative = Initiative.objects.get(network=sk, title=title)
        assert initiative.language == "sv"
        assert initiative.kind == InitiativeKind.INITIATIVE
        assert list(initiative.municipalities.values_list("slug", flat=True)) == [municipality]
        assert initiative.participations.filter(role=ParticipationRole.LEAD, organisation__slug=municipality).exists()

    meals = Initiative.objects.get(title="Måltider och möten för seniorer")
    pilots = Initiative.objects.filter(kind=InitiativeKind.PILOT)
    assert set(pilots.values_list("title", flat=True)) == {
        "Leverans av mat för seniorer",
        "Seniorrestaurangen",
        "Pensionärernas bössa",
    }
    assert set(pilots.values_list("parent", flat=True)) == {meals.pk}
    assert meals.phase == meals.phase_changes.latest("date").to_phase


def test_content_is_in_its_seed_language(debug_off):
    load_demo()

    languages = dict(Initiative.objects.values_list("slug", "language"))
    assert languages["maltider-och-moten-for-seniorer"] == "sv"
    assert languages["samarbejdsmodel-for-systematisk-velfaerdsinnovation"] == "da"
    assert languages["faellesskabsagenter"] == "da"
    assert languages["samskabelse-borgerdreven-service-og-effekt"] == "da"
    assert languages["dementia-friendly-kent"] == "en"
    assert languages["dementia-diaries"] == "en"
    assert Portfolio.objects.get(slug="samhallskontraktet").language == "sv"
    assert Theme.objects.get(name="Udsatte familier").language == "da"


def test_danish_theme_missions_and_the_kent_and_community_agent_work(debug_off):
    load_demo()

    theme = Theme.objects.get(name="Udsatte familier")
    assert set(theme.missions.values_list("title", flat=True)) == {
        "At skabe sammenhæng i indsatserne for udsatte familier",
        "Tidlige indsatser for gravide med sårbarheder og deres familier",
    }
    for mission in Mission.objects.all():
        assert mission.organisations.exists()

    diaries = Initiative.objects.get(title="Dementia Diaries")
    assert diaries.parent.title == "Dementia Friendly Kent"
    kent_funding = {(f.funder.slug, f.kind) for f in Funding.objects.filter(initiative=diaries.parent)}
    assert kent_funding == {
        ("department-of-health", FundingKind.TEMPORARY_POOL),
        ("kent-county-council", FundingKind.OPERATING_BUDGET),
    }

    agents = Initiative.objects.get(slug="faellesskabsagenter")
    assert agents.network.slug == "faellesskabsagenter"
    assert agents.fundings.get().funder.name == "Ministeriet for Sundhed og Forebyggelse"
    # Composted at the end of its pool funding, with the seed's closing words as lessons.
    assert PhaseChange.objects.filter(initiative=agents).count() == 3
    assert agents.phase == Phase.COMPOSTED
    assert "mikroskopiske skridt" in agents.composted_lessons

    challenge = Initiative.objects.get(title="Samskabelse (co-creation), borgerdreven service og effekt")
    assert challenge.participations.get(role=ParticipationRole.LEAD).organisation.name == (
        "Social- og Integrationsministeriet"
    )


def test_portfolio_places_five_initiatives_and_three_pilots_on_horizons_with_swedish_categories(debug_off):
    load_demo()

    portfolio = Portfolio.objects.get(slug="samhallskontraktet")
    assert portfolio.intention and portfolio.context_analysis
    assert [(c.code, c.position) for c in portfolio.categories.order_by("position")] == [
        (code, position) for position, (code, _) in enumerate(DEFAULT_CATEGORIES)
    ]
    assert portfolio.categories.get(code="culture").name == "Kultur och förmågor"
    assert portfolio.categories.get(code="legislation").name == "Lagstiftning"

    entries = PortfolioEntry.objects.filter(portfolio=portfolio)
    assert entries.count() == 5 + 3
    horizons = dict(entries.values_list("initiative__title", "horizon"))
    # The seed's five initiatives, each on its horizon...
    assert set(SAMHALLSKONTRAKTET_INITIATIVES) <= set(horizons)
    assert horizons["Måltider och möten för seniorer"] == "h3"
    assert {horizons[title] for title in SAMHALLSKONTRAKTET_INITIATIVES} == {"h1", "h2", "h3"}
    # ...and the three meal pilots, so that the exercise can compost one and twin another.
    pilots = entries.filter(initiative__kind=InitiativeKind.PILOT)
    assert dict(pilots.values_list("initiative__title", "horizon")) == {
        "Leverans av mat för seniorer": "h1",
        "Seniorrestaurangen": "h2",
        "Pensionärernas bössa": "h1",
    }
    assert set(pilots.values_list("initiative__parent__title", flat=True)) == {"Måltider och möten för seniorer"}
    # A pilot can be twinned into Västerås: a municipality of the demo that none of them is in.
    vasteras = Organisation.objects.get(slug="vasteras-stad")
    assert vasteras.sector == Sector.MUNICIPALITY
    assert not pilots.filter(initiative__municipalities=vasteras).exists()
    assert all(entry.rationale for entry in entries)
    assert all(entry.relations.exists() for entry in entries)

    meals = entries.get(initiative__title="Måltider och möten för seniorer")
    assert {"culture", "procurement", "policy", "legislation"} <= set(meals.categories.values_list("code", flat=True))


def test_green_and_orange_notes_have_authors_and_initiatives(debug_off):
    load_demo()

    notes = Note.objects.filter(portfolio__slug="samhallskontraktet")
    assert notes.filter(kind=NoteKind.NEED_OR_IDEA).count() == 7
    assert notes.filter(kind=NoteKind.NEXT_STEP).count() == 10
    assert not notes.filter(author__isnull=True).exists()

    deliveries = notes.get(title="Matleveranser för seniorer")
    assert deliveries.kind == NoteKind.NEXT_STEP
    assert deliveries.author.name == "Christine Wäneskog"
    assert list(deliveries.initiatives.values_list("title", flat=True)) == ["Leverans av mat för seniorer"]

    loneliness = notes.get(title="Sociala insatser och ofrivillig ensamhet")
    assert loneliness.author.name == "Johan Lindström"
    assert loneliness.became.visibility == Visibility.DRAFT


def test_every_loaded_row_passes_model_validation(debug_on):
    load_demo()

    for app_label in DATA_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if any(f.name == "history_id" for f in model._meta.fields):
                continue  # change history is written by django-simple-history, not loaded
            for obj in model._base_manager.all():
                obj.full_clean()


def test_second_run_changes_nothing(debug_on):
    load_demo()
    before = database_snapshot()

    out = load_demo()

    assert database_snapshot() == before
    assert "Nothing changed" in out


def test_if_empty_loads_into_an_empty_database(debug_off):
    load_demo("--if-empty")

    assert Network.objects.count() == 4


def test_if_empty_skips_when_a_network_exists(debug_off):
    Network.objects.create(name="Et andet netværk", slug="et-andet-netvaerk")

    out = load_demo("--if-empty")

    assert "not loaded" in out
    assert Network.objects.count() == 1
    assert not Initiative.objects.exists()


def test_without_debug_no_users_are_created(debug_off):
    out = load_demo()

    assert not get_user_model().objects.exists()
    assert not Person.objects.filter(user__isnull=False).exists()
    assert "no demo logins" in out


def test_with_debug_a_login_for_each_role(debug_on):
    out = load_demo()

    users = {user.username: user for user in get_user_model().objects.all()}
    assert set(users) == {"admin", "admin-sk", "coordinator", "member", "koordinator-dk"}
    assert all(user.check_password(seed_data.DEMO_PASSWORD) for user in users.values())
    assert f"coordinator / {seed_data.DEMO_PASSWORD}" in out

    assert users["admin"].is_superuser
    roles = {
        username: (m.network.slug, m.role, m.person.organisation and m.person.organisation.slug)
        for username in ["admin-sk", "coordinator", "member", "koordinator-dk"]
        for m in [Membership.objects.get(person__user=users[username])]
    }
    assert roles == {
        "admin-sk": ("samhallskontraktet", MembershipRole.ADMIN, None),
        "coordinator": ("samhallskontraktet", MembershipRole.COORDINATOR, "eskilstuna-kommun"),
        "member": ("samhallskontraktet", MembershipRole.MEMBER, "vasteras-stad"),
        "koordinator-dk": ("systematisk-velfaerdsinnovation", MembershipRole.COORDINATOR, "slagelse-kommune"),
    }

    # The Django admin is the superuser's: no other demo role is staff or holds a model
    # permission (they work on the portal's pages).
    for username in ["admin-sk", "coordinator", "member", "koordinator-dk"]:
        assert not users[username].is_staff
        assert not users[username].user_permissions.exists()


def test_a_password_changed_after_the_first_load_is_kept(debug_on):
    load_demo()
    coordinator = get_user_model().objects.get(username="coordinator")
    coordinator.set_password("a-password-of-my-own")
    coordinator.save()

    out = load_demo()

    coordinator.refresh_from_db()
    assert coordinator.check_password("a-password-of-my-own")
    assert f"coordinator / {seed_data.DEMO_PASSWORD}" not in out


def test_demo_users_see_what_their_role_allows(debug_on):
    load_demo()
    users = {user.username: user for user in get_user_model().objects.all()}

    def hidden_from(user):
        visible = Initiative.objects.visible_to(user).values_list("slug", flat=True)
        return set(Initiative.objects.exclude(slug__in=visible).values_list("slug", flat=True))

    sk_draft = "sociala-insatser-och-ofrivillig-ensamhet"
    sk_network_only = "pensionarernas-bossa"
    dk_draft = "tidlig-indsats-for-gravide-med-saarbarheder-slagelse"
    assert {sk_draft, sk_network_only, dk_draft} <= hidden_from(AnonymousUser())
    assert sk_network_only not in hidden_from(users["member"])
    assert sk_draft in hidden_from(users["member"])
    assert sk_draft not in hidden_from(users["coordinator"])
    assert dk_draft in hidden_from(users["coordinator"])
    assert dk_draft not in hidden_from(users["koordinator-dk"])
    assert hidden_from(users["admin"]) == set()


def test_a_failing_record_leaves_nothing_behind(debug_off, monkeypatch):
    orphan_pilot = {**seed_data.INITIATIVES[0], "slug": "orphan-pilot", "kind": InitiativeKind.PILOT, "parent": None}
    monkeypatch.setattr(seed_data, "INITIATIVES", [*seed_data.INITIATIVES, orphan_pilot])

    with pytest.raises(ValidationError):
        load_demo()

    assert not Network.objects.exists()
    assert not Initiative.objects.exists()


def test_the_core_teams_portfolio_exercise_is_closed_once_with_the_demo_logins(debug_on):
    from portfolios.choices import Decision, ReviewStatus
    from portfolios.models import PortfolioReview

    load_demo()
    review = PortfolioReview.objects.get(title="Portföljövning, Core Team 26 april 2024")
    assert review.status == ReviewStatus.CLOSED
    decisions = {d["title"]: d["decision"] for d in review.snapshot["decisions"]}
    assert decisions["Leverans av mat för seniorer"] == Decision.TWIN
    twin = Initiative.objects.get(twin_of__slug="leverans-av-mat-for-seniorer")
    assert twin.visibility == Visibility.DRAFT
    assert list(twin.municipalities.values_list("slug", flat=True)) == ["vasteras-stad"]
    closed_at = review.closed_at

    load_demo()
    assert PortfolioReview.objects.get().closed_at == closed_at
    assert Initiative.objects.filter(twin_of__slug="leverans-av-mat-for-seniorer").count() == 1


def test_without_the_demo_logins_no_exercise_is_closed(debug_off):
    from portfolios.models import PortfolioReview

    load_demo()
    assert not PortfolioReview.objects.exists()


def test_the_shared_learning_is_loaded_once_in_the_seeds_languages(debug_off):
    from demo import seed_learning
    from evaluation.models import Event, LearningEntry, ResourceObservation

    load_demo()
    assert LearningEntry.objects.count() == len(seed_learning.LEARNING_ENTRIES)
    assert Event.objects.count() == len(seed_learning.EVENTS)
    assert ResourceObservation.objects.count() == sum(len(event["resources"]) for event in seed_learning.EVENTS)
    for entry in LearningEntry.objects.select_related("initiative"):
        assert entry.language == entry.initiative.language
    interpreted = LearningEntry.objects.filter(what_we_learned__contains="Demo")
    assert interpreted.exists()  # where the demo reads the seed, its text says so
    before = database_snapshot()
    load_demo()
    assert database_snapshot() == before
