"""/account/tokens/: a logged-in user makes, reviews and revokes the API tokens their
systems use. A token's secret is shown once, in the answer to the form that made it;
only its hash is stored."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.choices import TokenScope
from core.models import ApiToken


class ApiTokenForm(forms.ModelForm):
    """Name, scope and an optional last day. A new token is read-only unless its user
    chooses otherwise: most systems only read."""

    class Meta:
        model = ApiToken
        fields = ["name", "scope", "expires"]
        help_texts = {"name": gettext_lazy("What the token is for, e.g. the system that will use it.")}
        widgets = {
            "scope": forms.RadioSelect,
            "expires": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].initial = TokenScope.READ
        self.fields["scope"].required = False

    def clean_scope(self):
        return self.cleaned_data.get("scope") or TokenScope.READ


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = ApiTokenForm(request.POST or None)
    context = {"form": form, "tokens": ApiToken.objects.filter(user=request.user)}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token, secret = ApiToken.issue(request.user, data["name"], scope=data["scope"], expires=data["expires"])
        # Rendered, not redirected: the secret must not pass through the session.
        context.update(form=ApiTokenForm(), new_token=token, secret=secret)
        response = render(request, "core/tokens_created.html", context)
        return response
    return render(request, "core/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(
        request, _("The token “%(name)s” was revoked. Systems using it can no longer sign in.") % {"name": token.name}
    )
    return redirect("tokens:list")
