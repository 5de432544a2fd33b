"""WCAG 2.1 AA (axe-core) and the Content-Security-Policy on the portal's main pages, in
Danish, Swedish and English, as the demo coordinator sees them: the richest version of
each page (their own initiatives with edit actions, the create form). A policy violation
shows in the console ("... violates the following Content Security Policy directive")
and as a `securitypolicyviolation` event; both are collected."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

from .helpers import submit

LANGUAGES = [code for code, _name in settings.LANGUAGES]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FORM_WITH_ERRORS = "/initiatives/add/#sent-empty"
PAGES = {
    "home": "/",
    "initiative-list": "/initiatives/",
    # Måltider och möten för seniorer: Eskilstuna's (the coordinator's), with pilots and phase changes.
    "initiative-detail": "/initiatives/maltider-och-moten-for-seniorer/",
    "initiative-form": "/initiatives/add/",
    # The same form sent back with its errors: the error summary and the fields' messages.
    "initiative-form-errors": FORM_WITH_ERRORS,
    "mission-detail": "/missions/sammenhaeng-i-indsatserne-for-udsatte-familier/",
    "organisation-detail": "/organisations/eskilstuna-kommun/",
    "learning-list": "/learning/",
    # The community agents' wall: cards with capital and links between events.
    "event-wall": "/networks/faellesskabsagenter/events/",
    # The four value domains on one form, for an initiative the coordinator leads.
    "value-form": "/initiatives/maltider-och-moten-for-seniorer/value/add/",
    "value-page": "/initiatives/dementia-friendly-kent/value/",
    "portfolio-shift": "/portfolios/samhallskontraktet/shift/",
}
# Listens from before the page loads; the event also catches what the console might word
# differently.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || ""}:${event.lineNumber || ""}`);
});
"""

axe = Axe()
each_page = pytest.mark.parametrize("path", [pytest.param(path, id=name) for name, path in PAGES.items()])
each_language = pytest.mark.parametrize("language", LANGUAGES)


def open_as_coordinator(open_page, coordinator_state, site, path, language):
    page, log = open_page(language=language, storage_state=coordinator_state)
    page.context.add_init_script(CSP_LISTENER)
    response = page.goto(site(path))
    assert response.status == 200, f"{path} answered {response.status}"
    if path == FORM_WITH_ERRORS:
        submit(page)
        expect(page.locator("#error-summary")).to_be_visible()
        expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("html")).to_have_attribute("lang", language)
    return page, log


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            summary = node["failureSummary"].splitlines()[-1].strip()
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)}: {summary}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def exercise(page, path):
    """Run the page's own scripts the way a user would, so that what they insert is
    checked against the policy too."""
    if path == PAGES["initiative-form"]:
        for button in page.locator("[data-formset-add]").all():
            button.click()
        expect(page.locator("#id_participations-2-organisation")).to_be_attached()
    elif path == PAGES["initiative-list"]:
        with page.expect_response(lambda response: "phase=prototyping" in response.url):
            page.check("input[name=phase][value=prototyping]")
        expect(page.locator("#object-list")).to_be_visible()


@each_language
@each_page
def test_page_has_no_axe_or_csp_violations(open_page, coordinator_state, site, path, language):
    """One page load for both checks (the suite has to stay fast): axe-core on the page as
    served, then the page's scripts at work, then what the policy refused all along."""
    page, log = open_as_coordinator(open_page, coordinator_state, site, path, language)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    exercise(page, path)
    page.wait_for_load_state("networkidle")
    csp_violations = [*log.csp_violations, *page.evaluate("window.__cspViolations")]
    errors = [message for message in log.messages if message.startswith(("error:", "pageerror:"))]

    problems = []
    if violations:
        problems.append(f"axe-core: {len(violations)} violation(s):\n{describe(violations)}")
    if csp_violations:
        problems.append("Content-Security-Policy violations:\n" + "\n".join(csp_violations))
    if errors:
        problems.append("errors in the console:\n" + "\n".join(errors))
    assert not problems, f"{path} [{language}]\n" + "\n".join(problems)
