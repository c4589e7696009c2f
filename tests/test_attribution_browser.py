"""Attribution in Chromium: the values of a sourcing link reach the form endpoint.

The example site is built and served under /careers/ (test_forms_browser's fixtures: the
site, and a Formspree-like endpoint on 127.0.0.1 that records every POST). Each test opens a
page by a link like the ones `community link` and /refer/ make, submits the form, and reads
what the endpoint received.
"""

# ruff: noqa: F811 - the fixtures are imported from test_forms_browser and named as parameters

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.test_forms_browser import (  # noqa: F401 (fixtures)
    EN,
    FormEndpoint,
    ServedSite,
    endpoint,
    fill_join,
    module_endpoint,
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
