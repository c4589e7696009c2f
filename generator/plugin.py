"""The MkDocs shell around the core: the only module that imports mkdocs.

MkDocs events map onto the core's one-way pipeline:
- on_config: settings validated (a bad key fails the build before anything is touched); the
  package's theme folder (``generator/theme/``: page shell, partials, sitemap, stylesheets,
  scripts) joins the theme's search path after the site's ``custom_dir``, so one plugin line
  in any mkdocs-material site brings everything and a site can still override any file;
- on_pre_build: the whole core runs (read, validate, schedule, index, render). This is before
  MkDocs empties site_dir, so a content error leaves the previous site exactly as it was;
- on_files: entry sources leave the file list; generated pages and files join it;
- on_page_markdown / on_page_content: generated pages skip Markdown and get their HTML;
- on_env: Material's nav, search box, config and script tags are rendered once per folder
  of pages outside the nav (SharedParts); under ``mkdocs serve``, pages whose inputs are
  those of the last rebuild take the HTML and search entries it made (serve_cache.py);
- on_pre_build: Material's search index cuts Chinese words with rjieba (search_words.py);
- on_page_context: the search plugin parses each page without its data-search-exclude
  parts, which it would leave out anyway (_Unindexed);
- several languages: Material's interface, nav and tabs in each page's language, the language
  selector, sitemap alternates and ``privacy.zh.md`` pages under ``zh/`` (page_languages.py;
  ARCHITECTURE.md, "Several languages in the theme"); on_post_build cuts Material's search
  index into one per language (search_indexes.py) and each page names its own
  (``search_index_url``, for the theme's search-index.js);
- on_post_page: a page whose output lacks its community head (a site's own main.html that
  dropped the head block) fails the build instead of silently losing robots, feeds, JSON-LD;
- mkdocs build: site_dir points at a staging folder from on_config on, swapped in for the
  real one in on_post_build (last of all plugins) and dropped on a build error, so a failed
  or killed build leaves the previous site as it was (output.py).
"""

from __future__ import annotations

import dataclasses
import html
import logging
import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from time import perf_counter
from typing import Any, Literal
from urllib.parse import quote

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from .brand import BRAND_CSS
from .build import Output, build
from .community import EXPLORE_URL
from .entry_types import TYPES
from .errors import ContentError
from .files import is_entry_source
from .i18n import Translator
from .output import discard, remove_stale, staging_dir, swap_in
from .page_languages import (
    Alternates,
    Choice,
    Language,
    choices,
    language_suffix,
    own_name,
    section_of,
    versions_alternates,
)
from .rebuild import Kept, TemplateCode
from .render import Page
from .schedule import build_time
from .search_indexes import index_of, split
from .search_words import use_fast_words
from .serve_cache import (
    SEARCH_PLUGINS,
    IdleCollector,
    PageCache,
    ServedFolder,
    known_plugins_only,
    poll_sooner,
    search_index,
)
from .settings import Settings, Site, load_settings
from .sourcing import is_landing_source
from .timings import TIMINGS, requested_path

THEME_DIR = Path(__file__).resolve().parent / "theme"
HEAD_PARTIAL = "partials/community-head.html"
# Site paths of the package's assets (files of THEME_DIR, copied by MkDocs like any theme file).
STYLESHEETS = ("assets/stylesheets/community.css", "assets/stylesheets/forms.css")
SCRIPTS = ("assets/javascripts/copy.js", "assets/javascripts/forms.js",
           "assets/javascripts/attribution.js", "assets/javascripts/filters.js",
           "assets/javascripts/localtime.js", "assets/javascripts/refer.js")
# Multilingual sites only: the language selector's links follow instant navigation, and a
# link into another language loads the whole page (its <html lang> and Material's chrome).
LANGUAGE_SCRIPT = "assets/javascripts/languages.js"


log = logging.getLogger("mkdocs.plugins.community")


class CommunityConfig(Config):
    # Options are validated by the core's pydantic settings (settings.py), which names the
    # mkdocs.yml key of every problem; MkDocs only collects them here.
    organization = c.Optional(c.Type(dict))
    segments = c.Optional(c.Type(dict))
    signup = c.Optional(c.Type(dict))
    feeds = c.Optional(c.Type(dict))
    attribution = c.Optional(c.Type(dict))
    report = c.Optional(c.Type(dict))
    pagination = c.Optional(c.Type(int))
    strings = c.Optional(c.Type(dict))
    trusted_embeds = c.Optional(c.Type(list))
    ats = c.Optional(c.Type(dict))  # community import (ats/): validated by settings.py
    hero = c.Optional(c.Type(dict))
    brand = c.Optional(c.Type(dict))
    social_cards = c.Optional(c.Type(bool))
    languages = c.Optional(c.Type(dict))  # one community in several languages (#18)
    untranslated = c.Optional(c.Type(str))


