"""``community digest``: an e-mail of what went live in a window, for everyone or per segment.

Plain data in (validated, scheduled, rendered entries; settings; the window), plain data out
(a subject, an HTML part and a plain-text part per digest); the command writes the files.

What the HTML part is made to survive, and why:

- Mail clients drop ``<style>`` and ignore classes (Gmail clips, Outlook renders with Word):
  the template is written with a stylesheet for readability, css-inline moves every rule
  into ``style`` attributes, then the stylesheet and every ``class`` are removed.
- Layout is tables of 600 px (``role="presentation"``), the width every client shows
  without scrolling; images are absolute PNGs (raster.py: no client shows SVG) with
  ``width`` and ``alt``; every link is absolute with ``utm_source=newsletter``,
  ``utm_medium=email``, ``utm_campaign=digest-<until>[-<segment>]``.
- Dark mode: clients that recolour (Gmail apps, Outlook) invert light backgrounds on their
  own, so every block sets both its background and its text colour, with mid-tone links
  (``#3949ab``) that keep their contrast both ways, and no transparent picture.
- A preheader (the line inboxes show after the subject) leads the body, hidden.
- The unsubscribe link is the provider's merge tag: Buttondown ``{{ unsubscribe_url }}``
  ("Template variables"), Mailchimp ``*|UNSUB|*``, a neutral ``[[UNSUBSCRIBE_URL]]`` else.
- Gmail clips a message over 102 KB: a bigger digest is refused with the advice to narrow it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from urllib.parse import urlencode

import css_inline
import jinja2

from .content import Entry, State
from .entry_types import TYPES
from .i18n import Translator
from .raster import email_image
from .settings import Settings, Site

EVERYONE = "all"
SIZE_LIMIT = 102 * 1024  # Gmail clips the HTML of a larger message
IMAGE_WIDTH = 560  # the 600 px column less its padding
UNSUBSCRIBE = {"buttondown": "{{ unsubscribe_url }}", "mailchimp": "*|UNSUB|*"}
NEUTRAL_UNSUBSCRIBE = "[[UNSUBSCRIBE_URL]]"
NOT_SENT = (State.draft, State.scheduled, State.closed, State.past)
PREHEADER_LENGTH = 140


@dataclass(frozen=True)
class Window:
    """Whole days on the site's clock (``zone``), both included: ``since`` 00:00 to the end
    of ``until``."""

    since: date
    until: date
    zone: tzinfo = UTC

    @property
    def start(self) -> datetime:
        return datetime.combine(self.since, time.min, self.zone)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.until + timedelta(days=1), time.min, self.zone)

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class Digest:
    name: str  # EVERYONE or a segment id: the file names
    subject: str
    entries: list[Entry]
    html: str
    text: str


def digest_entries(entries: Iterable[Entry], window: Window,
                   segment: str | None) -> list[Entry]:
    """What went live in the window and still stands at its end, newest first by type.

    ``entries`` carry their state at the end of the window (schedule.py): a role closed or an
    event over by then is not news any more.
    """
    chosen = [entry for entry in entries
              if entry.state not in NOT_SENT and window.holds(entry.fields.date)
              and (segment is None or segment in entry.fields.segments)]
    return sorted(chosen, key=lambda e: (list(TYPES).index(e.kind), e.sort_key))


def unsubscribe_placeholder(settings: Settings) -> str:
    provider = settings.signup.provider if settings.signup else ""
    return UNSUBSCRIBE.get(provider, NEUTRAL_UNSUBSCRIBE)


def campaign(window: Window, segment: str | None) -> str:
    return f"digest-{window.until.isoformat()}" + (f"-{segment}" if segment else "")


def tracked(url: str, campaign_name: str) -> str:
    query = urlencode({"utm_source": "newsletter", "utm_medium": "email",
                       "utm_campaign": campaign_name})
    return f"{url}{'&' if '?' in url else '?'}{query}"


class DigestWriter:
    """Renders the digests of one site in its language (one per run of the command); on a
    site in several languages, of one of them (``site``: that language's own)."""

    def __init__(self, site: Site, settings: Settings, t: Translator,
                 env: jinja2.Environment) -> None:
        self.site, self.settings, self.t = site, settings, t
        self.template = env.get_template("digest/email.html")
        self.org = settings.organization.name

    def digest(self, entries: list[Entry], window: Window, segment: str | None) -> Digest:
        chosen = digest_entries(entries, window, segment)
        name = segment or EVERYONE
        words = self._words(window, segment, chosen)
        if not chosen:
            return Digest(name, words["subject"], [], "", "")
        items = [self._item(entry, campaign(window, segment)) for entry in chosen]
        groups = [(self.t(f"type.{kind}"), [i for i in items if i["kind"] == kind])
                  for kind in TYPES if any(i["kind"] == kind for i in items)]
        context = {**words, "groups": groups, "lang": self.t.language,
                   "site_link": tracked(self.site.url, campaign(window, segment)),
                   "unsubscribe": unsubscribe_placeholder(self.settings),
                   "image_width": IMAGE_WIDTH, "t": self.t}
        html = email_html(self.template.render(**context))
        return Digest(name, words["subject"], chosen, html, self._text(context))

    def _words(self, window: Window, segment: str | None,
               chosen: list[Entry]) -> dict[str, str]:
        t = self.t
        span = {"start": t.date(window.since), "end": t.date(window.until), "org": self.org}
        if segment:
            label = self.settings.segment_label(segment)
            subject = t("digest.subject_segment", segment=label, **span)
            intro = t("digest.intro_segment", segment=label, **span)
        else:
            subject, intro = t("digest.subject", **span), t("digest.intro", **span)
        preheader = t("digest.preheader", org=self.org,
                      titles=" · ".join(entry.title for entry in chosen))
        if len(preheader) > PREHEADER_LENGTH:
            preheader = preheader[:PREHEADER_LENGTH - 1].rstrip() + "…"
        return {"subject": subject, "intro": intro, "preheader": preheader,
                "why": t("digest.why", org=self.org), "unsubscribe_label":
                t("digest.unsubscribe"), "site_label": t("digest.site", org=self.org)}

    def _item(self, entry: Entry, campaign_name: str) -> dict[str, object]:
        url = tracked(self.site.root_url + entry.path, campaign_name)
        fields = entry.fields
        image = None
        if fields.image:
            image = {"src": email_image(fields.image, self.site.root_url),
                     "alt": fields.image_alt or ""}
        return {"kind": entry.kind, "title": entry.title, "url": url, "image": image,
                "meta": self._meta(entry), "summary": entry.summary,
                "read": self.t("entry.read", title=entry.title)}

    def _meta(self, entry: Entry) -> str:
        return TYPES[entry.kind].meta_line(entry, self.t)  # entry_types.py

    def _text(self, context: dict) -> str:
        """The plain-text part: every title with its link, in the same order as the HTML."""
        lines = [context["subject"], "", context["intro"], ""]
        for heading, items in context["groups"]:
            lines += [heading, "=" * len(heading), ""]
            for item in items:
                lines += [item["title"], item["meta"]]
                if item["summary"]:
                    lines.append(item["summary"])
                lines += [item["url"], ""]
        lines += ["--", context["why"], f"{context['site_label']}: {context['site_link']}",
                  f"{context['unsubscribe_label']}: {context['unsubscribe']}", ""]
        return "\n".join(lines)


_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_CLASS = re.compile(r'\sclass="[^"]*"')


def email_html(document: str) -> str:
    """Every CSS rule into ``style`` attributes, then no ``<style>`` and no ``class`` left.

    Classes are cut from the inliner's output tags by pattern, not by re-serializing with
    lxml: lxml escapes URL attributes, which would turn Buttondown's ``{{ unsubscribe_url }}``
    into ``{{%20unsubscribe_url%20}}``. The inliner escapes every ``"`` inside attribute
    values, so ``class="`` can only be an attribute of its own.
    """
    inlined = css_inline.inline(document, keep_style_tags=False, keep_link_tags=False)
    return _TAG.sub(lambda tag: _CLASS.sub("", tag.group(0)), inlined)


def size_problem(digest: Digest) -> str | None:
    size = len(digest.html.encode("utf-8"))
    if size < SIZE_LIMIT:
        return None
    return (f"the {digest.name} digest is {size / 1024:.1f} KB of HTML; Gmail clips messages "
            f"over {SIZE_LIMIT // 1024} KB: choose a shorter window or one segment at a time")
