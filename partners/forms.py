from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import PortalModelForm

from . import services
from .models import Membership, Network


class MembershipForm(PortalModelForm):
    """A network administrator adds a person to their network (by username or e-mail), or
    changes a membership's role and period. The network is the page's, never a choice."""

    person_identifier = forms.CharField(
        label=_("Person"),
        max_length=254,
        help_text=_("Their username or e-mail address. Someone without a login can be found by their work e-mail."),
    )

    class Meta:
        model = Membership
        fields = ("role", "start_date", "end_date")
        help_texts = {
            "role": _(
                "Members read what the network shares. Coordinators also see and change the drafts of the "
                "initiatives their organisation takes part in. Network admins manage everything in the network, "
                "its members too."
            ),
            "start_date": _("Empty: from now on."),
            "end_date": _("Empty: until further notice. After the end the person no longer counts as a member."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["person_identifier"]
        else:
            self.order_fields(["person_identifier", "role", "start_date", "end_date"])
            self.fields["person_identifier"].widget.attrs["autocomplete"] = "off"

    def clean_person_identifier(self):
        person = services.person_for(services.find_person(self.cleaned_data["person_identifier"]))
        if Membership.objects.filter(network_id=self.instance.network_id, person=person).exists():
            raise ValidationError(_("This person is already a member of the network. Change their role instead."))
        # Before the model's own checks, which ask for a person (or an organisation).
        self.instance.person = person
        return self.cleaned_data["person_identifier"]

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and "role" in cleaned_data:
            try:
                services.check_keeps_an_administrator(self.instance, new_role=cleaned_data["role"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class OrganisationMembershipForm(PortalModelForm):
    """A network administrator makes an organisation a member of their network: its
    people become members (roles stay personal)."""

    class Meta:
        model = Membership
        fields = ("organisation", "start_date", "end_date")
        help_texts = MembershipForm.Meta.help_texts

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.required = True
        field.queryset = field.queryset.exclude(
            memberships__network_id=self.instance.network_id, memberships__organisation__isnull=False
        )


class NetworkForm(PortalModelForm):
    """A network's own settings, changed by its administrators. Its address (slug) stays."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Network
        fields = ("name", "description", "country", "website")
