"""A network administrator manages their own network's members on the portal
(/networks/<slug>/members/, issue 11): adds a person by username or e-mail, changes the
role and period, removes a membership; another network's pages do not exist for them."""

import pytest
from django.conf import settings
from django.urls import reverse

from core.audience import forget_audience
from core.choices import Visibility
from initiatives.models import Initiative
from partners.choices import MembershipRole
from partners.models import Membership, Person

from . import factories

pytestmark = pytest.mark.django_db


def members(network):
    return reverse("partners:membership_list", kwargs={"network_slug": network.slug})


def add(network):
    return reverse("partners:membership_add", kwargs={"network_slug": network.slug})


def edit(membership):
    return reverse("partners:membership_edit", kwargs={"network_slug": membership.network.slug, "pk": membership.pk})


def delete(membership):
    return reverse("partners:membership_delete", kwargs={"network_slug": membership.network.slug, "pk": membership.pk})


@pytest.fixture
def admin_client(client, network_admin):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(network_admin)
    return client


@pytest.fixture
def newcomer():
    organisation = factories.MunicipalityFactory(name="Västerås stad")
    user = factories.UserFactory(username="anna", email="anna@vasteras.se")
    factories.PersonFactory(user=user, name="Anna Andersson", organisation=organisation)
    return user


def test_the_network_admin_adds_a_person_by_username_and_they_get_the_role(admin_client, network, newcomer):
    draft = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)
    assert not Initiative.objects.visible_to(newcomer).filter(pk=draft.pk).exists()

    response = admin_client.post(add(network), {"person_identifier": "anna", "role": MembershipRole.ADMIN})
    assert response.status_code == 302
    assert response.url == members(network)
    membership = Membership.objects.get(network=network, person__user=newcomer)
    assert membership.role == MembershipRole.ADMIN
    # The role counts from the next request on.
    forget_audience(newcomer)
    assert Initiative.objects.visible_to(newcomer).filter(pk=draft.pk).exists()

    page = admin_client.get(members(network)).content.decode()
    assert "Anna Andersson" in page
    assert edit(membership) in page and delete(membership) in page


def test_a_person_is_found_by_email_and_a_login_without_a_person_gets_one(admin_client, network):
    user = factories.UserFactory(username="bo", email="Bo@Example.org", first_name="Bo", last_name="Ek")
    response = admin_client.post(
        add(network),
        {"person_identifier": "bo@example.org", "role": MembershipRole.COORDINATOR, "start_date": "2026-01-01"},
    )
    assert response.status_code == 302
    person = Person.objects.get(user=user)
    assert person.name == "Bo Ek"
    membership = person.memberships.get()
    assert (membership.network, membership.role, str(membership.start_date)) == (
        network,
        MembershipRole.COORDINATOR,
        "2026-01-01",
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"person_identifier": "nobody@example.org", "role": "member"}, "person_identifier", "No one has"),
        ({"person_identifier": "member", "role": "member"}, "person_identifier", "already a member"),
        ({"person_identifier": "anna", "role": "owner"}, "role", "valid choice"),
        (
            {"person_identifier": "anna", "role": "member", "start_date": "2026-05-01", "end_date": "2026-01-01"},
            "end_date",
            "end cannot be before",
        ),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(admin_client, network, member, newcomer, data, field, message):
    before = Membership.objects.count()
    response = admin_client.post(add(network), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field]), errors
    assert Membership.objects.count() == before