def site_from_config(config: MkDocsConfig, serve: bool = False) -> Site:
    docs_dir = Path(config.docs_dir)
    config_dir = Path(config.config_file_path or ".").resolve().parent
    try:
        shown = docs_dir.resolve().relative_to(config_dir).as_posix() + "/"
    except ValueError:
        shown = docs_dir.as_posix().rstrip("/") + "/"
    url = config.site_url or "http://127.0.0.1:8000/"
    return Site(
        name=config.site_name, url=url if url.endswith("/") else url + "/",
        language=str(config.theme.get("language") or "en"), docs_dir=docs_dir,
        shown_docs_dir=shown, description=config.site_description or "",
        markdown_extensions=list(config.markdown_extensions),
        markdown_configs=dict(config.mdx_configs), serve=serve,
        favicon=str(config.theme.get("favicon") or ""),
        site_dir=Path(config.site_dir), project_dir=config_dir,
    )


def settings_from_config(options: dict[str, Any], config: MkDocsConfig,
                         serve: bool = False) -> Settings:
    """``serve``: the preview server's own address stands in for a missing site_url."""
    given = {key: value for key, value in options.items() if value is not None}
    path = Path(config.config_file_path) if config.config_file_path else None
    return load_settings(given, path, Path(config.docs_dir),
                         has_site_url=serve or bool(config.site_url),
                         language=str(config.theme.get("language") or "en"))


