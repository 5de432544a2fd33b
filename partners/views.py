"""The directory: networks and organisations, and what each takes part in. Both are
public by nature; what they take part in is shown only as far as the user may see it."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from core.forms import ConfirmForm
from core.views import Column, ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView

from . import services
from .filtersets import NetworkFilterSet, OrganisationFilterSet
from .forms import MembershipForm, NetworkForm, OrganisationMembershipForm
from .models import Membership, Network, Organisation, Person


def _visible(app_label, model_name, user):
    """Records of a later app (initiatives) that the user may see. partners may not import
    it (imports point one way), so it is found through the app registry; the directory
    works without it."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return model.objects.visible_to(user)


class NetworkListView(ObjectListView):
    queryset = Network.objects.all()
    filterset = NetworkFilterSet
    filter_fields = ("q", "country")
    columns = (
        Column("name", link=True, ordering="name"),
        Column("country"),
        Column("website"),
    )


class NetworkDetailView(ObjectDetailView):
    queryset = Network.objects.all()
    template_name = "partners/network_detail.html"

    def get_extra_context(self):
        network = self.object
        user = self.request.user
        administers = user.is_authenticated and Network.objects.administered_by(user).filter(pk=network.pk).exists()
        context = {
            "members_url": reverse("partners:membership_list", kwargs={"network_slug": network.slug})
            if administers
            else None,
            "edit_url": reverse("partners:network_edit", kwargs={"slug": network.slug}) if administers else None,
            "member_organisations": Membership.objects.filter(network=network, organisation__isnull=False)
            .select_related("organisation")
            .order_by("organisation__name", "pk"),
        }
        for key, model_name in (("themes", "Theme"), ("missions", "Mission"), ("initiatives", "Initiative")):
            visible = _visible("initiatives", model_name, user)
            context[key] = visible.filter(network=network) if visible is not None else []
        return context


class OrganisationListView(ObjectListView):
    queryset = Organisation.objects.all()
    filterset = OrganisationFilterSet
    filter_fields = ("q", "sector", "country", "network_id")
    columns = (
        Column("name", link=True, ordering="name"),
        Column("sector", ordering="sector"),
        Column("country"),
        Column("municipality_code", label=_("Municipality code")),
    )


class OrganisationDetailView(ObjectDetailView):
    queryset = Organisation.objects.all()
    template_name = "partners/organisation_detail.html"

    def get_extra_context(self):
        organisation = self.object
        user = self.request.user
        context = {
            "memberships": Membership.objects.filter(organisation=organisation)
            .select_related("network")
            .order_by("network__name", "pk"),
            "participations": [],
            "missions": [],
        }
        Participation = apps.get_model("initiatives", "Participation") if apps.is_installed("initiatives") else None
        if Participation is not None:
            context["participations"] = (
                Participation.objects.visible_to(user)
                .filter(organisation=organisation)
                .select_related("initiative", "initiative__network")
                .order_by("initiative__title", "role", "pk")
            )
            missions = _visible("initiatives", "Mission", user)
            context["missions"] = missions.filter(organisations=organisation).select_related("network")
        return context


class NetworkEditView(ObjectEditView):
    """A network's administrators change its settings (name, description, country,
    website). Creating and deleting networks is the site operators' (the Django admin)."""

    queryset = Network.objects.all()
    form = NetworkForm

    def get_editable_object(self):
        network = get_object_or_404(self.get_queryset(), **self.lookup())
        if not Network.objects.administered_by(self.request.user).filter(pk=network.pk).exists():
            raise PermissionDenied
        return network

    def can_create_any(self):
        return False


# --- a network's members, managed by its administrators ----------------------------------


class NetworkMembersMixin:
    """Pages under /networks/<network_slug>/members/: only for the network's
    administrators (and superusers); for anyone else the network has no such page (404).
    Every membership is looked up among the network's own, so another network's is a 404
    too."""

    @cached_property
    def network(self):
        return get_object_or_404(Network.objects.administered_by(self.request.user), slug=self.kwargs["network_slug"])

    def get_queryset(self):
        return (
            Membership.objects.managed_by(self.request.user)
            .filter(network=self.network)
            .select_related("network", "person", "person__organisation", "organisation")
        )

    def get_editable_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def members_url(self):
        return reverse("partners:membership_list", kwargs={"network_slug": self.network.slug})


