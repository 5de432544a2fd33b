"""IATI activity XML (standard version 2.03) for initiatives, at /api/v1/export/iati/.

One <iati-activity> per initiative the user may see, in the order the activity schema
prescribes. How our vocabulary maps onto the IATI codelists:

- participating-org/@role (OrganisationRole): funder -> 1 Funding; lead -> 2 Accountable
  (the lead answers for the initiative and its outcomes); partner, researcher, citizen
  group and supplier -> 4 Implementing (they carry the work out). Funders named only on
  a funding row are listed as 1 Funding too. An initiative nobody is registered on lists
  its network as 2 Accountable, since the schema asks for at least one organisation.
- participating-org/@type (OrganisationType): municipality and region -> 11 Local
  Government (sub-national government); state agency -> 10 Government; civil society ->
  22 National NGO; foundation -> 60 Foundation; company and social enterprise -> 70
  Private Sector (a social enterprise is a business with a social purpose, not an NGO);
  knowledge institution -> 80 Academic, Training and Research.
- activity-status (ActivityStatus): start-up and idea development -> 1 Pipeline/
  identification; prototyping, maturation and scaling -> 2 Implementation; operations ->
  3 Finalisation (the development work is done and the activity stays open while its
  effects are followed up); composted -> 5 Cancelled (a deliberate stop before reaching
  operations: 3 or 4 would tell readers it was completed).
- activity-date (ActivityDateType): a start on or before today is 2 Actual start, later
  1 Planned start; an end is 4 Actual end once passed for a finalised or cancelled
  initiative, else 3 Planned end. Without any start date the registration date is given
  as 1 Planned start, saying so in its narrative (the schema asks for one date).
- sector: OECD DAC 5-digit (vocabulary 1) 16010 Social Protection for every initiative;
  SDG targets as tag vocabulary 3 (UN SDG Targets).
- budget: cash funding (in-kind support has no IATI budget value), type 1 Original,
  status 2 Committed, valued at the period start. The IATI rules allow a budget period
  of at most twelve months, so each funding row is spread over the calendar years it
  spans, in proportion to its days in each, and the rows' shares of one year in one
  currency make one budget: periods never exceed a year and never overlap.
- related-activity (RelatedActivityType): parent -> 1 Parent, pilots and targeted actions
  under it -> 2 Child; twins -> 3 Sibling. A twin is another activity replicating the
  same design, so neither 4 Co-funded (shared funding) nor 5 Third Party (the *same*
  activity reported by someone else, which readers deduplicate) fits; 3 is the nearest.
- result: only when a results source is given (config/export_urls.py passes one that
  reads evaluation's indicators; this app does not import evaluation).

Everything comes through `visible_to(user)`: related activities and participants that
the user may not see are left out rather than named."""

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from lxml import etree
from rest_framework import throttling
from rest_framework.generics import GenericAPIView
from rest_framework.settings import api_settings
from rest_framework.utils.urls import replace_query_param

from core.api.problems import InvalidQueryParameters
from core.api.throttling import CurrentRatesMixin
from core.exports import CatalogueDataset, ExportDistribution, ExportView
from partners.choices import Country, Sector
from partners.exports import org_id
from partners.models import Organisation

