"""Fast checks that the shared fixtures in conftest.py work (servers, browser, tools)."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import BuildSite, FormEndpoint, ServeDir
    from playwright.sync_api import Page


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method: str = ""
) -> Response:
    """One HTTP request, redirects not followed, error statuses returned (not raised)."""
    request = urllib.request.Request(url, data, headers or {}, method=method or None)
    try:
        with _OPENER.open(request, timeout=10) as answer:
            return Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


# --------------------------------------------------------------------------- serve_dir


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    files = {
        "index.html": "<!doctype html><title>Home</title><h1>Careers home</h1>",
        "jobs/index.html": "<!doctype html><title>Jobs</title><h1>Open roles</h1>",
        "404.html": "<!doctype html><title>Not found</title><h1>Lost?</h1>",
        "feed.rss": "<rss/>",
        "feed.atom": "<feed/>",
        "events.ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        "feeds.opml": "<opml/>",
        "sitemap.xml": "<urlset/>",
        "logo.svg": "<svg/>",
        "app.js": "1;",
        "style.css": "a{}",
        "data.json": "{}",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_serve_dir_under_prefix(serve_dir: ServeDir, tree: Path) -> None:
    base = serve_dir(tree, "/careers/")
    assert urllib.parse.urlsplit(base).path == "/careers/"
    home = fetch(base)
    assert home.status == 200 and b"Careers home" in home.body
    assert b"Open roles" in fetch(base + "jobs/").body
    assert fetch(base + "jobs").headers["Location"] == "/careers/jobs/"
    assert fetch(base.removesuffix("/")).headers["Location"] == "/careers/"


@pytest.mark.parametrize("path", ["/", "/index.html", "/other/index.html", "/careersx/"])
def test_serve_dir_outside_prefix_is_404(serve_dir: ServeDir, tree: Path, path: str) -> None:
    origin = serve_dir(tree, "/careers/").removesuffix("/careers/")
    answer = fetch(origin + path)
    assert answer.status == 404 and b"Lost?" in answer.body


def test_serve_dir_missing_file_and_no_listing(serve_dir: ServeDir, tree: Path) -> None:
    (tree / "empty").mkdir()
    base = serve_dir(tree)
    assert fetch(base + "nope.html").status == 404
    assert fetch(base + "empty/").status == 404


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("feed.rss", "application/rss+xml"),
        ("feed.atom", "application/atom+xml"),
        ("events.ics", "text/calendar"),
        ("feeds.opml", "text/x-opml"),
        ("sitemap.xml", "application/xml"),
        ("logo.svg", "image/svg+xml"),
        ("app.js", "text/javascript"),
        ("style.css", "text/css"),
        ("data.json", "application/json"),
        ("", "text/html"),
    ],
)
def test_serve_dir_content_types(
    serve_dir: ServeDir, tree: Path, name: str, content_type: str
) -> None:
    answer = fetch(serve_dir(tree) + name)
    assert answer.status == 200
    assert answer.headers.get_content_type() == content_type


# ------------------------------------------------------------------------ form_endpoint

JSON_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}


def test_form_ok_json(form_endpoint: FormEndpoint) -> None:
    body = json.dumps({"email": "ada@example.com", "segments": ["engineering", "berlin"]})
    answer = fetch(form_endpoint.url, body.encode(), JSON_HEADERS)
    assert answer.status == 200
    assert answer.json() == {"ok": True, "next": form_endpoint.thanks_url}
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    [posted] = form_endpoint.posts
    assert posted.path == "/f/test-form"
    assert posted.form == [
        ("email", "ada@example.com"),
        ("segments", "engineering"),
        ("segments", "berlin"),
    ]


@pytest.mark.parametrize("field", ["_next", "_redirect", "redirect"])
def test_form_ok_redirects_to_the_redirect_field(form_endpoint: FormEndpoint, field: str) -> None:
    data = urllib.parse.urlencode([("email", "a@b.c"), (field, "http://x.test/thanks/")])
    answer = fetch(form_endpoint.url, data.encode(), FORM_HEADERS)
    assert answer.status == 302
    assert answer.headers["Location"] == "http://x.test/thanks/"
    assert form_endpoint.posts[0].get(field) == "http://x.test/thanks/"


def test_form_ok_default_redirect_and_thanks_page(form_endpoint: FormEndpoint) -> None:
    answer = fetch(form_endpoint.url, b"email=a%40b.c&_gotcha=", FORM_HEADERS)
    assert answer.status == 302 and answer.headers["Location"] == form_endpoint.thanks_url
    assert form_endpoint.posts[0].form == [("email", "a@b.c"), ("_gotcha", "")]
    assert b"Thanks!" in fetch(form_endpoint.thanks_url).body


def test_form_multipart(form_endpoint: FormEndpoint) -> None:
    boundary = "XyZ"
    parts = [("email", "a@b.c"), ("name", "Zhāng 张")]
    body = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in parts
    )
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    answer = fetch(form_endpoint.url, (body + f"--{boundary}--\r\n").encode(), headers)
    assert answer.status == 302
    assert form_endpoint.posts[0].form == parts


def test_form_invalid(form_endpoint: FormEndpoint) -> None:
    form_endpoint.mode = "invalid"
    answer = fetch(form_endpoint.url, b'{"email": "nope"}', JSON_HEADERS)
    assert answer.status == 422
    payload = answer.json()
    assert isinstance(payload, dict) and payload["errors"][0]["field"] == "email"


def test_form_error(form_endpoint: FormEndpoint) -> None:
    form_endpoint.mode = "error"
    answer = fetch(form_endpoint.url, b"email=a%40b.c", FORM_HEADERS)
    assert answer.status == 500 and answer.json() == {"error": "Internal error"}


def test_form_rejects_unknown_mode(form_endpoint: FormEndpoint) -> None:
    with pytest.raises(ValueError, match="mode must be one of"):
        form_endpoint.mode = "slow"  # type: ignore[assignment]


def test_form_cors_preflight(form_endpoint: FormEndpoint) -> None:
    headers = {"Origin": "http://127.0.0.1:1", "Access-Control-Request-Headers": "content-type"}
    answer = fetch(form_endpoint.url, headers=headers, method="OPTIONS")
    assert answer.status == 204
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert answer.headers["Access-Control-Allow-Headers"] == "content-type"
    assert "POST" in answer.headers["Access-Control-Allow-Methods"]
    assert [r.method for r in form_endpoint.requests] == ["OPTIONS"]


def test_closed_port_refuses(form_endpoint: FormEndpoint) -> None:
    with pytest.raises(urllib.error.URLError) as caught:
        fetch(form_endpoint.closed_port_url(), b"email=a%40b.c", FORM_HEADERS)
    assert isinstance(caught.value.reason, ConnectionRefusedError)


# ------------------------------------------------------------------------------ browser


def test_chromium_reads_a_served_page(page: Page, serve_dir: ServeDir, tree: Path) -> None:
    page.goto(serve_dir(tree, "/careers/") + "jobs/")
    assert page.locator("h1").inner_text() == "Open roles"
    assert "HeadlessChrome" in page.evaluate("navigator.userAgent")


def test_chromium_posts_cross_origin(
    page: Page, serve_dir: ServeDir, tree: Path, form_endpoint: FormEndpoint
) -> None:
    site = serve_dir(tree)
    page.goto(site)
    script = """async (url) => {
        const r = await fetch(url, {method: "POST", body: JSON.stringify({email: "a@b.c"}),
            headers: {"Content-Type": "application/json", "Accept": "application/json"}});
        return [r.status, await r.json()];
    }"""
    status, payload = page.evaluate(script, form_endpoint.url)
    assert (status, payload["ok"]) == (200, True)
    assert [r.method for r in form_endpoint.requests] == ["OPTIONS", "POST"]
    assert form_endpoint.posts[0].headers["Origin"] == site.removesuffix("/")


# ------------------------------------------------------------------------- build, tools


def test_build_site_runs_mkdocs(build_site: BuildSite, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hello\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Probe\ntheme: mkdocs\n", encoding="utf-8")
    result = build_site(tmp_path, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Hello" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_vnu_jar_validates(vnu_jar: Path, tmp_path: Path) -> None:
    (tmp_path / "ok.html").write_text("<!doctype html><html lang=en><title>t</title><p>x")
    (tmp_path / "bad.html").write_text("<!doctype html><html lang=en><p>no title")
    command = ["java", "-jar", str(vnu_jar), "--format", "json", "--stdout", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    messages = json.loads(result.stdout)["messages"]
    assert result.returncode == 1
    assert {Path(urllib.parse.urlsplit(m["url"]).path).name for m in messages} == {"bad.html"}


def test_actionlint_finds_errors(actionlint: Path, tmp_path: Path) -> None:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "ci.yml").write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ nope.x }}\n"
    )
    result = subprocess.run(
        [str(actionlint)], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 1 and 'undefined variable "nope"' in result.stdout
