"""/refer/: how colleagues refer people, and a builder for their personal link.

The builder is a plain GET form to the join page (``ref`` and, when the site declares it, the
``referral`` source): without JavaScript, pressing its button opens the personal link itself,
ready to copy from the address bar. refer.js (no third-party script) builds the same link as
the colleague types, with a copy button, an e-mail and a LinkedIn share link (plain links,
URL-encoded), and puts the same source and ``ref`` on the links to the roles that are open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .community import Community
from .content import State
from .discovery import discovery_links
from .sourcing import TOKEN_PATTERN, join_path

if TYPE_CHECKING:
    from .render import Page, PageRenderer

REFER_URL = "refer/"
REFERRAL_SOURCE = "referral"  # the source a referral link names, when the site declares it
LINKEDIN_SHARE = "https://www.linkedin.com/sharing/share-offsite/?url="


def referral_page(renderer: PageRenderer, community: Community) -> Page:
    t, site, settings = renderer.t, renderer.site, renderer.settings
    source = REFERRAL_SOURCE if REFERRAL_SOURCE in settings.attribution.sources else ""
    # Roles candidates can be referred to: the states only a role has (entry_types.py).
    roles = [entry for entry in community.entries
             if entry.state in (State.open, State.preview)]
    org = settings.organization.name
    return renderer.generated_page(
        REFER_URL, t("refer.title"), "refer.html",
        discovery_links(t, settings, site.name), description=t("refer.intro", org=org),
        join_url=site.url + join_path(), source=source, roles=roles,
        token_pattern=TOKEN_PATTERN.strip("^$"), linkedin=LINKEDIN_SHARE,
        mail_subject=t("refer.mail_subject", org=org),
        mail_body=t("refer.mail_body", org=org))