from .choices import FundingKind, ParticipationRole, Phase, TargetGroup
from .filtersets import InitiativeFilterSet
from .models import Funding, Initiative, Mission, Participation, Theme

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Initiatives are read in batches of this many, so a long export streams in constant
# memory with a fixed number of queries per batch.
BATCH_SIZE = 200

ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "1", "2", "4"
PARTICIPATION_ROLES = {
    ParticipationRole.FUNDER: ROLE_FUNDING,
    ParticipationRole.LEAD: ROLE_ACCOUNTABLE,
    ParticipationRole.PARTNER: ROLE_IMPLEMENTING,
    ParticipationRole.RESEARCHER: ROLE_IMPLEMENTING,
    ParticipationRole.CITIZEN_GROUP: ROLE_IMPLEMENTING,
    ParticipationRole.SUPPLIER: ROLE_IMPLEMENTING,
}
ORGANISATION_TYPES = {
    Sector.MUNICIPALITY: "11",
    Sector.REGION: "11",
    Sector.STATE_AGENCY: "10",
    Sector.CIVIL_SOCIETY: "22",
    Sector.FOUNDATION: "60",
    Sector.COMPANY: "70",
    Sector.SOCIAL_ENTERPRISE: "70",
    Sector.KNOWLEDGE_INSTITUTION: "80",
}
STATUS_PIPELINE, STATUS_IMPLEMENTATION, STATUS_FINALISATION, STATUS_CANCELLED = "1", "2", "3", "5"
ACTIVITY_STATUSES = {
    Phase.STARTUP: STATUS_PIPELINE,
    Phase.IDEA_DEVELOPMENT: STATUS_PIPELINE,
    Phase.PROTOTYPING: STATUS_IMPLEMENTATION,
    Phase.MATURATION: STATUS_IMPLEMENTATION,
    Phase.SCALING: STATUS_IMPLEMENTATION,
    Phase.OPERATIONS: STATUS_FINALISATION,
    Phase.COMPOSTED: STATUS_CANCELLED,
}
DATE_PLANNED_START, DATE_ACTUAL_START, DATE_PLANNED_END, DATE_ACTUAL_END = "1", "2", "3", "4"
DESCRIPTION_GENERAL, DESCRIPTION_OBJECTIVES, DESCRIPTION_TARGET_GROUPS, DESCRIPTION_OTHER = "1", "2", "3", "4"
SECTOR_VOCABULARY_DAC_5, SECTOR_SOCIAL_PROTECTION = "1", "16010"
TAG_VOCABULARY_SDG_TARGETS = "3"
BUDGET_ORIGINAL, BUDGET_COMMITTED = "1", "2"
RELATED_PARENT, RELATED_CHILD, RELATED_SIBLING = "1", "2", "3"
RESULT_OUTCOME = "2"
MEASURE_UNIT, MEASURE_PERCENTAGE = "1", "2"
PERCENT_UNITS = {"%", "percent", "procent", "pct"}


# The default of settings.HORISONT_IATI_REPORTING_ORG_REF: not a registered identifier,
# so `manage.py check --deploy` warns while it is in use (initiatives/checks.py).
PLACEHOLDER_REPORTING_ORG_REF = "XM-HORISONT"


def reporting_org_ref():
    """The registered organisation identifier of whoever publishes the data
    (settings.HORISONT_IATI_REPORTING_ORG_REF); every iati-identifier starts with it."""
    return settings.HORISONT_IATI_REPORTING_ORG_REF


def iati_identifier(initiative_pk):
    """Stable as long as the record exists: the primary key, never the editable slug."""
    return f"{reporting_org_ref()}-{initiative_pk}"


@dataclass(frozen=True)
class IatiMeasurement:
    date: date
    value: Decimal


@dataclass(frozen=True)
class IatiIndicator:
    """An indicator as the IATI export needs it, filled by a results source."""

    title: str
    unit: str = ""
    description: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None
    measurements: tuple = field(default_factory=tuple)


def activity_queryset(user):
    """Initiatives with everything one activity needs, in a fixed number of queries."""
    related = Initiative.objects.visible_to(user).only("pk", "parent_id", "twin_of_id")
    return (
        Initiative.objects.visible_to(user)
        .select_related("network")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.visible_to(user).select_related("organisation"),
            ),
            Prefetch("fundings", queryset=Funding.objects.visible_to(user).select_related("funder")),
            Prefetch("municipalities", queryset=Organisation.objects.visible_to(user)),
            Prefetch("parent", queryset=related),
            Prefetch("twin_of", queryset=related),
            Prefetch("children", queryset=related),
            Prefetch("twins", queryset=related),
        )
    )


def _sub(parent, tag, attributes=None, text=None):
    element = etree.SubElement(parent, tag, {k: v for k, v in (attributes or {}).items() if v not in (None, "")})
    if text is not None:
        element.text = text
    return element


def _narrative(parent, text, language=None):
    return _sub(parent, "narrative", {XML_LANG: language} if language else None, text)


def _number(value):
    """A decimal without trailing zeros or exponent: 10.000 -> "10"."""
    normalised = Decimal(value).normalize()
    return format(normalised, "f")


def _participating_orgs(initiative):
    """(role, organisation or None, name) in the order they are listed, without repeats."""
    rows, seen = [], set()
    for participation in initiative.participations.all():
        key = (PARTICIPATION_ROLES[participation.role], participation.organisation_id)
        if key not in seen:
            seen.add(key)
            rows.append((key[0], participation.organisation, participation.organisation.name))
    for funding in initiative.fundings.all():
        key = (ROLE_FUNDING, funding.funder_id or funding.funder_name)
        if key[1] and key not in seen:
            seen.add(key)
            rows.append((ROLE_FUNDING, funding.funder, funding.funder.name if funding.funder else funding.funder_name))
    return rows