class MembershipListView(LoginRequiredMixin, NetworkMembersMixin, TemplateView):
    """The network's members and their roles and periods, with links to add a person,
    change a membership and remove one."""

    template_name = "partners/membership_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memberships = self.get_queryset().order_by("person__name", "organisation__name", "pk")
        context.update(
            {
                "network": self.network,
                "people": [m for m in memberships if m.person_id],
                "organisations": [m for m in memberships if m.organisation_id],
                "today": timezone.localdate(),
                "title": _("Members of %(network)s") % {"network": self.network},
            }
        )
        return context


class MembershipEditView(NetworkMembersMixin, ObjectEditView):
    """Add a person to the network (by username or e-mail), or change a membership's role
    and period. The network is the page's: an administrator cannot reach another one."""

    queryset = Membership.objects.all()
    form = MembershipForm

    def can_create_any(self):
        return self.network is not None

    def can_create(self, obj):
        return obj.network_id == self.network.pk

    def alter_object(self, obj):
        obj.network = self.network
        return obj

    def get_success_url(self, obj):
        return self.members_url()

    def get_cancel_url(self):
        return self.members_url()


class OrganisationMembershipAddView(MembershipEditView):
    """Make an organisation a member of the network."""

    form = OrganisationMembershipForm


class MembershipDeleteView(NetworkMembersMixin, ObjectDeleteView):
    """Remove a membership from the network (the network keeps one administrator)."""

    queryset = Membership.objects.all()
    template_name = "partners/membership_delete.html"

    def get_success_url(self):
        return self.members_url()

    def get_extra_context(self):
        return {"cancel_url": self.members_url()}

    def post(self, request, *args, **kwargs):
        self.object = self.get_editable_object()
        try:
            services.check_keeps_an_administrator(self.object, removing=True)
        except ValidationError as error:
            return self.render_to_response(
                self.get_context_data(form=ConfirmForm(), refused=[m for ms in error.message_dict.values() for m in ms])
            )
        return super().post(request, *args, **kwargs)


# --- personal data ----------------------------------------------------------------------


def person_for_request(request, pk):
    """The person whose data the user may handle: their own, or anyone's for a site
    administrator. Anyone else's is a 404 (it would tell that the person exists)."""
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), pk=pk)
    if request.user.is_superuser or person.user_id == request.user.pk:
        return person
    raise Http404


class MyDataView(LoginRequiredMixin, TemplateView):
    """What the portal holds about the logged-in user, with export and erasure."""

    template_name = "partners/my_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = services.person_of(self.request.user)
        context["title"] = _("Your personal data")
        return context


class PersonExportView(LoginRequiredMixin, View):
    """The person's data as a JSON file (the GDPR's right of access and portability)."""

    def get(self, request, pk):
        person = person_for_request(request, pk)
        response = JsonResponse(
            services.export_person_data(person), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = f'attachment; filename="horisont-person-{person.pk}.json"'
        return response


class PersonEraseView(LoginRequiredMixin, TemplateView):
    """Asks, then erases the person (the GDPR's right to erasure). Erasing oneself ends
    the session: the login is gone."""

    template_name = "partners/person_erase.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ConfirmForm())
        context["person"] = self.person
        context["is_self"] = self.person.user_id == self.request.user.pk
        context["title"] = _("Erase personal data")
        return context

    def get(self, request, pk):
        self.person = person_for_request(request, pk)
        return self.render_to_response(self.get_context_data())

    def post(self, request, pk):
        self.person = person_for_request(request, pk)
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        is_self = self.person.user_id == request.user.pk
        services.erase_person(self.person)
        if is_self:
            logout(request)
        messages.success(request, _("The personal data was erased."))
        return HttpResponseRedirect(reverse("home"))
