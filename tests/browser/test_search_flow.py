"""In the browser, on the demo: the partner network drawn in Danish and Swedish (circles
where they should be, no console errors), the summary's figures as links, and a search
that travels, all without axe or CSP violations."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from initiatives.models import Mission

from .helpers import log_in

MISSION = "sammenhaeng-i-indsatserne-for-udsatte-familier"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [
        f"{violation['id']}: {violation['help']} {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("language", ["da", "sv"])
def test_the_partner_network_is_drawn_in_danish_and_swedish(open_page, site, language):
    page, log = open_page(language=language)
    log_in(page, site, "member")
    page.goto(site(reverse("evaluation:mission_summary", kwargs={"slug": MISSION})))
    expect(page.locator("html")).to_have_attribute("lang", language)
    mission = Mission.objects.get(slug=MISSION)
    graph = page.locator(f"#learning-summary-mission-{mission.pk} svg.partner-network-graph")
    expect(graph).to_have_count(1)
    circles = graph.locator("circle")
    assert circles.count() >= 2
    frame = graph.bounding_box()
    for index in range(circles.count()):
        box = circles.nth(index).bounding_box()
        # Drawn, inside the picture (a coordinate with a decimal comma draws nothing).
        assert box and box["width"] > 0 and box["height"] > 0
        assert frame["x"] - 1 <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    assert not [message for message in log.messages if message.startswith(("error", "pageerror"))], log.messages
    # The figures open the records they count.
    expect(page.locator(".summary-counts a").first).to_be_visible()
    assert not axe_violations(page) + log.csp_violations


def test_a_swedish_search_travels_without_violations(open_page, site):
    page, log = open_page(language="sv")
    log_in(page, site, "member")
    page.goto(site(reverse("evaluation:learning_list") + "?q=upphandling"))
    expect(page.locator(".search-related")).to_contain_text("udbud*")
    expect(page.locator(".search-beside")).to_have_count(2)
    assert not axe_violations(page) + log.csp_violations
