"""Signup forms that post to a hosted form endpoint: providers, fields, pages.

A static site keeps no data, so every form posts to the endpoint in ``signup`` settings.
Each provider names its control fields differently (honeypot, redirect, subject); this module
is the one place that knows them. Templates in ``templates/forms/`` render a ``SignupForm``
as a plain HTML form that works without JavaScript: the browser POSTs and the provider
redirects to the thank-you page named in the provider's redirect field.
``theme/assets/javascripts/forms.js`` then submits the same form with ``fetch`` and
``Accept: application/json`` and reads the provider's JSON answer:

- 2xx, ``{"ok": true, ...}`` (Formspree, Basin, generic) or ``{"success": true, ...}``
  (Web3Forms, FormSubmit): success, shown in place;
- 4xx with ``errors: [{"field", "code", "message"}]`` (Formspree's shape): each message next to
  its field; other 4xx answers show the catalog's "not accepted" text and ``error``/``message``;
- 5xx or no answer at all: an error with a retry button; what was typed stays in the form.

Fields, by the name they are sent under: ``email`` (required), ``name``, ``interests`` (one
checkbox per segment id), ``consent`` (required, value ``yes``), the provider's honeypot, and
hidden ``form`` (join / job-interest / event-registration), ``page`` (the page's path, with the
site's project path) and ``job`` or ``event`` (the entry's slug); on a site in several
languages also ``language``, the page's (Buttondown: ``metadata__language``; Mailchimp: the
audience field with merge tag ``LANGUAGE``), so the provider can segment members by it.

Newsletter services (Buttondown, Mailchimp) take the same static-form approach but name every
field their own way and answer with their own pages, not JSON: their ``Provider`` renames the
fields, turns each segment into the service's tag or interest group (``signup.segments``) and
has no ``fetch_endpoint``, so forms.js leaves their forms to the browser's plain POST.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .content import Entry, State
from .discovery import discovery_links
from .entry_types import TYPES
from .i18n import Translator
from .markup import excerpt, language_page, summarize
from .providers import PROVIDERS

if TYPE_CHECKING:
    from .landing import Landing
    from .render import Page, PageRenderer
    from .settings import Settings, Site

JOIN_URL = "join/"
THANKS_URL = "join/thanks/"
JOIN, JOB_INTEREST, EVENT_REGISTRATION = "join", "job-interest", "event-registration"
FORM_KINDS = (JOIN, JOB_INTEREST, EVENT_REGISTRATION)


# --------------------------------------------------------------------------- the forms


@dataclass(frozen=True)
class Choice:
    segment: str  # the segment id (element ids)
    name: str  # sent as name=value: `interests` = segment id, or the provider's tag or group
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class SignupForm:
    """Everything templates/forms/form.html needs for one form on one page."""

    kind: str  # join / job-interest / event-registration: the hidden `form` field
    id: str  # HTML id of the form; its fields' ids start with it (unique on the page)
    title: str
    intro: str
    submit: str
    action: str  # plain POST
    fetch_action: str | None  # fetch() with Accept: application/json; None: plain POST only
    hidden: tuple[tuple[str, str], ...]
    honeypot: str | None
    field_names: dict[str, str]  # email, name, consent -> the name the provider expects
    ask_name: bool
    interests: tuple[tuple[str, tuple[Choice, ...]], ...]  # (axis title, choices) per axis
    interests_legend: str
    strings: dict[str, str]  # forms.js messages, from the catalog
    privacy_url: str
    join_link: bool  # the compact box links to the full form on /join/
    # (field, name sent under, value): source, campaign, referrer; the forms script fills them
    # from the link the visitor came by (sourcing.py has the rules, attribution.js applies them)
    attribution: tuple[tuple[str, str, str], ...] = ()
    sources: tuple[str, ...] = ()  # the declared source ids: any other becomes `other`
    # The optional "How do you know us?" question: (name sent under, (id, label, selected)...)
    relationship: tuple[str, tuple[tuple[str, str, bool], ...]] | None = None


@dataclass(frozen=True)
class Preset:
    """What a landing page sets before the visitor does anything (content/join/<name>.md)."""

    source: str = ""
    segments: tuple[str, ...] = ()
    relationship: str = ""


class SignupForms:
    """Builds the form of each page from the ``signup`` settings (one per site build)."""

    def __init__(self, site: Site, settings: Settings, t: Translator,
                 language: str | None = None) -> None:
        """``language``: the pages' language, posted with every form of a site in several
        languages (None on a one-language site: its forms post what they always did)."""
        assert settings.signup is not None
        self.signup = settings.signup
        self.settings = settings
        self.t = t
        self.provider = PROVIDERS[self.signup.provider]
        self.base_path = urlsplit(site.url).path or "/"
        self.language = language
        self.docs_dir = site.docs_dir
        self.language_path = site.language_path
        self.thanks_url = site.url + THANKS_URL  # absolute: the provider redirects to it
        self.organization = settings.organization.name
        self.strings = {kind: self._strings(kind) for kind in FORM_KINDS}
        provider = self.provider
        self.field_names = {"email": provider.email, "name": provider.name,
                            "consent": provider.consent}

    # -- one per kind of page ---------------------------------------------------------
    def join(self, url: str = JOIN_URL, preset: Preset | None = None, title: str = "",
             intro: str = "") -> SignupForm:
        """The full form of /join/ (or of a landing page, with its preset): every segment,
        grouped by axis, and the relationship question."""
        preset = preset or Preset()
        return self._form(JOIN, "cm-join", url, title=title or self.t("join.title"),
                          intro=intro or self.t("join.intro", org=self.organization),
                          submit=self.t("form.submit.join"), ask_name=True,
                          interests=self._interests(None, checked=set(preset.segments)),
                          legend=self.t("form.interests"), preset=preset, ask_relationship=True)

    def box(self, url: str, segments: list[str] | tuple[str, ...] = ()) -> SignupForm:
        """The compact box of home, listings and entries; the page's segments pre-ticked."""
        return self._form(JOIN, "cm-box", url, title=self.t("form.box.title"),
                          intro=self.t("form.box.intro", org=self.organization),
                          submit=self.t("form.submit.join"), ask_name=False,
                          interests=self._interests(set(segments), checked=set(segments)),
                          legend=self.t("form.box.interests"), join_link=True)

    def for_entry(self, entry: Entry) -> SignupForm | None:
        """The entry's own form: "tell me when it opens" on a role in preview (only there:
        its words are true only before `public_on`), registration on an upcoming event
        without a sign-up link. An open role has no form: it links to where to apply."""
        builder = TYPES[entry.kind].form  # entry_types.py: which of the methods below
        return getattr(self, builder)(entry) if builder else None

    def job_interest(self, entry: Entry) -> SignupForm | None:
        if entry.state != State.preview:
            return None
        public_on = entry.job.public_on
        intro = (self.t("form.job.intro", date=self.t.date(public_on)) if public_on
                 else self.t("form.job.intro_undated"))
        return self._form(JOB_INTEREST, "cm-job", entry.url, about=("job", entry.slug),
                          title=self.t("form.job.title"), intro=intro,
                          submit=self.t("form.submit.job-interest"), ask_name=True)

    def event_registration(self, entry: Entry) -> SignupForm | None:
        if entry.state != State.upcoming or entry.event.register_url:
            return None
        return self._form(EVENT_REGISTRATION, "cm-event", entry.url,
                          about=("event", entry.slug), title=self.t("form.event.title"),
                          intro=self.t("form.event.intro"),
                          submit=self.t("form.submit.event-registration"), ask_name=True)

    # -- building blocks --------------------------------------------------------------
    def _form(self, kind: str, form_id: str, url: str, *, title: str, intro: str,
              submit: str, ask_name: bool, about: tuple[str, str] | None = None,
              interests: tuple = (), legend: str = "", join_link: bool = False,
              preset: Preset | None = None, ask_relationship: bool = False) -> SignupForm:
        endpoint = self.signup.endpoint
        preset = preset or Preset()
        return SignupForm(
            kind=kind, id=form_id, title=title, intro=intro, submit=submit,
            action=self.provider.post_endpoint(endpoint),
            fetch_action=self.provider.fetch_endpoint(endpoint),
            hidden=self.hidden_fields(kind, url, about),
            honeypot=self.provider.honeypot_name(endpoint), field_names=self.field_names,
            ask_name=ask_name, interests=interests, interests_legend=legend,
            strings=self.strings[kind],
            privacy_url=language_page(self.signup.privacy_url, self.docs_dir, self.language_path),
            join_link=join_link, attribution=self._attribution(preset),
            sources=tuple(self.settings.attribution.sources),
            relationship=self._relationship(preset) if ask_relationship else None,
        )

    def _attribution(self, preset: Preset) -> tuple[tuple[str, str, str], ...]:
        """The hidden source, campaign and referrer fields, under the provider's names (none
        for a provider that keeps only its own fields)."""
        values = {"source": preset.source, "campaign": "", "referrer": ""}
        return tuple((field, name, value) for field, value in values.items()
                     if (name := self.provider.context_name(field)) is not None)

    def _relationship(self, preset: Preset) -> tuple[str, tuple[tuple[str, str, bool], ...]] | None:
        """The question, when relationships are declared and the provider keeps the answer
        (asking a question whose answer is thrown away would mislead the visitor)."""
        declared = self.settings.attribution.relationships
        name = self.provider.context_name("relationship")
        if not declared or name is None:
            return None
        return name, tuple((id_, label, id_ == preset.relationship)
                           for id_, label in declared.items())

    def hidden_fields(self, kind: str, url: str,
                      about: tuple[str, str] | None = None) -> tuple[tuple[str, str], ...]:
        """The hidden fields in the order they are sent: ours, then the provider's."""
        provider, signup = self.provider, self.signup
        ours = [("form", kind), ("page", self.base_path + url)]
        if about:
            ours.append(about)
        fields = [(name, value) for field, value in ours
                  if (name := provider.context_name(field)) is not None]
        if self.language and (language_name := provider.language_name()):
            fields.append((language_name, self.language))
        fields += provider.tag_fields(signup.tags)
        if provider.redirect:
            fields.append((provider.redirect, self.thanks_url))
        if provider.subject and signup.subject:
            fields.append((provider.subject, signup.subject))
        if provider.key_field and signup.access_key:
            fields.append((provider.key_field, signup.access_key))
        return (*fields, *provider.fixed)

    def _interests(self, only: set[str] | None,
                   checked: set[str]) -> tuple[tuple[str, tuple[Choice, ...]], ...]:
        """Segments grouped by axis, in settings order; ``only`` limits them (None: all)."""
        groups = []
        for axis in self.settings.segments.values():
            choices = tuple(Choice(segment, *self._interest(segment), label, segment in checked)
                            for segment, label in axis.values.items()
                            if only is None or segment in only)
            if choices:
                groups.append((axis.title, choices))
        return tuple(groups)

    def _interest(self, segment: str) -> tuple[str, str]:
        return self.provider.interest(segment, self.signup.segments.get(segment))

    def _strings(self, kind: str) -> dict[str, str]:
        """What forms.js says, in the site's language (it holds no text of its own)."""
        t = self.t
        return {
            "sending": t("form.sending"),
            "success": t(f"form.success.{kind}"),
            "invalid": t("form.invalid"),
            "rejected": t("form.rejected"),
            "server": t("form.server_error"),
            "network": t("form.network_error"),
            "retry": t("form.retry"),
            "required_email": t("form.error.email_required"),
            "invalid_email": t("form.error.email_invalid"),
            "required_consent": t("form.error.consent_required"),
            "field": t("form.error.field"),
        }


