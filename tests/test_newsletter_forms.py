"""Newsletter providers (Buttondown, Mailchimp): the forms, their settings and the README.

- Without a browser: the forms the real templates render for each provider (lxml), the
  ``signup.segments`` / ``signup.tags`` settings errors with their mkdocs.yml lines, and the
  README's table of provider fields read back and compared with the rendered forms.
- In Chromium: the example project built with each provider, posting to a local server that
  answers like the service (its own HTML pages, no CORS), with JavaScript on and off; the
  fields, tags or interest groups and the honeypot of a member who ticks two segments, and a
  missing consent that stops the form in the browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import pytest
from conftest import REPO_ROOT, RecordedRequest, _RunningServer, _start_server, parse_form
from playwright.sync_api import Browser, Page, expect

from generator.errors import ContentError
from generator.forms import SignupForms
from generator.i18n import CATALOG, Translator
from generator.settings import load_settings
from tests.fixtures.project import linked_project
from tests.test_forms import PRIVACY, SEGMENTS, hidden_fields, join_form, make_settings, make_site
from tests.test_forms_browser import PREFIX, ServedSite, _StaticHandler, run_mkdocs_build

MAILCHIMP_GROUPS = {"engineering": "group[20345][1]", "design": "group[20345][2]",
                    "data": "group[20345][4]", "operations": "group[20345][8]",
                    "berlin": "group[20346][1]", "shanghai": "group[20346][2]",
                    "remote": "group[20346][4]"}
MAILCHIMP = {"provider": "mailchimp", "privacy_url": PRIVACY,
             "endpoint": "https://northwind.us21.list-manage.com/subscribe/post"
                         "?u=1a2b3c&id=4d5e6f",
             "segments": MAILCHIMP_GROUPS, "tags": ["2006303", "2006304"]}
BUTTONDOWN = {"provider": "buttondown", "privacy_url": PRIVACY,
              "endpoint": "https://buttondown.com/api/emails/embed-subscribe/northwind",
              "segments": {"engineering": "Team: Engineering"}, "tags": ["website"]}
SETTINGS = {"buttondown": BUTTONDOWN, "mailchimp": MAILCHIMP}


def visible(form: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    return [(i.get("name"), i.get("value") or "")
            for i in form.xpath(".//input[not(@type='hidden')]")]


# ----------------------------------------------------------------------- the forms


def test_buttondown_join_form() -> None:
    form = join_form(make_settings(BUTTONDOWN))
    assert form.get("action") == BUTTONDOWN["endpoint"]
    assert form.get("data-cm-fetch") is None  # no in-page answer: a plain POST
    assert hidden_fields(form) == {"metadata__form": "join", "metadata__page": "/careers/join/",
                                   "tag": "website", "embed": "1", "metadata__source": "",
                                   "metadata__campaign": "", "metadata__referrer": ""}
    assert form.xpath(".//*[@aria-hidden='true']//input") == []  # no honeypot documented
    assert visible(form) == [
        ("email", ""), ("metadata__name", ""),
        ("tag", "Team: Engineering"), ("tag", "design"), ("tag", "data"),
        ("tag", "operations"), ("tag", "berlin"), ("tag", "shanghai"), ("tag", "remote"),
        ("metadata__consent", "yes")]


def test_mailchimp_join_form() -> None:
    form = join_form(make_settings(MAILCHIMP))
    assert form.get("action") == MAILCHIMP["endpoint"]
    assert form.get("data-cm-fetch") is None
    # Mailchimp keeps only audience fields: form/page are not sent; tags are comma-separated.
    assert hidden_fields(form) == {"tags": "2006303,2006304"}
    trap = form.xpath(".//*[@aria-hidden='true']//input")
    assert [(t.get("name"), t.get("value"), t.get("tabindex")) for t in trap] == [
        ("b_1a2b3c_4d5e6f", "", "-1")]
    assert visible(form) == [
        ("b_1a2b3c_4d5e6f", ""), ("EMAIL", ""), ("FNAME", ""),
        ("group[20345][1]", "1"), ("group[20345][2]", "2"), ("group[20345][4]", "4"),
        ("group[20345][8]", "8"), ("group[20346][1]", "1"), ("group[20346][2]", "2"),
        ("group[20346][4]", "4"), ("consent", "yes")]
    # Labels still point at their boxes (ids from segment ids, not provider names).
    for box in form.xpath(".//input[starts-with(@name, 'group[')]"):
        assert form.xpath(f".//label[@for='{box.get('id')}']")


def test_entry_forms_carry_the_entry_as_metadata() -> None:
    """A preview's form tells Buttondown which role it is about; Mailchimp gets no extra."""
    from generator.build import build
    from tests.test_forms import NOW

    for provider, expected in [("buttondown", {"metadata__form": "job-interest",
                                               "metadata__job": "{slug}", "tag": "website",
                                               "metadata__page": "/careers/jobs/{slug}/",
                                               "embed": "1"}),
                               ("mailchimp", {"tags": "2006303,2006304"})]:
        settings = make_settings(SETTINGS[provider])
        output = build(make_site(), settings, NOW)
        forms = SignupForms(make_site(), settings, Translator("en"))
        preview = next(e for e in output.entries if e.kind == "jobs" and e.state == "preview")
        form = forms.for_entry(preview)
        assert form is not None
        pairs = dict(form.hidden)
        assert len(pairs) == len(form.hidden)
        assert pairs == {k: v.format(slug=preview.slug) for k, v in expected.items()}


