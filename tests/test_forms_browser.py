"""Signup forms in Chromium against a real local form endpoint, with and without JavaScript.

Two builds of the example project (its content, an edited mkdocs.yml), each served
like GitHub Pages serves a project site (under ``/careers/``). The static server starts before
the build, so ``SITE_URL`` is the served address: the thank-you redirect, the sitemap and
Material's instant navigation work as in production.

- ``site`` (English) posts to a Formspree-like endpoint that lives for the whole module; each
  test starts with its recorded requests cleared and its answers set to "ok".
- ``zh_site`` (``theme.language: zh``) posts to a port where nothing listens: the network
  failure case. Its retry is answered once a real form endpoint starts listening there.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import (
    HOST,
    FormEndpoint,
    RecordedRequest,
    _FormHandler,
    _QuietServer,
    _RunningServer,
    _start_server,
    _StaticHandler,
    run_mkdocs_build,
)
from playwright.sync_api import Browser, Page, expect

from generator.i18n import CATALOG
from tests.fixtures.project import linked_project

PREFIX = "/careers/"
EN, ZH = CATALOG["en"], CATALOG["zh"]
JOB_PREVIEW = "jobs/senior-backend-engineer-route-planning/"
JOIN_FIELDS = {"form", "page", "_next", "_gotcha", "email", "name", "interests", "consent",
               "source", "campaign", "referrer", "relationship"}  # the last four: #17
SERIOUS = ("serious", "critical")
SETTLED = """() => document.getAnimations().every(a => a.playState !== "running")
  && [...document.querySelectorAll(".md-tabs[hidden] .md-tabs__link")]
       .every(link => getComputedStyle(link).opacity === "0")"""


# ------------------------------------------------------------------------------ sites


@dataclass
class ServedSite:
    root: Path
    base: str  # http://127.0.0.1:<port>/careers/
    server: _RunningServer

    def url(self, path: str = "") -> str:
        return self.base + path

    @property
    def thanks(self) -> str:
        return self.url("join/thanks/")


def _project(tmp: Path, endpoint: str, language: str) -> Path:
    """The repository's content (symlinked) with the endpoint and language set: a site in
    that language alone (the example's own two languages are tests/test_languages_site.py's)."""
    return linked_project(tmp / "project", {r"^(\s+endpoint:) \S+\s*$": rf"\1 {endpoint}",
                                            r"^(\s+language:) \S+\s*$": rf"\1 {language}"},
                          one_language=True)


def _serve_and_build(tmp: Path, endpoint: str, language: str) -> ServedSite:
    out = tmp / "site"
    out.mkdir()
    handler = type("SiteHandler", (_StaticHandler,), {"root": out, "prefix": PREFIX})
    server = _start_server(handler)
    site = ServedSite(out, server.origin + PREFIX, server)
    result = run_mkdocs_build(_project(tmp, endpoint, language), out,
                              extra_env={"SITE_URL": site.base})
    if result.returncode != 0:
        server.stop()
        pytest.fail(f"mkdocs build failed:\n{result.stderr}", pytrace=False)
    return site


def _endpoint_server(port: int = 0) -> tuple[FormEndpoint, _RunningServer]:
    """A Formspree-like endpoint (conftest's), on ``port`` or an ephemeral one."""
    endpoint = FormEndpoint()
    handler = type("FormHandler", (_FormHandler,), {"endpoint": endpoint})
    if port == 0:
        running = _start_server(handler)
    else:
        server = _QuietServer((HOST, port), handler)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                  daemon=True)
        thread.start()
        running = _RunningServer(server, thread)
    endpoint.origin = running.origin
    return endpoint, running


@pytest.fixture(scope="module")
def module_endpoint() -> Iterator[FormEndpoint]:
    endpoint, running = _endpoint_server()
    yield endpoint
    running.stop()


@pytest.fixture
def endpoint(module_endpoint: FormEndpoint) -> FormEndpoint:
    module_endpoint.requests.clear()
    module_endpoint.mode = "ok"
    return module_endpoint


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory,
         module_endpoint: FormEndpoint) -> Iterator[ServedSite]:
    served = _serve_and_build(tmp_path_factory.mktemp("forms-en"), module_endpoint.url, "en")
    yield served
    served.server.stop()


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServedSite, int]]:
    closed = FormEndpoint.closed_port_url()
    served = _serve_and_build(tmp_path_factory.mktemp("forms-zh"), closed, "zh")
    yield served, urlsplit(closed).port or 0
    served.server.stop()


