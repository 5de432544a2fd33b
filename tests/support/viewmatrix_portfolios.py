"""The portfolio pages' entries for the portal's view matrix (tests/support/views.py
PORTAL_VIEWS): who gets 200, 302, 403 or 404 on a GET of each portfolio page."""

from portfolios.choices import NoteKind
from portfolios.models import Note

from .views import (
    CHANGE,
    CHANGE_ADMIN_ONLY,
    COORDINATOR_ACTION,
    CREATE_ADMIN_ONLY,
    EVERYONE,
    NETWORK_RECORD,
    NETWORK_RECORD_LOGGED_IN,
    View,
    no_kwargs,
)


def portfolio_slug(world):
    return {"slug": world.portfolio.slug}


def review_pk(world):
    return {"slug": world.portfolio.slug, "pk": world.review.pk}


def note_pk(world):
    note = Note.objects.create(portfolio=world.portfolio, kind=NoteKind.NEED_OR_IDEA, title="Ett behov")
    return {"slug": world.portfolio.slug, "pk": note.pk}


PORTFOLIO_VIEWS = {
    "portfolios:portfolio_list": View(no_kwargs, EVERYONE),
    "portfolios:portfolio_detail": View(portfolio_slug, NETWORK_RECORD),
    "portfolios:portfolio_history": View(portfolio_slug, NETWORK_RECORD_LOGGED_IN),
    # Portfolios and their maps are the network administrators'.
    "portfolios:portfolio_add": View(no_kwargs, CREATE_ADMIN_ONLY),
    "portfolios:portfolio_edit": View(portfolio_slug, CHANGE_ADMIN_ONLY),
    "portfolios:entry_add": View(portfolio_slug, CHANGE_ADMIN_ONLY),
    "portfolios:entry_edit": View(
        lambda world: {**portfolio_slug(world), "pk": world.portfolio.entries.get(initiative=world.initiative).pk},
        CHANGE_ADMIN_ONLY,
    ),
    "portfolios:portfolio_export": View(
        lambda world: {**portfolio_slug(world), "export_format": "csv"}, NETWORK_RECORD
    ),
    "portfolios:portfolio_shift": View(portfolio_slug, NETWORK_RECORD),
    "portfolios:note_board": View(portfolio_slug, NETWORK_RECORD),
    # Coordinators and administrators take part in the exercise; members read the board.
    "portfolios:note_add": View(portfolio_slug, COORDINATOR_ACTION),
    "portfolios:note_to_initiative": View(note_pk, COORDINATOR_ACTION),
    # Only the network's administrators open and close reviews.
    "portfolios:review_open": View(portfolio_slug, CHANGE_ADMIN_ONLY),
    "portfolios:review_detail": View(review_pk, NETWORK_RECORD),
    # The coordinator's organisation leads world.initiative: they assess it, members do not.
    "portfolios:review_assess": View(lambda world: {**review_pk(world), "initiative": world.initiative.pk}, CHANGE),
    "portfolios:review_close": View(review_pk, CHANGE_ADMIN_ONLY),
    "portfolios:review_export": View(lambda world: {**review_pk(world), "export_format": "xlsx"}, NETWORK_RECORD),
}