class CommunityPlugin(BasePlugin[CommunityConfig]):
    def __init__(self) -> None:
        self.serve = False
        self.settings: Settings | None = None
        self.output: Output | None = None
        self.problems = ""  # serve: the content errors, shown as every page
        self.pages: dict[str, Page] = {}
        self.kept = Kept()  # serve: rebuilds render only what the edit changed (rebuild.py)
        self.atomic = False
        self.site_dir: Path | None = None  # the real site/ while a staging folder is written
        self.staging: Path | None = None
        self.entry_pages: set[str] = set()
        self.clock = _Clock()
        self.shared = SharedParts()
        self.page_cache = PageCache()  # serve: pages the last rebuild already made
        self.served = ServedFolder()  # serve: the folder kept, only changed pages written
        self.collector = IdleCollector()  # serve: full garbage collection after a rebuild
        self.skipped = _QuietSkips()
        self.theme_code = TemplateCode()  # serve: MkDocs' theme's compiled templates
        self.unindexed = _Unindexed()
        self.nav: Navigation | None = None
        # A multilingual site (more than one language; empty until the core has run).
        self.languages: list[Language] = []
        self.chrome_languages: set[str] = set()  # Material's interface languages
        # MkDocs source -> the core page it gives its text to (index.zh.md -> zh/index.md).
        self.sources: dict[str, str] = {}
        # Plain Markdown pages of a multilingual site: src_uri -> (language, versions).
        self.plain: dict[str, tuple[str, Alternates]] = {}
        self.language_navs: dict[str, Navigation] = {}
        self.site_name = _SiteName()
        self.split_search = False  # one search index per language (search_indexes.py)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        self.serve = command == "serve"
        if self.serve:
            self.skipped.install()
        _quiet_jieba()
        # Builds write into a staging folder swapped in at the end (output.py); serve and
        # dirty builds keep writing in place (serve has its own temporary folder anyway).
        self.atomic = command in ("build", "gh-deploy") and not dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.serve:
            self.collector.building()
        try:
            self.settings = settings_from_config(dict(self.config), config, self.serve)
        except ContentError as error:
            raise PluginError(error.report()) from None
        if config.nav is None:
            config.nav = default_nav(with_join=self.settings.signup is not None)
        register_theme(config)
        if self.settings.brand:
            use_brand_colours(config)
        if self.atomic:
            self.site_dir = Path(config.site_dir)
            remove_stale(self.site_dir)
            self.staging = staging_dir(self.site_dir)
            config.site_dir = str(self.staging)
        return config

    @event_priority(100)  # before the search plugin writes its index
    def _first_post_build(self, *, config: MkDocsConfig) -> None:
        self.clock.lap(WRITING)

    @event_priority(-100)  # after every plugin that writes in on_post_build (search index)
    def _last_post_build(self, *, config: MkDocsConfig) -> None:
        self.clock.lap(SEARCH)
        if self.split_search:
            split(Path(config.site_dir), [language.home for language in self.languages[1:]])
            self.clock.lap(SPLIT)
        if self.serve:
            self.page_cache.completed()
            self.served.completed()
            self.collector.built()
        if self.staging is not None and self.site_dir is not None:
            staging, self.staging = self.staging, None
            config.site_dir = str(self.site_dir)  # gh-deploy publishes config.site_dir next
            if _strict_failure(config):
                discard(staging)  # MkDocs aborts right after: the old site stays
                return
            swap_in(staging, self.site_dir)
            self.clock.lap("MkDocs: swapping the new site in")
        if (path := requested_path()) is not None:
            TIMINGS.write(path)

    on_post_build = CombinedEvent(_first_post_build, _last_post_build)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
        poll_sooner(server)  # an edit's rebuild starts 0.125 s sooner on average
        return server

    def on_shutdown(self) -> None:
        if self.serve:
            self.collector.collect()  # Python's own thresholds back

    def on_build_error(self, *, error: Exception) -> None:
        if self.serve:
            self.served.failed()
            self.collector.built()
        if self.staging is not None:
            discard(self.staging)
            self.staging = None

    def fragment(self, name: str, base_url: str, page: MkPage | None = None) -> str:
        """A fragment the core rendered for the theme (footer, 404), for the page whose
        MkDocs ``base_url`` is given ("../.." on an entry, "/careers" on 404.html), in the
        page's language (a page of no language, as 404.html: the default one)."""
        if self.output is None:
            return ""
        root = base_url.rstrip("/") + "/" if base_url not in ("", ".") else "./"
        language = page.meta.get("community_language_code") if page is not None else None
        return self.output.fragment(name, root, language)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.settings is not None
        TIMINGS.reset()
        for name in SEARCH_PLUGINS:  # Chinese words cut by rjieba, not jieba (search_words)
            use_fast_words(config.plugins.get(name))
        site = site_from_config(config, self.serve)
        site.site_dir = self.site_dir or site.site_dir
        custom_dir = config.theme.custom_dir
        override = Path(custom_dir) / "community" if custom_dir else None
        self.problems = ""
        try:
            self.output = build(site, self.settings, build_time(), override,
                                self.kept if self.serve else None)
        except ContentError as error:
            if not self.serve or self.output is None:
                raise PluginError(error.report()) from None
            # mkdocs serve: failing here would leave the browser waiting for a rebuild that
            # never comes. Every page says what is wrong instead; the next good save
            # rebuilds the site as usual.
            log.error(error.report())
            self.problems = problems_html(error, Translator(site.language,
                                                            self.settings.strings))
            self.output = dataclasses.replace(self.output, pages=[
                dataclasses.replace(page, html=self.problems, toc=[], lead="")
                for page in self.output.pages])
        self.pages = {page.src_uri: page for page in self.output.pages}
        self.entry_pages = {entry.path for entry in self.output.entries}
        self.languages = site_languages(self.settings, site.language)
        if len(self.languages) > 1:
            self.chrome_languages = {
                language.code for language in self.languages
                if any((Path(folder) / "partials" / "languages" / f"{language.code}.html")
                       .is_file() for folder in config.theme.dirs)}
            use_languages(config, [language.code for language in self.languages])
        self.split_search = len(self.languages) > 1 and not _offline(config)
        self.site_name.names = {code: language.site_name
                                for code, language in self.settings.languages.items()
                                if language.site_name}
        if self.settings.social_cards.enabled and not self.serve:
            drawn, reused = self.output.cards
            log.info("community: social cards: %d drawn, %d from the cache", drawn, reused)
        if self.serve and known_plugins_only(config):
            self.served.hide(Path(config.site_dir))  # MkDocs empties site_dir next
        self.clock.start()

    @event_priority(-100)
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.clock.lap("MkDocs: files, nav, reading pages")
        env.globals["community_shared"] = self.shared.template_global()
        if self.serve and self.nav is not None:
            custom_dir = config.theme.custom_dir
            self.page_cache.plan(config, self.nav, (
                file.page for file in files.documentation_pages() if file.page is not None),
                [Path(custom_dir), THEME_DIR] if custom_dir else [THEME_DIR])
            env.globals["community_cached"] = self.page_cache.output
            env.bytecode_cache = self.theme_code
            self.skipped.expected.clear()  # notes of the last rebuild's skips never logged
            self.served.sweep(Path(config.site_dir), {
                file.dest_uri for file in files if file.inclusion.is_in_serve()})
        return env

    # The cost table (timings.py) of what MkDocs does per page, measured between events:
    # before the search plugin's on_page_context, after it, and as the page template ends.
    @event_priority(100)
    def _first_page_context(self, context: Any, *, page: MkPage, config: MkDocsConfig,
                            nav: Navigation) -> Any:
        self.clock.lap(WRITING)
        language = self.language_of(page) if self.language_navs else None
        if language is not None:
            context["nav"] = self.language_navs[language.code]  # tabs and menu of its language
            self.site_name.wear(config, language.code)
        if self.serve:
            self.page_cache.before_search(page)  # a reused page: its HTML hidden too
        self.unindexed.hide(page, config)
        return context

    @event_priority(-100)
    def _last_page_context(self, context: Any, *, page: MkPage, config: MkDocsConfig,
                           nav: Navigation) -> Any:
        self.clock.lap(SEARCH)
        self.unindexed.restore(page)
        if self.serve:
            self.page_cache.after_search(page)
        return context

    on_page_context = CombinedEvent(_first_page_context, _last_page_context)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.output is not None
        self.served.restore()  # MkDocs has emptied site_dir (serve): its contents come back
        leftovers = set(self.output.leftovers)
        self.sources, self.plain = {}, {}
        if len(self.languages) > 1:
            self.place_translations(files, config, leftovers)
        elif (script := files.get_file_from_path(LANGUAGE_SCRIPT)) is not None:
            files.remove(script)  # one language: no selector, the site as it always was
        for file in list(files):
            if is_entry_source(file.src_uri) or is_landing_source(file.src_uri) \
                    or file.src_uri in leftovers or (
                    file.src_uri in self.pages and file.src_uri != "index.md"):
                files.remove(file)
        given_text = set(self.sources.values())
        for page in self.output.pages:
            if page.src_uri not in given_text and files.get_file_from_path(page.src_uri) is None:
                # Entries and listings stay out of the nav unless the nav names them.
                files.append(File.generated(config, page.src_uri, content="",
                                            inclusion=InclusionLevel.NOT_IN_NAV))
        for path, data in self.output.files.items():
            files.append(File.generated(config, path, content=data))
        return files

    def place_translations(self, files: Files, config: MkDocsConfig,
                           leftovers: set[str]) -> None:
        """Plain Markdown pages with a language suffix (``privacy.zh.md``) are published in
        their language's folder (``zh/privacy/``); ``index.zh.md`` gives the zh home page
        its text as ``index.md`` does the default one; a section's translated page
        (``jobs/index.zh.md``) is left out like ``jobs/index.md`` (the core makes it).
        Links in such a page stay relative to where the file is, as its editor sees it."""
        others = {language.code: language for language in self.languages[1:]}
        default = self.languages[0].code
        versions: dict[str, dict[str, tuple[str, str]]] = {}
        for file in list(files.documentation_pages()):
            if (is_entry_source(file.src_uri) or is_landing_source(file.src_uri)
                    or file.src_uri in self.pages or file.src_uri in leftovers):
                continue
            found = language_suffix(file.src_uri, others)
            if found is None:
                versions.setdefault(file.src_uri, {})[default] = (file.src_uri,
                                                                  _url_of(file.dest_uri))
                continue
            base, code = found
            files.remove(file)
            dest = others[code].home + File(base, None, config.site_dir,
                                            config.use_directory_urls).dest_uri
            core_page = f"{_url_of(dest)}index.md"
            if core_page in self.pages and base != "index.md":
                continue  # a section's own page: the core makes it
            if core_page in self.pages:
                self.sources[file.src_uri] = core_page  # the home page's text
            files.append(File(file.src_uri, file.src_dir, file.dest_dir,
                              config.use_directory_urls, dest_uri=dest,
                              inclusion=InclusionLevel.NOT_IN_NAV))
            if core_page not in self.pages:
                versions.setdefault(base, {})[code] = (file.src_uri, _url_of(dest))
        for found in versions.values():
            alternates = versions_alternates(
                {code: url for code, (_, url) in found.items()}, self.languages)
            for code, (src_uri, _) in found.items():
                self.plain[src_uri] = (code, alternates)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        in_nav = {id(page) for page in nav.pages}
        self.nav = nav
        for file in files.documentation_pages():
            if (file.generated_by and file.src_uri in self.pages
                    and id(file.page) not in in_nav):
                _GeneratedPage(None, file, config)  # replaces MkDocs' page for this file
        self.language_navs = {}
        if len(self.languages) > 1:
            by_url = {file.page.url: file.page for file in files.documentation_pages()
                      if file.page is not None}
            for language in self.languages[1:]:
                self.language_navs[language.code] = self.language_nav(nav, language, by_url)
        self.shared.reset(nav, *self.language_navs.values(),
                          default_language=self.languages[0].code if self.languages else "")
        return nav

    def versions(self, page: MkPage) -> tuple[str, Alternates]:
        """A page's language and its language versions (hreflang code -> site URL)."""
        generated = self.generated(page)
        if generated is not None:
            return generated.language, generated.alternates
        return self.plain.get(page.file.src_uri, (self.languages[0].code if self.languages
                                                  else "", ()))

    def generated(self, page: MkPage) -> Page | None:
        """The core's page for a MkDocs page (index.zh.md: the zh home page)."""
        src_uri = page.file.src_uri
        return self.pages.get(self.sources.get(src_uri, src_uri))

    def language_nav(self, nav: Navigation, language: Language,
                     by_url: dict[str, MkPage]) -> Navigation:
        """The site's nav for the pages of ``language``: the same items, each the page's
        version in that language (the site's own when it has none), so tabs and menu stay
        within the language. Titles are the translated pages' own; the home page is
        "Home" in that language."""
        home = by_url.get(language.home)
        owned: list[MkPage] = []

        def translate(item: Any, parent: Section | None) -> Any:
            if isinstance(item, Section):
                section = Section(item.title, [])
                section.parent = parent
                section.children = [translate(child, section) for child in item.children]
                return section
            if not isinstance(item, MkPage):
                return item  # links go where they go
            url = dict(self.versions(item)[1]).get(language.code)
            version = by_url.get(url) if url is not None else None
            if version is None or version is item:
                return item
            version.parent = parent
            owned.append(version)
            if version is home:
                assert self.settings is not None
                version.title = Translator(language.code, self.settings.language_strings(
                    language.code))("breadcrumb.home")
            return version

        items = [translate(item, None) for item in nav.items]
        for previous, following in pairwise(owned):
            previous.next_page, following.previous_page = following, previous
        translated = Navigation(items, owned)
        translated.homepage = home
        return translated

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig,
                         files: Files) -> str:
        assert self.output is not None
        generated = self.generated(page)
        meta = page.meta
        if self.languages:
            self.language_meta(page, config)
        if generated is not None:
            if page.file.generated_by or "title" not in meta:  # the editor's title wins
                meta["title"] = generated.title
            meta.setdefault("description", generated.description)
            meta["community_head"] = generated.head
            meta["community_noindex"] = not generated.indexable
            if generated.canonical:
                # An untranslated entry shown in another language: its own page is the
                # canonical one, and this copy stays out of the sitemap (theme/sitemap.xml).
                page.canonical_url = (config.site_url or "") + quote(generated.canonical,
                                                                     safe="/")
                meta["community_copy"] = True
            # Material's own switches: home and listings are cards across the whole width;
            # entries keep their table of contents but have no section menu to show.
            meta["hide"] = ["navigation", "toc"] if generated.full_width else ["navigation"]
            # its tab (tabs-item.html): its own top folder unless the core says (explore/)
            meta["community_section"] = section_of(generated.section or generated.url,
                                                   self.language_of(page))
            if not generated.searchable:
                meta["search"] = {"exclude": True}  # Material's search plugin skips the page
            elif generated.search_terms:
                meta["tags"] = generated.search_terms  # Material's search indexes meta tags
        else:
            title = meta.get("title") or page.title or ""
            meta["community_head"] = self.output.default_head(
                page.url, str(title), str(meta.get("description") or ""),
                self.plain.get(page.file.src_uri, ("", ()))[1])
        # Material prints meta title and description without escaping: escape them here.
        for key in ("title", "description"):
            if isinstance(meta.get(key), str):
                meta[key] = html.escape(meta[key])
        if generated is not None and page.file.generated_by:
            return ""  # nothing to convert: the core already rendered this page
        return markdown

    def language_of(self, page: MkPage) -> Language | None:
        """The page's language on a multilingual site when it is not the default one."""
        code = page.meta.get("community_language_code")
        return next((language for language in self.languages[1:] if language.code == code),
                    None)

    def language_meta(self, page: MkPage, config: MkDocsConfig) -> None:
        """What the theme reads of a page's language: Material's interface language (its
        language file of that name, else the site's), and the versions of the page as
        absolute addresses for the sitemap (the same the core puts in the head)."""
        code, alternates = self.versions(page)
        page.meta["community_language_code"] = code
        if code in self.chrome_languages:  # else Material's: theme.language
            page.meta["community_language"] = code
        if len(self.languages) > 1:
            if any(page.url == language.home for language in self.languages[1:]):
                page.meta["community_language_home"] = True  # <title>: the site name alone
            site_url = config.site_url or ""
            page.meta["community_alternates"] = [
                (hreflang, site_url + quote(url, safe="/")) for hreflang, url in alternates]

    def language_choices(self, page: MkPage | None) -> list[Choice]:
        """The language selector of a page (partials/alternate.html); 404.html (no page):
        each language's home."""
        if len(self.languages) < 2:
            return []
        if page is None:
            return choices(self.languages[0].code, self.languages[0].home, (), self.languages)
        code, alternates = self.versions(page)
        return choices(code, page.url, alternates, self.languages)

    def search_index_url(self, page: MkPage | None) -> str:
        """The search index a page searches, from the site root (search-index.js asks for
        it instead of Material's): its language's on a multilingual site, else Material's."""
        language = self.language_of(page) if page is not None and self.split_search else None
        return index_of(language.home if language is not None else "")

    def on_page_content(self, html_text: str, *, page: MkPage, config: MkDocsConfig,
                        files: Files) -> str:
        generated = self.generated(page)
        if generated is None:
            return self.problems or html_text
        if page.file.generated_by:
            page.toc = get_toc(generated.toc)
            return generated.lead + generated.html  # a language's home without its text
        # the home page: our hero, the editor's text, then our sections
        return f'{generated.lead}<div class="cm-intro">{html_text}</div>{generated.html}'

    def _kind(self, page: MkPage) -> str:
        generated = self.generated(page)
        if generated is None or not page.file.generated_by:
            return "other pages"
        if generated.url in self.entry_pages:
            return "entry pages"
        return "other pages" if generated.searchable else "listing pages"

    @event_priority(100)
    def _first_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        self.clock.lap(f"page template (Material): {self._kind(page)}")
        self.site_name.take_off(config)
        head = page.meta.get("community_head")
        # A reused page's output is the very HTML the last rebuild checked (serve_cache).
        if head and not (self.serve and self.page_cache.is_reused(page)) and head not in output:
            raise PluginError(missing_head_message(config))
        return output

    @event_priority(-100)  # the page as it is written, after every plugin
    def _last_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        if self.serve:
            self.page_cache.written(page, output)
            if self.page_cache.is_reused(page) and self.served.holds(page.file.abs_dest_path):
                self.skipped.expect(page)
                return ""  # the file holds this very HTML: MkDocs skips an empty page
        return output

    on_post_page = CombinedEvent(_first_post_page, _last_post_page)