# ---------------------------------------------------------------------------- helpers


def fill_join(page: Page, email: str = "ada@example.com") -> None:
    page.fill("#cm-join-email", email)
    page.fill("#cm-join-name", "Ada Lovelace")
    page.check("#cm-join-interest-engineering")
    page.check("#cm-join-interest-berlin")
    page.check("#cm-join-consent")


def assert_join_values_kept(page: Page, email: str = "ada@example.com") -> None:
    expect(page.locator("#cm-join-email")).to_have_value(email)
    expect(page.locator("#cm-join-name")).to_have_value("Ada Lovelace")
    for box in ("engineering", "berlin", "consent"):
        expect(page.locator(f"#cm-join-{'consent' if box == 'consent' else 'interest-' + box}")
               ).to_be_checked()
    expect(page.locator("#cm-join-interest-design")).not_to_be_checked()
    expect(page.locator("#cm-join button[type=submit]")).to_be_enabled()


def assert_join_post(post: RecordedRequest, site: ServedSite) -> None:
    assert {name for name, _ in post.form} == JOIN_FIELDS
    assert post.getall("email") == ["ada@example.com"]
    assert post.getall("name") == ["Ada Lovelace"]
    assert post.getall("interests") == ["engineering", "berlin"]
    assert post.getall("consent") == ["yes"]
    assert post.getall("form") == ["join"]
    assert post.getall("page") == ["/careers/join/"]
    assert post.getall("_next") == [site.thanks]
    assert post.getall("_gotcha") == [""]  # the honeypot is sent empty


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def submit(page: Page, form: str = "#cm-join") -> None:
    page.click(f"{form} button[type=submit]")


# ------------------------------------------------------------------ JavaScript on


def test_fetch_submission_succeeds_in_place(page: Page, site: ServedSite,
                                            endpoint: FormEndpoint) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.url("join/"), wait_until="networkidle")
    fill_join(page)
    submit(page)
    status = page.locator("#cm-join-status")
    expect(status).to_have_text(EN["form.success.join"])
    assert focused_id(page) == "cm-join-status"
    expect(page.locator("#cm-join .cm-form__fields")).to_be_hidden()
    assert page.url == site.url("join/")  # answered in place, not redirected
    assert len(endpoint.posts) == 1
    post = endpoint.posts[0]
    assert post.headers["Accept"] == "application/json"
    assert post.headers["Content-Type"].startswith("multipart/form-data")
    assert_join_post(post, site)
    # No third party: every request went to the site or to the form endpoint; no cookie.
    origins = {f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in requested}
    assert origins <= {site.server.origin, endpoint.origin}, origins
    assert page.context.cookies() == []


def test_double_click_sends_one_request(page: Page, site: ServedSite,
                                        endpoint: FormEndpoint) -> None:
    page.goto(site.url("join/"))
    fill_join(page)
    button = page.locator("#cm-join button[type=submit]")
    # Two clicks in one task: the second comes before any answer can arrive.
    disabled_between = button.evaluate("b => { b.click(); const d = b.disabled; b.click(); "
                                       "return d; }")
    assert disabled_between is True
    expect(page.locator("#cm-join-status")).to_have_text(EN["form.success.join"])
    page.wait_for_timeout(300)
    assert len(endpoint.posts) == 1

    page.goto(site.url("join/"))
    fill_join(page)
    button.dblclick()
    expect(page.locator("#cm-join-status")).to_have_text(EN["form.success.join"])
    page.wait_for_timeout(300)
    assert len(endpoint.posts) == 2


def test_validation_errors_show_by_their_field(page: Page, site: ServedSite,
                                               endpoint: FormEndpoint) -> None:
    endpoint.mode = "invalid"
    page.goto(site.url("join/"))
    fill_join(page)
    submit(page)
    error = page.locator("#cm-join-email-error")
    expect(error).to_have_text("should be an email")  # the provider's own message
    email = page.locator("#cm-join-email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", "cm-join-email-error")
    expect(page.locator("#cm-join-status")).to_have_text(EN["form.invalid"])
    assert focused_id(page) == "cm-join-email"
    assert_join_values_kept(page)
    assert len(endpoint.posts) == 1

    # Editing the field clears its error; sending again works.
    email.fill("ada.lovelace@example.com")
    expect(error).to_be_hidden()
    assert email.get_attribute("aria-invalid") is None
    assert email.get_attribute("aria-describedby") is None
    endpoint.mode = "ok"
    submit(page)
    expect(page.locator("#cm-join-status")).to_have_text(EN["form.success.join"])
    assert endpoint.posts[-1].get("email") == "ada.lovelace@example.com"


