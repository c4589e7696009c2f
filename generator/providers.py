"""Hosted form services a signup form can post to: the names of their fields.

A leaf module: settings.py validates ``signup`` against it and forms.py builds the forms from
it, so neither depends on the other. Every name is from the service's documentation (each
class or entry says where).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qs, urlsplit, urlunsplit


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
    # The hosts its form actions live on (from its documentation); empty: any host.
    hosts: tuple[str, ...] = ()

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

    def language_name(self) -> str | None:
        """The name the member's language (a site in several languages) is sent under."""
        return self.context_name("language")

    def tag_fields(self, tags: list[str]) -> list[tuple[str, str]]:
        """Hidden fields tagging every signup of the site (``signup.tags``)."""
        return []

    def endpoint_problem(self, endpoint: str) -> str | None:
        """A form action on another service's host would post the wrong control fields."""
        parts = urlsplit(endpoint)
        if not self.hosts or _is_local(parts) or parts.hostname in self.hosts:
            return None
        return f"is not on {' or '.join(self.hosts)}, where this provider's forms post"


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

    def language_name(self) -> str:
        """An audience field (merge field) the site owner adds with the merge tag LANGUAGE:
        Mailchimp segments by audience fields ("Merge Fields", Mailchimp's developer docs),
        and its embedded form posts them by tag, like FNAME. Without that field Mailchimp
        drops the value like any field its audience does not have."""
        return "LANGUAGE"

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
    "formspree": Provider(honeypot="_gotcha", redirect="_next", subject="_subject",
                          hosts=("formspree.io",)),
    # https://documentation.formspark.io: _honeypot, _redirect
    # Form actions: https://submit-form.com/<form id>
    "formspark": Provider(honeypot="_honeypot", redirect="_redirect", subject=None,
                          hosts=("submit-form.com",)),
    # https://formsubmit.co: _honey, _next, _subject; _captcha=false skips FormSubmit's own
    # captcha page, which would break the no-JavaScript redirect and the JSON answers.
    "formsubmit": FormSubmit(honeypot="_honey", redirect="_next", subject="_subject",
                             fixed=(("_captcha", "false"),), hosts=("formsubmit.co",)),
    # https://docs.web3forms.com: access_key names the form, botcheck, redirect, subject
    "web3forms": Provider(honeypot="botcheck", redirect="redirect", subject="subject",
                          key_field="access_key", hosts=("api.web3forms.com",)),
    # https://docs.usebasin.com: the _gotcha honeypot; the redirect is the form's "redirect
    # URL" setting in Basin's dashboard, which _redirect overrides per submission.
    "basin": Provider(honeypot="_gotcha", redirect="_redirect", subject=None,
                      hosts=("usebasin.com",)),
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
