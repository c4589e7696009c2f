"""Collection -> pages: every generated page's main HTML and head, as plain strings.

Entries are rendered from Markdown once (markup.py); here they are only placed into templates.
Every page is rendered with ROOT_MARK standing for the site root and LANG_MARK (templates'
``R``) for the root of its language, replaced at the end by the page's own relative ways
back, so the same fragments serve pages at any depth and in any language. A site in several
languages has one renderer per language (languages.py), whose ``site.url`` is that
language's root; its pages' ``url`` start with the language's path (``zh/``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from .calendar import CALENDAR_PATH, add_to_calendar, event_ics_path, webcal_url
from .cards import Card, CardMaker, Option, filter_options
from .community import EXPLORE_URL, Community, ListingPage, page_url, paginate, tag_slug
from .content import LANG_MARK, Entry
from .discovery import FeedLink, discovery_links, entry_discovery
from .entry_types import TYPES
from .i18n import Translator, language_name
from .markup import language_page, localize, mailto, root_for, site_relative
from .memo import PageMemo, digest
from .model import Salary
from .settings import Settings, Site
from .social import CardText, card_path
from .timings import stage

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Page:
    """A generated page: what the shell needs to place it in the site theme."""

    url: str  # from the site root, "" for the home page, else ending with "/"
    title: str
    html: str  # main content, links already relative to this page
    head: str  # extra <head> HTML (robots, feed links, JSON-LD)
    description: str = ""
    indexable: bool = True
    # Listings repeat their entries' excerpts: in the search index they would only compete
    # with the entries themselves (and indexing them was half the cost of each listing page).
    searchable: bool = True
    search_terms: list[str] = field(default_factory=list)  # indexed beside the text
    toc: list[dict] = field(default_factory=list)
    lead: str = ""  # HTML placed before the page's own text (the home page's hero)
    card: CardText | None = None  # what its social card shows; None: the home page's card
    full_width: bool = False  # home and listings: no sidebars, the cards take the width
    # The page's language (an hreflang code, the site's `theme.language` on a one-language
    # site) and every language version of it: (hreflang code, site-relative URL), itself
    # included, plus ("x-default", the default language's URL); () on a one-language site.
    language: str = ""
    alternates: tuple[tuple[str, str], ...] = ()
    # The nav section it sits under, whose tab it marks, from its language's root: "" for
    # its own first folder ("jobs" for jobs/<slug>/ and jobs/page/2/); segment and tag
    # pages sit under the explore page (community.EXPLORE_URL).
    section: str = ""
    # An untranslated entry shown in another language: the URL (from the site root) of its
    # own page, the canonical one; "" for every other page, which is its own canonical.
    # Such a copy stays out of the sitemap (duplicate content) and of the hreflang sets.
    canonical: str = ""

    @property
    def src_uri(self) -> str:
        """The Markdown file this page pretends to be: ``news/x/`` -> ``news/x/index.md``."""
        return f"{self.url}index.md"


def make_environment(override_dir: Path | None = None,
                     bytecode: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """Autoescaping Jinja; a site may override any template from ``theme/community/``;
    an entry type registered from outside the package brings its own (entry_types.py).
    ``bytecode``: compiled templates kept by a shell that builds again and again."""
    paths = [str(override_dir)] if override_dir and override_dir.is_dir() else []
    brought = {name: source for entry_type in TYPES.values()
               for name, source in entry_type.templates.items()}
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader([*paths, str(TEMPLATES)]),
                                    jinja2.DictLoader(brought)]),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False,
        keep_trailing_newline=True, bytecode_cache=bytecode,
    )


@dataclass
class Group:
    """Cards under one heading of a listing (open roles / previews, upcoming / past)."""

    key: str
    title: str
    cards: list[Card]
    note: str = ""


@dataclass
class Section:
    """One section of the home page."""

    key: str
    title: str
    url: str
    see_all: str
    cards: list[Card]
    empty: str
    mixed: bool = False


@dataclass
class Link:
    """A link to a listing with how many entries it lists (the explore page)."""

    label: str
    url: str
    count: int


@dataclass
class Term:
    """A group of links under one heading: a segment axis, or the tags."""

    title: str
    links: list[Link]


@dataclass
class Filter:
    key: str
    label: str
    everything: str
    options: list[Option]


@dataclass
class Filters:
    label: str
    fields: list[Filter]
    count_one: str
    count_many: str
    count_none: str


class PageRenderer:
    def __init__(self, site: Site, settings: Settings, env: jinja2.Environment,
                 *, t: Translator, forms: Any,
                 entry_head: Callable[[Entry], list[str]] | None = None) -> None:
        """``t``: the build's one translator; ``forms``: its one forms.SignupForms (None
        without ``signup`` settings), which templates ask for each page's form. Not imported
        by type here: forms.py builds its pages with this renderer."""
        self.site = site
        self.settings = settings
        self.env = env
        self.t = t
        self.language = site.language
        # mkdocs serve: the listing pages of the last build (memo.PageMemo), the key of
        # every entry of this one and of the build's context (rebuild.EntryPages)
        self.listings: PageMemo | None = None
        self.entry_keys: dict[int, bytes] = {}
        self.context = b""
        self.prefix = site.language_path  # "" for the default language, "zh/"
        self.entry_jsonld = entry_head or (lambda entry: [])
        self.globals: dict[str, Any] = {
            "t": self.t, "R": LANG_MARK, "organization": settings.organization,
            "asset": site_relative, "link": site_relative, "mailto": mailto, "salary": self.salary,
            "segment_label": settings.segment_label, "tag_slug": tag_slug,
            "page_url": page_url, "site": site, "ics_path": event_ics_path,
            "calendar_path": CALENDAR_PATH, "webcal_url": webcal_url(site),
            "add_to_calendar": lambda entry: add_to_calendar(entry, site, self.t),
            "types": TYPES, "absolute": self.absolute,
            # None when the site has no `signup` settings: then no page shows a form.
            "signup": forms,
            "page_language": self.language, "copy_of": self.copy_of,
            "language_name": lambda code: language_name(code, self.t.locale.language),
            "privacy_link": lambda ref: language_page(ref, site.docs_dir, self.prefix),
        }
        self.card = CardMaker(self.t, self.salary, settings)
        # A value inside a query string, every reserved character encoded ('/' too).
        env.filters.setdefault("query_value", lambda value: quote(str(value), safe=""))

    # -- building blocks -------------------------------------------------------------
    def _render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**self.globals, **context)

    def _place(self, html: str, url: str) -> str:
        """Marked links made relative to the page at ``url`` (from its language's root)."""
        return localize(html, root_for(self.prefix + url), root_for(url))

    def copy_of(self, entry: Entry) -> bool:
        """The entry is shown in this language without being in it (``untranslated: show``):
        its own page is elsewhere."""
        return bool(entry.language) and entry.language != self.language

    def _head(self, url: str, feeds: list[FeedLink], *, title: str, description: str,
              noindex: bool = False, jsonld: list[str] | None = None,
              article: bool = False, own_card: bool = False,
              copy_of: str | None = None) -> str:
        """Robots, feed links, JSON-LD, and what a link preview shows (Open Graph, X).
        ``copy_of``: the page (from the site root) an untranslated entry's copy stands for:
        its address and card are the link preview's (og:url is the canonical address)."""
        cards = self.settings.social_cards.enabled
        # The card of this page, of the page it copies, or of its language's home page.
        card = card_path(copy_of if copy_of is not None else
                         self.prefix + (url if own_card else ""))
        image = self.site.root_url + quote(card, safe="/") if cards else ""
        share_url = (self.site.root_url + quote(copy_of, safe="/") if copy_of is not None
                     else self.absolute(url))
        html = self._render("head.html", feeds=feeds, noindex=noindex, jsonld=jsonld or [],
                            share_title=title, share_description=description or title,
                            share_url=share_url, share_image=image,
                            share_type="article" if article else "website")
        return self._place(html, url)

    def absolute(self, path: str) -> str:
        """A path from the site root as the absolute address MkDocs gives it (percent-encoded
        like Material's canonical link: ``tags/上海/`` -> ``tags/%E4%B8%8A%E6%B5%B7/``)."""
        return self.site.url + quote(path, safe="/")

    def fragment(self, template: str, **context: Any) -> str:
        """A template rendered with ROOT_MARK left in: the caller localizes (feeds: site.url)."""
        return self._render(template, **context)

    def generated_page(self, url: str, title: str, template: str, feeds: list[FeedLink],
                       description: str = "", indexable: bool = True, **context: Any) -> Page:
        """A page of its own template (/subscribe/, /join/ ...), with the usual head;
        ``indexable=False`` keeps it out of search engines and the sitemap."""
        html = self._render(template, **context)
        return Page(url=self.prefix + url, title=title, html=self._place(html, url),
                    head=self._head(url, feeds, noindex=not indexable, title=title,
                                    description=description or title),
                    description=description or title, indexable=indexable,
                    language=self.language)

    def salary(self, salary: Salary) -> str:
        per = self.t(f"per.{salary.per}")
        if salary.min is not None and salary.min == salary.max:
            return self.t("salary.exact", amount=self.t.money(salary.min, salary.currency),
                          per=per)
        if salary.min is not None and salary.max is not None:
            return self.t("salary.range", min=self.t.money(salary.min, salary.currency),
                          max=self.t.money(salary.max, salary.currency), per=per)
        if salary.min is not None:
            return self.t("salary.from", min=self.t.money(salary.min, salary.currency), per=per)
        return self.t("salary.up_to", max=self.t.money(salary.max or 0, salary.currency),
                      per=per)

    # -- pages -----------------------------------------------------------------------
    def entry_page(self, entry: Entry) -> Page:
        """An entry's page; in another language than its own (a copy, ``untranslated:
        show``) with a notice, its canonical address its own page's, no JSON-LD (its own
        page carries it) and its own page's social card."""
        html = self._render("entry.html", entry=entry)
        feeds = entry_discovery(self.t, self.settings, self.site.name, entry)
        copy = self.copy_of(entry)
        return Page(
            url=self.prefix + entry.url, title=entry.title,
            html=self._place(html, entry.url),
            head=self._head(entry.url, feeds, noindex=not entry.indexable,
                            jsonld=[] if copy else self.entry_jsonld(entry),
                            title=entry.title, description=entry.summary, article=True,
                            own_card=True, copy_of=entry.path if copy else None),
            description=entry.summary, indexable=entry.indexable, toc=entry.toc,
            card=None if copy else CardText(entry.title, self.t(f"one.{entry.kind}"),
                                            self.site.name),
            search_terms=self.search_terms(entry), language=self.language,
            canonical=entry.path if copy else "",
        )

    def search_terms(self, entry: Entry) -> list[str]:
        """Words the site search must find an entry by that its text does not hold as one
        word: its tags and what its type adds (entry_types: ``search_terms``). Material
        indexes them as the page's ``tags`` (shown as chips in search results only)."""
        terms = [*entry.fields.tags, *TYPES[entry.kind].search_terms(entry, self.t)]
        return list(dict.fromkeys(terms))

    def listing_page(self, page: ListingPage, title: str, feeds: list[FeedLink],
                     kicker: str = "") -> Page:
        """Under ``mkdocs serve`` (``listings`` set), the last build's page when nothing it
        shows changed: its listing, its place in it, its heading and feeds, and the keys of
        its entries (rebuild.EntryPages: each entry whole, the build's context)."""
        if self.listings is None:
            return self._listing_page(page, title, feeds, kicker)
        listing = page.listing
        key = digest([self.context, repr((listing.kind, listing.key, listing.url,
                                          listing.section, page.number, page.count, title,
                                          feeds, kicker)),
                      *(self.entry_keys[id(entry)] for entry in page.entries)])
        return self.listings.page(self.prefix + page.url, key,
                                  lambda: self._listing_page(page, title, feeds, kicker))

    def _listing_page(self, page: ListingPage, title: str, feeds: list[FeedLink],
                      kicker: str) -> Page:
        groups = self._groups(page)
        html = self._render("listing.html", page=page, title=title,
                            groups=groups, filters=self._filters(page, groups),
                            empty_key=self._empty_key(page),
                            show_empty=self._lacks_its_first_group(page, groups),
                            own_feed=feeds[-1])
        shown = title if page.number == 1 else (
            f"{title} · {self.t('pagination.status', number=page.number, count=page.count)}")
        return Page(url=self.prefix + page.url, title=shown, html=self._place(html, page.url),
                    head=self._head(page.url, feeds, title=shown, description=title,
                                    own_card=True),
                    description=title, searchable=False, full_width=True,
                    language=self.language,
                    card=CardText(shown, kicker or self.site.name, self.site.name),
                    section=page.listing.section)

    def explore_page(self, community: Community) -> Page:
        """Every segment (by axis) and tag page with how many entries each lists: the
        section segment and tag pages sit under, in the nav as a tab of its own."""
        axes = [Term(axis.title, [
            Link(label, f"segments/{segment}/",
                 len(community.segment_listing(segment).entries))
            for segment, label in axis.values.items()])
            for axis in self.settings.segments.values()]
        tags = sorted(((name, slug) for slug, name in community.tag_names.items()),
                      key=lambda pair: (pair[0].casefold(), pair[1]))
        # A tag only a closed role carries keeps its page (the role links it) but lists
        # nothing: not offered here. Declared segments always are (their feeds exist).
        links = [Link(name, f"tags/{slug}/", count) for name, slug in tags
                 if (count := len(community.tag_listing(slug).entries))]
        if links:
            axes.append(Term(self.t("listing.tags"), links))
        page = self.generated_page(
            EXPLORE_URL, self.t("explore.title"), "explore.html",
            discovery_links(self.t, self.settings, self.site.name),
            description=self.t("explore.lead"), axes=axes)
        page.searchable, page.full_width = False, True
        return page

    def _cards(self, entries: list[Entry]) -> list[Card]:
        with stage("cards"):
            return [self.card(entry) for entry in entries]

    def _empty_key(self, page: ListingPage) -> str:
        """A type's own empty message (no open role, no upcoming event), else the common one."""
        return TYPES[page.listing.key].empty if page.listing.kind == "type" else "empty.listing"

    def _lacks_its_first_group(self, page: ListingPage, groups: list[Group]) -> bool:
        """Nothing listed, or a type's first group (open roles, upcoming events) empty while
        a later one (previews, past events) is not: what a candidate came for is said to be
        missing ("No open roles right now"), never just left out."""
        split = TYPES[page.listing.key].groups if page.listing.kind == "type" else ()
        return not groups or (bool(split) and groups[0].key != split[0].name)

    def _groups(self, page: ListingPage) -> list[Group]:
        """A type's listing in the groups it declares (jobs: open, then previews; events:
        upcoming, then past); any other listing is one group."""
        cards = self._cards(page.entries)
        split = TYPES[page.listing.key].groups if page.listing.kind == "type" else ()
        if not split:
            return [Group("all", "", cards)] if cards else []
        groups = [Group(group.name, self.t(group.title),
                        [c for c in cards if c.entry.state == group.state],
                        self.t(group.note) if group.note else "")
                  for group in split]
        return [group for group in groups if group.cards]

    def _filters(self, page: ListingPage, groups: list[Group]) -> Filters | None:
        keys = TYPES[page.listing.key].filters if page.listing.kind == "type" else None
        cards = [card for group in groups for card in group.cards]
        if not keys or len(cards) < 2:
            return None
        kind = page.listing.key
        fields = [Filter(key, self.t(f"filter.{key}"), self.t(f"filter.{key}.all"),
                         filter_options(cards, key)) for key in keys]
        return Filters(self.t(f"filter.label.{kind}"),
                       [f for f in fields if len(f.options) > 1],
                       self.t(f"filter.count_one.{kind}"), self.t(f"filter.count.{kind}"),
                       self.t(f"filter.count_none.{kind}"))

    def home_page(self, community: Community, jsonld: list[str]) -> Page:
        """A section per type in the order of their ``home.rank`` (entry_types.py)."""
        types = sorted(TYPES.values(), key=lambda entry_type: entry_type.home.rank)
        chosen = {t.kind: community.home_entries(t.kind) for t in types}
        sections = [
            self._section(t.home.anchor or t.kind, t.kind,
                          self.t(t.home.heading or f"type.{t.kind}"),
                          chosen[t.kind][:t.home.limit], t.empty)
            for t in types
        ]
        html = self._render("home.html", sections=sections)
        hero = self._render(
            "hero.html", headline=self.settings.hero.headline or self.site.name,
            lead=self.settings.hero.text or self.site.description,
            counts=[{"url": f"{t.kind}/", "number": len(chosen[t.kind]),
                     "label": self.t(t.home.count)}
                    for t in types if t.home.count and chosen[t.kind]])
        feeds = discovery_links(self.t, self.settings, self.site.name)
        return Page(url=self.prefix, title=self.site.name, html=self._place(html, ""),
                    head=self._head("", feeds, jsonld=jsonld, title=self.site.name,
                                    description=self.site.description, own_card=True),
                    description=self.site.description, lead=self._place(hero, ""),
                    full_width=True, language=self.language,
                    card=CardText(self.settings.hero.headline or self.site.name,
                                  self.settings.organization.name, self.site.name))

    def _section(self, key: str, kind: str, title: str, entries: list[Entry],
                 empty: str) -> Section:
        return Section(key, title, f"{kind}/",
                       self.t("listing.see_all", title=self.t(f"type.{kind}")),
                       self._cards(entries), empty)

    def footer(self) -> str:
        """Every page's footer, links from the site root marked (the shell localizes)."""
        privacy = self.settings.signup.privacy_url if self.settings.signup else None
        return self._render("footer.html", privacy_url=privacy)

    def not_found(self) -> str:
        """The 404 page's content, links from the site root marked."""
        return self._render("not_found.html")

    def default_head(self, url: str, title: str = "", description: str = "") -> str:
        """Head for pages the generator did not make (plain Markdown pages)."""
        return self._head(url, discovery_links(self.t, self.settings, self.site.name),
                          title=title or self.site.name,
                          description=description or self.site.description)

    def all_listing_pages(self, community: Community) -> list[Page]:
        pages: list[Page] = []
        size = self.settings.pagination
        for kind in TYPES:
            feeds = discovery_links(self.t, self.settings, self.site.name, kind)
            title = self.t(f"type.{kind}")
            listing = community.type_listing(kind)
            whole = max(1, len(listing.entries)) if TYPES[kind].filters else size
            for page in paginate(listing, whole):
                pages.append(self.listing_page(page, title, feeds,
                                               kicker=self.settings.organization.name))
        for axis in self.settings.segments.values():
            for segment, label in axis.values.items():
                feeds = discovery_links(self.t, self.settings, self.site.name,
                                        segments=[segment])
                title = self.t("listing.segment", axis=axis.title, label=label)
                for page in paginate(community.segment_listing(segment), size):
                    pages.append(self.listing_page(page, title, feeds, kicker=axis.title))
        for slug, name in community.tag_names.items():
            feeds = discovery_links(self.t, self.settings, self.site.name, tag=(slug, name))
            title = self.t("listing.tag", tag=name)
            for page in paginate(community.tag_listing(slug), size):
                pages.append(self.listing_page(page, title, feeds,
                                               kicker=self.t("listing.tags")))
        return pages