def test_server_error_offers_retry_and_keeps_values(page: Page, site: ServedSite,
                                                    endpoint: FormEndpoint) -> None:
    endpoint.mode = "error"
    page.goto(site.url("join/"))
    fill_join(page)
    submit(page)
    status = page.locator("#cm-join-status")
    expect(status.locator("p")).to_have_text(EN["form.server_error"])
    retry = status.locator("button[data-cm-retry]")
    expect(retry).to_have_text(EN["form.retry"])
    assert focused_id(page) == "cm-join-status"
    assert_join_values_kept(page)
    assert len(endpoint.posts) == 1

    endpoint.mode = "ok"
    retry.click()
    expect(status).to_have_text(EN["form.success.join"])
    assert len(endpoint.posts) == 2
    assert_join_post(endpoint.posts[1], site)


def test_network_failure_offers_retry_in_the_site_language(
        page: Page, zh_site: tuple[ServedSite, int]) -> None:
    site, port = zh_site
    page.goto(site.url("join/"))
    fill_join(page)
    submit(page)
    status = page.locator("#cm-join-status")
    expect(status.locator("p")).to_have_text(ZH["form.network_error"])
    retry = status.locator("button[data-cm-retry]")
    expect(retry).to_have_text(ZH["form.retry"])
    assert focused_id(page) == "cm-join-status"
    assert_join_values_kept(page)

    # The endpoint comes back: the same port now answers, and the retry goes through.
    endpoint, running = _endpoint_server(port)
    try:
        retry.click()
        expect(status).to_have_text(ZH["form.success.join"])
        assert len(endpoint.posts) == 1
        assert_join_post(endpoint.posts[0], site)
    finally:
        running.stop()


def test_form_still_fetches_after_instant_navigation(page: Page, site: ServedSite,
                                                     endpoint: FormEndpoint) -> None:
    page.goto(site.url(), wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.click(".cm-signup__more a")
    page.wait_for_url(site.url("join/"))
    expect(page.locator("#cm-join")).to_be_visible()
    # Material swapped the page in: the document (and this marker) survived.
    assert page.evaluate("window.__sameDocument") is True
    fill_join(page)
    submit(page)
    expect(page.locator("#cm-join-status")).to_have_text(EN["form.success.join"])
    assert page.url == site.url("join/")
    assert len(endpoint.posts) == 1
    assert endpoint.posts[0].headers["Accept"] == "application/json"
    assert_join_post(endpoint.posts[0], site)


def test_required_email_and_consent_block_submission(page: Page, site: ServedSite,
                                                     endpoint: FormEndpoint) -> None:
    page.goto(site.url("join/"))
    email = page.locator("#cm-join-email")
    consent = page.locator("#cm-join-consent")
    submit(page)
    expect(page.locator("#cm-join-email-error")).to_have_text(EN["form.error.email_required"])
    expect(page.locator("#cm-join-email-error")).to_be_visible()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#cm-join-consent-error")).to_have_text(
        EN["form.error.consent_required"])

    email.fill("not-an-email")
    submit(page)
    expect(page.locator("#cm-join-email-error")).to_have_text(EN["form.error.email_invalid"])

    email.fill("ada@example.com")
    submit(page)
    expect(page.locator("#cm-join-email-error")).to_be_hidden()
    expect(page.locator("#cm-join-consent-error")).to_be_visible()
    assert consent.evaluate("c => c.validity.valueMissing") is True
    page.wait_for_timeout(200)
    assert endpoint.posts == []
    assert page.url == site.url("join/")

    consent.check()
    expect(page.locator("#cm-join-consent-error")).to_be_hidden()
    submit(page)
    expect(page.locator("#cm-join-status")).to_have_text(EN["form.success.join"])
    assert len(endpoint.posts) == 1


