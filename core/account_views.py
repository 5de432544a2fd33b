"""Account pages that differ from django.contrib.auth's: password reset with a rate limit.

A reset e-mail may be asked for at most `HORISONT_PASSWORD_RESET_RATES["address"]` times
from one client address (core/clientip.py) and `["account"]` times for one e-mail address,
whoever asks (django-ratelimit counts in the cache). Past either, the form says so and
nothing is sent; the message is the same whether or not an account has that address."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

TOO_MANY = _("Too many requests for a new password. Wait an hour and try again.")


def _account_key(group, request):
    return request.POST.get("email", "").strip().lower()


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        rates = settings.HORISONT_PASSWORD_RESET_RATES
        limited = [
            is_ratelimited(
                self.request, group=f"password-reset-{name}", key=key, rate=rates[name], method="POST", increment=True
            )
            for name, key in (("address", "ip"), ("account", _account_key))
        ]
        if any(limited):
            form.add_error(None, TOO_MANY)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
