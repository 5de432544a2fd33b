from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from demo.services import CREATED, UNCHANGED, UPDATED, load_demo
from evaluation.similarity import refresh_twin_candidates
from partners.models import Network


class Command(BaseCommand):
    help = (
        "Load the networks, organisations, people, initiatives, portfolio and notes that the "
        "seed documents describe. Safe to run again: it changes nothing the second time. With "
        "DEBUG it also creates demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database has no network yet (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Network.objects.exists():
            self.stdout.write(_("The database already has networks: demo data not loaded."))
            return

        # Twin candidates are otherwise computed by the nightly job; a newcomer should
        # see the meal pilots' twins at once. In the same transaction as the data: the
        # learning summaries are computed when it commits, and show the twins only if
        # they are stored by then.
        with transaction.atomic():
            report = load_demo(with_users=settings.DEBUG)
            if report.changed_anything:
                initiatives, candidates = refresh_twin_candidates()
                self.stdout.write(
                    _("Twin candidates: %(candidates)s for %(initiatives)s initiatives.")
                    % {"candidates": candidates, "initiatives": initiatives}
                )

        self.stdout.write(_("Demo data (created / updated / unchanged):"))
        for label, counter in report.outcomes.items():
            self.stdout.write(f"  {label}: {counter[CREATED]} / {counter[UPDATED]} / {counter[UNCHANGED]}")
        if not report.changed_anything:
            self.stdout.write(_("Nothing changed: the demo data was already loaded."))
        self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))

        if not report.users_loaded:
            self.stdout.write(
                self.style.WARNING(_("DEBUG is off: no demo logins were created (their password is public)."))
            )
            return
        self.stdout.write(_("Demo logins (username / password):"))
        for login in report.logins:
            password = login.password or _("(changed since the first load; kept)")
            self.stdout.write(f"  {login.username} / {password}  – {login.description}")