class _QuietSkips(logging.Filter):
    """MkDocs notes every page it does not write ("Page skipped: ... Generated empty
    output."); under serve, the pages the served folder already holds are skipped on
    purpose (ServedFolder), and an editor needs no thousand lines about them."""

    LOGGER = "mkdocs.commands.build"

    def __init__(self) -> None:
        super().__init__()
        self.expected: set[str] = set()

    def install(self) -> None:
        logger = logging.getLogger(self.LOGGER)
        if self not in logger.filters:
            logger.addFilter(self)

    def expect(self, page: MkPage) -> None:
        self.expected.add(f"Page skipped: '{page.file.src_uri}'. Generated empty output.")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message in self.expected:
            self.expected.discard(message)
            return False
        return True


class _SiteName:
    """Material prints ``config.site_name`` (header, menu, logo label, <title>): a page of a
    language with a site name of its own wears it while its template renders, and the
    site's comes back right after (on_post_page)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.own: str | None = None

    def wear(self, config: MkDocsConfig, code: str) -> None:
        name = self.names.get(code)
        if name is not None:
            self.own = self.own if self.own is not None else config.site_name
            config.site_name = name

    def take_off(self, config: MkDocsConfig) -> None:
        if self.own is not None:
            config.site_name, self.own = self.own, None


class SharedParts:
    """Parts of Material's page that every page outside the nav in one folder has alike
    (the nav, the search box, the config and script tags: a third of Material's page
    template), rendered once per folder and build: ``{% call community_shared("nav") %}``
    in the theme's templates.

    A page outside the nav has no active nav item, and every link in these parts is relative
    to the page's folder, so pages of one folder (``news/a/``, ``news/b/``) get the same
    markup. Pages in the nav (home, sections), pages with a nav page inside them and
    templates without a page (404) render their own. On a multilingual site each language
    has its nav (pages in any of them render their own) and its interface strings: a page
    of another language than the site's keys its parts by its language too.

    Public because it is the theme's interface: a site's own templates may wrap any part
    that is alike across a folder in ``community_shared("name")``. ``reused`` counts the
    parts a build took from an earlier page instead of rendering them (the bench and the
    tests read it from ``config.plugins["community"].shared``)."""

    def __init__(self) -> None:
        self.parts: dict[tuple[str, str], str] = {}
        self.reused = 0
        self.in_nav: set[int] = set()
        self.nav_urls: tuple[str, ...] = ()
        self.default_language = ""

    def reset(self, *navs: Navigation, default_language: str = "") -> None:
        self.parts = {}
        self.reused = 0
        self.in_nav = {id(page) for nav in navs for page in nav.pages}
        self.nav_urls = tuple(page.url for nav in navs for page in nav.pages)
        self.default_language = default_language

    def folder(self, page: MkPage | None) -> str | None:
        """The key of the page's shared parts, or None when it must render its own."""
        if page is None or id(page) in self.in_nav or page.parent is not None:
            return None
        if any(url.startswith(page.url) for url in self.nav_urls):
            return None
        folder = page.url.rstrip("/").rpartition("/")[0]
        language = page.meta.get("community_language_code", self.default_language)
        return folder if language == self.default_language else f"{folder} ({language})"

    def render(self, page: MkPage | None, part: str, caller: Callable[[], str]) -> str:
        folder = self.folder(page)
        if folder is None:
            return caller()
        key = (part, folder)
        if key in self.parts:
            self.reused += 1
        else:
            self.parts[key] = caller()
        return self.parts[key]

    def template_global(self) -> Callable[..., str]:
        @jinja2.pass_context
        def community_shared(context: Any, part: str, caller: Callable[[], str]) -> str:
            return self.render(context.get("page"), part, caller)
        return community_shared


