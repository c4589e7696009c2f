"""The languages of a multilingual site as the plugin shell places them: plain Markdown pages
with a language suffix, the language versions of those pages, and the language selector.

The core makes the pages of each language and says, for each, its language and its versions
(``render.Page.language`` and ``.alternates``). What it does not see is the site's own
Markdown pages outside the entry folders (``privacy.md``, ``about/team.md``): a translation
of one is the same file name with the language suffix (``privacy.zh.md``, the convention of
mkdocs-static-i18n), published under the language's folder (``zh/privacy/``). Part of the
plugin shell, used by plugin.py only; it imports nothing of MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from .files import markdown_stem
from .validate import language_suffix as entry_language_suffix

Alternates = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Language:
    code: str  # the hreflang code, also the folder of its pages (zh/) unless default
    name: str  # in its own language, as the selector shows it ("English", "中文")
    home: str  # site-relative URL of its home page: "" for the default, "zh/" for the others


@dataclass(frozen=True)
class Choice:
    """One line of the language selector on one page."""

    language: Language
    url: str  # the same page in that language, else that language's home
    current: bool


def own_name(code: str) -> str:
    """A language's name in that language ("中文" for zh), by Babel; the code if unknown."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    return (name[:1].upper() + name[1:]) if name else code


def language_suffix(src_uri: str, codes: Iterable[str]) -> tuple[str, str] | None:
    """``privacy.zh.md`` -> (``privacy.md``, ``zh``) for a language of ``codes``, else None
    (the suffix read as the core reads an entry's, validate.language_suffix)."""
    code = entry_language_suffix(src_uri)
    folder, slash, name = src_uri.rpartition("/")
    stem = markdown_stem(name)
    if code is None or code not in codes or stem is None:
        return None
    base = stem.removesuffix(f".{code}")
    return (f"{folder}{slash}{base}{name[len(stem):]}", code) if base else None


def versions_alternates(versions: dict[str, str], languages: Sequence[Language]) -> Alternates:
    """The hreflang set of a page from its versions (language code -> site-relative URL):
    in the site's language order, then x-default, the default language's version (or the
    first there is), as the core gives it for its own pages."""
    ordered = tuple((language.code, versions[language.code]) for language in languages
                    if language.code in versions)
    if not ordered:
        return ()
    return (*ordered, ("x-default", ordered[0][1]))


def choices(language: str, url: str, alternates: Alternates,
            languages: Sequence[Language]) -> list[Choice]:
    """The selector of a page at ``url``: its own language links to itself; each other
    language to this page's version in it when there is one, else to that language's home.
    (An untranslated entry shown in another language is no version of its own: its
    alternates are its original's, which may leave its own language out.)"""
    versions = dict(alternates)
    return [Choice(other, url, True) if other.code == language
            else Choice(other, versions.get(other.code, other.home), False)
            for other in languages]


def section_of(url: str, language: Language | None) -> str:
    """The top folder of a page, the tab it belongs to: ``jobs`` for ``jobs/x/``, and
    ``zh/jobs`` for ``zh/jobs/x/`` (``language``: the page's own, when not the default)."""
    prefix = language.home if language is not None else ""
    return prefix + url.removeprefix(prefix).split("/", 1)[0]