# ------------------------------------------------------------------------ settings


SETTINGS_ERRORS = [
    ({**MAILCHIMP, "segments": {**MAILCHIMP_GROUPS, "data": "20345-4"}},
     "signup.segments.data", "'20345-4' is not a Mailchimp interest group field"),
    ({**MAILCHIMP, "segments": {"engineering": "group[1][1]"}},
     "signup.segments", "every segment needs its Mailchimp interest group; missing: berlin, "
     "data, design, operations, remote, shanghai"),
    ({**MAILCHIMP, "segments": {**MAILCHIMP_GROUPS, "munich": "group[1][16]"}},
     "signup.segments.munich", "'munich' is not a declared segment"),
    ({**MAILCHIMP, "tags": ["2006303", "website"]},
     "signup.tags[1]", "'website' is not a Mailchimp tag id"),
    ({**MAILCHIMP, "endpoint": "https://northwind.us21.list-manage.com/subscribe/post?u=1a"},
     "signup.endpoint", "must be the action of Mailchimp's embedded form"),
    ({**MAILCHIMP, "endpoint": "https://mailchimp.example.com/subscribe/post?u=1&id=2"},
     "signup.endpoint", "must be the action of Mailchimp's embedded form"),
    ({**BUTTONDOWN, "endpoint": "https://buttondown.com/northwind"},
     "signup.endpoint", "must be Buttondown's form action"),
    ({**BUTTONDOWN, "segments": {"munich": "Munich"}},
     "signup.segments.munich", "'munich' is not a declared segment"),
    ({**BUTTONDOWN, "subject": "New member"},
     "signup.subject", "provider buttondown takes no subject field"),
    ({"provider": "formspree", "endpoint": "https://formspree.io/f/x", "privacy_url": PRIVACY,
      "segments": {"data": "x"}},
     "signup.segments", "is only used by the newsletter providers (buttondown, mailchimp)"),
    ({"provider": "basin", "endpoint": "https://usebasin.com/f/x", "privacy_url": PRIVACY,
      "tags": ["x"]},
     "signup.tags", "is only used by the newsletter providers"),
]


@pytest.mark.parametrize(("signup", "key", "message"), SETTINGS_ERRORS,
                         ids=[f"{case[1]}-{i}" for i, case in enumerate(SETTINGS_ERRORS)])
