"""Site settings: the ``community`` plugin's options in mkdocs.yml, validated by pydantic."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import AfterValidator, BeforeValidator, Field, ValidationError
from pydantic_core import PydanticCustomError

from .brand import contrast_problems
from .entry_types import TYPES, type_strings
from .errors import ContentError, Problem, dotted
from .fields import Email, ImageRef, Link, Slug, Text, TextList
from .i18n import SOURCE_LANGUAGE, messages, placeholders
from .model import ContractModel
from .providers import MAILCHIMP_GROUP, PROVIDERS, SEGMENT_PROVIDERS
from .reader import yaml_lines
from .sourcing import is_token
from .validate import explain

SETTINGS_KEY = ("plugins", "community")
PROVIDER_NAMES = tuple(PROVIDERS)


def _check_endpoint(value: Any) -> Any:
    """https only; plain http is allowed for a form server on this machine (tests)."""
    if isinstance(value, str):
        parts = urlsplit(value.strip())
        local = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")
        if not (parts.scheme == "https" or local) or not parts.netloc:
            raise PydanticCustomError(
                "endpoint", "'{value}' must be an https:// address (http only for localhost)",
                {"value": value},
            )
        return value.strip()
    return value


_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
                   r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")


def _check_host(value: Any) -> Any:
    if isinstance(value, str) and not _HOST.match(value.strip().lower()):
        raise PydanticCustomError(
            "host", "'{value}' is not a host name: write only the host, e.g. "
            "www.youtube-nocookie.com (no https://, no path)", {"value": value})
    return value.strip().lower() if isinstance(value, str) else value


Host = Annotated[str, BeforeValidator(_check_host)]


class Organization(ContractModel):
    name: Text
    url: Link | None = None
    logo: ImageRef | None = None
    email: Email | None = None  # a contact address: the calendars' ORGANIZER
    profiles: list[Profile] = []


class Profile(ContractModel):
    """One of the company's social profiles, linked from every page's footer."""

    name: Text  # "LinkedIn", "GitHub", ...
    url: Link


HexColour = Annotated[str, Field(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]


class Brand(ContractModel):
    """The company's colours, set here once: the site's palette and the social cards."""

    primary: HexColour  # the header, buttons, links; white text must read on it
    accent: HexColour | None = None  # hovered links and focus; default: the primary colour

    @property
    def accent_colour(self) -> str:
        return self.accent or self.primary


def _cards_switch(value: Any) -> Any:
    """``social_cards: false`` is short for ``social_cards: {enabled: false}``."""
    return {"enabled": value} if isinstance(value, bool) else value


class SocialCards(ContractModel):
    """Link-preview images (social.py): on unless turned off."""

    enabled: bool = True
    font: ImageRef | None = None  # a .ttf/.otf inside content/ for scripts Aileron lacks


class Hero(ContractModel):
    """The home page's opening: the community's promise and where to go from it."""

    headline: Text | None = None  # default: the site's name
    text: Text | None = None  # default: the site's description


class Axis(ContractModel):
    """One way to segment the community (teams, locations, ...): id -> label."""

    title: Text
    values: Annotated[dict[Slug, Text], Field(min_length=1)]


class Signup(ContractModel):
    provider: Literal[PROVIDER_NAMES] = "formspree"  # type: ignore[valid-type]
    endpoint: Annotated[str, BeforeValidator(_check_endpoint)]
    privacy_url: Link
    access_key: Text | None = None  # web3forms identifies the form by a public key
    subject: Text | None = None
    # Newsletter services: segment id -> the service's tag (Buttondown) or interest group
    # field (Mailchimp), and tags every signup gets; forms.py checks them per provider.
    segments: dict[str, Text] = {}
    tags: list[Text] = []


class Attribution(ContractModel):
    """Where signups come from (sourcing.py): declared sources, the relationship question."""

    # id: label. A link's `source` must be one of these ids, else the form posts `other`.
    sources: dict[Slug, Text] = {}
    # id: label. With any, every full form asks "How do you know us?" (optional, one answer).
    relationships: dict[Slug, Text] = {}


def _registered_type(kind: str) -> str:
    """An entry type's name, checked against the registry when the settings are read (a type
    registered after this module's import is one too)."""
    if kind not in TYPES:
        raise PydanticCustomError("entry_type", "'{kind}' is not an entry type (the types: "
                                  "{types})", {"kind": kind, "types": ", ".join(TYPES)})
    return kind


