"""The pipeline: read -> validate -> schedule -> index -> render, as one call per stage.

``check`` stops after validation (the ``community check`` command); ``build`` returns every
generated page and file as plain data for whatever shell writes the site (MkDocs today).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import jinja2

from .brand import BRAND_CSS, brand_css
from .calendar import calendar_files
from .community import Community
from .content import Entry
from .entry_types import calendar_entries, type_strings
from .errors import ContentError, Problem
from .feeds import ChannelImage, FeedSet, absolute_html, channel_image
from .files import Scan, scan
from .forms import SignupForms, join_pages, landing_pages
from .home import front_heroes, with_front_hero
from .i18n import LOCALES, Translator
from .landing import Landing, read_landings
from .languages import SiteLanguage, alternates, hreflang_links, language_entries, site_languages
from .links import anchor_targets, broken_links, html_ids
from .markup import Renderer, localize, render_all
from .memo import PageMemo
from .model import Context
from .raster import entry_pictures, icon_files, raster_files, svg_sources
from .reader import Parsed, read_entries
from .rebuild import EntryPages, Kept, build_context
from .referral import referral_page
from .render import TEMPLATES, Page, PageRenderer, make_environment
from .schedule import apply_path_problems, build_time, schedule
from .settings import Hero, Settings, Site
from .social import CARD_CACHE, SocialCards, card_path, logo_file
from .structured_data import StructuredData
from .timings import stage
from .validate import address_conflicts, validate_entries


@dataclass(frozen=True)
class OutputLanguage:
    """One language of the site, for the shell (language selector, per-language nav)."""

    code: str  # hreflang code, e.g. "zh"
    name: str  # in itself: "中文"
    home: str  # its home page's URL from the site root: "" for the default, "zh/"


@dataclass
class Output:
    pages: list[Page]
    files: dict[str, bytes]  # path from the site root -> bytes (feeds, calendars, ...)
    entries: list[Entry]  # every built entry once (each language's versions)
    # Head of a page the generator did not make, from its URL (the language by its path).
    default_head: Callable[..., str] = field(repr=False)
    leftovers: list[str] = field(default_factory=list)  # editor backups: never published
    # Fragments the theme places on every page and on 404.html, in the default language;
    # links from the site root carry ROOT_MARK, those from the language's root LANG_MARK
    # (``fragment`` localizes both).
    fragments: dict[str, str] = field(default_factory=dict)
    cards: tuple[int, int] = (0, 0)  # social cards drawn, and read back from the cache
    # The site's languages, the default first (one on a one-language site), and each other
    # language's fragments (code -> fragments).
    languages: list[OutputLanguage] = field(default_factory=list)
    language_fragments: dict[str, dict[str, str]] = field(default_factory=dict)

    def fragment(self, name: str, root: str, language: str | None = None) -> str:
        """A fragment for a page whose relative way to the site root is ``root`` ("../../")
        in ``language`` (None or unknown: the default language's)."""
        path = "" if language is None or language not in self.language_fragments else (
            f"{language}/")
        text = self.language_fragments.get(language or "", self.fragments).get(name, "")
        return localize(text, root, root + path)


def validated_entries(site: Site, settings: Settings, now: datetime,
                      scanned: Scan | None = None) -> list[Entry]:
    """Read and validate every entry; raise ContentError with all problems at once."""
    return validated_content(site, settings, now, scanned)[0]


def validated_content(site: Site, settings: Settings, now: datetime,
                      scanned: Scan | None = None, parsed: Parsed | None = None,
                      ) -> tuple[list[Entry], list[Landing], dict[str, Hero]]:
    """Every entry and landing page, and the heroes the home pages' front matter gives (by
    language code), validated; raise ContentError with all problems at once.

    ``now`` is the build time: some rules are about what the content does by itself then
    (a role that opens needs a way to apply)."""
    scanned = scanned or scan(site.docs_dir, site.project_dir or site.docs_dir.parent,
                              site.shown_docs_dir)
    raws, problems = read_entries(site.docs_dir, site.shown_docs_dir, parsed)
    problems += scanned.problems
    landings, found = read_landings(site.docs_dir, site.shown_docs_dir, settings)
    problems += found
    if landings and not settings.signup:
        problems += [Problem(landing.shown_path, 1, "file", "a landing page shows the signup "
                             "form, and mkdocs.yml has no `signup` settings")
                     for landing in landings]
    ctx = Context(settings.segment_ids, site.docs_dir, settings.zone,
                  language_codes(site, settings))
    entries, found = validate_entries(raws, ctx)
    problems += found
    problems += apply_path_problems(entries, now)
    problems += address_conflicts(site.docs_dir, site.shown_docs_dir,
                                  language_codes(site, settings)[1:])
    heroes, found = front_heroes(site.docs_dir, site.shown_docs_dir,
                                 language_codes(site, settings))
    problems += found
    if problems:
        raise ContentError(problems)
    return entries, landings, heroes


def language_codes(site: Site, settings: Settings) -> tuple[str, ...]:
    """The site's languages, the default first: ``languages`` or the theme's one."""
    return tuple(settings.languages) or (site.language,)


def check(site: Site, settings: Settings, now: datetime | None = None) -> list[Entry]:
    """``now``: the build time (default: SOURCE_DATE_EPOCH or the clock, as a build).

    Bodies are rendered where the check needs their HTML, and only there: an entry that a
    link's anchor points into (the anchor must be an id of its page), and a body whose
    Markdown may give the sanitizer something to remove (its warnings, sanitizer_warnings).
    Rendering every body made check 15x slower at N=1000 (7 s against 0.45 s)."""
    with stage("read + validate"):
        entries = validated_entries(site, settings, settings.local(now or build_time()))
    with stage("markdown"):
        renderer = body_renderer(site, settings, {e.src_path: e.path for e in entries})
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
          override_dir: Path | None = None, kept: Kept | None = None) -> Output:
    """``kept``: what a shell that builds again and again (``mkdocs serve``) keeps from
    one build to the next (rebuild.py); without it, everything is made anew.
    Each stage's time goes to ``timings.TIMINGS`` (the bench's cost table).

    A site in several languages (``languages``) builds each language's pages, feeds and
    calendars in turn (the default at the root, the others under their path); what does not
    depend on the language is done once: reading, every entry's Markdown, the PNG pictures,
    the brand, the social cards."""
    now = settings.local(now)  # days (a role's public_on, closes) are days on the site's clock
    languages = site_languages(site, settings)
    with stage("read + validate"):
        scanned = scan(site.docs_dir, site.project_dir or site.docs_dir.parent,
                       site.shown_docs_dir)
        valid, landings, heroes = validated_content(site, settings, now, scanned,
                                                    kept.parsed if kept else None)
    languages = [replace(language, settings=with_front_hero(language.settings,
                                                           heroes.get(language.code)))
                 for language in languages]
    with stage("schedule + index"):
        entries = schedule(valid, now, keep_drafts=site.serve)
        everything = Community(entries)
        shown = language_entries(everything.entries, languages, settings.untranslated)
        urls = {entry.src_path: entry.path for entry in everything.entries}
    with stage("markdown"):
        bodies = body_renderer(site, settings, urls)
        render_all(everything.entries, bodies, kept.renders if kept else None)
        link_problems(site, everything.entries)
        for landing in landings:  # their text, rendered once (src_path and body suffice)
            landing.html = bodies.convert(landing)[0]  # type: ignore[arg-type]
    env = make_environment(override_dir, kept.templates if kept else None)
    folders = (TEMPLATES, LOCALES, override_dir)  # what every page's markup comes from
    with stage("feeds"):
        channel = channel_image(site, settings)  # the feeds' picture, one for every language
    built = [build_language(language, env, now,
                            everything if len(languages) == 1 else Community(
                                shown[language.code], language.code),
                            [landing for landing in landings
                             if (landing.language or languages[0].code) == language.code],
                            channel, several=len(languages) > 1,
                            kept=kept.entry_pages.setdefault(language.code, EntryPages())
                            if kept else None, folders=folders,
                            listings=kept.listing_pages.setdefault(language.code, PageMemo())
                            if kept else None,
                            feeds=kept.feed_files.setdefault(language.code, PageMemo())
                            if kept else None, assets=scanned.assets)
             for language in languages]
    pages = [page for language in built for page in language.pages]
    files = {path: data for language in built for path, data in language.files.items()}
    with stage("PNG pictures"):
        # PNG copies of the pictures in feeds and digests: mail clients show no SVG.
        pictures = [ref for entry in everything.entries for ref in entry_pictures(entry)]
        pictures += [ref for entry in everything.entries if "<img" in entry.html
                     for ref in svg_sources(absolute_html(localize(entry.html, site.url),
                                                          site.url + entry.path), site.url)]
        files.update(raster_files(pictures, site.docs_dir))
    with stage("brand"):
        files.update(icon_files(site.favicon, site.docs_dir))
        if settings.brand:
            files[BRAND_CSS] = brand_css(settings.brand.primary,
                                         settings.brand.accent_colour).encode()
    if len(languages) > 1:
        alternates(pages, languages)
        for page in pages:
            page.head += hreflang_links(page.alternates, site.url)
    with stage("social cards"):
        cards = social_cards(site, settings, pages, files)
    return Output(pages, files, everything.entries, _default_head(built),
                  scanned.leftovers, built[0].fragments, cards,
                  [OutputLanguage(language.code, language.name, language.path)
                   for language in languages],
                  {part.language.code: part.fragments for part in built[1:]})


