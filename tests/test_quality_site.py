"""Quality gates on the served site: links, accessibility, keyboard, mobile, page weight.

Two builds per module, each served like GitHub Pages serves a project site (under
``/careers/``) with ``SITE_URL`` set to the served address, so Material's instant navigation
and the sitemap work as in production. The server starts before the build: its port is then
known, and the build writes into the directory it already serves.

- ``example``: the repository's own site, as is.
- ``variant``: the same project with ``pagination: 2`` (every type gets a ``page/2/``) and
  the signup endpoint pointed at a local Formspree-like server (the keyboard test submits).

Pages "of every kind" are found in the built site, not hard-coded: one entry per type and
publication state (from the entry page's ``data-state``), the first segment and tag pages...
A kind that the site no longer has fails the tests that need it.

Keyboard tests use Tab, typing, Enter, and Space only to tick checkboxes (Enter does not
tick a checkbox in any browser; Space is the keyboard's way to do it).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import lxml.etree
import lxml.html
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import (
    REPO_ROOT,
    FormEndpoint,
    _FormHandler,
    _start_server,
)

from tests.fixtures.crawler import (
    Crawl,
    ServedSite,
    crawl,
    normalize,
    resource,
    serve_and_build,
    srcset_urls,
)
from tests.fixtures.project import linked_project

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Response, Route

PREFIX = "/careers/"
TYPES = ("news", "spotlights", "stories", "jobs", "events")
ENTRY_STATES = {
    "news": ("live",),
    "spotlights": ("live",),
    "stories": ("live",),
    "jobs": ("preview", "open", "closed"),
    "events": ("upcoming", "past"),
}
MAX_PAGE_BYTES = 600_000
MOBILE_WIDTH = 375
SERIOUS = ("serious", "critical")

# Every kind of page the site has; "paginated" comes from the variant build.
KINDS = (
    "home",
    *(f"listing-{kind}" for kind in TYPES),
    "paginated",
    *(f"entry-{kind}-{state}" for kind in TYPES for state in ENTRY_STATES[kind]),
    "segment",
    "tag",
    "explore",
    "page",
    "subscribe",
    "join",
    "join-thanks",
    "not-found",
)
MOBILE_KINDS = ("home", "entry-jobs-preview", "join", "subscribe", "entry-events-upcoming")


# ------------------------------------------------------------------------------ sites


def _serve_and_build(project: Path, out: Path) -> ServedSite:
    return serve_and_build(project, out, PREFIX)


def _variant_project(tmp: Path, endpoint: str) -> Path:
    """The repository with its own content (symlinked) and an edited mkdocs.yml."""
    return linked_project(tmp / "variant-project", {
        r"^(\s+pagination:) \d+\s*$": r"\1 2",
        r"^(\s+endpoint:) \S+\s*$": rf"\1 {endpoint}",
    })


@pytest.fixture(scope="module")
def signup_endpoint() -> Iterator[FormEndpoint]:
    """A Formspree-like endpoint for the whole module (the variant site posts to it)."""
    endpoint = FormEndpoint()
    running = _start_server(type("FormHandler", (_FormHandler,), {"endpoint": endpoint}))
    endpoint.origin = running.origin
    yield endpoint
    running.stop()


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    site = _serve_and_build(REPO_ROOT, tmp_path_factory.mktemp("quality") / "example")
    yield site
    site.server.stop()


@pytest.fixture(scope="module")
def variant(
    tmp_path_factory: pytest.TempPathFactory, signup_endpoint: FormEndpoint
) -> Iterator[ServedSite]:
    tmp = tmp_path_factory.mktemp("quality-variant")
    site = _serve_and_build(_variant_project(tmp, signup_endpoint.url), tmp / "site")
    yield site
    site.server.stop()


# ------------------------------------------------------------------------- page kinds


def _first_page(root: Path, pattern: str) -> str | None:
    """Site path (``segments/x/``) of the first ``index.html`` matching ``pattern``."""
    pages = sorted(path.parent for path in root.glob(pattern))
    return f"{pages[0].relative_to(root).as_posix()}/" if pages else None


STATE_ATTRIBUTE = re.compile(r'\bdata-state="([a-z_]+)"')


def _entries_by_state(root: Path) -> dict[str, str]:
    """``entry-<type>-<state>`` -> the first entry page (by path) in that state."""
    found: dict[str, str] = {}
    for kind in TYPES:
        for page in sorted((root / kind).glob("*/index.html")):
            if page.parent.name == "page":
                continue
            state = STATE_ATTRIBUTE.search(page.read_text(encoding="utf-8"))
            if state:
                found.setdefault(f"entry-{kind}-{state.group(1)}", f"{kind}/{page.parent.name}/")
    return found


def _kinds(example: ServedSite, variant: ServedSite) -> dict[str, str]:
    """Every kind found -> absolute URL. Missing kinds are simply absent (tests fail on them)."""
    root = example.root
    paths: dict[str, str | None] = {
        "home": "",
        **{
            f"listing-{kind}": f"{kind}/" for kind in TYPES if (root / kind / "index.html").exists()
        },
        **_entries_by_state(root),
        "segment": _first_page(root, "segments/*/index.html"),
        "tag": _first_page(root, "tags/*/index.html"),
        "explore": _first_page(root, "explore/index.html"),
        "page": _first_page(root, "privacy/index.html"),
        "subscribe": "subscribe/" if (root / "subscribe" / "index.html").exists() else None,
        "join": "join/" if (root / "join" / "index.html").exists() else None,
        "join-thanks": _first_page(root, "join/*/index.html"),
        "not-found": "no-such-page/",
    }
    urls = {kind: example.url(path) for kind, path in paths.items() if path is not None}
    if (variant.root / "news" / "page" / "2" / "index.html").exists():
        urls["paginated"] = variant.url("news/page/2/")
    return urls


@pytest.fixture(scope="module")
def kinds(example: ServedSite, variant: ServedSite) -> dict[str, str]:
    return _kinds(example, variant)


def _url_of(kinds: dict[str, str], kind: str) -> str:
    if kind not in kinds:
        pytest.fail(f"the built site has no page of kind {kind!r}", pytrace=False)
    return kinds[kind]


def test_site_has_a_page_of_every_kind(kinds: dict[str, str]) -> None:
    missing = [kind for kind in KINDS if kind not in kinds]
    assert not missing, f"no page of these kinds in the built site: {missing}"


@pytest.fixture(scope="module")
def crawls(example: ServedSite, variant: ServedSite) -> list[Crawl]:
    return [crawl(example), crawl(variant)]


def test_crawler_sees_the_whole_site(crawls: list[Crawl]) -> None:
    for result in crawls:
        pages = [
            url for url, answer in result.fetched.items() if answer.content_type == "text/html"
        ]
        on_disk = list(result.site.root.rglob("index.html"))
        assert len(pages) >= len(on_disk) > 20, (len(pages), len(on_disk))
        kinds_of_file = {Path(urllib.parse.urlsplit(url).path).suffix for url in result.fetched}
        # Feeds, OPML and calendars are part of the site: a build without them is broken.
        assert {".rss", ".atom", ".opml", ".ics", ".svg", ".css", ".js"} <= kinds_of_file


def test_no_broken_internal_link(crawls: list[Crawl]) -> None:
    broken = [problem for result in crawls for problem in result.broken()]
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:80])


def test_links_use_safe_schemes_only(crawls: list[Crawl]) -> None:
    unsafe = [problem for result in crawls for problem in result.unsafe()]
    assert not unsafe, "links with a scheme other than http(s), mailto, tel:\n" + "\n".join(unsafe)


def test_feeds_and_sitemap_point_at_the_served_address(crawls: list[Crawl]) -> None:
    """site_url reaches feeds and the sitemap: their links are internal, so they were checked."""
    for result in crawls:
        sources = {link.source for link in result.links if result.internal(link.target)}
        assert result.site.url("sitemap.xml") in sources
        assert any(source.endswith((".rss", ".atom")) for source in sources)
        assert any(source.endswith(".opml") for source in sources)


# ------------------------------------------------------------------------ the browser


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Traffic:
    """What the browser asked for. Requests leaving the allowed origins are recorded and
    aborted, so a test never reaches the internet and the leak still fails it."""

    allowed: set[str]
    responses: list[Response] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or _origin(url) in self.allowed:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def clear(self) -> None:
        self.responses.clear()
        self.outside.clear()

    def watch(self, context: BrowserContext) -> None:
        """Route every request of ``context`` (its workers' too) through this recorder."""
        context.route("**/*", self.route)
        context.on("response", lambda response: self.responses.append(response))


@pytest.fixture
def traffic(
    page: Page, example: ServedSite, variant: ServedSite, signup_endpoint: FormEndpoint
) -> Traffic:
    recorder = Traffic({example.origin, variant.origin, signup_endpoint.origin})
    recorder.watch(page.context)
    return recorder


def _open(page: Page, url: str) -> None:
    """Load ``url``: Material's bundle has run at ``load`` (palette, search dialog, forms)."""
    page.goto(url, wait_until="load")


@dataclass
class Visit:
    """One page load: every response from the site's origins, in bytes, and what was blocked."""

    url: str
    sizes: dict[str, int]
    statuses: dict[str, int]
    outside: list[str]

    @property
    def weight(self) -> int:
        return sum(self.sizes.values())


def _settled_visit(page: Page, traffic: Traffic, url: str) -> Visit:
    """What the page opened last (after ``traffic.clear()``) loaded, once the network has
    settled: Material's scripts fetch the search worker's first script and the sitemap
    after ``load`` (the search index and Material's worker wait for the reader's first
    search, search-index.js: a page load does not fetch them, so they are not counted).
    (Lazy images are counted by the all-pages test.)"""
    page.wait_for_load_state("networkidle")
    sizes: dict[str, int] = {}
    statuses: dict[str, int] = {}
    for response in traffic.responses:
        statuses[response.url] = response.status
        if 200 <= response.status < 300:
            sizes[response.url] = len(response.body())
    return Visit(url, sizes, statuses, list(traffic.outside))


# ---------------------------------------------- one visit per page kind and palette, shared

AXE = Axe()
SCHEMES = {"light": "default", "dark": "slate"}
# The palette changes colours only: in dark, axe runs the rules about colour.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@dataclass
class Audit:
    """A page kind loaded in one palette: the page load and axe-core's violations."""

    visit: Visit
    violations: list[dict[str, Any]]


def _audit(page: Page, traffic: Traffic, url: str, scheme: str) -> Audit:
    traffic.clear()
    _open(page, url)
    # Material picks the palette whose media query matches when the reader has not chosen one.
    page.wait_for_function(
        "scheme => document.body.getAttribute('data-md-color-scheme') === scheme",
        arg=SCHEMES[scheme],
    )
    options = None if scheme == "light" else {"runOnly": {"type": "rule", "values": COLOUR_RULES}}
    violations = AXE.run(page, options=options).response["violations"]
    if scheme != "light":  # requests and weight do not depend on the palette
        return Audit(Visit(url, {}, {}, []), violations)
    return Audit(_settled_visit(page, traffic, url), violations)


@pytest.fixture(scope="module")
def audits(
    browser: Browser,
    kinds: dict[str, str],
    example: ServedSite,
    variant: ServedSite,
    signup_endpoint: FormEndpoint,
) -> dict[tuple[str, str], Audit]:
    """Every page kind loaded once per palette (a page load per test would double the
    module's time); the tests below assert on these results, one kind at a time."""
    found: dict[tuple[str, str], Audit] = {}
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme="dark" if scheme == "dark" else "light")
        traffic = Traffic({example.origin, variant.origin, signup_endpoint.origin})
        traffic.watch(context)
        page = context.new_page()
        for kind, url in sorted(kinds.items()):
            found[kind, scheme] = _audit(page, traffic, url, scheme)
        context.close()
    return found


