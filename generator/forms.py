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

Newsletter services (Buttondown, Mailchimp) take the same static-form approach but name every
field their own way and answer with their own pages, not JSON: their ``Provider`` renames the
fields, turns each segment into the service's tag or interest group (``signup.segments``) and
has no ``fetch_endpoint``, so forms.js leaves their forms to the browser's plain POST.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, parse_qs, urlsplit, urlunsplit

from .content import Entry, State
from .discovery import discovery_links
from .i18n import Translator
from .markup import site_relative

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

    honeypot: str | None  # left empty by people; bots fill it and the provider drops them
    redirect: str | None  # where the browser goes after a plain (no-JavaScript) POST
    subject: str | None  # subject of the notification email the site owner receives
    key_field: str | None = None  # a public key naming the form (the endpoint does not)
    fixed: tuple[tuple[str, str], ...] = ()  # hidden fields every submission carries
    email: str = "email"  # the names the visible fields are sent under
    name: str = "name"
    consent: str = "consent"

    def post_endpoint(self, endpoint: str) -> str:
        return endpoint

    def fetch_endpoint(self, endpoint: str) -> str | None:
        """Where forms.js sends the form for an in-page answer; None: plain POST only."""
        return endpoint

    def honeypot_name(self, endpoint: str) -> str | None:
        return self.honeypot

    def context_name(self, field: str) -> str | None:
        """The name our own hidden fields (form, page, job, event) are sent under."""
        return field

    def interest(self, segment: str, mapped: str | None) -> tuple[str, str]:
        """The checkbox (name, value) that says "send me news about ``segment``"."""
        return "interests", segment

    def tag_fields(self, tags: list[str]) -> list[tuple[str, str]]:
        """Hidden fields tagging every signup of the site (``signup.tags``)."""
        return []

    def endpoint_problem(self, endpoint: str) -> str | None:
        return None


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


def _is_local(parts: SplitResult) -> bool:
    """A form server on this machine (tests), which may live on any host name and path."""
    return parts.hostname in ("127.0.0.1", "localhost")


@dataclass(frozen=True)
class Buttondown(Provider):
    """Buttondown's embed-subscribe form (docs.buttondown.com, "Building your subscriber
    base"): ``email``, ``tag`` (repeatable), ``metadata__<key>`` for anything else, ``embed=1``.

    It answers with its own pages (confirmation, CAPTCHA when its firewall is unsure) and
    documents no JSON answer or CORS for the embed endpoint: the browser always POSTs.
    It documents no honeypot either: double opt-in (always on) and its firewall stop bots.
    """

    def fetch_endpoint(self, endpoint: str) -> None:
        return None

    def context_name(self, field: str) -> str:
        return f"metadata__{field}"

    def interest(self, segment: str, mapped: str | None) -> tuple[str, str]:
        return "tag", mapped or segment

    def tag_fields(self, tags: list[str]) -> list[tuple[str, str]]:
        return [("tag", tag) for tag in tags]

    def endpoint_problem(self, endpoint: str) -> str | None:
        parts = urlsplit(endpoint)
        known = parts.hostname in ("buttondown.com", "buttondown.email") or _is_local(parts)
        if not known or not re.fullmatch(r"/api/emails/embed-subscribe/[\w.-]+/?", parts.path):
            return ("must be Buttondown's form action, "
                    "https://buttondown.com/api/emails/embed-subscribe/<your username>")
        return None


MAILCHIMP_GROUP = re.compile(r"group\[(\d+)\]\[(\d+)\]")


@dataclass(frozen=True)
class Mailchimp(Provider):
    """Mailchimp's embedded form (the action and fields of the code that Audience > Signup
    forms > Embedded forms gives): ``EMAIL``, ``FNAME``, interest groups as checkboxes
    ``group[<group id>][<bit>]`` with value ``<bit>``, ``tags`` (comma-separated tag ids) and
    the bot field ``b_<u>_<id>``, from the action's ``u`` and ``id``, sent empty.

    Its ``/subscribe/post`` answers with Mailchimp's own pages, and ``/subscribe/post-json``
    only as JSONP (a script from Mailchimp run in the page, with the address in the URL),
    without CORS: the site runs no third-party script, so the browser always POSTs.
    """

    def fetch_endpoint(self, endpoint: str) -> None:
        return None

    def honeypot_name(self, endpoint: str) -> str:
        query = parse_qs(urlsplit(endpoint).query)
        return "b_{}_{}".format(query.get("u", [""])[0], query.get("id", [""])[0])

    def context_name(self, field: str) -> None:
        # Mailchimp keeps only the audience's own fields; anything else is dropped.
        return None

    def interest(self, segment: str, mapped: str | None) -> tuple[str, str]:
        match = MAILCHIMP_GROUP.fullmatch(mapped or "")
        assert match, f"settings let an unmapped segment through: {segment}"
        return match.group(0), match.group(2)

    def tag_fields(self, tags: list[str]) -> list[tuple[str, str]]:
        return [("tags", ",".join(tags))] if tags else []

    def endpoint_problem(self, endpoint: str) -> str | None:
        parts = urlsplit(endpoint)
        query = parse_qs(parts.query)
        known = (parts.hostname or "").endswith(".list-manage.com") or _is_local(parts)
        if not known or parts.path != "/subscribe/post" or not (
                query.get("u") and query.get("id")):
            return ("must be the action of Mailchimp's embedded form, "
                    "https://<dc>.list-manage.com/subscribe/post?u=<u>&id=<id>")
        return None


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
    # Newsletter services (README, "Newsletter providers": the documentation page of each).
    # Neither takes a redirect field: Buttondown shows its own confirmation page; Mailchimp's
    # thank-you page is set in its form builder.
    "buttondown": Buttondown(honeypot=None, redirect=None, subject=None,
                             fixed=(("embed", "1"),), name="metadata__name",
                             consent="metadata__consent"),
    "mailchimp": Mailchimp(honeypot=None, redirect=None, subject=None, email="EMAIL",
                           name="FNAME"),
}
SEGMENT_PROVIDERS = ("buttondown", "mailchimp")  # the ones that take signup.segments/tags


def signup_findings(signup: Signup,
                    segment_ids: Iterable[str]) -> Iterator[tuple[tuple[str, ...], str]]:
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
        provider = self.provider
        self.field_names = {"email": provider.email, "name": provider.name,
                            "consent": provider.consent}

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
            hidden=self.hidden_fields(kind, url, about),
            honeypot=self.provider.honeypot_name(endpoint), field_names=self.field_names,
            ask_name=ask_name, interests=interests, interests_legend=legend,
            strings=self.strings[kind], privacy_url=site_relative(self.signup.privacy_url),
            join_link=join_link,
        )

    def hidden_fields(self, kind: str, url: str,
                      about: tuple[str, str] | None = None) -> tuple[tuple[str, str], ...]:
        """The hidden fields in the order they are sent: ours, then the provider's."""
        provider, signup = self.provider, self.signup
        ours = [("form", kind), ("page", self.base_path + url)]
        if about:
            ours.append(about)
        fields = [(name, value) for field, value in ours
                  if (name := provider.context_name(field)) is not None]
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
