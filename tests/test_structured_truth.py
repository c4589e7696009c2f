"""Structured data says what the page offers (issue #12, item 7).

- Event ``offers`` while registration exists (the external page, else the page's own form),
  price 0 unless ``price`` is given; none once the event is past;
- remote roles name their countries (``remote_countries``, ISO codes the check validates);
- spotlights carry an Article about a Person;
- an online event's VirtualLocation is its join link;
- ``community check`` warns about an open role without ``closes`` (exit 0; ``--strict``: 1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
from fixtures import EPOCH
from fixtures.project import front, make_project, run_check

from generator.build import build
from generator.cli import load_site

SITE_URL = "https://northwind.github.io/careers/"
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def jsonld(site: Path, url: str) -> dict:
    tree = lxml.html.parse(str(site / url / "index.html")).getroot()
    [block] = [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]
    return block


def test_event_offers_follow_registration(example_site: Path) -> None:
    external = jsonld(example_site, "events/design-critique-night")["offers"]
    assert external == {"@type": "Offer", "url": "https://events.northwind.example/"
                        "design-critique-night-2027", "price": 0,
                        "availability": "https://schema.org/InStock",
                        "validFrom": "2026-11-24T00:00:00+00:00"}
    own_form = jsonld(example_site, "events/ask-our-hiring-managers")["offers"]
    assert own_form["url"] == SITE_URL + "events/ask-our-hiring-managers/"
    page = lxml.html.parse(str(example_site / "events/ask-our-hiring-managers/index.html"))
    assert page.xpath('//form[.//input[@name="form"][@value="event-registration"]]')
    assert "offers" not in jsonld(example_site, "events/tech-night-forecasting-and-delays")


def test_a_price_is_the_offer_price(tmp_path: Path) -> None:
    text = front("title: Workshop\ndate: 2026-11-01\nformat: online\n"
                 "start: 2026-12-10T17:00:00+01:00\nregister_url: https://tickets.example.com/w\n"
                 "price: {amount: 15, currency: EUR}")
    project = make_project(tmp_path, {"events/2026-11-01-workshop.md": text})
    site, settings = load_site(str(project / "mkdocs.yml"))
    [page] = [p for p in build(site, settings, NOW).pages if p.url == "events/workshop/"]
    [script] = lxml.html.fragment_fromstring(page.head, create_parent=True).xpath("//script")
    offer = json.loads(script.text)["offers"]
    assert (offer["price"], offer["priceCurrency"], offer["url"]) == (
        15, "EUR", "https://tickets.example.com/w")


def test_online_events_are_at_their_join_link(example_site: Path) -> None:
    for url in ("events/ask-our-hiring-managers", "events/remote-first-30-days"):
        data = jsonld(example_site, url)
        virtual = [p for p in data["location"] if p["@type"] == "VirtualLocation"]
        assert virtual and all(p["url"].startswith("https://meet.northwind.example/")
                               for p in virtual), url


def test_remote_roles_name_their_countries(example_site: Path) -> None:
    posting = jsonld(example_site, "jobs/implementation-consultant-contract")
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == [
        {"@type": "Country", "name": code} for code in ("DE", "NL", "PL")]


def test_remote_countries_are_checked(tmp_path: Path) -> None:
    role = ("title: R\ndate: 2026-11-01\nteam: Data\napply_url: https://ats.example.com/r\n"
            "closes: 2026-12-31\n")
    project = make_project(tmp_path, {
        "jobs/2026-11-01-bad-code.md": front(
            role + 'locations: ["Remote (EU)"]\nremote_countries: [DE, XX, germany]'),
        "jobs/2026-11-01-not-remote.md": front(
            role + 'locations: ["Berlin, Germany"]\nremote_countries: [DE]'),
    })
    result = run_check(project, EPOCH)
    assert result.returncode == 1
    assert ("content/jobs/2026-11-01-bad-code.md:8: remote_countries[1]: 'XX' is not an "
            "ISO 3166 country code") in result.stderr
    assert "content/jobs/2026-11-01-bad-code.md:8: remote_countries[2]: 'germany'" \
        in result.stderr
    assert ("content/jobs/2026-11-01-not-remote.md:8: remote_countries: is only for remote "
            "roles") in result.stderr


def test_spotlights_are_articles_about_a_person(example_site: Path) -> None:
    article = jsonld(example_site, "spotlights/lena-hoffmann")
    assert article["@type"] == "Article"
    assert article["author"] == [{"@type": "Organization", "name": "Northwind",
                                  "url": "https://northwind.example",
                                  "logo": SITE_URL + "assets/logo.svg"}]
    assert article["about"]["@type"] == "Person"
    assert article["about"]["name"] == "Lena Hoffmann"
    assert article["about"]["url"] == "https://lena-hoffmann.example"


def test_an_open_role_without_closes_is_a_warning(tmp_path: Path) -> None:
    role = front("title: R\ndate: 2026-11-01\nteam: Data\nlocations: [Berlin]\n"
                 "apply_url: https://ats.example.com/r")
    project = make_project(tmp_path, {"jobs/2026-11-01-forever.md": role})
    result = run_check(project, EPOCH)
    assert result.returncode == 0, result.stderr
    assert ("content/jobs/2026-11-01-forever.md:1: closes: warning: this role is open and "
            "has no 'closes'") in result.stdout
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    strict = subprocess.run(
        [sys.executable, "-m", "generator.cli", "-f", "mkdocs.yml", "check", "--strict"],
        cwd=project, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert strict.returncode == 1
    assert "--strict: warnings count as problems." in strict.stderr