def _audit_of(audits: dict[tuple[str, str], Audit], kind: str, scheme: str) -> Audit:
    if (kind, scheme) not in audits:
        pytest.fail(f"the built site has no page of kind {kind!r}", pytrace=False)
    return audits[kind, scheme]


def _describe_violation(violation: dict[str, Any]) -> str:
    nodes = violation["nodes"]
    shown = "\n".join(
        f"      {node['target']}: {' '.join(node.get('failureSummary', '').split())[:300]}"
        for node in nodes[:5]
    )
    title = f"[{violation['impact']}] {violation['id']}: {violation['help']}"
    return f"  {title} ({len(nodes)} nodes)\n{shown}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_accessibility_violation(
    audits: dict[tuple[str, str], Audit], kind: str, scheme: str
) -> None:
    audit = _audit_of(audits, kind, scheme)
    serious = [v for v in audit.violations if v.get("impact") in SERIOUS]
    report = "\n".join(map(_describe_violation, serious))
    assert not serious, f"axe-core on {audit.visit.url} ({scheme} palette):\n{report}"


# ------------------------------------------------------------------------ page weight

RESOURCE_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
RESOURCE_TAGS = ("script", "img", "source", "iframe", "video", "audio", "embed", "object")


def _page_resources(url: str, html: bytes) -> set[str]:
    """What a page's markup makes the browser load (not what its scripts fetch)."""
    document = lxml.html.fromstring(html)
    found: list[str] = []
    for link in document.iter("link"):
        rels = set((link.get("rel") or "").lower().split())
        if RESOURCE_RELS & rels and link.get("href"):
            found.append(link.get("href"))
        if rels == {"alternate"} and link.get("href") and not link.get("hreflang"):
            # Material reads every rel="alternate" link as a language version and fetches
            # the sitemap.xml beside it (the feed folders carry one, issue 12). Beside a
            # page's language versions (hreflang) languages.js fails those requests unsent;
            # the site's own sitemap.xml is fetched on every page anyway (instant
            # navigation), a scripted fetch.
            found.append(urllib.parse.urljoin(urllib.parse.urljoin(url, link.get("href")),
                                              "sitemap.xml"))
    for element in document.iter(*RESOURCE_TAGS):
        found += [element.get(key) for key in ("src", "poster", "data") if element.get(key)]
        found += srcset_urls(element.get("srcset") or "")
    return {resource(normalize(urllib.parse.urljoin(url, item.strip()))) for item in found}


