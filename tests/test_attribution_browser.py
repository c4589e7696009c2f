"""Attribution in Chromium: the values of a sourcing link reach the form endpoint.

The example site is built and served under /careers/ (test_forms_browser's fixtures: the
site, and a Formspree-like endpoint on 127.0.0.1 that records every POST). Each test opens a
page by a link like the ones `community link` and /refer/ make, submits the form, and reads
what the endpoint received.
"""

# ruff: noqa: F811 - the fixtures are imported from test_forms_browser and named as parameters

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.test_forms_browser import (  # noqa: F401 (fixtures)
    EN,
    FormEndpoint,
    ServedSite,
    _serious,
    endpoint,
    fill_join,
    module_endpoint,
    no_js_page,
    site,
    submit,
)


def sent(endpoint: FormEndpoint) -> dict[str, list[str]]:
    assert len(endpoint.posts) == 1
    post = endpoint.posts[0]
    return {name: post.getall(name) for name in
            ("source", "campaign", "referrer", "relationship", "interests", "form")}


def send_join(page: Page) -> None:
    page.fill("#cm-join-email", "ada@example.com")
    page.check("#cm-join-consent")
    submit(page)
    expect(page.locator("#cm-join-status")).to_have_text(EN["form.success.join"])


def test_a_sourcing_link_posts_its_values_and_ticks_its_segments(
        page: Page, site: ServedSite, endpoint: FormEndpoint) -> None:
    page.goto(site.url("join/?source=career-fair&campaign=fair-2027-03&ref=anna-k"
                       "&segments=data,berlin"))
    expect(page.locator("#cm-join-interest-data")).to_be_checked()
    expect(page.locator("#cm-join-interest-berlin")).to_be_checked()
    expect(page.locator("#cm-join-interest-design")).not_to_be_checked()
    page.select_option("#cm-join-relationship", "student")
    send_join(page)
    assert sent(endpoint) == {
        "source": ["career-fair"], "campaign": ["fair-2027-03"], "referrer": ["anna-k"],
        "relationship": ["student"], "interests": ["data", "berlin"], "form": ["join"]}


def test_an_undeclared_source_posts_other_and_a_bad_ref_is_dropped(
        page: Page, site: ServedSite, endpoint: FormEndpoint) -> None:
    page.goto(site.url("join/?source=tiktok&campaign=" + "c" * 41 + "&ref=Anna%20K"
                       "&segments=munich,remote"))
    expect(page.locator("#cm-join-interest-remote")).to_be_checked()
    send_join(page)
    assert sent(endpoint) == {
        "source": ["other"], "campaign": [""], "referrer": [""], "relationship": [""],
        "interests": ["remote"], "form": ["join"]}


def test_no_link_posts_empty_values(page: Page, site: ServedSite,
                                    endpoint: FormEndpoint) -> None:
    page.goto(site.url("join/"))
    send_join(page)
    got = sent(endpoint)
    assert (got["source"], got["campaign"], got["referrer"]) == ([""], [""], [""])