def _countries(initiative):
    """Where the initiative works: its municipalities' countries, else its partners',
    else its network's."""
    for organisations in (
        list(initiative.municipalities.all()),
        [p.organisation for p in initiative.participations.all()],
    ):
        countries = sorted({o.country for o in organisations if o.country and o.country != Country.OTHER})
        if countries:
            return countries
    country = initiative.network.country
    return [country] if country and country != Country.OTHER else []


def _activity_dates(activity, initiative, status, today):
    if initiative.start_date:
        kind = DATE_ACTUAL_START if initiative.start_date <= today else DATE_PLANNED_START
        _sub(activity, "activity-date", {"iso-date": initiative.start_date.isoformat(), "type": kind})
    if initiative.end_date:
        ended = initiative.end_date <= today and status in (STATUS_FINALISATION, STATUS_CANCELLED)
        kind = DATE_ACTUAL_END if ended else DATE_PLANNED_END
        _sub(activity, "activity-date", {"iso-date": initiative.end_date.isoformat(), "type": kind})
    if not initiative.start_date and not initiative.end_date:
        registered = timezone.localdate(initiative.created)
        element = _sub(activity, "activity-date", {"iso-date": registered.isoformat(), "type": DATE_PLANNED_START})
        _narrative(element, "Registered in Horisont on this date; no start date was given.", "en")


def yearly_shares(start, end, amount):
    """[(period start, period end, share)]: the span cut at the turn of each calendar
    year, the amount shared by days (to the cent, the last period taking the rounding)."""
    total_days = (end - start).days + 1
    periods = []
    for year in range(start.year, end.year + 1):
        periods.append((max(start, date(year, 1, 1)), min(end, date(year, 12, 31))))
    shares, given = [], Decimal(0)
    for index, (period_start, period_end) in enumerate(periods):
        if index == len(periods) - 1:
            share = Decimal(amount) - given
        else:
            days = (period_end - period_start).days + 1
            share = (Decimal(amount) * days / total_days).quantize(Decimal("0.01"))
            given += share
        shares.append((period_start, period_end, share))
    return shares


def budget_periods(initiative):
    """[(start, end, currency, value)]: one budget per calendar year and currency, each
    at most twelve months long, summing the cash funding rows' shares of that year."""
    budgets = {}
    for funding in initiative.fundings.all():
        if funding.kind == FundingKind.IN_KIND:
            continue
        start = funding.start_date or initiative.start_date
        end = funding.end_date or initiative.end_date
        if not start or not end or end < start:
            continue
        for period_start, period_end, share in yearly_shares(start, end, funding.amount):
            key = (period_start.year, funding.currency)
            if key in budgets:
                known_start, known_end, value = budgets[key]
                budgets[key] = (min(known_start, period_start), max(known_end, period_end), value + share)
            else:
                budgets[key] = (period_start, period_end, share)
    return [(start, end, currency, value) for (_, currency), (start, end, value) in sorted(budgets.items())]


def _budgets(activity, initiative):
    for start, end, currency, value in budget_periods(initiative):
        budget = _sub(activity, "budget", {"type": BUDGET_ORIGINAL, "status": BUDGET_COMMITTED})
        _sub(budget, "period-start", {"iso-date": start.isoformat()})
        _sub(budget, "period-end", {"iso-date": end.isoformat()})
        _sub(budget, "value", {"currency": currency, "value-date": start.isoformat()}, _number(value))


def _related_activities(activity, initiative):
    related, seen = [], set()
    if initiative.parent is not None:
        related.append((initiative.parent.pk, RELATED_PARENT))
    related += [(child.pk, RELATED_CHILD) for child in initiative.children.all()]
    if initiative.twin_of is not None:
        related.append((initiative.twin_of.pk, RELATED_SIBLING))
    related += [(twin.pk, RELATED_SIBLING) for twin in initiative.twins.all()]
    for pk, kind in related:
        if (pk, kind) not in seen:
            seen.add((pk, kind))
            _sub(activity, "related-activity", {"ref": iati_identifier(pk), "type": kind})


def _period(indicator_element, start, end, target=None, actual=None):
    period = _sub(indicator_element, "period")
    _sub(period, "period-start", {"iso-date": start.isoformat()})
    _sub(period, "period-end", {"iso-date": end.isoformat()})
    if target is not None:
        _sub(period, "target", {"value": _number(target)})
    if actual is not None:
        _sub(period, "actual", {"value": _number(actual)})