def _file_of(site: ServedSite, url: str) -> Path:
    relative = urllib.parse.unquote(urllib.parse.urlsplit(url).path).removeprefix(PREFIX)
    path = site.root / relative
    return path / "index.html" if relative.endswith("/") or not relative else path


def _kb(size: int) -> str:
    return f"{size / 1000:.0f} KB"


def _scripted_fetches(audits: dict[tuple[str, str], Audit], site: ServedSite) -> set[str]:
    """What Material's scripts fetch on every page (community-search.js, sitemap; the
    search index and Material's worker only once the reader searches): what the home
    page loaded beyond its own markup's resources. Were the index fetched on load again,
    it would be counted here (the home page fetches it too); a page kind fetching more
    than the home page fails test_the_static_weight_model_covers_what_the_browser_loads."""
    home = _audit_of(audits, "home", "light").visit
    markup = _page_resources(site.base, _file_of(site, site.base).read_bytes())
    return {resource(url) for url in home.sizes} - markup - {site.base}


@pytest.mark.parametrize("kind", KINDS)
def test_page_weight_and_requests_in_the_browser(
    audits: dict[tuple[str, str], Audit], kind: str
) -> None:
    visit = _audit_of(audits, kind, "light").visit
    url = visit.url
    assert not visit.outside, f"{url} made requests outside its origin: {visit.outside}"
    # The other local servers (the variant site, the form endpoint) are let through the
    # router for the tests that use them; on load a page asks its own origin alone.
    elsewhere = sorted(u for u in visit.statuses if _origin(u) != _origin(url))
    assert not elsewhere, f"{url} made requests to another origin on load: {elsewhere}"
    expected = {url: 404} if kind == "not-found" else {}
    wrong = {u: s for u, s in visit.statuses.items() if s != expected.get(u, 200)}
    # e.g. Material fetching feeds/sitemap.xml next to a rel="alternate" feed link.
    assert not wrong, f"{url}: requests that did not answer as expected: {wrong}"
    heaviest = sorted(visit.sizes.items(), key=lambda item: -item[1])[:6]
    assert visit.weight <= MAX_PAGE_BYTES, (
        f"{url} loads {_kb(visit.weight)} (limit {_kb(MAX_PAGE_BYTES)}); heaviest: "
        + ", ".join(f"{u.removeprefix(_origin(url))} {_kb(s)}" for u, s in heaviest)
    )


