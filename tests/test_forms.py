"""Signup forms without a browser: provider field names, settings errors, where forms appear.

Each provider's form is rendered by the real core (settings validated by pydantic, pages
rendered from the real templates) and parsed with lxml; the expected names below are written
out from each provider's documentation, not read back from generator/forms.py. The example
site (the real `mkdocs build`, session fixture) shows which page carries which form.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from conftest import REPO_ROOT
from fixtures.project import one_language_content

from generator.build import build
from generator.errors import ContentError
from generator.forms import SignupForms, join_pages
from generator.i18n import CATALOG, Translator
from generator.providers import PROVIDERS
from generator.render import PageRenderer, make_environment
from generator.settings import Settings, Site, load_settings

SITE_URL = "https://northwind.github.io/careers/"
THANKS = SITE_URL + "join/thanks/"
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)
SEGMENTS = {  # the example site's, so that the core can build its content
    "teams": {"title": "Teams", "values": {"engineering": "Engineering", "design": "Design",
                                           "data": "Data", "operations": "Operations"}},
    "locations": {"title": "Locations", "values": {"berlin": "Berlin", "shanghai": "上海",
                                                   "remote": "Remote"}},
}
PRIVACY = "privacy/"
ATTRIBUTION = {"source": "", "campaign": "", "referrer": ""}  # filled in by attribution.js

# provider -> (endpoint, extra settings, expected hidden fields besides form and page,
#              honeypot name, expected fetch endpoint)
PROVIDER_CASES: dict[str, tuple[str, dict[str, str], dict[str, str], str, str]] = {
    "formspree": (
        "https://formspree.io/f/xyzabcd", {"subject": "New member"},
        {"_next": THANKS, "_subject": "New member"}, "_gotcha",
        "https://formspree.io/f/xyzabcd",
    ),
    "formspark": (
        "https://submit-form.com/abc123", {},
        {"_redirect": THANKS}, "_honeypot", "https://submit-form.com/abc123",
    ),
    "formsubmit": (
        "https://formsubmit.co/0123abcd", {"subject": "New member"},
        {"_next": THANKS, "_subject": "New member", "_captcha": "false"}, "_honey",
        "https://formsubmit.co/ajax/0123abcd",
    ),
    "web3forms": (
        "https://api.web3forms.com/submit", {"access_key": "0000-key", "subject": "New member"},
        {"redirect": THANKS, "subject": "New member", "access_key": "0000-key"}, "botcheck",
        "https://api.web3forms.com/submit",
    ),
    "basin": (
        "https://usebasin.com/f/abcdef123456", {},
        {"_redirect": THANKS}, "_gotcha", "https://usebasin.com/f/abcdef123456",
    ),
    "generic": (
        "https://forms.example.org/submit/7", {"subject": "New member"},
        {"_next": THANKS, "_subject": "New member"}, "_gotcha",
        "https://forms.example.org/submit/7",
    ),
}


def make_site(language: str = "en", docs_dir: Path | None = None) -> Site:
    """A one-language site (settings without ``languages``): by default the example's content
    without its Chinese translations."""
    return Site(name="Northwind careers", url=SITE_URL, language=language,
                docs_dir=docs_dir or one_language_content(), shown_docs_dir="content/")


# What the example's landing pages (content/join/*.md) name: they must be declared.
ATTRIBUTION_SETTINGS = {"sources": {"runner-up": "Runner-up letter", "alumni": "Alumni"},
                        "relationships": {"past-applicant": "Past applicant",
                                          "former-employee": "Former employee"}}


def make_settings(signup: dict[str, Any] | None) -> Settings:
    options: dict[str, Any] = {"organization": {"name": "Northwind"}, "segments": SEGMENTS,
                               "attribution": ATTRIBUTION_SETTINGS}
    if signup is not None:
        options["signup"] = signup
    return load_settings(options, None)


def join_form(settings: Settings, language: str = "en") -> lxml.html.HtmlElement:
    site, t = make_site(language), Translator(language)
    forms = SignupForms(site, settings, t)
    renderer = PageRenderer(site, settings, make_environment(), t=t, forms=forms)
    join = next(page for page in join_pages(renderer, forms) if page.url == "join/")
    forms = lxml.html.fragment_fromstring(join.html, create_parent="div").xpath("//form")
    assert len(forms) == 1
    return forms[0]


def hidden_fields(form: lxml.html.HtmlElement) -> dict[str, str]:
    pairs = [(i.get("name"), i.get("value")) for i in form.xpath(".//input[@type='hidden']")]
    assert len(pairs) == len(dict(pairs)), f"a hidden field repeats: {pairs}"
    return dict(pairs)


# ----------------------------------------------------------------------- providers


def test_every_provider_is_tested() -> None:
    newsletters = {"buttondown", "mailchimp"}  # tests/test_newsletter_forms.py
    assert set(PROVIDERS) == set(PROVIDER_CASES) | newsletters


@pytest.mark.parametrize("provider", sorted(PROVIDER_CASES))
def test_provider_field_names(provider: str) -> None:
    endpoint, extra, expected, honeypot, fetch_endpoint = PROVIDER_CASES[provider]
    settings = make_settings({"provider": provider, "endpoint": endpoint,
                              "privacy_url": PRIVACY, **extra})
    form = join_form(settings)
    plain_endpoint = endpoint.replace("/ajax/", "/")
    assert form.get("action") == plain_endpoint
    assert form.get("method") == "post"
    assert form.get("data-cm-fetch") == fetch_endpoint
    assert hidden_fields(form) == {"form": "join", "page": "/careers/join/", **ATTRIBUTION,
                                   **expected}
    traps = form.xpath(".//*[@aria-hidden='true']//input")
    assert [trap.get("name") for trap in traps] == [honeypot]
    trap = traps[0]
    assert (trap.get("type"), trap.get("value"), trap.get("tabindex"),
            trap.get("autocomplete")) == ("text", "", "-1", "off")
    assert "cm-form__trap" in trap.getparent().get("class")
    visible = {i.get("name") for i in form.xpath(".//input[not(@type='hidden')]")}
    assert visible == {"email", "name", "interests", "consent", honeypot}


def test_formsubmit_endpoint_given_as_ajax_still_posts_to_the_plain_one() -> None:
    settings = make_settings({"provider": "formsubmit", "privacy_url": PRIVACY,
                              "endpoint": "https://formsubmit.co/ajax/0123abcd"})
    form = join_form(settings)
    assert form.get("action") == "https://formsubmit.co/0123abcd"
    assert form.get("data-cm-fetch") == "https://formsubmit.co/ajax/0123abcd"


def test_subject_is_only_sent_when_configured() -> None:
    settings = make_settings({"provider": "formspree", "endpoint": "https://formspree.io/f/x",
                              "privacy_url": PRIVACY})
    assert hidden_fields(join_form(settings)) == {"form": "join", "page": "/careers/join/",
                                                  **ATTRIBUTION, "_next": THANKS}


def test_join_form_fields() -> None:
    settings = make_settings({"provider": "formspree", "endpoint": "https://formspree.io/f/x",
                              "privacy_url": PRIVACY})
    form = join_form(settings)
    email = form.xpath(".//input[@name='email']")[0]
    assert (email.get("type"), email.get("autocomplete")) == ("email", "email")
    assert email.get("required") is not None
    label = form.xpath(f".//label[@for='{email.get('id')}']")[0]
    assert label.text_content().startswith("Email address")
    name = form.xpath(".//input[@name='name']")[0]
    assert (name.get("type"), name.get("autocomplete"), name.get("required")) == (
        "text", "name", None)

    # Interests: one fieldset with a legend per segment axis, one checkbox per segment id.
    axes = form.xpath(".//fieldset[fieldset]/fieldset")
    assert [axis.xpath("./legend")[0].text_content() for axis in axes] == ["Teams", "Locations"]
    grouped = [[(box.get("value"), form.xpath(f".//label[@for='{box.get('id')}']")[0]
                 .text_content()) for box in axis.xpath(".//input[@name='interests']")]
               for axis in axes]
    assert grouped == [[("engineering", "Engineering"), ("design", "Design"), ("data", "Data"),
                        ("operations", "Operations")],
                       [("berlin", "Berlin"), ("shanghai", "上海"), ("remote", "Remote")]]
    assert all(box.get("type") == "checkbox" and box.get("checked") is None
               for box in form.xpath(".//input[@name='interests']"))

    consent = form.xpath(".//input[@name='consent']")[0]
    assert (consent.get("type"), consent.get("value")) == ("checkbox", "yes")
    assert consent.get("required") is not None
    consent_label = form.xpath(f".//label[@for='{consent.get('id')}']")[0]
    assert [a.get("href") for a in consent_label.xpath(".//a")] == ["../privacy/"]
    assert "Northwind" in consent_label.text_content()

    # Every id is unique and every visible control has a label.
    ids = form.xpath(".//@id")
    assert len(ids) == len(set(ids))
    for control in form.xpath(".//input[not(@type='hidden')]"):
        assert form.xpath(f".//label[@for='{control.get('id')}']"), control.get("name")
    assert form.xpath(".//*[@role='status'][@aria-live='polite']")


def test_strings_for_the_script_come_from_the_catalog_in_the_site_language() -> None:
    settings = make_settings({"provider": "formspree", "endpoint": "https://formspree.io/f/x",
                              "privacy_url": "https://northwind.example/privacy"})
    for language in ("en", "zh"):
        form = join_form(settings, language)
        strings = json.loads(form.get("data-cm-strings"))
        catalog = CATALOG[language]
        assert strings["success"] == catalog["form.success.join"]
        assert strings["network"] == catalog["form.network_error"]
        assert strings["retry"] == catalog["form.retry"]
        assert strings["required_email"] == catalog["form.error.email_required"]
        assert form.xpath(".//button[@type='submit']")[0].text_content() == (
            catalog["form.submit.join"])
        consent = form.xpath(".//input[@name='consent']/following-sibling::label")[0]
        assert consent.xpath(".//a/@href") == ["https://northwind.example/privacy"]
        assert consent.xpath(".//a")[0].text_content() == catalog["form.privacy"]


def test_catalog_has_every_form_string_in_both_languages() -> None:
    keys = {key for key in CATALOG["en"] if key.split(".")[0] in ("form", "join", "thanks")}
    assert keys and keys <= set(CATALOG["zh"])
    assert [key for key in keys if not CATALOG["zh"][key]
            or CATALOG["zh"][key] == CATALOG["en"][key]] == []


def test_no_english_left_in_the_script() -> None:
    """forms.js shows only catalog text: no sentence of its own in a string literal."""
    script = (REPO_ROOT / "generator/theme/assets/javascripts/forms.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.DOTALL)
    literals = re.findall(r'"([^"\\]*(?:\\.[^"\\]*)*)"', code)
    prose = [text for text in literals if text != "use strict"
             and len(text.split()) > 1 and all(word.isalpha() for word in text.split())]
    assert prose == []


# ------------------------------------------------------------------------ settings


SETTINGS_ERRORS = [
    ({"provider": "web3forms", "endpoint": "https://api.web3forms.com/submit"},
     "signup.access_key", "is required for provider web3forms"),
    ({"provider": "formspree", "endpoint": "https://formspree.io/f/x", "access_key": "k"},
     "signup.access_key", "is not used by provider formspree"),
    ({"provider": "formspark", "endpoint": "https://submit-form.com/x", "subject": "Hi"},
     "signup.subject", "provider formspark takes no subject field"),
    ({"provider": "basin", "endpoint": "https://usebasin.com/f/x", "subject": "Hi"},
     "signup.subject", "provider basin takes no subject field"),
    ({"provider": "formspree", "endpoint": "http://formspree.io/f/x"},
     "signup.endpoint", "must be an https:// address (http only for localhost)"),
    ({"provider": "formspree", "endpoint": "http://localhost.example.com/f/x"},
     "signup.endpoint", "must be an https:// address"),
    ({"provider": "formspree", "endpoint": "ftp://files.example.com/x"},
     "signup.endpoint", "must be an https:// address"),
    ({"provider": "formspree", "endpoint": "https://"},
     "signup.endpoint", "must be an https:// address"),
    ({"provider": "formspree"}, "signup.endpoint", "is required"),
    ({"provider": "convertkit", "endpoint": "https://formspree.io/f/x"},
     "signup.provider", "is not one of"),
    ({"provider": "formspree", "endpoint": "https://formspree.io/f/x",
      "privacy_url": "javascript:alert(1)"},
     "signup.privacy_url", "is not allowed"),
    ({"provider": "formspree", "endpoint": "https://formspree.io/f/x", "redirect": "/x"},
     "signup.redirect", "unknown field"),
]


@pytest.mark.parametrize(("signup", "key", "message"), SETTINGS_ERRORS,
                         ids=[f"{case[1]}-{i}" for i, case in enumerate(SETTINGS_ERRORS)])
def test_settings_errors(signup: dict[str, str], key: str, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        make_settings({"privacy_url": PRIVACY, **signup})
    problems = caught.value.problems
    assert [p.field for p in problems] == [f"plugins.community.{key}"]
    assert message in problems[0].message


def test_settings_error_names_the_line_in_mkdocs_yml(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - community:\n      organization: {name: N}\n"
                      "      signup:\n        provider: web3forms\n"
                      "        endpoint: http://api.web3forms.com/submit\n"
                      "        privacy_url: privacy/\n", encoding="utf-8")
    options = {"organization": {"name": "N"},
               "signup": {"provider": "web3forms", "privacy_url": "privacy/",
                          "endpoint": "http://api.web3forms.com/submit"}}
    with pytest.raises(ContentError) as caught:
        load_settings(options, config)
    assert [str(p) for p in caught.value.problems] == [
        "mkdocs.yml:7: plugins.community.signup.endpoint: 'http://api.web3forms.com/submit' "
        "must be an https:// address (http only for localhost)"]


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:8123/f/test", "http://localhost/f/x",
                                      "https://formspree.io/f/x"])
def test_local_http_and_https_endpoints_are_accepted(endpoint: str) -> None:
    settings = make_settings({"provider": "formspree", "endpoint": endpoint,
                              "privacy_url": PRIVACY})
    assert settings.signup is not None and settings.signup.endpoint == endpoint


# ------------------------------------------------------------ where the forms appear


def forms_of(html: str) -> list[lxml.html.HtmlElement]:
    return lxml.html.fromstring(html).xpath("//form[@data-cm-form]")


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def only_form(site: Path, path: str) -> lxml.html.HtmlElement:
    found = forms_of(read(site, path))
    assert len(found) == 1, f"{path}: {len(found)} signup forms"
    return found[0]


def test_home_listings_and_entries_carry_the_compact_box(example_site: Path) -> None:
    for path, page in [("", "/careers/"), ("news", "/careers/news/"),
                       ("tags/backend", "/careers/tags/backend/"),
                       ("stories/remote-from-porto", "/careers/stories/remote-from-porto/"),
                       ("jobs/site-reliability-engineer",
                        "/careers/jobs/site-reliability-engineer/")]:
        form = only_form(example_site, path)
        assert form.get("id") == "cm-box"
        assert hidden_fields(form)["form"] == "join"
        assert hidden_fields(form)["page"] == page
        assert hidden_fields(form)["_next"] == THANKS
        assert form.xpath("./following-sibling::p/a/@href")[0].endswith("join/")


def test_segment_listing_box_pre_ticks_its_segment(example_site: Path) -> None:
    form = only_form(example_site, "segments/berlin")
    ticked = form.xpath(".//input[@name='interests']")
    assert [(box.get("value"), box.get("checked") is not None) for box in ticked] == [
        ("berlin", True)]


def test_job_preview_carries_the_job_interest_form(example_site: Path) -> None:
    slug = "senior-backend-engineer-route-planning"
    form = only_form(example_site, f"jobs/{slug}")
    assert hidden_fields(form) == {"form": "job-interest", "page": f"/careers/jobs/{slug}/",
                                   "job": slug, **ATTRIBUTION, "_next": THANKS,
                                   "language": "en"}  # the example is in two languages
    section = form.getparent()
    assert section.xpath("./h2")[0].text_content() == "Tell me when this role opens"
    assert "December 14, 2026" in section.xpath("./p")[0].text_content()


def test_upcoming_event_without_register_url_carries_the_registration_form(
        example_site: Path) -> None:
    events = example_site / "events"
    found: dict[str, str] = {}
    for page in sorted(events.glob("*/index.html")):
        if page.parent.name == "page":
            continue
        html = page.read_text(encoding="utf-8")
        state = re.search(r'cm-entry--events" data-state="(\w+)"', html)
        assert state, page
        register_link = "md-button--primary" in html.split('class="cm-facts"')[1].split(
            "</section>")[0]
        form = forms_of(html)
        assert len(form) == 1
        found[page.parent.name] = form[0].get("id")
        slug = page.parent.name
        if state.group(1) == "upcoming" and not register_link:
            assert hidden_fields(form[0]) == {
                "form": "event-registration", "page": f"/careers/events/{slug}/",
                "event": slug, **ATTRIBUTION, "_next": THANKS, "language": "en"}
        else:
            assert form[0].get("id") == "cm-box", slug
    assert "cm-event" in found.values() and "cm-box" in found.values()


def test_join_and_thanks_pages(example_site: Path) -> None:
    join = read(example_site, "join")
    assert "<h1>Join the talent community</h1>" in join
    assert only_form(example_site, "join").get("id") == "cm-join"
    assert 'name="robots"' not in join
    thanks = read(example_site, "join/thanks")
    assert '<meta name="robots" content="noindex">' in thanks
    assert forms_of(thanks) == []
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://northwind.github.io/careers/join/</loc>" in sitemap
    assert "join/thanks/" not in sitemap


def test_the_script_and_styles_are_local(example_site: Path) -> None:
    """No third-party script, font or style: everything loads from the site itself."""
    assert (example_site / "assets/javascripts/forms.js").is_file()
    assert (example_site / "assets/stylesheets/forms.css").is_file()
    for path in ("join", "", "jobs/senior-backend-engineer-route-planning"):
        doc = lxml.html.fromstring(read(example_site, path))
        scripts = doc.xpath("//script/@src")
        assert any(src.endswith("assets/javascripts/forms.js") for src in scripts)
        assets = scripts + doc.xpath("//link[@rel='stylesheet']/@href")
        assert [src for src in assets if re.match(r"(https?:)?//", src)] == []


def test_a_site_without_signup_settings_has_no_forms(tmp_path: Path) -> None:
    # the example's content without its landing pages (a landing page needs the form)
    shutil.copytree(one_language_content(), tmp_path / "content",
                    ignore=shutil.ignore_patterns("join"))
    output = build(make_site(docs_dir=tmp_path / "content"), make_settings(None), NOW)
    assert not [page.url for page in output.pages if page.url.startswith("join/")]
    assert not [page.url for page in output.pages if forms_of(page.html or "<div></div>")]


def test_signup_forms_builder_picks_the_entry_form() -> None:
    """Previews and upcoming events without register_url get their own form; every other
    entry (open roles too: they link to where to apply) gets the compact box instead."""
    settings = make_settings({"provider": "formspree", "endpoint": "https://formspree.io/f/x",
                              "privacy_url": PRIVACY})
    output = build(make_site(), settings, NOW)
    forms = SignupForms(make_site(), settings, Translator("en"))
    own = {entry.url: form.kind for entry in output.entries
           if (form := forms.for_entry(entry)) is not None}
    assert own == {
        **{entry.url: "job-interest" for entry in output.entries
           if entry.kind == "jobs" and entry.state == "preview"},
        **{entry.url: "event-registration" for entry in output.entries
           if entry.kind == "events" and entry.state == "upcoming"
           and not entry.event.register_url},
    }
    assert "event-registration" in own.values()
    assert own["jobs/senior-backend-engineer-route-planning/"] == "job-interest"