def test_job_preview_and_event_forms_carry_their_entry(page: Page, site: ServedSite,
                                                       endpoint: FormEndpoint) -> None:
    page.goto(site.url(JOB_PREVIEW))
    page.fill("#cm-job-email", "ada@example.com")
    page.check("#cm-job-consent")
    submit(page, "#cm-job")
    expect(page.locator("#cm-job-status")).to_have_text(EN["form.success.job-interest"])
    job = endpoint.posts[-1]
    assert (job.get("form"), job.get("job"), job.get("page"), job.get("_next")) == (
        "job-interest", "senior-backend-engineer-route-planning", "/careers/" + JOB_PREVIEW,
        site.thanks)
    assert job.get("email") == "ada@example.com" and job.get("consent") == "yes"

    event = _event_with_form(site)
    page.goto(site.url(event))
    page.fill("#cm-event-email", "ada@example.com")
    page.fill("#cm-event-name", "Ada")
    page.check("#cm-event-consent")
    submit(page, "#cm-event")
    expect(page.locator("#cm-event-status")).to_have_text(
        EN["form.success.event-registration"])
    registration = endpoint.posts[-1]
    assert (registration.get("form"), registration.get("event"), registration.get("page"),
            registration.get("name")) == ("event-registration", event.split("/")[1],
                                          "/careers/" + event, "Ada")
    assert len(endpoint.posts) == 2


def _event_with_form(site: ServedSite) -> str:
    for page in sorted((site.root / "events").glob("*/index.html")):
        if 'id="cm-event"' in page.read_text(encoding="utf-8"):
            return f"events/{page.parent.name}/"
    pytest.fail("no event page carries a registration form")


# ------------------------------------------------------------------ JavaScript off


@pytest.fixture
def no_js_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_plain_post_without_javascript(no_js_page: Page, site: ServedSite,
                                       endpoint: FormEndpoint) -> None:
    page = no_js_page
    page.goto(site.url("join/"))
    fill_join(page)
    submit(page)
    page.wait_for_url(site.thanks)
    expect(page.locator("h1")).to_have_text(EN["thanks.title"])
    assert len(endpoint.posts) == 1
    post = endpoint.posts[0]
    assert "application/json" not in post.headers.get("Accept", "")
    assert post.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert_join_post(post, site)


def test_required_fields_block_plain_post(no_js_page: Page, site: ServedSite,
                                          endpoint: FormEndpoint) -> None:
    page = no_js_page
    page.goto(site.url("join/"))
    submit(page)
    email = page.locator("#cm-join-email")
    assert email.evaluate("e => e.validity.valueMissing && e.validationMessage !== ''")
    email.fill("ada@example.com")
    submit(page)
    consent = page.locator("#cm-join-consent")
    assert consent.evaluate("c => c.validity.valueMissing && c.validationMessage !== ''")
    page.wait_for_timeout(200)
    assert page.url == site.url("join/")
    assert endpoint.posts == []


# ----------------------------------------------------------------------- axe-core


def _serious(page: Page) -> list[str]:
    # Material fades its tabs out when the page scrolls (focus moved down to a field), a
    # moment after the scroll: measure colours once that has settled, not half-way through.
    page.wait_for_timeout(300)
    page.wait_for_function(SETTLED)
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in results.response["violations"] if v["impact"] in SERIOUS]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["join/", "", JOB_PREVIEW, "event"])
def test_no_serious_accessibility_violations(page: Page, site: ServedSite, path: str,
                                             scheme: str) -> None:
    target = _event_with_form(site) if path == "event" else path
    page.emulate_media(color_scheme=scheme)  # Material follows it: default or slate palette
    page.goto(site.url(target), wait_until="networkidle")
    assert _serious(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violations_in_the_error_states(page: Page, site: ServedSite,
                                                   endpoint: FormEndpoint, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url("join/"), wait_until="networkidle")
    submit(page)  # the browser's checks: inline messages
    expect(page.locator("#cm-join-email-error")).to_be_visible()
    assert _serious(page) == []
    endpoint.mode = "invalid"
    fill_join(page)
    submit(page)
    expect(page.locator("#cm-join-email-error")).to_have_text("should be an email")
    assert _serious(page) == []
    endpoint.mode = "error"
    submit(page)
    expect(page.locator("#cm-join-status button")).to_be_visible()
    assert _serious(page) == []
    endpoint.mode = "ok"
    page.click("#cm-join-status button")
    expect(page.locator("#cm-join-status")).to_have_text(EN["form.success.join"])
    assert _serious(page) == []