def _results(activity, initiative, indicators, language):
    """One outcome result per indicator. Each measurement closes a period that began the
    day after the one before (the first at the initiative's start); the target has a
    period of its own spanning the initiative."""
    for indicator in indicators:
        result = _sub(activity, "result", {"type": RESULT_OUTCOME})
        _narrative(_sub(result, "title"), indicator.title, language)
        measure = MEASURE_PERCENTAGE if indicator.unit.strip().lower() in PERCENT_UNITS else MEASURE_UNIT
        attributes = {"measure": measure}
        if indicator.baseline is not None and indicator.target is not None and indicator.target != indicator.baseline:
            attributes["ascending"] = "true" if indicator.target > indicator.baseline else "false"
        element = _sub(result, "indicator", attributes)
        title = f"{indicator.title} ({indicator.unit})" if indicator.unit else indicator.title
        _narrative(_sub(element, "title"), title, language)
        if indicator.description:
            _narrative(_sub(element, "description"), indicator.description, language)
        measurements = sorted(indicator.measurements, key=lambda m: m.date)
        if indicator.baseline is not None:
            if initiative.start_date:
                year = initiative.start_date.year
            elif measurements:
                year = measurements[0].date.year
            else:
                year = timezone.localdate(initiative.created).year
            _sub(element, "baseline", {"year": str(year), "value": _number(indicator.baseline)})
        previous_end = None
        for measurement in measurements:
            if previous_end is None:
                start = min(initiative.start_date or measurement.date, measurement.date)
            else:
                start = previous_end + timedelta(days=1)
            _period(element, start, measurement.date, actual=measurement.value)
            previous_end = measurement.date
        if indicator.target is not None:
            start = initiative.start_date or (measurements[0].date if measurements else None)
            end = initiative.end_date or (measurements[-1].date if measurements else None)
            if start and end and start <= end:
                _period(element, start, end, target=indicator.target)


def _target_groups(description, initiative):
    """The shared vocabulary's labels in English, where they are written, and in the
    initiative's language where a translation exists (without one gettext would hand
    back the English label, which must not be tagged as Danish or Swedish)."""

    def labels(language):
        with translation.override(language):
            return ", ".join(str(TargetGroup(value).label) for value in initiative.target_groups)

    english = labels("en")
    if initiative.language != "en":
        own = labels(initiative.language)
        if own != english:
            _narrative(description, own, initiative.language)
    _narrative(description, english, "en")


def activity_element(initiative, indicators=(), today=None):
    """The <iati-activity> for one initiative, fetched through `activity_queryset`."""
    today = today or timezone.localdate()
    language = initiative.language
    status = ACTIVITY_STATUSES[initiative.phase]
    attributes = {
        "last-updated-datetime": initiative.updated.isoformat(timespec="seconds"),
        XML_LANG: language,
    }
    if initiative.parent is not None:
        attributes["hierarchy"] = "2"
    activity = etree.Element("iati-activity", attributes)

    _sub(activity, "iati-identifier", text=iati_identifier(initiative.pk))
    reporting = _sub(
        activity,
        "reporting-org",
        {"ref": reporting_org_ref(), "type": settings.HORISONT_IATI_REPORTING_ORG_TYPE},
    )
    _narrative(reporting, settings.HORISONT_IATI_REPORTING_ORG_NAME)
    _narrative(_sub(activity, "title"), initiative.title, language)

    general = initiative.summary.strip() or initiative.title
    _narrative(_sub(activity, "description", {"type": DESCRIPTION_GENERAL}), general, language)
    objectives = "\n\n".join(text.strip() for text in (initiative.intention, initiative.societal_goals) if text.strip())
    if objectives:
        _narrative(_sub(activity, "description", {"type": DESCRIPTION_OBJECTIVES}), objectives, language)
    if initiative.target_groups:
        _target_groups(_sub(activity, "description", {"type": DESCRIPTION_TARGET_GROUPS}), initiative)
    if initiative.phase == Phase.COMPOSTED:
        lessons = "\n\n".join(
            text.strip() for text in (initiative.composted_reason, initiative.composted_lessons) if text.strip()
        )
        if lessons:
            _narrative(_sub(activity, "description", {"type": DESCRIPTION_OTHER}), lessons, language)

    participants = _participating_orgs(initiative)
    for role, organisation, name in participants:
        element = _sub(
            activity,
            "participating-org",
            {
                "ref": org_id(organisation) if organisation else "",
                "type": ORGANISATION_TYPES.get(organisation.sector, "") if organisation else "",
                "role": role,
            },
        )
        _narrative(element, name)
    if not participants:
        _narrative(_sub(activity, "participating-org", {"role": ROLE_ACCOUNTABLE}), initiative.network.name)

    _sub(activity, "activity-status", {"code": status})
    _activity_dates(activity, initiative, status, today)

    countries = _countries(initiative)
    if len(countries) == 1:
        _sub(activity, "recipient-country", {"code": countries[0]})
    else:
        share = (Decimal(100) / len(countries)).quantize(Decimal("0.01")) if countries else Decimal(0)
        for index, country in enumerate(countries):
            percentage = share if index < len(countries) - 1 else Decimal(100) - share * (len(countries) - 1)
            _sub(activity, "recipient-country", {"code": country, "percentage": str(percentage)})
    _sub(activity, "sector", {"vocabulary": SECTOR_VOCABULARY_DAC_5, "code": SECTOR_SOCIAL_PROTECTION})
    for target in initiative.sdg_targets:
        _sub(activity, "tag", {"vocabulary": TAG_VOCABULARY_SDG_TARGETS, "code": target})
    _budgets(activity, initiative)
    _related_activities(activity, initiative)
    _results(activity, initiative, indicators, language)
    return activity