@dataclass
class _Built:
    """One language's part of a build."""

    language: SiteLanguage
    renderer: PageRenderer
    pages: list[Page]
    files: dict[str, bytes]
    fragments: dict[str, str]


def build_language(language: SiteLanguage, env: jinja2.Environment, now: datetime,
                   community: Community, landings: list[Landing],
                   channel: ChannelImage | None, several: bool = False,
                   kept: EntryPages | None = None, folders: tuple[Path | None, ...] = (),
                   listings: PageMemo | None = None, feeds: PageMemo | None = None,
                   assets: list[tuple[str, int, int]] | None = None) -> _Built:
    """The pages, feeds, calendars and fragments of one language (of the one on a
    one-language site), from the entries it shows, each already rendered. ``kept``: this
    language's entry pages of the last build (mkdocs serve), ``listings`` its listing
    pages, ``feeds`` its feed files; ``folders``: where templates and strings come from;
    ``assets``: the docs' other files (files.Scan.assets), which pages and feeds may read."""
    site, settings, code = language.site, language.settings, language.code
    with stage("other generated pages"):
        # One translator per language: the catalogs, a registered type's own strings, the
        # site's own wording in that language.
        t = Translator(site.language, {**type_strings(site.language),
                                       **settings.language_strings(code)}, settings.zone)
        forms = SignupForms(site, settings, t, code if several else None) \
            if settings.signup else None
        structured = StructuredData(site, settings, with_language=several)
        pages_renderer = PageRenderer(site, settings, env, t=t, forms=forms,
                                      entry_head=_timed_jsonld(structured))
        with stage("JSON-LD"):
            home_jsonld = structured.home_head()
        pages = [pages_renderer.home_page(community, jsonld=home_jsonld)]
    with stage("entry pages"):
        if kept is None:
            pages += [pages_renderer.entry_page(entry) for entry in community.entries]
        else:  # the pages of unchanged entries, as the last build made them
            context = build_context(code, site, settings, several, assets, folders=folders)
            pages += kept.render_all(community.entries, pages_renderer.entry_page, context)
            pages_renderer.listings = listings
            pages_renderer.entry_keys, pages_renderer.context = kept.keys, context
    with stage("listing pages"):
        if listings is not None:
            listings.start()
        pages += pages_renderer.all_listing_pages(community)
        if listings is not None:
            listings.finish()
        pages.append(pages_renderer.explore_page(community))
    with stage("other generated pages"):
        if forms:
            pages += join_pages(pages_renderer, forms)
            pages += landing_pages(pages_renderer, forms, landings)
            pages.append(referral_page(pages_renderer, community))
        feed_set = FeedSet(site, settings, community, pages_renderer, image=channel)
        pages.append(feed_set.subscribe_page())
    files: dict[str, bytes] = {}
    with stage("feeds"):
        files.update(feed_set.files(feeds if kept is not None else None))
    with stage("calendars"):
        files.update(calendar_files(calendar_entries(community.entries), site, now, t,
                                    settings.organization))
    with stage("brand"):
        fragments = {"footer": pages_renderer.footer(),
                     "not_found": pages_renderer.not_found()}
    return _Built(language, pages_renderer, pages, files, fragments)


def _default_head(built: list[_Built]) -> Callable[..., str]:
    """The head of a page the generator did not make (a plain Markdown page), by the
    renderer of the language its URL is under; ``alternates``: its language versions
    (hreflang code -> URL from the site root, the shell knows them), as hreflang links."""
    root_url = built[0].language.site.url

    def default_head(url: str, title: str = "", description: str = "",
                     alternates: tuple[tuple[str, str], ...] = ()) -> str:
        part = next((language for language in built[1:]
                     if url.startswith(language.language.path)), built[0])
        local = url.removeprefix(part.language.path)
        return (part.renderer.default_head(local, title, description)
                + hreflang_links(alternates, root_url))
    return default_head


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