class Report(ContractModel):
    """The `community report` command's goals."""

    # Entries to publish per month, by type (news, events, ...): the report's cadence line.
    cadence: dict[Annotated[Slug, AfterValidator(_registered_type)],
                  Annotated[int, Field(ge=0, le=1000)]] = {}


RSS_IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif")  # RSS 2.0's channel image formats


def _check_rss_image(value: Any) -> Any:
    if isinstance(value, str) and not urlsplit(value).path.lower().endswith(RSS_IMAGE_TYPES):
        raise PydanticCustomError(
            "rss_image", "'{value}' must be a PNG, JPEG or GIF (RSS 2.0 shows no other "
            "format); without this key the feeds show the logo, turned into a PNG",
            {"value": value})
    return value


class Feeds(ContractModel):
    length: Annotated[int, Field(ge=1, le=500)] = 20
    utm: bool = False
    # The feeds' channel image; default: organization.logo (an SVG one rendered as PNG).
    image: Annotated[ImageRef, AfterValidator(_check_rss_image)] | None = None


class AtsImport(ContractModel):
    """``community import``: which board, and what a newly imported role starts as."""

    board: Text | None = None  # greenhouse:<board> | lever:<site> | ashby:<organization>
    new_roles: Literal["preview", "open"] = "preview"
    preview_days: Annotated[int, Field(ge=1, le=365)] = 14
    # An ATS department, team, office or location name -> segment ids for a new role.
    segments: dict[Text, TextList] = {}


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _check_language_code(value: Any) -> Any:
    if isinstance(value, str) and not _LANGUAGE_CODE.match(value):
        raise PydanticCustomError(
            "language_code", "'{value}' is not a language code like en, zh or pt-BR "
            "(lowercase language, as in theme.language)", {"value": value})
    return value


LanguageCode = Annotated[str, BeforeValidator(_check_language_code)]


class Language(ContractModel):
    """One language of a site in several (the first listed is the default): its name in
    itself, and what the site says differently in it."""

    name: Text  # in the language itself, as the language selector shows it: "中文"
    site_name: Text | None = None  # default: mkdocs.yml's site_name
    site_description: Text | None = None  # default: mkdocs.yml's site_description
    hero: Hero = Hero()  # default: the site's hero
    # Segment axis and value ids, and relationship ids (attribution) -> their label in this
    # language (default: the label in `segments` or `attribution.relationships`).
    labels: dict[str, Text] = {}
    # This language's wording of any interface string (as `strings`, for this language).
    strings: dict[str, Text] = {}


def _check_zone(value: Any) -> Any:
    if isinstance(value, str):
        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError(
                "time_zone", "'{value}' is not a time zone name; use one like Europe/Berlin",
                {"value": value}) from None
        return value.strip()
    return value


