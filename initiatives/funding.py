"""The funding cliff ("når midlerne slipper op, springer boblen"): an initiative whose
temporary pool funding ends soon with nothing to take over. One rule, used by the
coordinator's home page, the learning summaries and the funding-cliff e-mails, so a
warning shown in one place is shown in all of them.

The rule. An initiative is at the cliff on `today` when

- its temporary pool funding ends (the *last* end date of its pool grants: a second grant
  running longer moves the cliff) between today and `months` from today, both included
  (settings.HORISONT_FUNDING_CLIFF_MONTHS, default 6; months added by add_months);
- no operating budget runs past that date (one without an end date, or ending after it);
  an operating budget that ended earlier does not take over;
- it is not composted (ended on purpose), nor already scaling or in operations;
- no higher app says otherwise: an app above initiatives may register a reason that
  takes an initiative off the cliff (portfolios: a closed review decided to scale it),
  with register_exemption, so this module imports no higher app.

The queryset is annotated with `pool_funding_ends`.
"""

import calendar
import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from .choices import FundingKind, Phase
from .models import Funding

DEFAULT_MONTHS = 6
# Phases that need no warning: composted ended on purpose; scaling and operations have
# left the temporary funding behind.
NO_CLIFF_PHASES = (Phase.SCALING, Phase.OPERATIONS, Phase.COMPOSTED)

_exemptions = []


def register_exemption(make):
    """Register `make(initiative_ref)`, returning an Exists(...) that is true for an
    initiative that is not at the cliff (initiative_ref is OuterRef("pk")). Called from a
    higher app's AppConfig.ready()."""
    if make not in _exemptions:
        _exemptions.append(make)
    return make


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cliff_months():
    return getattr(settings, "HORISONT_FUNDING_CLIFF_MONTHS", DEFAULT_MONTHS)


def funding_cliff(queryset, today=None, months=None):
    """The initiatives of `queryset` at the funding cliff (the rule in this module's
    docstring), annotated with `pool_funding_ends`."""
    today = today or timezone.localdate()
    until = add_months(today, cliff_months() if months is None else months)
    last_pool_end = (
        Funding.objects.filter(initiative=OuterRef("pk"), kind=FundingKind.TEMPORARY_POOL, end_date__isnull=False)
        .order_by("-end_date")
        .values("end_date")[:1]
    )
    operating_after = Funding.objects.filter(initiative=OuterRef("pk"), kind=FundingKind.OPERATING_BUDGET).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=OuterRef("pool_funding_ends"))
    )
    found = (
        queryset.annotate(pool_funding_ends=Subquery(last_pool_end))
        .filter(pool_funding_ends__gte=today, pool_funding_ends__lte=until)
        .exclude(phase__in=NO_CLIFF_PHASES)
        .exclude(Exists(operating_after))
    )
    for make in _exemptions:
        found = found.exclude(make(OuterRef("pk")))
    return found
