"""Pages fit the screen: on a 390 px phone and a 1280 px projector no page scrolls
sideways (a wide table scrolls inside its own region, with a visible edge), the list
filters fold behind a button on the phone, and the horizon map fits 1280 px.

The pages are read off the URL map: every list page of the apps (a view built on
core.views.ObjectListView), so a list added later is checked without touching this test,
plus the pages a list leads to in the demo."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from playwright.sync_api import expect

from core.views import ObjectListView

PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1280, "height": 720}
DETAIL_PAGES = [
    "/",
    "/initiatives/maltider-och-moten-for-seniorer/",
    "/missions/sammenhaeng-i-indsatserne-for-udsatte-familier/",
    "/organisations/eskilstuna-kommun/",
    "/portfolios/samhallskontraktet/",
    "/portfolios/samhallskontraktet/shift/",
    "/portfolios/samhallskontraktet/notes/",
]
# What sticks out of the viewport, outside the regions that scroll on their own.
OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrapper'))
  .slice(0, 5)
  .map(e => `${e.tagName.toLowerCase()}.${e.className} (right ${Math.round(e.getBoundingClientRect().right)} px)`)"""


def list_pages():
    """The path of every list page without URL arguments, from the URL map."""
    paths = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.converters:
                view = getattr(pattern.callback, "view_class", None)
                if view is not None and issubclass(view, ObjectListView):
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    paths.append(reverse(name))

    walk(get_resolver().url_patterns, None)
    return sorted(set(paths))


def test_the_url_map_has_list_pages():
    """The page list below is derived: it must find the lists (or the test checks nothing)."""
    pages = list_pages()
    assert {"/initiatives/", "/missions/", "/organisations/", "/portfolios/"} <= set(pages), pages


@pytest.mark.parametrize("viewport", [PHONE, PROJECTOR], ids=["phone-390", "projector-1280"])
def test_no_page_scrolls_sideways(browser, site, coordinator_state, viewport):
    context = browser.new_context(storage_state=coordinator_state, viewport=viewport, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    too_wide = {}
    try:
        for path in list_pages() + DETAIL_PAGES:
            response = page.goto(site(path))
            assert response.status == 200, f"{path} answered {response.status}"
            document_width = page.evaluate("document.documentElement.scrollWidth")
            if document_width > viewport["width"]:
                too_wide[path] = (document_width, page.evaluate(OVERFLOWING))
    finally:
        context.close()
    assert not too_wide, f"pages wider than {viewport['width']} px: {too_wide}"


def test_filters_fold_behind_a_button_on_a_phone(browser, site, coordinator_state):
    context = browser.new_context(storage_state=coordinator_state, viewport=PHONE, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(site("/initiatives/"))
        filters = page.locator("form.filter-form")
        expect(filters).to_be_hidden()
        # The results come first on the phone's first screen.
        expect(page.locator(".results table")).to_be_visible()
        page.locator("summary.filter-summary").click()
        expect(filters).to_be_visible()
        expect(page.locator("#id_q")).to_be_visible()
    finally:
        context.close()


def test_filters_stay_open_on_a_wide_screen(browser, site, coordinator_state):
    context = browser.new_context(storage_state=coordinator_state, viewport=PROJECTOR, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(site("/initiatives/"))
        expect(page.locator("form.filter-form")).to_be_visible()
        expect(page.locator("summary.filter-summary")).to_be_hidden()
    finally:
        context.close()


def test_the_horizon_map_fits_a_projector(browser, site, coordinator_state):
    """Every category column of the map is on the projected screen, without scrolling."""
    context = browser.new_context(storage_state=coordinator_state, viewport=PROJECTOR, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(site("/portfolios/samhallskontraktet/"))
        wrapper = page.locator(".table-wrapper:has(table.portfolio-map)")
        client_width, scroll_width = wrapper.evaluate("e => [e.clientWidth, e.scrollWidth]")
        assert scroll_width <= client_width, f"the map needs {scroll_width} px in a region of {client_width} px"
        last_column = page.locator("table.portfolio-map thead th").last
        assert last_column.bounding_box()["x"] + last_column.bounding_box()["width"] <= PROJECTOR["width"]
    finally:
        context.close()


def test_a_wide_table_scrolls_in_a_region_a_keyboard_reaches(browser, site, coordinator_state):
    context = browser.new_context(storage_state=coordinator_state, viewport=PHONE, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(site("/initiatives/"))
        region = page.locator(".results .table-wrapper")
        expect(region).to_have_attribute("tabindex", "0")
        expect(region).to_have_attribute("role", "region")
        client_width, scroll_width = region.evaluate("e => [e.clientWidth, e.scrollWidth]")
        assert scroll_width > client_width, "the list's table is expected to be wider than a phone"
        region.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        # Keyboard scrolling is animated: wait for it to move.
        region.evaluate("e => new Promise(done => e.scrollLeft > 0 ? done() : e.addEventListener('scroll', done))")
        assert region.evaluate("e => e.scrollLeft") > 0
    finally:
        context.close()