def test_every_page_of_the_site_stays_under_the_weight_limit(
    audits: dict[tuple[str, str], Audit], example: ServedSite
) -> None:
    """All pages, not only one per kind: each page's HTML and the files its markup loads,
    plus what Material's scripts fetch on every page (found by loading the home page)."""
    scripted = _scripted_fetches(audits, example)
    over, outside = [], []
    for html in sorted(example.root.rglob("*.html")):
        url = example.url(html.relative_to(example.root).as_posix())
        resources = _page_resources(url, html.read_bytes()) | scripted
        outside += [f"{url}: {r}" for r in resources if _origin(r) != example.origin]
        local = [_file_of(example, r) for r in resources if _origin(r) == example.origin]
        missing = [str(path) for path in local if not path.is_file()]
        assert not missing, f"{url} loads files that do not exist: {missing}"
        weight = html.stat().st_size + sum(path.stat().st_size for path in local)
        if weight > MAX_PAGE_BYTES:
            over.append(f"{url}: {_kb(weight)}")
    assert not outside, "pages loading resources from another origin:\n" + "\n".join(outside)
    assert not over, f"pages over {_kb(MAX_PAGE_BYTES)}:\n" + "\n".join(over)


def test_the_static_weight_model_covers_what_the_browser_loads(
    audits: dict[tuple[str, str], Audit], example: ServedSite
) -> None:
    """The all-pages test counts markup resources + the home page's scripted fetches: on no
    page kind may the browser load anything beyond that."""
    scripted = _scripted_fetches(audits, example)
    missed = []
    for (kind, scheme), audit in sorted(audits.items()):
        url = audit.visit.url
        if scheme != "light" or not url.startswith(example.base):
            continue  # the variant site's pages are the example's, paginated differently
        file = _file_of(example, url)
        html = (file if file.is_file() else example.root / "404.html").read_bytes()
        loaded = {resource(u) for u in audit.visit.sizes} - {resource(url)}
        missed += [f"{kind}: {u}" for u in loaded - _page_resources(url, html) - scripted]
    assert not missed, "loaded but not counted by the all-pages test:\n" + "\n".join(missed)