class _Unindexed:
    """The search plugin parses a page's whole HTML and then leaves out what is marked
    ``data-search-exclude`` (an entry's breadcrumb and share box: a third of the parsing of
    an entry page besides its text). It gets the page without those parts, and the page
    gets its whole HTML back, with the one change Material's search makes to every page
    (data-search-* attributes with a value taken out) applied to it as well."""

    # An element marked data-search-exclude, up to its own closing tag (the share box and
    # breadcrumb hold no element of their own kind).
    ELEMENT = re.compile(r"<(\w+)\b[^>]*\sdata-search-exclude\b[^>]*>.*?</\1>", re.S)
    SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")  # Material's own pattern

    def __init__(self) -> None:
        self.whole: str | None = None

    def hide(self, page: MkPage, config: MkDocsConfig) -> None:
        self.whole = None
        content = page.content or ""
        if "data-search-exclude" in content and search_index(config) is not None:
            self.whole = content
            page.content = self.ELEMENT.sub("", content)

    def restore(self, page: MkPage) -> None:
        if self.whole is not None:
            page.content = self.SEARCH_ATTRIBUTE.sub("", self.whole)
            self.whole = None


# Rows of the cost table measured in the shell (timings.py).
WRITING = "MkDocs: static files, writing pages"
SEARCH = "search index (Material)"
SPLIT = "search index per language"


