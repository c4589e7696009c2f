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
site's project path) and ``job`` or ``event`` (the entry's slug).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from .content import Entry, State
from .feeds import discovery_links
from .i18n import Translator
from .markup import localize, root_for, site_relative

if TYPE_CHECKING:
    from .render import Page, PageRenderer
    from .settings import Settings, Signup, Site

JOIN_URL = "join/"
THANKS_URL = "join/thanks/"
JOIN, JOB_INTEREST, EVENT_REGISTRATION = "join", "job-interest", "event-registration"
FORM_KINDS = (JOIN, JOB_INTEREST, EVENT_REGISTRATION)


@dataclass(frozen=True)
class Provider:
    """A hosted form service: the names of its control fields, from its documentation."""

    honeypot: str  # left empty by people; bots fill it and the provider drops the submission
    redirect: str | None  # where the browser goes after a plain (no-JavaScript) POST
    subject: str | None  # subject of the notification email the site owner receives
    key_field: str | None = None  # a public key naming the form (the endpoint does not)
    fixed: tuple[tuple[str, str], ...] = ()  # hidden fields every submission carries

    def post_endpoint(self, endpoint: str) -> str:
        return endpoint

    def fetch_endpoint(self, endpoint: str) -> str:
        return endpoint


@dataclass(frozen=True)
class FormSubmit(Provider):
    """FormSubmit answers JSON only on ``/ajax/<id>`` and redirects only on ``/<id>``."""

    def post_endpoint(self, endpoint: str) -> str:
        parts = urlsplit(endpoint)
        path = parts.path.removeprefix("/ajax")
        return urlunsplit(parts._replace(path=path))

    def fetch_endpoint(self, endpoint: str) -> str:
        parts = urlsplit(self.post_endpoint(endpoint))
        return urlunsplit(parts._replace(path="/ajax" + parts.path))


PROVIDERS: dict[str, Provider] = {
    # https://help.formspree.io: _gotcha (honeypot), _next (redirect), _subject
    "formspree": Provider(honeypot="_gotcha", redirect="_next", subject="_subject"),
    # https://documentation.formspark.io: _honeypot, _redirect
    "formspark": Provider(honeypot="_honeypot", redirect="_redirect", subject=None),
    # https://formsubmit.co: _honey, _next, _subject; _captcha=false skips FormSubmit's own
    # captcha page, which would break the no-JavaScript redirect and the JSON answers.
    "formsubmit": FormSubmit(honeypot="_honey", redirect="_next", subject="_subject",
                             fixed=(("_captcha", "false"),)),
    # https://docs.web3forms.com: access_key names the form, botcheck, redirect, subject
    "web3forms": Provider(honeypot="botcheck", redirect="redirect", subject="subject",
                          key_field="access_key"),
    # https://docs.usebasin.com: the _gotcha honeypot; the redirect is the form's "redirect
    # URL" setting in Basin's dashboard, which _redirect overrides per submission.
    "basin": Provider(honeypot="_gotcha", redirect="_redirect", subject=None),
    # Any other backend: the Formspree-style names most form services accept.
    "generic": Provider(honeypot="_gotcha", redirect="_next", subject="_subject"),
}


def signup_findings(signup: Signup) -> Iterator[tuple[tuple[str, ...], str]]:
    """Settings that a provider cannot use: each a (key path, message) for settings.py."""
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


# --------------------------------------------------------------------------- the forms


@dataclass(frozen=True)
class Choice:
    value: str  # segment id, sent as an `interests` value
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
    fetch_action: str  # fetch() with Accept: application/json
    hidden: tuple[tuple[str, str], ...]
    honeypot: str
    ask_name: bool
    interests: tuple[tuple[str, tuple[Choice, ...]], ...]  # (axis title, choices) per axis
    interests_legend: str
    strings: dict[str, str]  # forms.js messages, from the catalog
    privacy_url: str
    join_link: bool  # the compact box links to the full form on /join/