def iati_activities(initiative_ids, user, results_source=None, batch_size=BATCH_SIZE):
    """The <iati-activities> document as a stream of bytes, one batch at a time.
    `results_source(ids, user)` returns {initiative id: [IatiIndicator, ...]}.

    An empty selection gives an empty root: well-formed, though the schema asks for at
    least one activity; there is no valid document that says "none"."""
    buffer = io.BytesIO()
    today = timezone.localdate()
    root_attributes = {
        "version": IATI_VERSION,
        "generated-datetime": timezone.now().isoformat(timespec="seconds"),
    }
    with etree.xmlfile(buffer, encoding="utf-8") as xml:
        xml.write_declaration()
        with xml.element("iati-activities", root_attributes):
            for start in range(0, len(initiative_ids), batch_size):
                batch = initiative_ids[start : start + batch_size]
                initiatives = {i.pk: i for i in activity_queryset(user).filter(pk__in=batch)}
                indicators = results_source(batch, user) if results_source else {}
                for pk in batch:
                    if pk in initiatives:
                        xml.write(activity_element(initiatives[pk], indicators.get(pk, ()), today))
                xml.flush()
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()


class IatiExportThrottle(CurrentRatesMixin, throttling.SimpleRateThrottle):
    """The IATI export's own budget (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["export-iati"]),
    on top of the API's: a page of activities costs far more than a page of a list. Counted
    per user, or per client address for anonymous readers."""

    scope = "export-iati"
    # When the settings' rates do not name the scope (a deployment's own rates dict).
    default_rate = "20/min"

    def get_rate(self):
        return self.THROTTLE_RATES.get(self.scope, self.default_rate)

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _page_parameter(request, name, default, maximum=None):
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0 or (name == "limit" and value == 0):
        message = _("Give a whole number of at least %(least)d.") % {"least": 1 if name == "limit" else 0}
        raise InvalidQueryParameters({name: [message]})
    return min(value, maximum) if maximum else value