class _Clock:
    """Laps between MkDocs events, added to the build's cost table."""

    def __init__(self) -> None:
        self.mark = perf_counter()

    def start(self) -> None:
        self.mark = perf_counter()

    def lap(self, name: str) -> None:
        now = perf_counter()
        TIMINGS.add(name, now - self.mark)
        self.mark = now


def register_theme(config: MkDocsConfig) -> None:
    """The package's theme folder right after the site's custom_dir; its assets first in
    extra_css / extra_javascript (a site's own come later and win), never listed twice."""
    dirs = config.theme.dirs
    theme_dir = str(THEME_DIR)
    if theme_dir not in dirs:
        custom_dir = config.theme.custom_dir
        dirs.insert(1 if custom_dir and dirs and dirs[0] == custom_dir else 0, theme_dir)
    listed_css = {_site_path(str(path)) for path in config.extra_css}
    config.extra_css[:0] = [path for path in STYLESHEETS if path not in listed_css]
    listed_js = {_site_path(str(script)) for script in config.extra_javascript}
    config.extra_javascript[:0] = [ExtraScriptValue(path) for path in SCRIPTS
                                   if path not in listed_js]


def site_languages(settings: Settings, default: str) -> list[Language]:
    """The site's languages in settings order, the default first (one: a one-language
    site); each language's pages are under its code but the default's, at the root."""
    if not settings.languages:
        return [Language(default, own_name(default), "")]
    return [Language(code, language.name, "" if code == default else f"{code}/")
            for code, language in settings.languages.items()]