# --------------------------------------------------------------------------- keyboard

FOCUSED = """() => {
  const e = document.activeElement;
  return {
    tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute("name") || "",
    type: e.getAttribute("type") || "", hidden: !!e.closest("[aria-hidden='true']"),
    form: e.form ? (e.form.elements.form ? e.form.elements.form.value : e.form.id) : "",
    copy: e.getAttribute("data-copy") || "",
  };
}"""
MAX_TABS = 400


def _press_tab(page: Page) -> dict[str, str]:
    page.keyboard.press("Tab")
    focused: dict[str, str] = page.evaluate(FOCUSED)
    assert not focused["hidden"], f"Tab reached an element hidden from screen readers: {focused}"
    return focused


def _tab_until(page: Page, wanted: Callable[[dict[str, str]], bool]) -> dict[str, str]:
    for _ in range(MAX_TABS):
        focused = _press_tab(page)
        if wanted(focused):
            return focused
    pytest.fail(f"{MAX_TABS} presses of Tab never reached the element on {page.url}")


def _wait_until(condition: Callable[[], bool], page: Page, seconds: float = 10) -> bool:
    for _ in range(int(seconds * 20)):
        if condition():
            return True
        page.wait_for_timeout(50)
    return condition()


def test_join_form_by_keyboard_alone(
    page: Page,
    traffic: Traffic,
    kinds: dict[str, str],
    variant: ServedSite,
    signup_endpoint: FormEndpoint,
) -> None:
    """Tab to the join form, type, tick with Space, send with Enter: the endpoint gets it."""
    _url_of(kinds, "join")
    _open(page, variant.url("join/"))
    _tab_until(page, lambda f: f["form"] == "join" and f["name"] == "email")
    page.keyboard.type("kim@example.org")
    ticked: list[str] = []
    for _ in range(60):
        focused = _press_tab(page)
        assert focused["form"] in {"join", ""}, f"Tab left the join form first: {focused}"
        if focused["type"] == "checkbox" and (focused["name"] == "consent" or not ticked):
            page.keyboard.press("Space")  # the keyboard's way to tick a checkbox
            if page.evaluate("document.activeElement.checked"):
                ticked.append(page.evaluate("document.activeElement.value"))
        if focused["tag"] == "button" or focused["type"] == "submit":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail("Tab never reached the join form's submit button")
    assert _wait_until(lambda: bool(signup_endpoint.posts), page), "Enter sent nothing"
    sent = signup_endpoint.posts[-1]
    assert sent.get("email") == "kim@example.org"
    assert sent.get("form") == "join"
    assert sent.get("consent"), "the consent ticked with Space was not sent"
    assert set(ticked) <= set(sent.getall("interests")) | set(sent.getall("consent"))
    status = page.locator("form:has(input[name=form][value=join]) [role=status]")
    assert _wait_until(lambda: bool(status.inner_text().strip()), page), "no answer shown"