class Settings(ContractModel):
    organization: Organization
    # The site's time zone (IANA): the day a role opens and closes is a day there.
    timezone: Annotated[str, BeforeValidator(_check_zone)] = "UTC"
    segments: dict[Slug, Axis] = {}
    signup: Signup | None = None
    feeds: Feeds = Feeds()
    attribution: Attribution = Attribution()
    report: Report = Report()
    pagination: Annotated[int, Field(ge=1, le=200)] = 12
    ats: AtsImport = AtsImport()
    # The site's own wording of any interface string: catalog key -> text (i18n.py).
    strings: dict[str, Text] = {}
    # Hosts whose https pages an entry may embed in an <iframe> (a video player, say).
    # None by default: every other iframe, and every script, is removed from bodies.
    trusted_embeds: list[Host] = []
    hero: Hero = Hero()
    brand: Brand | None = None
    # A 1200x630 PNG per page for link previews (LinkedIn, X, chat apps): social.py.
    social_cards: Annotated[SocialCards, BeforeValidator(_cards_switch)] = SocialCards()
    # One community in several languages (#18): code -> Language, the first the default (it
    # must be theme.language). None: one language, theme.language, as before.
    languages: dict[LanguageCode, Language] = {}
    # An entry missing in a language: `show` it there in its own language with a notice,
    # or `omit` it from that language.
    untranslated: Literal["show", "omit"] = "show"

    def rules(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        seen: dict[str, str] = {}
        for axis_id, axis in self.segments.items():
            for value in axis.values:
                if value in seen:
                    yield ("segments", axis_id, "values", value), (
                        f"'{value}' is already a segment of '{seen[value]}'; "
                        "segment ids must be unique across axes"
                    )
                seen[value] = axis_id
        for source in self.attribution.sources:
            if not is_token(source):
                yield ("attribution", "sources", source), (
                    f"'{source}' is too long for a link: at most 40 characters")
        for key, text in self.strings.items():
            problem = string_override_problem(key, text)
            if problem:
                yield ("strings", key), problem
        yield from self._ats_findings(seen)
        yield from self._language_findings()
        if self.brand:
            for key, problem in contrast_problems(self.brand.primary, self.brand.accent_colour):
                yield ("brand", key if key == "primary" or self.brand.accent else "primary"), \
                    problem
        if self.signup:
            yield from signup_findings(self.signup, self.segment_ids)

    def _ats_findings(self, declared: dict[str, str]) -> Iterator[tuple[tuple[str | int, ...],
                                                                         str]]:
        if self.ats.board:
            from .ats.boards import parse_spec  # the import's own rules for a board name

            try:
                parse_spec(self.ats.board)
            except ValueError as error:
                yield ("ats", "board"), str(error)
        for name, ids in self.ats.segments.items():
            for index, segment in enumerate(ids):
                if segment not in declared:
                    known = ", ".join(sorted(declared)) or "none"
                    yield ("ats", "segments", name, index), (
                        f"'{segment}' is not a declared segment (declared: {known})")

    def _language_findings(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        labelled = {*self.segments, *self.segment_ids, *self.attribution.relationships}
        for code, language in self.languages.items():
            for key in language.labels:
                if key not in labelled:
                    known = ", ".join(sorted(labelled)) or "none"
                    yield ("languages", code, "labels", key), (
                        f"'{key}' is no segment axis, segment or relationship (declared: "
                        f"{known})")
            for key, text in language.strings.items():
                problem = string_override_problem(key, text)
                if problem:
                    yield ("languages", code, "strings", key), problem

    def language_problem(self, site_language: str) -> tuple[tuple[str, ...], str] | None:
        """The first declared language must be the site's own (``theme.language``): the
        default language is built at the site root, with Material's interface in it."""
        first = next(iter(self.languages), None)
        if first is None or first == site_language:
            return None
        return ("languages", first), (
            f"the first language is the site's default and must be theme.language "
            f"('{site_language}'); list '{site_language}' first or change theme.language")

    def in_language(self, code: str) -> Settings:
        """These settings as the pages of language ``code`` read them: segment titles and
        labels, relationship labels and the hero in that language (a declared language's own
        values first).

        A language other than the default takes nothing of the top-level ``hero`` (written in
        the default language): its hero falls back to its own site name and description."""
        language = self.languages.get(code)
        if language is None:
            return self
        labels = language.labels
        segments = {axis_id: axis.model_copy(update={
            "title": labels.get(axis_id, axis.title),
            "values": {value: labels.get(value, label) for value, label in axis.values.items()},
        }) for axis_id, axis in self.segments.items()}
        attribution = self.attribution.model_copy(update={"relationships": {
            key: labels.get(key, label)
            for key, label in self.attribution.relationships.items()}})
        inherited = self.hero if code == next(iter(self.languages)) else Hero()
        hero = Hero(headline=language.hero.headline or inherited.headline,
                    text=language.hero.text or inherited.text)
        return self.model_copy(update={"segments": segments, "hero": hero,
                                       "attribution": attribution})

    def language_strings(self, code: str) -> dict[str, str]:
        """The site's wording of interface strings in language ``code``: the top-level
        ``strings`` are the default language's (on a one-language site, the site's), each
        language adds its own."""
        language = self.languages.get(code)
        default = not self.languages or code == next(iter(self.languages))
        return {**(self.strings if default else {}), **(language.strings if language else {})}

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local(self, now: datetime) -> datetime:
        """``now`` on the site's clock: its ``.date()`` is today there (days of roles)."""
        return now.astimezone(self.zone)

    @property
    def segment_ids(self) -> set[str]:
        return {value for axis in self.segments.values() for value in axis.values}

    def segment(self, segment_id: str) -> tuple[Axis, str] | None:
        """The axis a segment belongs to and its label, or None if it is not declared."""
        for axis in self.segments.values():
            if segment_id in axis.values:
                return axis, axis.values[segment_id]
        return None

    def segment_label(self, segment_id: str) -> str:
        found = self.segment(segment_id)
        return found[1] if found else segment_id


def signup_findings(signup: Signup,
                    segment_ids: Iterable[str]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Settings that the chosen provider cannot use: each a (key path, message)."""
    provider = PROVIDERS[signup.provider]
    if provider.key_field and not signup.access_key:
        yield ("signup", "access_key"), f"is required for provider {signup.provider}"
    if signup.access_key and not provider.key_field:
        yield ("signup", "access_key"), (
            f"is not used by provider {signup.provider} (only web3forms names its form "
            "by an access key); remove it")
    if signup.subject and not provider.subject:
        yield ("signup", "subject"), (
            f"provider {signup.provider} takes no subject field; set the subject of its "
            "notification emails in its dashboard and remove this key")
    if (problem := provider.endpoint_problem(signup.endpoint)):
        yield ("signup", "endpoint"), f"'{signup.endpoint}' {problem}"
    yield from _segment_findings(signup, sorted(segment_ids))


def _segment_findings(signup: Signup,
                      declared: list[str]) -> Iterator[tuple[tuple[str, ...], str]]:
    """``signup.segments`` and ``signup.tags``: only for newsletter services, in their format."""
    name = signup.provider
    if name not in SEGMENT_PROVIDERS:
        for key in ("segments", "tags"):
            if getattr(signup, key):
                yield ("signup", key), (
                    f"is only used by the newsletter providers ({', '.join(SEGMENT_PROVIDERS)}); "
                    f"provider {name} receives the segment ids themselves: remove it")
        return
    for segment, mapped in signup.segments.items():
        if segment not in declared:
            yield ("signup", "segments", segment), (
                f"'{segment}' is not a declared segment (declared in mkdocs.yml: "
                f"{', '.join(declared)})")
        elif name == "mailchimp" and not MAILCHIMP_GROUP.fullmatch(mapped):
            yield ("signup", "segments", segment), (
                f"'{mapped}' is not a Mailchimp interest group field; copy the checkbox's name "
                "from the embedded form's code, like group[12345][1]")
    if name == "mailchimp":
        missing = [segment for segment in declared if segment not in signup.segments]
        if missing:
            yield ("signup", "segments"), (
                f"every segment needs its Mailchimp interest group; missing: "
                f"{', '.join(missing)} (e.g. {missing[0]}: group[12345][1])")
        for index, tag in enumerate(signup.tags):
            if not tag.isdigit():
                yield ("signup", "tags", index), (
                    f"'{tag}' is not a Mailchimp tag id; the embedded form's code names each "
                    "tag by its number, e.g. tags: [2006303]")


def string_override_problem(key: str, text: str) -> str | None:
    """Why a site's wording of a catalog string cannot be used, or None.

    The text may leave out a placeholder of the catalog's text but not invent one: the code
    only fills in the names the catalog's message has.
    """
    catalog = {**messages(SOURCE_LANGUAGE), **type_strings(SOURCE_LANGUAGE)}
    if key not in catalog:
        close = difflib.get_close_matches(key, list(catalog), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else (
            "the keys are in generator/locales/en/LC_MESSAGES/community.po")
        return f"'{key}' is not an interface string; {hint}"
    try:
        unknown = placeholders(text) - placeholders(catalog[key])
    except ValueError:
        return "has an unmatched '{' or '}'; write '{{' or '}}' for a brace itself"
    if unknown:
        allowed = ", ".join(f"{{{name}}}" for name in sorted(placeholders(catalog[key])))
        return (f"{', '.join(f'{{{name}}}' for name in sorted(unknown))} cannot be filled in "
                f"here; this string knows {allowed or 'no placeholders'}")
    return None


@dataclass
class Site:
    """What the core needs of the surrounding shell (MkDocs today), as plain data."""

    name: str
    url: str  # absolute, ends with '/', may carry a project path: https://x.github.io/careers/
    language: str
    docs_dir: Path
    shown_docs_dir: str  # "content/" - how messages name the docs dir
    description: str = ""
    markdown_extensions: list[Any] = field(default_factory=list)
    markdown_configs: dict[str, Any] = field(default_factory=dict)
    serve: bool = False  # `mkdocs serve`: drafts are shown with a banner
    favicon: str = ""  # the theme's favicon, a path inside docs_dir (PNG copies: raster.py)
    site_dir: Path | None = None  # where the site is written (the report never goes there)
    project_dir: Path | None = None  # the repository (mkdocs.yml's folder): links stay inside
    # A site in several languages is built once per language with its own Site (languages.py):
    # ``url`` is then that language's root and ``language_path`` its path ("zh/"; "" for
    # the default language, which lives at the site root).
    language_path: str = ""

    @property
    def root_url(self) -> str:
        """The site root's absolute URL, whatever the language (pictures, shared files)."""
        return self.url.removesuffix(self.language_path) if self.language_path else self.url


def load_settings(options: dict[str, Any], config_path: Path | None,
                  docs_dir: Path | None = None, has_site_url: bool = True,
                  language: str | None = None) -> Settings:
    """Validate the plugin options; raise ContentError naming each mkdocs.yml key.

    With ``docs_dir``, files the settings name (the logo, the feed image, the privacy page)
    must exist there. ``has_site_url``: mkdocs.yml gives the site's public address (else every
    feed id, calendar UID and redirect would point at the preview server). ``language``:
    the theme's (``theme.language``), which ``languages`` must list first.
    """
    lines = _option_lines(config_path)
    shown = config_path.name if config_path else "mkdocs.yml"
    missing = [] if has_site_url else [Problem(
        shown, 1, "site_url", "is required: the site's public address, e.g. "
        "https://org.github.io/careers/ (feeds, calendars and structured data link to it)")]

    def problem(path: tuple, message: str) -> Problem:
        key = ".".join(str(p) for p in (*SETTINGS_KEY, dotted(path)) if p != "front matter")
        line = next((lines[path[:end]] for end in range(len(path), -1, -1)
                     if path[:end] in lines), 1)
        return Problem(shown, line, key, message)

    try:
        settings = Settings.model_validate(options)
    except ValidationError as error:
        raise ContentError(missing + [
            problem(tuple(err["loc"]), explain(err, Settings, tuple(err["loc"])))
            for err in error.errors(include_url=False)
        ]) from None
    found = missing + [problem(path, message) for path, message in settings.rules()]
    if language and (wrong := settings.language_problem(language)):
        found.append(problem(*wrong))
    for path, ref in ((("organization", "logo"), settings.organization.logo),
                      (("feeds", "image"), settings.feeds.image)):
        if docs_dir is not None and ref and not urlsplit(ref).scheme \
                and not (docs_dir / ref.lstrip("/")).is_file():
            found.append(problem(path, f"'{ref}' does not exist in {docs_dir.name}/"))
    if settings.signup and (message := _privacy_problem(settings.signup.privacy_url, docs_dir)):
        found.append(problem(("signup", "privacy_url"), message))
    if found:
        raise ContentError(found)
    return settings


def _privacy_problem(url: str, docs_dir: Path | None) -> str | None:
    """The consent box links the privacy notice: a page of this site, or an https page."""
    parts = urlsplit(url)
    if parts.scheme:
        return None if parts.scheme == "https" else (
            f"'{url}' must be an https:// address or a page of this site, like privacy/")
    if docs_dir is None or page_exists(docs_dir, parts.path):
        return None
    return (f"'{url}' is not a page of this site: no {parts.path.strip('/') or 'index'}.md "
            f"in {docs_dir.name}/ (write the page's address, like privacy/)")


def page_exists(docs_dir: Path, path: str) -> bool:
    """A site address (``privacy/``, ``privacy.md``, ``/legal/privacy.html``) has its source
    page (or file) in ``docs_dir``."""
    path = path.lstrip("/")
    stem = path.rstrip("/").removesuffix(".html").removesuffix(".md")
    candidates = [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"] if stem else [
        "index.md", "README.md"]
    if path and not path.endswith("/"):
        candidates.append(path)  # a file: privacy.pdf
    return any((docs_dir / candidate).is_file() for candidate in candidates)


def _option_lines(config_path: Path | None) -> dict[tuple, int]:
    """Line of each key under ``plugins: - community:`` (composing ignores !ENV tags)."""
    if config_path is None or not config_path.is_file():
        return {}
    try:
        root = yaml.compose(config_path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError:
        return {}
    plugins = _child(root, "plugins")
    if not isinstance(plugins, yaml.SequenceNode):
        return {}
    for item in plugins.value:
        node = _child(item, "community")
        if node is not None:
            lines: dict[tuple, int] = {(): item.start_mark.line + 1}
            lines.update((path, line) for path, key_node, line in yaml_lines(node)
                         if key_node is not None)
            return lines
    return {}


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return value
    return None