class _PerPageSelector:
    """``extra.alternate`` of a multilingual site. From that list Material makes a selector
    of fixed links (to each language's home) and prints the same links as hreflang in every
    head: both wrong for any page but the homes. This stands in for the list: true, so
    Material's header includes partials/alternate.html (the package's: this page's own
    versions); not iterable, so base.html prints no hreflang of its own (the core's head
    has the page's set)."""

    def __bool__(self) -> bool:
        return True


def use_languages(config: MkDocsConfig, codes: list[str]) -> None:
    """A multilingual site: the per-page language selector, its script, and Material's
    search with the stemmers and stop words of every language (each language's index,
    search_indexes.py, keeps that config: a page of one language quotes words of another)."""
    own = config.extra.get("alternate")
    if own and not isinstance(own, _PerPageSelector):
        log.info("community: extra.alternate is replaced by the language selector of "
                 "`languages` (each page's own versions)")
    config.extra["alternate"] = _PerPageSelector()
    if LANGUAGE_SCRIPT not in {_site_path(str(script)) for script in config.extra_javascript}:
        config.extra_javascript.append(ExtraScriptValue(LANGUAGE_SCRIPT))
    search = next((config.plugins[name] for name in ("material/search", "search")
                   if name in config.plugins), None)
    searched = getattr(getattr(search, "config", None), "lang", None)
    if isinstance(searched, list):  # changed in place: the search index holds this list
        for code in codes:
            lunr = search_language(code, config)
            if lunr is not None and lunr not in searched:
                searched.append(lunr)