class IatiExportView(ExportView, GenericAPIView):
    """/api/v1/export/iati/: the initiatives the user may see, filtered by the same query
    parameters as the initiative list, as IATI activity XML.

    One page of activities per request (`limit`, default PAGE_SIZE, at most MAX_PAGE_SIZE;
    `offset`), streamed in batches, so memory and time per request are bounded whoever
    asks; `Link` names the next and previous pages and `X-Total-Count` the whole
    selection. A throttle of its own (IatiExportThrottle) bounds the rate."""

    PAGE_SIZE = 250
    MAX_PAGE_SIZE = 500

    queryset = Initiative.objects.all()
    # The API's filter backend (DEFAULT_FILTER_BACKENDS): the same FilterSet as the
    # initiative list, and the same 400 problem document for a bad parameter.
    filterset_class = InitiativeFilterSet
    throttle_classes = [*api_settings.DEFAULT_THROTTLE_CLASSES, IatiExportThrottle]
    # Set by config/export_urls.py: where indicators come from (see IatiIndicator).
    results_source = None

    def get_queryset(self):
        return Initiative.objects.visible_to(self.request.user)

    @extend_schema(
        summary="Initiatives as IATI activity XML (2.03)",
        description=(
            "One iati-activity per initiative you may see, with status, participating "
            "organisations and their roles, dates, budgets (at most a year each), results from "
            "indicators, and related activities for parent initiatives, pilots and twins. Takes the "
            "same filters as the initiative list. One page per request: `limit` activities (default "
            "250, at most 500) from `offset`; the `Link` header names the next page and "
            "`X-Total-Count` the number of activities in the whole selection."
        ),
        parameters=[
            OpenApiParameter("limit", int, description="Activities per page (default 250, at most 500)."),
            OpenApiParameter("offset", int, description="How many activities to skip (default 0)."),
            OpenApiParameter(
                "Link", str, OpenApiParameter.HEADER, response=[200], description='rel="next" and rel="prev" pages.'
            ),
            OpenApiParameter(
                "X-Total-Count",
                int,
                OpenApiParameter.HEADER,
                response=[200],
                description="The number of activities in the whole selection.",
            ),
        ],
        responses={
            (200, "application/xml"): OpenApiResponse(OpenApiTypes.STR, description="An iati-activities document.")
        },
        filters=True,
        tags=["export"],
    )
    def get(self, request, *args, **kwargs):
        limit = _page_parameter(request, "limit", self.PAGE_SIZE, self.MAX_PAGE_SIZE)
        offset = _page_parameter(request, "offset", 0)
        initiatives = self.filter_queryset(self.get_queryset())
        total = initiatives.count()
        # A filter across a relation can repeat a row; the order stays the list's.
        ids = list(dict.fromkeys(initiatives.values_list("pk", flat=True)[offset : offset + limit]))
        response = StreamingHttpResponse(
            iati_activities(ids, request.user, self.results_source), content_type="application/xml"
        )
        response["X-Total-Count"] = str(total)
        links = []
        if offset + limit < total:
            links.append(f'<{replace_query_param(request.build_absolute_uri(), "offset", offset + limit)}>; rel="next"')
        if offset > 0:
            previous = replace_query_param(request.build_absolute_uri(), "offset", max(offset - limit, 0))
            links.append(f'<{previous}>; rel="prev"')
        if links:
            response["Link"] = ", ".join(links)
        return response


# --- This app's datasets in the DCAT catalogue (core.exports, wired in config) ---------

IATI = ExportDistribution(
    url_name="export:iati",
    title={"da": "IATI-aktiviteter (XML)", "sv": "IATI-aktiviteter (XML)", "en": "IATI activities (XML)"},
    file_type="XML",
    media_type="application/xml",
    conforms_to="http://iatistandard.org/203/",
)

DATASETS = (
    CatalogueDataset(
        key="themes",
        api_path="themes/",
        page_url_name="initiatives:theme_list",
        model=Theme,
        title={"da": "Temaer", "sv": "Teman", "en": "Themes"},
        description={
            "da": "Tværgående velfærdsudfordringer, som netværkene arbejder med.",
            "sv": "Övergripande välfärdsutmaningar som nätverken arbetar med.",
            "en": "Cross-cutting welfare challenges the networks work on.",
        },
    ),
    CatalogueDataset(
        key="missions",
        api_path="missions/",
        page_url_name="initiatives:mission_list",
        model=Mission,
        title={"da": "Missioner", "sv": "Missioner", "en": "Missions"},
        description={
            "da": "Fælles retninger for en periode med problem, mål og de organisationer, der er med.",
            "sv": "Gemensamma riktningar för en period med problem, mål och de organisationer som deltar.",
            "en": "Shared directions for a period, with problem, goal and the organisations that joined.",
        },
    ),
    CatalogueDataset(
        key="initiatives",
        api_path="initiatives/",
        page_url_name="initiatives:initiative_list",
        model=Initiative,
        title={"da": "Indsatser", "sv": "Initiativ", "en": "Initiatives"},
        description={
            "da": "Projekter, piloter og målrettede indsatser med fase, partnere, finansiering og forandringsteori.",
            "sv": "Projekt, piloter och riktade insatser med fas, partner, finansiering och förändringsteori.",
            "en": "Projects, pilots and targeted actions with phase, partners, funding and theory of change.",
        },
        keywords={
            "da": ["velfærdsinnovation", "indsatser"],
            "sv": ["välfärdsinnovation", "initiativ"],
            "en": ["welfare innovation", "initiatives"],
        },
        exports=(IATI,),
    ),
)