def test_settings_errors(signup: dict[str, Any], key: str, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        make_settings(signup)
    problems = caught.value.problems
    assert [p.field for p in problems] == [f"plugins.community.{key}"]
    assert message in problems[0].message


def test_segment_mapping_errors_name_their_mkdocs_yml_lines(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nplugins:\n  - community:\n      organization: {name: N}\n"
        "      segments:\n        teams:\n          title: Teams\n"
        "          values: {data: Data, design: Design}\n"
        "      signup:\n        provider: mailchimp\n"
        "        endpoint: https://x.us1.list-manage.com/subscribe/post?u=a&id=b\n"
        "        privacy_url: privacy/\n"
        "        segments:\n"
        "          data: group[7][1]\n"
        "          design: groups[7][2]\n"
        "          desgin: group[7][2]\n", encoding="utf-8")
    options = {"organization": {"name": "N"},
               "segments": {"teams": {"title": "Teams",
                                      "values": {"data": "Data", "design": "Design"}}},
               "signup": {"provider": "mailchimp", "privacy_url": "privacy/",
                          "endpoint": "https://x.us1.list-manage.com/subscribe/post?u=a&id=b",
                          "segments": {"data": "group[7][1]", "design": "groups[7][2]",
                                       "desgin": "group[7][2]"}}}
    with pytest.raises(ContentError) as caught:
        load_settings(options, config)
    assert [str(p) for p in caught.value.problems] == [
        "mkdocs.yml:15: plugins.community.signup.segments.design: 'groups[7][2]' is not a "
        "Mailchimp interest group field; copy the checkbox's name from the embedded form's "
        "code, like group[12345][1]",
        "mkdocs.yml:16: plugins.community.signup.segments.desgin: 'desgin' is not a declared "
        "segment (declared in mkdocs.yml: data, design)",
    ]


def test_local_endpoints_are_accepted_for_tests() -> None:
    for provider, endpoint in [("buttondown",
                                "http://127.0.0.1:8000/api/emails/embed-subscribe/northwind"),
                               ("mailchimp", "http://127.0.0.1:8000/subscribe/post?u=a&id=b")]:
        settings = make_settings({**SETTINGS[provider], "endpoint": endpoint})
        assert settings.signup is not None and settings.signup.endpoint == endpoint


# ---------------------------------------------------------- the README's field table


def readme_fields() -> dict[str, dict[str, str]]:
    """The README's newsletter table: row label -> {provider: cell}."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- newsletter-fields:start -->")[1].split(
        "<!-- newsletter-fields:end -->")[0].strip().splitlines()
    header = [cell.strip(" `") for cell in table[0].strip("|").split("|")]
    rows = {}
    for line in table[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0]] = dict(zip(header[1:], cells[1:], strict=True))
    return rows


def code(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def pattern(template: str) -> re.Pattern[str]:
    """`<name>` placeholders become groups; a placeholder used twice must match the same text."""
    seen: set[str] = set()

    def group(match: re.Match[str]) -> str:
        name = re.sub(r"\W", "_", match.group(1))
        if name in seen:
            return f"(?P={name})"
        seen.add(name)
        return rf"(?P<{name}>[^/?&\[\]]+)"

    parts = re.split(r"(<[^>]+>)", template)
    return re.compile("".join(group(re.match(r"<([^>]+)>", part)) if part.startswith("<")
                              else re.escape(part) for part in parts if part))


@pytest.mark.parametrize("provider", ["buttondown", "mailchimp"])
def test_readme_fields_match_the_rendered_forms(provider: str) -> None:
    rows = {label: cells[f"{provider}"] for label, cells in readme_fields().items()}
    settings = make_settings(SETTINGS[provider])
    form = join_form(settings)
    hidden = [(i.get("name"), i.get("value")) for i in form.xpath(".//input[@type='hidden']")]
    action = form.get("action")

    assert pattern(code(rows["form action"])[0]).fullmatch(action), action
    assert form.xpath(".//input[@type='email']/@name") == code(rows["email"])
    assert form.xpath(".//input[@autocomplete='name']/@name") == code(rows["name"])
    consent = form.xpath(".//input[@data-cm-field='consent']")[0]
    assert [consent.get("name"), consent.get("value")] == code(rows["consent"])

    name_pattern, *value_pattern = code(rows["ticked segment"])
    boxes = form.xpath(".//input[@data-cm-field='interests']")
    assert len(boxes) == 7
    for box in boxes:
        if value_pattern:
            assert pattern(f"{name_pattern}={value_pattern[0]}").fullmatch(
                f"{box.get('name')}={box.get('value')}"), box.get("name")
        else:
            assert box.get("name") == name_pattern

    tag_names = code(rows["every signup (`signup.tags`)"])
    tags = SETTINGS[provider]["tags"]
    if "once per tag" in rows["every signup (`signup.tags`)"]:
        assert [v for n, v in hidden if n == tag_names[0]] == tags
    else:
        assert [v for n, v in hidden if n == tag_names[0]] == [",".join(tags)]

    context = code(rows["form, page, job, event"])
    names = {n for n, _ in hidden}
    if context:
        assert {"metadata__form", "metadata__page"} <= names
        assert all(name.startswith("metadata__") for name in context)
    else:
        assert rows["form, page, job, event"] == "not sent"
        assert names.isdisjoint({"form", "page", "job", "event"})

    traps = form.xpath(".//*[@aria-hidden='true']//input/@name")
    if rows["honeypot"] == "none":
        assert traps == []
    else:
        query = dict(part.split("=") for part in urlsplit(action).query.split("&"))
        expected = code(rows["honeypot"])[0].replace("<u>", query["u"]).replace(
            "<id>", query["id"])
        assert traps == [expected]

    also = code(rows["also sent"])
    assert [pair for pair in hidden if pair[0] in also[::2]] == list(
        zip(also[::2], also[1::2], strict=True))
    assert rows["in-page answer"] == "none"
    assert form.get("data-cm-fetch") is None


# ----------------------------------------------------------- Chromium, local services


@dataclass
class Service:
    """A local server answering like the newsletter service: its own pages, no CORS."""

    name: str
    requests: list[RecordedRequest]
    origin: str = ""

    @property
    def posts(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == "POST"]

    @property
    def endpoint(self) -> str:
        if self.name == "buttondown":
            return f"{self.origin}/api/emails/embed-subscribe/northwind"
        return f"{self.origin}/subscribe/post?u=1a2b3c&id=4d5e6f"


CONFIRM_PAGE = (b"<!doctype html><html lang=en><title>Confirm</title>"
                b"<h1>Almost there: check your inbox to confirm</h1></html>")
ERROR_PAGE = b"<!doctype html><html lang=en><title>Error</title><h1>Invalid email</h1></html>"


def _service_handler(service: Service) -> type:
    from http.server import BaseHTTPRequestHandler

    class Handler(BaseHTTPRequestHandler):
        def _page(self, status: int, body: bytes, location: str | None = None) -> None:
            self.send_response(status)  # no Access-Control-* header: like the real services
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            service.requests.append(RecordedRequest("GET", self.path, dict(self.headers), [],
                                                    b""))
            self._page(HTTPStatus.OK, CONFIRM_PAGE)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            form = parse_form(self.headers.get("Content-Type", ""), body)
            service.requests.append(RecordedRequest("POST", self.path, dict(self.headers),
                                                    form, body))
            email = dict(form).get("email" if service.name == "buttondown" else "EMAIL", "")
            if "@" not in email:
                self._page(HTTPStatus.BAD_REQUEST, ERROR_PAGE)
            elif service.name == "buttondown":  # Buttondown redirects to its own page
                self._page(HTTPStatus.SEE_OTHER, b"", "/northwind/confirm")
            else:  # Mailchimp answers the POST with its "almost finished" page
                self._page(HTTPStatus.OK, CONFIRM_PAGE)

        def do_OPTIONS(self) -> None:  # a CORS preflight gets no CORS answer
            service.requests.append(RecordedRequest("OPTIONS", self.path, dict(self.headers),
                                                    [], b""))
            self._page(HTTPStatus.METHOD_NOT_ALLOWED, b"")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def _yaml_lines(provider: str, endpoint: str) -> dict[str, str]:
    settings = SETTINGS[provider]
    segments = ", ".join(f'{key}: "{value}"' for key, value in settings["segments"].items())
    tags = ", ".join(f'"{tag}"' for tag in settings["tags"])
    return {r"^(\s+)provider: formspree\s*$": rf"\1provider: {provider}",
            r"^(\s+endpoint:) \S+\s*$": rf"\1 {endpoint}",
            r"^(\s+)privacy_url: privacy/\s*$":
                rf"\1privacy_url: privacy/\n\1segments: {{{segments}}}\n\1tags: [{tags}]"}


@pytest.fixture(scope="module", params=["buttondown", "mailchimp"])
def served(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServedSite, Service]]:
    provider = request.param
    service = Service(provider, [])
    running_service: _RunningServer = _start_server(_service_handler(service))
    service.origin = running_service.origin
    tmp = tmp_path_factory.mktemp(f"newsletter-{provider}")
    out = tmp / "site"
    out.mkdir()
    handler = type("SiteHandler", (_StaticHandler,), {"root": out, "prefix": PREFIX})
    server = _start_server(handler)
    site = ServedSite(out, server.origin + PREFIX, server)
    project = linked_project(tmp / "project", _yaml_lines(provider, service.endpoint))
    result = run_mkdocs_build(project, out, extra_env={"SITE_URL": site.base})
    if result.returncode != 0:
        server.stop()
        running_service.stop()
        pytest.fail(f"mkdocs build failed:\n{result.stderr}", pytrace=False)
    yield site, service
    server.stop()
    running_service.stop()


def expected_post(provider: str) -> list[tuple[str, str]]:
    if provider == "buttondown":
        # The example is in two languages: the member's language goes along (issue 18).
        return [("metadata__form", "join"), ("metadata__page", "/careers/join/"),
                ("metadata__language", "en"),
                ("tag", "website"), ("embed", "1"), ("metadata__source", ""),
                ("metadata__campaign", ""), ("metadata__referrer", ""),
                ("email", "ada@example.com"), ("metadata__name", "Ada Lovelace"),
                ("tag", "Team: Engineering"), ("tag", "berlin"),
                ("metadata__relationship", ""), ("metadata__consent", "yes")]
    return [("LANGUAGE", "en"), ("tags", "2006303,2006304"), ("b_1a2b3c_4d5e6f", ""),
            ("EMAIL", "ada@example.com"), ("FNAME", "Ada Lovelace"),
            ("group[20345][1]", "1"), ("group[20346][1]", "1"), ("consent", "yes")]


def fill_and_send(page: Page, consent: bool = True) -> None:
    page.fill("#cm-join-email", "ada@example.com")
    page.fill("#cm-join-name", "Ada Lovelace")
    page.check("#cm-join-interest-engineering")
    page.check("#cm-join-interest-berlin")
    if consent:
        page.check("#cm-join-consent")
    page.click("#cm-join button[type=submit]")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_member_with_two_segments_reaches_the_service(
        browser: Browser, served: tuple[ServedSite, Service], javascript: bool) -> None:
    site, service = served
    service.requests.clear()
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.resource_type) if r.method == "POST" else None)
    page.goto(site.url("join/"), wait_until="networkidle")
    with page.expect_navigation():
        fill_and_send(page)
    expect(page.locator("h1")).to_have_text("Almost there: check your inbox to confirm")
    assert urlsplit(page.url).netloc == urlsplit(service.origin).netloc
    assert posts == ["document"]  # the browser's own POST, never fetch or XHR
    assert [r.method for r in service.requests if r.method != "GET"] == ["POST"]
    post = service.posts[0]
    assert post.headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert post.form == expected_post(service.name)
    context.close()


def test_consent_is_required_before_anything_is_sent(
        browser: Browser, served: tuple[ServedSite, Service]) -> None:
    site, service = served
    service.requests.clear()
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url("join/"), wait_until="networkidle")
    fill_and_send(page, consent=False)
    error = page.locator("#cm-join-consent-error")
    expect(error).to_have_text(CATALOG["en"]["form.error.consent_required"])
    expect(page.locator("#cm-join-consent")).to_have_attribute("aria-invalid", "true")
    assert page.url == site.url("join/")
    assert service.requests == []
    # Ticking the box clears the message; the email typed is still there.
    page.check("#cm-join-consent")
    expect(error).to_have_text("")
    expect(page.locator("#cm-join-email")).to_have_value("ada@example.com")
    context.close()


def test_settings_segments_are_the_example_sites(tmp_path: Path) -> None:
    """The mapping used above covers exactly the example site's segments."""
    declared = {v for axis in SEGMENTS.values() for v in axis["values"]}
    assert set(MAILCHIMP_GROUPS) == declared