def _offline(config: MkDocsConfig) -> bool:
    """Material's offline plugin: pages read from file:// load the index as a script
    (search/search_index.js, written from the one index), not through the request
    search-index.js redirects; such a site keeps the one index for every language."""
    return any(getattr(getattr(config.plugins.get(name), "config", None), "enabled", False)
               for name in ("offline", "material/offline"))


def search_language(code: str, config: MkDocsConfig) -> str | None:
    """The language Material's search (lunr) knows for a site language: ``zh`` for
    ``zh-Hant``; None when it has no support file for it."""
    for candidate in (code, code.split("-")[0]):
        if candidate == "en" or any(
                (Path(folder) / "assets/javascripts/lunr/min" / f"lunr.{candidate}.min.js")
                .is_file() for folder in config.theme.dirs):
            return candidate
    return None


def _url_of(dest_uri: str) -> str:
    """A page's site-relative URL from its output path: ``zh/privacy/index.html`` ->
    ``zh/privacy/``, ``index.html`` -> ``""``."""
    return dest_uri.removesuffix("index.html")


def use_brand_colours(config: MkDocsConfig) -> None:
    """Material's palettes take the colours of ``brand`` (brand.py writes the variables)."""
    palettes = config.theme.get("palette")
    for palette in palettes if isinstance(palettes, list) else [palettes]:
        if isinstance(palette, dict):
            palette["primary"] = palette["accent"] = "custom"
    if BRAND_CSS not in {_site_path(str(path)) for path in config.extra_css}:
        config.extra_css.insert(len(STYLESHEETS), BRAND_CSS)


def _site_path(path: str) -> str:
    return path.removeprefix("./").lstrip("/")


def missing_head_message(config: MkDocsConfig) -> str:
    """Which main.html dropped the community head, and the line that puts it back."""
    config_dir = Path(config.config_file_path or ".").resolve().parent
    shell = next((Path(folder) / "main.html" for folder in config.theme.dirs
                  if (Path(folder) / "main.html").is_file()), Path("main.html"))
    try:
        shown = shell.resolve().relative_to(config_dir).as_posix()
    except ValueError:
        shown = shell.as_posix()
    return (f"{shown}: this main.html leaves out the community plugin's head block, so pages "
            "would lose their robots rules (job previews would reach search engines), feed "
            "links and JSON-LD. Put {% include \"" + HEAD_PARTIAL + "\" %} inside "
            "{% block extrahead %}, after {{ super() }}.")


def _strict_failure(config: MkDocsConfig) -> bool:
    """``mkdocs build --strict`` with warnings: MkDocs aborts after on_post_build. Its
    warning counter is a handler on the 'mkdocs' logger (read here, as nothing passes it)."""
    if not config.strict:
        return False
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(handler, CountHandler) and handler.get_counts()
               for handler in handlers)


class _GeneratedPage(MkPage):
    """A page the core rendered: MkDocs would build a Markdown converter for each of them
    (1.5 % of a 1000-entry build) to convert an empty text; on_page_content puts the HTML
    in. Pages the nav names keep MkDocs' own class (and the nav's title)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])


def problems_html(error: ContentError, t: Translator) -> str:
    """The content errors as the page ``mkdocs serve`` shows in their place."""
    items = "".join(
        f"<li><code>{html.escape(problem.path)}:{problem.line}</code> "
        f"<strong>{html.escape(problem.field)}</strong>: {html.escape(problem.message)}</li>"
        for problem in error.problems)
    return (f'<div class="cm-problems" role="alert"><h1>{html.escape(t("serve.problems"))}'
            f'</h1><p>{html.escape(t("serve.problems_text"))}</p><ul>{items}</ul></div>')


def _quiet_jieba() -> None:
    """jieba (Material's search cuts Chinese text with it) prints four lines about its
    dictionary on every build; editors need none of them."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def default_nav(with_join: bool = False) -> list[Any]:
    """Sections only: a nav that held every entry would make each page's cost grow."""
    join = ["join/index.md"] if with_join else []  # the signup form (forms.py)
    return ["index.md", *[f"{kind}/index.md" for kind in TYPES], f"{EXPLORE_URL}index.md",
            "subscribe/index.md", *join]
