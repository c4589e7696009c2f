"""Settings that would publish something wrong are refused with their mkdocs.yml line.

- without ``site_url`` every feed id, calendar UID and redirect would name the preview server;
- a ``privacy_url`` that is no page of the site (or plain http) gives a consent link to nowhere;
- an endpoint on another provider's host would post the wrong control fields;
and tags that differ by punctuation (C, C++, C#) get pages of their own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fixtures.project import front, make_project, run_check

if TYPE_CHECKING:
    from conftest import BuildSite

NEWS = {"news/2026-11-01-hello.md": front("title: Hello\ndate: 2026-11-01")}
SIGNUP = {"provider": "formspree", "endpoint": "https://formspree.io/f/xyzabcd",
          "privacy_url": "privacy/"}


def test_site_url_is_required(tmp_path: Path, build_site: BuildSite) -> None:
    project = make_project(tmp_path / "project", NEWS)
    config = project / "mkdocs.yml"
    text, count = re.subn(r"^site_url:.*\n", "", config.read_text(encoding="utf-8"),
                          flags=re.MULTILINE)
    assert count == 1
    config.write_text(text, encoding="utf-8")
    expected = "mkdocs.yml:1: site_url: is required: the site's public address"
    checked = run_check(project)
    assert checked.returncode == 1 and expected in checked.stderr, checked.stderr
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 1 and expected in built.stderr, built.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(("signup", "expected"), [
    ({"privacy_url": "legal/privacy/"},
     "plugins.community.signup.privacy_url: 'legal/privacy/' is not a page of this site: no "
     "legal/privacy.md in content/"),
    ({"privacy_url": "http://northwind.example/privacy"},
     "plugins.community.signup.privacy_url: 'http://northwind.example/privacy' must be an "
     "https:// address or a page of this site"),
    ({"endpoint": "https://formsubmit.co/ajax/abc123"},
     "plugins.community.signup.endpoint: 'https://formsubmit.co/ajax/abc123' is not on "
     "formspree.io, where this provider's forms post"),
    ({"provider": "formsubmit", "endpoint": "https://formspree.io/f/xyzabcd"},
     "plugins.community.signup.endpoint: 'https://formspree.io/f/xyzabcd' is not on "
     "formsubmit.co"),
    ({"provider": "basin", "endpoint": "https://submit-form.com/abc"},
     "plugins.community.signup.endpoint: 'https://submit-form.com/abc' is not on "
     "usebasin.com"),
])
def test_signup_settings_that_cannot_work(tmp_path: Path, signup: dict[str, str],
                                          expected: str) -> None:
    project = make_project(tmp_path, NEWS, config_edit={"signup": {**SIGNUP, **signup}})
    checked = run_check(project)
    assert checked.returncode == 1, checked.stdout
    assert re.search(r"^mkdocs\.yml:\d+: " + re.escape(expected), checked.stderr,
                     re.MULTILINE), checked.stderr


@pytest.mark.parametrize("signup", [
    {"privacy_url": "privacy/"}, {"privacy_url": "privacy.md"}, {"privacy_url": "/privacy/"},
    {"privacy_url": "https://northwind.example/privacy"},
    {"provider": "formsubmit", "endpoint": "https://formsubmit.co/ajax/abc123"},
    {"provider": "generic", "endpoint": "https://forms.northwind.example/signup"},
])
def test_signup_settings_that_work(tmp_path: Path, signup: dict[str, str]) -> None:
    project = make_project(tmp_path, NEWS, config_edit={"signup": {**SIGNUP, **signup}})
    checked = run_check(project)
    assert checked.returncode == 0, checked.stderr


def test_tags_differing_by_punctuation_get_their_own_pages(tmp_path: Path,
                                                           build_site: BuildSite) -> None:
    files = {f"news/2026-11-0{n}-{slug}.md": front(
        f"title: About {tag}\ndate: 2026-11-0{n}\ntags: ['{tag}']")
        for n, (slug, tag) in enumerate([("c", "C"), ("cpp", "C++"), ("cs", "C#"),
                                         ("node", "Node.js"), ("node2", "Node js")], 1)}
    project = make_project(tmp_path / "project", files)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    tags = tmp_path / "site" / "tags"
    pages = sorted(path.name for path in tags.iterdir() if path.is_dir())
    assert len(pages) == 5, pages
    assert {"c", "c-plus-plus", "c-sharp", "node-js"} <= set(pages), pages
    for folder, title in (("c", "About C<"), ("c-plus-plus", "About C++<"),
                          ("c-sharp", "About C#<"), ("node-js", "About Node js<")):
        html = (tags / folder / "index.html").read_text(encoding="utf-8")
        assert title in html, folder
        others = {"About C<", "About C++<", "About C#<", "About Node.js<", "About Node js<"}
        assert not [other for other in others - {title} if other in html], folder
