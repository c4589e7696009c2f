"""Every role says truthfully how to apply (issue #12, item 1).

An open role (or one that opens within the check's 30-day horizon) without ``apply_url`` or
``apply_email`` fails ``community check`` and the build with ``file:line: field``; with
``apply_email`` its page links a ``mailto:`` carrying the role in the subject; the "tell me
when it opens" form is on previews only; ``directApply`` matches the page.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import frontmatter
import lxml.html
import pytest
from fixtures import EPOCH, REPO_ROOT
from fixtures.project import front, make_project, run_check

from generator.build import build, check
from generator.cli import load_site
from generator.errors import ContentError
from generator.schedule import build_time

if TYPE_CHECKING:
    from conftest import BuildSite

ROLE = "title: Data Analyst, Berlin & Co\ndate: 2026-11-01\nteam: Data\nlocations: [Berlin]"


def roles() -> dict[str, str]:
    return {
        # open now, no way to apply: an error
        "jobs/2026-11-01-open-nowhere.md": front(ROLE + "\nslug: open-nowhere"),
        # a preview that goes public in 18 days (within the horizon): an error
        "jobs/2026-11-01-soon-nowhere.md": front(
            ROLE + "\nslug: soon-nowhere\npublic_on: 2026-12-14"),
        # a preview that goes public in 60 days: not yet
        "jobs/2026-11-01-later-nowhere.md": front(
            ROLE + "\nslug: later-nowhere\npublic_on: 2027-01-25"),
        # closed, a draft: nobody will apply
        "jobs/2026-11-01-closed-nowhere.md": front(
            ROLE + "\nslug: closed-nowhere\ncloses: 2026-11-20"),
        "jobs/2026-11-01-draft-nowhere.md": front(ROLE + "\nslug: draft-nowhere\ndraft: true"),
        # good ones
        "jobs/2026-11-01-by-email.md": front(
            ROLE + "\nslug: by-email\napply_email: data-jobs@example.com\nsegments: [data]"),
        "jobs/2026-11-01-by-link.md": front(
            ROLE + "\nslug: by-link\napply_url: https://ats.example.com/by-link"),
        "jobs/2026-11-01-preview.md": front(
            ROLE + "\nslug: preview\npublic_on: 2026-12-01\n"
            "apply_url: https://ats.example.com/preview"),
    }


def test_check_names_each_role_without_a_way_to_apply(tmp_path: Path) -> None:
    project = make_project(tmp_path, roles())
    result = run_check(project, EPOCH)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [
        "content/jobs/2026-11-01-open-nowhere.md:1: apply_url: this role is open and says "
        "nowhere how to apply: add 'apply_url' (the application page, https://...) or "
        "'apply_email' (the address applications go to)",
        "content/jobs/2026-11-01-soon-nowhere.md:1: apply_url: this role opens on 2026-12-14 "
        "and says nowhere how to apply: add 'apply_url' (the application page, https://...) "
        "or 'apply_email' (the address applications go to)",
        "2 problems found; nothing was built.",
    ]


def test_the_horizon_moves_with_the_build_time(tmp_path: Path) -> None:
    """The role 60 days out is fine today and an error 31 days before it goes public."""
    files = {name: text for name, text in roles().items() if "later" in name}
    project = make_project(tmp_path, files)
    site, settings = load_site(str(project / "mkdocs.yml"))
    check(site, settings, build_time({"SOURCE_DATE_EPOCH": str(EPOCH)}))
    later = build_time({"SOURCE_DATE_EPOCH": str(EPOCH + 31 * 86400)})
    with pytest.raises(ContentError) as caught:
        check(site, settings, later)
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.field) == (
        "content/jobs/2026-11-01-later-nowhere.md", 1, "apply_url")
    assert "opens on 2027-01-25" in problem.message


def test_apply_url_and_apply_email_together_are_refused(tmp_path: Path) -> None:
    text = front(ROLE + "\napply_url: https://ats.example.com/x\napply_email: a@example.com")
    project = make_project(tmp_path, {"jobs/2026-11-01-both.md": text})
    result = run_check(project, EPOCH)
    assert result.returncode == 1
    assert ("content/jobs/2026-11-01-both.md:7: apply_email: is set together with "
            "'apply_url': give candidates one way to apply") in result.stderr


def test_an_address_that_is_not_one_is_refused(tmp_path: Path) -> None:
    text = front(ROLE + "\napply_email: jobs at example.com")
    project = make_project(tmp_path, {"jobs/2026-11-01-bad.md": text})
    result = run_check(project, EPOCH)
    assert result.returncode == 1
    assert ("content/jobs/2026-11-01-bad.md:6: apply_email: 'jobs at example.com' is not an "
            "email address") in result.stderr


def test_the_build_fails_the_same_way_and_leaves_the_site(
        tmp_path: Path, build_site: BuildSite) -> None:
    project = make_project(tmp_path / "project", roles())
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.html").write_text("previous site", encoding="utf-8")
    result = build_site(project, out, EPOCH)
    assert result.returncode != 0
    assert "content/jobs/2026-11-01-open-nowhere.md:1: apply_url: this role is open" \
        in result.stderr
    assert [p.name for p in out.iterdir()] == ["keep.html"]


def test_pages_offer_exactly_what_the_role_allows(tmp_path: Path, build_site: BuildSite) -> None:
    files = {name: text for name, text in roles().items() if "nowhere" not in name}
    project = make_project(tmp_path / "project", files)
    out = tmp_path / "site"
    result = build_site(project, out, EPOCH)
    assert result.returncode == 0, result.stderr

    def page(slug: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring((out / "jobs" / slug / "index.html").read_bytes())

    def posting(tree: lxml.html.HtmlElement) -> dict:
        blocks = [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]
        return next(b for b in blocks if b["@type"] == "JobPosting")

    email = page("by-email")
    [href] = email.xpath('//p[contains(@class, "cm-apply")]/a/@href')
    parts = urlsplit(href)
    assert (parts.scheme, parts.path) == ("mailto", "data-jobs@example.com")
    assert parse_qs(parts.query) == {"subject": ["Application: Data Analyst, Berlin & Co"]}
    assert email.xpath('string(//p[@class="cm-apply-note"])') == (
        "Send your application to data-jobs@example.com.")
    link = page("by-link")
    assert link.xpath('//p[contains(@class, "cm-apply")]/a/@href') == [
        "https://ats.example.com/by-link"]
    for tree in (email, link):
        # Applying happens elsewhere (mail program, applicant tracking system): no job form
        # on the page, and the JobPosting does not claim one.
        assert not tree.xpath('//form[.//input[@name="form"][@value="job-interest"]]')
        assert posting(tree)["directApply"] is False
        assert "opens" not in lxml.html.tostring(tree, encoding="unicode")
    preview = page("preview")
    [form] = preview.xpath('//form[.//input[@name="form"][@value="job-interest"]]')
    assert "opens" in json.loads(form.get("data-cm-strings"))["success"]
    assert not preview.xpath('//p[contains(@class, "cm-apply")]')
    assert not preview.xpath('//script[@type="application/ld+json"]')


# A control named in a role's text: "Apply by email", "Tell me when this role opens".
NAMED_CONTROL = re.compile(r'"([^"\n]{3,60})"')


def _controls(html: str) -> set[str]:
    """The texts of the page's links, buttons and headings outside the role's own text."""
    tree = lxml.html.fragment_fromstring(html, create_parent=True)
    shown = tree.xpath("//a|//button|//h2|//h3|//legend")
    return {" ".join(element.text_content().split()) for element in shown
            if not element.xpath("ancestor::div[contains(@class, 'cm-body')]")}


def test_the_example_roles_texts_name_only_what_their_pages_offer() -> None:
    """Every button or form an example role's text names is on its page at the test's build
    time, or (a preview's "Apply for this role") on the day it opens."""
    site, settings = load_site(str(REPO_ROOT / "mkdocs.yml"))
    times = (datetime.fromtimestamp(EPOCH, tz=UTC), datetime(2026, 12, 15, 12, tzinfo=UTC))
    builds = [build(site, settings, now) for now in times]
    named = 0
    for path in sorted((REPO_ROOT / "content" / "jobs").glob("*.md")):
        entry = frontmatter.load(path)
        url = f"jobs/{entry.get('slug') or path.stem[11:]}/"
        pages = [next(p for p in output.pages if p.url == url) for output in builds]
        now, later = (_controls(page.html) for page in pages)
        opens_later = entry.get("public_on") is not None and entry["public_on"] > times[0].date()
        for name in NAMED_CONTROL.findall(entry.content):
            named += 1
            assert name in now or (opens_later and name in later), (path.name, name)
    assert named >= 4
