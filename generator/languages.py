"""One community in several languages (#18): each language's site, its entries, and which
pages are versions of one another.

The first language of ``languages`` (the site's ``theme.language``) is built at the site root
exactly as a one-language site; each other one under ``<code>/``, with its own ``Site`` (its
root as ``url``, its name and description), its settings as it reads them (segment labels,
hero) and its interface strings. A language shows its own entries: translations
(``x.zh.md``), entries written in it (``lang: zh``); with ``untranslated: show`` also every
entry it lacks, in the entry's own language (the same Entry, rendered once: the page renderer
sees its language differ and adds the notice). Feeds hold a language's own entries only;
calendars every event it shows (one UID per event in every language).

Decided in the core, not with mkdocs-static-i18n: that plugin re-runs MkDocs' whole build per
language and knows only Markdown files MkDocs sees, while entry pages, feeds and calendars are
generated here (ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from html import escape
from urllib.parse import quote

from .content import Entry
from .i18n import language_name
from .render import Page
from .settings import Settings, Site

X_DEFAULT = "x-default"


@dataclass(frozen=True)
class SiteLanguage:
    """One language of the site, as its pages are built."""

    code: str  # the hreflang code: "en", "zh"
    name: str  # in itself, for the language selector: "中文"
    path: str  # from the site root: "" for the default language, "zh/"
    site: Site  # url: this language's root; name, description, language in it
    settings: Settings  # segment labels and hero in this language


def site_languages(site: Site, settings: Settings) -> list[SiteLanguage]:
    """Every language of the site, the default first (a one-language site: its one)."""
    if not settings.languages:
        return [SiteLanguage(site.language, language_name(site.language), "", site, settings)]
    found = []
    for index, (code, language) in enumerate(settings.languages.items()):
        path = f"{code}/" if index else ""
        localized = replace(site, url=site.url + path, language_path=path,
                            language=code if index else site.language,
                            name=language.site_name or site.name,
                            description=language.site_description or site.description)
        found.append(SiteLanguage(code, language.name, path, localized,
                                  settings.in_language(code)))
    return found


def language_entries(entries: Iterable[Entry], languages: list[SiteLanguage],
                     untranslated: str) -> dict[str, list[Entry]]:
    """The entries each language shows: its own, and with ``show`` every entry it has no
    version of, in the version of the earliest language (in settings order) that has one."""
    codes = [language.code for language in languages]
    own: dict[str, list[Entry]] = {code: [] for code in codes}
    versions: dict[str, dict[str, Entry]] = {}  # address -> language -> its version
    for entry in entries:
        own.setdefault(entry.language, []).append(entry)
        versions.setdefault(entry.url, {})[entry.language] = entry
    if untranslated == "omit" or len(codes) < 2:
        return own
    shown = {code: list(own[code]) for code in codes}
    for found in versions.values():
        first = next(found[code] for code in codes if code in found)
        for code in codes:
            if code not in found:
                shown[code].append(first)
    return shown


def alternates(pages: list[Page], languages: list[SiteLanguage]) -> None:
    """Fill ``alternates`` of every page (render.Page) of a site in several languages: the
    pages that are versions of one address (its path without the language's), in settings
    order, then x-default: the default language's version, else the earliest one there is.

    A copy of an untranslated entry (``canonical`` set) is no version of its own: it gets
    its original's set, which leaves it out (search engines see one page per language)."""
    if len(languages) < 2:
        return
    order = {language.code: index for index, language in enumerate(languages)}
    paths = {language.code: language.path for language in languages}
    versions: dict[str, list[tuple[str, str]]] = {}
    for page in pages:
        if not page.canonical:
            local = page.url.removeprefix(paths[page.language])
            versions.setdefault(local, []).append((page.language, page.url))
    for page in pages:
        found = sorted(versions.get(page.url.removeprefix(paths[page.language]), []),
                       key=lambda version: order[version[0]])
        if found:
            page.alternates = (*found, (X_DEFAULT, found[0][1]))


def hreflang_links(alternates: tuple[tuple[str, str], ...], root_url: str) -> str:
    """The <head> links of a page's language versions, absolute as search engines need."""
    return "".join(
        f'\n<link rel="alternate" hreflang="{escape(code)}" '
        f'href="{escape(root_url + quote(url, safe="/"))}">'
        for code, url in alternates)