class SignupForms:
    """Builds the form of each page from the ``signup`` settings (one per site build)."""

    def __init__(self, site: Site, settings: Settings, t: Translator) -> None:
        assert settings.signup is not None
        self.signup = settings.signup
        self.settings = settings
        self.t = t
        self.provider = PROVIDERS[self.signup.provider]
        self.base_path = urlsplit(site.url).path or "/"
        self.thanks_url = site.url + THANKS_URL  # absolute: the provider redirects to it
        self.organization = settings.organization.name
        self.strings = {kind: self._strings(kind) for kind in FORM_KINDS}

    # -- one per kind of page ---------------------------------------------------------
    def join(self) -> SignupForm:
        """The full form of /join/: every segment, grouped by axis."""
        return self._form(JOIN, "cm-join", JOIN_URL, title=self.t("join.title"),
                          intro=self.t("join.intro", org=self.organization),
                          submit=self.t("form.submit.join"), ask_name=True,
                          interests=self._interests(None, checked=set()),
                          legend=self.t("form.interests"))

    def box(self, url: str, segments: list[str] | tuple[str, ...] = ()) -> SignupForm:
        """The compact box of home, listings and entries; the page's segments pre-ticked."""
        return self._form(JOIN, "cm-box", url, title=self.t("form.box.title"),
                          intro=self.t("form.box.intro", org=self.organization),
                          submit=self.t("form.submit.join"), ask_name=False,
                          interests=self._interests(set(segments), checked=set(segments)),
                          legend=self.t("form.box.interests"), join_link=True)

    def for_entry(self, entry: Entry) -> SignupForm | None:
        """The entry's own form: a role in preview, an open role without an apply link, or an
        upcoming event without a sign-up link."""
        if entry.kind == "jobs" and entry.state == State.preview:
            public_on = entry.job.public_on
            intro = (self.t("form.job.intro", date=self.t.date(public_on)) if public_on
                     else self.t("form.job.intro_undated"))
            return self._form(JOB_INTEREST, "cm-job", entry.url, about=("job", entry.slug),
                              title=self.t("form.job.title"), intro=intro,
                              submit=self.t("form.submit.job-interest"), ask_name=True)
        if entry.kind == "jobs" and entry.state == State.open and not entry.job.apply_url:
            # An open role without an external application link: its page is how to apply.
            return self._form(JOB_INTEREST, "cm-job", entry.url, about=("job", entry.slug),
                              title=self.t("form.job.open_title"),
                              intro=self.t("form.job.open_intro"),
                              submit=self.t("form.submit.job-open"), ask_name=True)
        if (entry.kind == "events" and entry.state == State.upcoming
                and not entry.event.register_url):
            return self._form(EVENT_REGISTRATION, "cm-event", entry.url,
                              about=("event", entry.slug), title=self.t("form.event.title"),
                              intro=self.t("form.event.intro"),
                              submit=self.t("form.submit.event-registration"), ask_name=True)
        return None

    # -- building blocks --------------------------------------------------------------
    def _form(self, kind: str, form_id: str, url: str, *, title: str, intro: str,
              submit: str, ask_name: bool, about: tuple[str, str] | None = None,
              interests: tuple = (), legend: str = "", join_link: bool = False) -> SignupForm:
        endpoint = self.signup.endpoint
        return SignupForm(
            kind=kind, id=form_id, title=title, intro=intro, submit=submit,
            action=self.provider.post_endpoint(endpoint),
            fetch_action=self.provider.fetch_endpoint(endpoint),
            hidden=self.hidden_fields(kind, url, about), honeypot=self.provider.honeypot,
            ask_name=ask_name, interests=interests, interests_legend=legend,
            strings=self.strings[kind], privacy_url=site_relative(self.signup.privacy_url),
            join_link=join_link,
        )

    def hidden_fields(self, kind: str, url: str,
                      about: tuple[str, str] | None = None) -> tuple[tuple[str, str], ...]:
        """The hidden fields in the order they are sent: ours, then the provider's."""
        provider, signup = self.provider, self.signup
        fields = [("form", kind), ("page", self.base_path + url)]
        if about:
            fields.append(about)
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
            choices = tuple(Choice(value, label, value in checked)
                            for value, label in axis.values.items()
                            if only is None or value in only)
            if choices:
                groups.append((axis.title, choices))
        return tuple(groups)

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


def join_pages(renderer: PageRenderer) -> list[Page]:
    """/join/ with the full form and /join/thanks/, where a plain POST lands."""
    from .render import Page  # render imports this module for its template globals

    forms: SignupForms = renderer.globals["signup"]
    t = renderer.t
    feeds = discovery_links(t, renderer.settings, renderer.site.name)
    join = renderer._render("forms/join.html", form=forms.join())
    thanks = renderer._render("forms/thanks.html")
    return [
        Page(url=JOIN_URL, title=t("join.title"), html=localize(join, root_for(JOIN_URL)),
             head=renderer._head(JOIN_URL, feeds),
             description=t("join.intro", org=forms.organization)),
        # Only reached after a POST: kept out of search engines and the sitemap.
        Page(url=THANKS_URL, title=t("thanks.title"),
             html=localize(thanks, root_for(THANKS_URL)),
             head=renderer._head(THANKS_URL, feeds, noindex=True),
             description=t("thanks.text"), indexable=False),
    ]