# --------------------------------------------------------------------------- the pages


def join_pages(renderer: PageRenderer, forms: SignupForms) -> list[Page]:
    """/join/ with the full form and /join/thanks/, where a plain POST lands."""
    t = renderer.t
    feeds = discovery_links(t, renderer.settings, renderer.site.name)
    return [
        renderer.generated_page(JOIN_URL, t("join.title"), "forms/join.html", feeds,
                                description=t("join.intro", org=forms.organization),
                                form=forms.join()),
        # Only reached after a POST: kept out of search engines and the sitemap.
        renderer.generated_page(THANKS_URL, t("thanks.title"), "forms/thanks.html", feeds,
                                description=t("thanks.text"), indexable=False),
    ]


def landing_pages(renderer: PageRenderer, forms: SignupForms,
                  landings: list[Landing]) -> list[Page]:
    """/join/<name>/ for each landing page: its text, then the full form with its preset.
    For the people who got its link only: noindex, out of the sitemap and the search index
    (and never in listings or feeds, which hold entries)."""
    feeds = discovery_links(renderer.t, renderer.settings, renderer.site.name)
    pages = []
    for landing in landings:
        fields = landing.fields
        preset = Preset(fields.source or "", tuple(fields.segments), fields.relationship or "")
        page = renderer.generated_page(
            landing.url, fields.title, "forms/landing.html", feeds,
            description=fields.description or summarize(excerpt(landing.html)),
            indexable=False, text=landing.html,
            form=forms.join(landing.url, preset, title=fields.title))
        page.searchable = False
        pages.append(page)
    return pages