def test_values_survive_instant_navigation_to_the_join_page(
        page: Page, site: ServedSite, endpoint: FormEndpoint) -> None:
    page.goto(site.url("news/?source=linkedin&campaign=spring&ref=ben-m&segments=data"),
              wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.click(".cm-signup__more a")  # the compact box's link to /join/
    page.wait_for_url(site.url("join/"))
    expect(page.locator("#cm-join")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True  # Material swapped the page in
    # the segments of a link tick boxes on the page it opens only
    expect(page.locator("#cm-join-interest-data")).not_to_be_checked()
    fill_join(page)
    submit(page)
    expect(page.locator("#cm-join-status")).to_have_text(EN["form.success.join"])
    got = sent(endpoint)
    assert (got["source"], got["campaign"], got["referrer"]) == (
        ["linkedin"], ["spring"], ["ben-m"])


def test_values_survive_a_full_page_load_in_the_same_tab(
        page: Page, site: ServedSite, endpoint: FormEndpoint) -> None:
    page.goto(site.url("jobs/?source=alumni&ref=anna-k"))
    page.goto(site.url("join/"))  # typed into the address bar: a new document
    send_join(page)
    got = sent(endpoint)
    assert (got["source"], got["referrer"]) == (["alumni"], ["anna-k"])


# ------------------------------------------------------------------- landing pages


def test_a_landing_page_posts_its_preset(page: Page, site: ServedSite,
                                         endpoint: FormEndpoint) -> None:
    page.goto(site.url("join/alumni/?campaign=reunion-2027"))
    expect(page.locator("#cm-join-interest-engineering")).to_be_checked()
    send_join(page)
    assert sent(endpoint) == {
        "source": ["alumni"], "campaign": ["reunion-2027"], "referrer": [""],
        "relationship": ["former-employee"], "interests": ["engineering", "berlin"],
        "form": ["join"]}
    assert endpoint.posts[0].getall("page") == ["/careers/join/alumni/"]


def test_a_link_that_names_a_source_overrides_the_landing_pages(
        page: Page, site: ServedSite, endpoint: FormEndpoint) -> None:
    page.goto(site.url("join/runner-up/?source=career-fair&ref=anna-k"))
    send_join(page)
    got = sent(endpoint)
    assert (got["source"], got["referrer"], got["relationship"]) == (
        ["career-fair"], ["anna-k"], ["past-applicant"])


def test_without_javascript_a_landing_page_still_posts_its_preset(
        no_js_page: Page, site: ServedSite, endpoint: FormEndpoint) -> None:
    page = no_js_page
    page.goto(site.url("join/runner-up/?source=ignored-without-script"))
    page.fill("#cm-join-email", "ada@example.com")
    page.check("#cm-join-consent")
    submit(page)
    page.wait_for_url(site.thanks)
    got = sent(endpoint)
    assert (got["source"], got["relationship"]) == (["runner-up"], ["past-applicant"])


# ------------------------------------------------------------------------- /refer/


def built_link(page: Page, site: ServedSite, name: str) -> str:
    page.goto(site.url("refer/"), wait_until="networkidle")
    page.fill("#refer-name", name)
    expect(page.locator("[data-cm-ref-result]")).to_be_visible()
    return page.input_value("#refer-link")


def test_the_builder_makes_the_documented_link_and_share_links(page: Page,
                                                               site: ServedSite) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    link = built_link(page, site, "Anna K.")  # made into the form a link may carry
    assert link == site.url("join/?source=referral&ref=anna-k")
    expect(page.locator("#refer-link-copy")).to_be_visible()
    mail = urlsplit(page.get_attribute("[data-cm-share=mail]", "href") or "")
    assert mail.scheme == "mailto" and mail.path == ""
    fields = parse_qs(mail.query)
    assert fields["subject"] == [EN["refer.mail_subject"].format(org="Northwind")]
    assert fields["body"] == [EN["refer.mail_body"].format(org="Northwind") + "\n\n" + link]
    assert "&ref=" not in mail.query  # the link inside the body is encoded, not loose
    linkedin = page.get_attribute("[data-cm-share=linkedin]", "href")
    assert linkedin == ("https://www.linkedin.com/sharing/share-offsite/?url="
                        + quote(link, safe=""))
    roles = page.locator("[data-cm-role]")
    assert roles.count() >= 1
    for index in range(roles.count()):
        href = roles.nth(index).get_attribute("href") or ""
        assert href.startswith(site.url("jobs/")), href
        assert href.endswith("/?source=referral&ref=anna-k"), href
    # nothing from another origin: the share links are plain links
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(site.base).netloc}


def test_a_name_that_cannot_be_a_ref_shows_why_and_no_link(page: Page,
                                                           site: ServedSite) -> None:
    page.goto(site.url("refer/"), wait_until="networkidle")
    page.fill("#refer-name", "!!!")
    expect(page.locator("#refer-name-error")).to_have_text(EN["refer.name_invalid"])
    expect(page.locator("#refer-name")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-cm-ref-result]")).to_be_hidden()


def test_a_built_link_credits_the_referrer_on_signup(page: Page, site: ServedSite,
                                                     endpoint: FormEndpoint) -> None:
    link = built_link(page, site, "ben-m")
    role = page.locator("[data-cm-role]").first.get_attribute("href") or ""
    page.goto(role)  # the candidate opens the shared role, then joins from /join/
    page.goto(link.split("?")[0])
    send_join(page)
    got = sent(endpoint)
    assert (got["source"], got["referrer"]) == (["referral"], ["ben-m"])


def test_without_javascript_the_builder_opens_the_link(no_js_page: Page,
                                                       site: ServedSite) -> None:
    page = no_js_page
    page.goto(site.url("refer/"))
    page.fill("#refer-name", "anna-k")
    page.click("form button[type=submit]")
    page.wait_for_url("**/join/?*")
    assert page.url == site.url("join/?source=referral&ref=anna-k")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["refer/", "join/alumni/"])
def test_no_serious_accessibility_violations(page: Page, site: ServedSite, path: str,
                                             scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url(path), wait_until="networkidle")
    if path == "refer/":
        page.fill("#refer-name", "anna-k")  # with the link, copy and share buttons shown
    assert _serious(page) == []