def test_the_network_admin_changes_a_role_and_the_period_and_removes_a_membership(admin_client, network, member):
    membership = member.person.memberships.get()
    page = admin_client.get(edit(membership))
    assert page.status_code == 200
    version = page.context["form"]["_version"].value()

    response = admin_client.post(
        edit(membership),
        {"role": MembershipRole.COORDINATOR, "start_date": "2026-01-01", "end_date": "2026-12-31", "_version": version},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, str(membership.start_date), str(membership.end_date)) == (
        MembershipRole.COORDINATOR,
        "2026-01-01",
        "2026-12-31",
    )

    assert admin_client.get(delete(membership)).status_code == 200
    assert admin_client.post(delete(membership)).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_another_networks_members_pages_do_not_exist_for_the_admin(
    admin_client, network_admin, network, other_network, outsider
):
    """Nor can they make themselves administrator of another network."""
    theirs = outsider.person.memberships.get()
    assert admin_client.get(members(other_network)).status_code == 404
    assert admin_client.get(edit(theirs)).status_code == 404
    response = admin_client.post(add(other_network), {"person_identifier": "network-admin", "role": "admin"})
    assert response.status_code == 404
    assert admin_client.post(edit(theirs), {"role": "member"}).status_code == 404
    assert admin_client.post(delete(theirs)).status_code == 404
    # Another network's membership under their own network's address: not found either.
    url = reverse("partners:membership_edit", kwargs={"network_slug": network.slug, "pk": theirs.pk})
    assert admin_client.post(url, {"role": "admin"}).status_code == 404

    assert not Membership.objects.filter(network=other_network, person=network_admin.person).exists()
    theirs.refresh_from_db()
    assert theirs.role == MembershipRole.COORDINATOR


def test_coordinators_and_members_have_no_members_pages(client, network, coordinator, member):
    for user in (coordinator, member):
        client.force_login(user)
        assert client.get(members(network)).status_code == 404
        assert client.post(add(network), {"person_identifier": "member", "role": "admin"}).status_code == 404
    assert Membership.objects.get(person=member.person).role == MembershipRole.MEMBER


def test_the_last_administrator_is_kept(admin_client, network, network_admin):
    own = network_admin.person.memberships.get()
    response = admin_client.post(edit(own), {"role": MembershipRole.MEMBER})
    assert response.status_code == 200
    assert "last administrator" in " ".join(response.context["form"].errors["role"])
    response = admin_client.post(delete(own))
    assert response.status_code == 200
    assert "last administrator" in response.content.decode()
    assert Membership.objects.get(pk=own.pk).role == MembershipRole.ADMIN


def test_the_network_page_links_its_admins_to_the_members_page(client, network, network_admin, coordinator):
    client.force_login(network_admin)
    assert members(network) in client.get(network.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    assert members(network) not in client.get(network.get_absolute_url()).content.decode()


def test_the_network_admin_changes_the_networks_settings_and_no_other_networks(
    admin_client, network, other_network, coordinator, client
):
    url = reverse("partners:network_edit", kwargs={"slug": network.slug})
    page = admin_client.get(url)
    assert page.status_code == 200
    data = {"name": network.name, "description": "Ett nätverk för samhällskontrakt.", "country": "SE", "website": ""}
    data["_version"] = page.context["form"]["_version"].value()
    assert admin_client.post(url, data).status_code == 302
    network.refresh_from_db()
    assert (network.description, network.country) == ("Ett nätverk för samhällskontrakt.", "SE")

    other = reverse("partners:network_edit", kwargs={"slug": other_network.slug})
    assert admin_client.post(other, {**data, "name": other_network.name}).status_code == 403
    other_network.refresh_from_db()
    assert other_network.description != data["description"]


def test_the_members_page_reads_a_constant_number_of_queries(admin_client, network, django_assert_max_num_queries):
    for _ in range(30):
        factories.MembershipFactory(network=network, person=factories.PersonFactory())
    for _ in range(5):
        factories.MembershipFactory(network=network, person=None, organisation=factories.OrganisationFactory())
    with django_assert_max_num_queries(12):
        response = admin_client.get(members(network))
    assert response.status_code == 200
    assert response.content.decode().count("/edit/") >= 30


def test_the_network_admin_adds_an_organisation_and_its_people_become_members(admin_client, network, newcomer):
    organisation = newcomer.person.organisation
    url = reverse("partners:membership_add_organisation", kwargs={"network_slug": network.slug})
    assert admin_client.post(url, {"organisation": ""}).status_code == 200
    assert admin_client.post(url, {"organisation": organisation.pk}).status_code == 302
    assert Membership.objects.get(network=network, organisation=organisation).role == MembershipRole.MEMBER
    forget_audience(newcomer)
    factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK, title="Nätverkets")
    assert Initiative.objects.visible_to(newcomer).filter(title="Nätverkets").exists()
    # Once is enough: the organisation is no longer offered.
    response = admin_client.post(url, {"organisation": organisation.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    assert Membership.objects.filter(network=network, organisation=organisation).count() == 1