def _clipboard(page: Page) -> str:
    text: str = page.evaluate("navigator.clipboard.readText()")
    return text


def test_subscribe_copy_buttons_by_keyboard_alone(
    page: Page, traffic: Traffic, kinds: dict[str, str], example: ServedSite
) -> None:
    """Every copy button is reached with Tab and copies its feed's address with Enter."""
    url = _url_of(kinds, "subscribe")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=example.origin)
    _open(page, url)
    addresses: dict[str, str] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("button[data-copy]")]
             .map(b => [b.dataset.copy, document.getElementById(b.dataset.copy).value]))"""
    )
    assert addresses, f"no copy buttons on {url}"
    copied: dict[str, str] = {}
    for _ in range(len(addresses)):
        focused = _tab_until(page, lambda f: bool(f["copy"]) and f["copy"] not in copied)
        page.keyboard.press("Enter")
        expected = addresses[focused["copy"]]
        _wait_until(lambda want=expected: _clipboard(page) == want, page, 3)
        copied[focused["copy"]] = _clipboard(page)
    assert copied == addresses
    assert all(address.startswith(example.base) for address in addresses.values())


@pytest.mark.parametrize(
    "kind", ["home", "join", "subscribe", "entry-jobs-preview", "entry-events-upcoming"]
)
def test_no_keyboard_trap(page: Page, traffic: Traffic, kinds: dict[str, str], kind: str) -> None:
    """Tab from the top comes back round to the first element: nothing holds focus."""
    _open(page, _url_of(kinds, kind))
    first = _press_tab(page)
    page.evaluate("document.activeElement.setAttribute('data-quality-first', '')")
    back = "document.activeElement.hasAttribute('data-quality-first')"
    stops = 1
    while not (_press_tab(page) and page.evaluate(back)):
        stops += 1
        assert stops < MAX_TABS, f"Tab did not come back to {first} in {MAX_TABS} presses"
    # A page of header links only would pass without reaching its content: it has more.
    assert stops > 10, f"Tab went round in {stops} stops"


# ----------------------------------------------------------------------------- mobile


@pytest.mark.parametrize("kind", MOBILE_KINDS)
def test_no_horizontal_scroll_at_375_px(
    page: Page, traffic: Traffic, kinds: dict[str, str], kind: str, tmp_path: Path
) -> None:
    url = _url_of(kinds, kind)
    page.set_viewport_size({"width": MOBILE_WIDTH, "height": 812})
    _open(page, url)
    shot = tmp_path / f"{kind}-{MOBILE_WIDTH}px.png"
    page.screenshot(path=str(shot), full_page=True)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= MOBILE_WIDTH, (
        f"{url} scrolls sideways at {MOBILE_WIDTH} px ({width} px); see {shot}"
    )
    assert shot.stat().st_size > 0
