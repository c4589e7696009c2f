"""The pipeline: read -> validate -> schedule -> index -> render, as one call per stage.

``check`` stops after validation (the ``community check`` command); ``build`` returns every
generated page and file as plain data for whatever shell writes the site (MkDocs today).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import jinja2

from .brand import BRAND_CSS, brand_css
from .calendar import calendar_files
from .community import Community
from .content import Entry
from .entry_types import calendar_entries, type_strings
from .errors import ContentError, Problem
from .feeds import FeedSet, absolute_html
from .files import Scan, scan
from .forms import SignupForms, join_pages, landing_pages
from .i18n import Translator
from .landing import Landing, read_landings
from .links import anchor_targets, broken_links, html_ids
from .markup import RenderCache, Renderer, localize, render_all
from .model import Context
from .raster import entry_pictures, icon_files, raster_files, svg_sources
from .reader import read_entries
from .referral import referral_page
from .render import Page, PageRenderer, make_environment
from .schedule import apply_path_problems, build_time, schedule
from .settings import Settings, Site
from .social import CARD_CACHE, SocialCards, card_path, logo_file
from .structured_data import StructuredData
from .timings import stage
from .validate import address_conflicts, validate_entries


@dataclass
class Output:
    pages: list[Page]
    files: dict[str, bytes]  # path from the site root -> bytes (feeds, calendars, ...)
    entries: list[Entry]
    default_head: Callable[..., str] = field(repr=False)
    leftovers: list[str] = field(default_factory=list)  # editor backups: never published
    # Fragments the theme places on every page and on 404.html; links from the site root
    # carry ROOT_MARK (markup.localize with the page's way back).
    fragments: dict[str, str] = field(default_factory=dict)
    cards: tuple[int, int] = (0, 0)  # social cards drawn, and read back from the cache


def validated_entries(site: Site, settings: Settings, now: datetime,
                      scanned: Scan | None = None) -> list[Entry]:
    """Read and validate every entry; raise ContentError with all problems at once."""
    return validated_content(site, settings, now, scanned)[0]


def validated_content(site: Site, settings: Settings, now: datetime,
                      scanned: Scan | None = None) -> tuple[list[Entry], list[Landing]]:
    """Every entry and landing page, validated; raise ContentError with all problems at once.

    ``now`` is the build time: some rules are about what the content does by itself then
    (a role that opens needs a way to apply)."""
    scanned = scanned or scan(site.docs_dir, site.project_dir or site.docs_dir.parent,
                              site.shown_docs_dir)
    raws, problems = read_entries(site.docs_dir, site.shown_docs_dir)
    problems += scanned.problems
    landings, found = read_landings(site.docs_dir, site.shown_docs_dir, settings)
    problems += found
    if landings and not settings.signup:
        problems += [Problem(landing.shown_path, 1, "file", "a landing page shows the signup "
                             "form, and mkdocs.yml has no `signup` settings")
                     for landing in landings]
    ctx = Context(settings.segment_ids, site.docs_dir, settings.zone)
    entries, found = validate_entries(raws, ctx)
    problems += found
    problems += apply_path_problems(entries, now)
    problems += address_conflicts(site.docs_dir, site.shown_docs_dir)
    if problems:
        raise ContentError(problems)
    return entries, landings


def check(site: Site, settings: Settings, now: datetime | None = None) -> list[Entry]:
    """``now``: the build time (default: SOURCE_DATE_EPOCH or the clock, as a build).

    Bodies are rendered where the check needs their HTML, and only there: an entry that a
    link's anchor points into (the anchor must be an id of its page), and a body whose
    Markdown may give the sanitizer something to remove (its warnings, sanitizer_warnings).
    Rendering every body made check 15x slower at N=1000 (7 s against 0.45 s)."""
    with stage("read + validate"):
        entries = validated_entries(site, settings, settings.local(now or build_time()))
    with stage("markdown"):
        renderer = body_renderer(site, settings, {e.src_path: e.url for e in entries})
        renderer.note_removals = True  # sanitizer_warnings reads them: one pass per body
        targets = anchor_targets(entries)
        render_all([entry for entry in entries
                    if entry.src_path in targets or renderer.may_lose_markup(entry)], renderer)
    with stage("link check"):
        link_problems(site, entries)
    return entries


def link_problems(site: Site, entries: list[Entry]) -> None:
    """Raise ContentError for every link to a missing content file or anchor (links.py)."""
    problems = broken_links(entries, site.docs_dir, lambda entry: html_ids(entry.html))
    if problems:
        raise ContentError(problems)


def body_renderer(site: Site, settings: Settings, urls: dict[str, str]) -> Renderer:
    return Renderer(site.markdown_extensions, site.markdown_configs, urls,
                    tuple(settings.trusted_embeds))


def sanitizer_warnings(entries: list[Entry]) -> list[Problem]:
    """What the sanitizer took out of each body that ``check`` rendered, as warnings (the
    build goes on without it): pasted HTML that would have run scripts or loaded other
    sites' pages."""
    return sorted(Problem(entry.shown_path, line, "body",
                          f"warning: removed {removal.description}: {_WHY_REMOVED}")
                  for entry in entries for line, removal in entry.removed)


_WHY_REMOVED = ("entry text may not run scripts, style the page or load other sites "
                "(embedded videos: trusted_embeds in mkdocs.yml)")


def build(site: Site, settings: Settings, now: datetime,
          override_dir: Path | None = None, renders: RenderCache | None = None,
          templates: jinja2.BytecodeCache | None = None) -> Output:
    """``renders``, ``templates`` (compiled templates): kept by a shell that builds again
    and again (``mkdocs serve``).
    Each stage's time goes to ``timings.TIMINGS`` (the bench's cost table)."""
    now = settings.local(now)  # days (a role's public_on, closes) are days on the site's clock
    with stage("read + validate"):
        scanned = scan(site.docs_dir, site.project_dir or site.docs_dir.parent,
                       site.shown_docs_dir)
        valid, landings = validated_content(site, settings, now, scanned)
    with stage("schedule + index"):
        entries = schedule(valid, now, keep_drafts=site.serve)
        community = Community(entries)
        urls = {entry.src_path: entry.url for entry in community.entries}
    with stage("markdown"):
        bodies = body_renderer(site, settings, urls)
        render_all(community.entries, bodies, renders)
        link_problems(site, community.entries)
        for landing in landings:  # their text, rendered once (src_path and body suffice)
            landing.html = bodies.convert(landing)[0]  # type: ignore[arg-type]
    with stage("other generated pages"):
        # One translator per build: the catalogs, a registered type's own strings, the
        # site's own wording.
        t = Translator(site.language, {**type_strings(site.language), **settings.strings},
                       settings.zone)
        forms = SignupForms(site, settings, t) if settings.signup else None
        structured = StructuredData(site, settings)
        pages_renderer = PageRenderer(site, settings, make_environment(override_dir, templates),
                                      t=t, forms=forms, entry_head=_timed_jsonld(structured))
        with stage("JSON-LD"):
            home_jsonld = structured.home_head()
        pages = [pages_renderer.home_page(community, jsonld=home_jsonld)]
    with stage("entry pages"):
        pages += [pages_renderer.entry_page(entry) for entry in community.entries]
    with stage("listing pages"):
        pages += pages_renderer.all_listing_pages(community)
        pages.append(pages_renderer.explore_page(community))
    with stage("other generated pages"):
        if forms:
            pages += join_pages(pages_renderer, forms)
            pages += landing_pages(pages_renderer, forms, landings)
            pages.append(referral_page(pages_renderer, community))
        feeds = FeedSet(site, settings, community, pages_renderer)
        pages.append(feeds.subscribe_page())
    files: dict[str, bytes] = {}
    with stage("feeds"):
        files.update(feeds.files())
    with stage("PNG pictures"):
        # PNG copies of the pictures in feeds and digests: mail clients show no SVG.
        pictures = [ref for entry in community.entries for ref in entry_pictures(entry)]
        pictures += [ref for entry in community.entries if "<img" in entry.html
                     for ref in svg_sources(absolute_html(localize(entry.html, site.url),
                                                          site.url + entry.url), site.url)]
        files.update(raster_files(pictures, site.docs_dir))
    with stage("calendars"):
        files.update(calendar_files(calendar_entries(community.entries), site, now, t,
                                    settings.organization))
    with stage("brand"):
        files.update(icon_files(site.favicon, site.docs_dir))
        if settings.brand:
            files[BRAND_CSS] = brand_css(settings.brand.primary,
                                         settings.brand.accent_colour).encode()
        fragments = {"footer": pages_renderer.footer(),
                     "not_found": pages_renderer.not_found()}
    with stage("social cards"):
        cards = social_cards(site, settings, pages, files)
    return Output(pages, files, community.entries, pages_renderer.default_head,
                  scanned.leftovers, fragments, cards)


def _timed_jsonld(structured: StructuredData) -> Callable[[Entry], list[str]]:
    def entry_head(entry: Entry) -> list[str]:
        with stage("JSON-LD"):
            return structured.entry_head(entry)
    return entry_head


def social_cards(site: Site, settings: Settings, pages: list[Page],
                 files: dict[str, bytes]) -> tuple[int, int]:
    """Each page's social card into ``files``; (drawn, read from the cache).

    Not under ``mkdocs serve``: a local preview is never shared, and reading (and MkDocs
    writing) a thousand cards on every save would slow each rebuild by about two seconds."""
    options = settings.social_cards
    if not options.enabled or site.serve:
        return 0, 0
    brand = settings.brand
    cache = (site.project_dir or site.docs_dir.parent) / CARD_CACHE
    cards = SocialCards(site.name, brand.primary if brand else None,
                        brand.accent if brand else None,
                        logo_file(settings.organization.logo, site.docs_dir), cache,
                        site.docs_dir / options.font if options.font else None)
    for page in pages:
        if page.card is not None:
            files[card_path(page.url)] = cards.card(page.card)
    return cards.drawn, cards.reused
