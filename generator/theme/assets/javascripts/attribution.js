/* Where a signup comes from: fills the forms' hidden source, campaign and referrer fields.
 *
 * A sourcing link (`community link`, the /refer/ builder) looks like
 *   /join/?source=career-fair&campaign=fair-2027-03&ref=anna-k&segments=data,berlin
 * The rules are the generator's (generator/sourcing.py), applied here in the browser:
 * - `source` is posted as given when the site declares it (the form's data-cm-sources), as
 *   `other` when it does not;
 * - `campaign` and `ref` must be 1-40 of a-z, 0-9 and '-'; anything else is dropped;
 * - `segments` ticks the interest boxes with those segment ids on the page the link opens
 *   (once: what the visitor unticks stays unticked; later pages are left as they are).
 *
 * The values are kept in sessionStorage (this tab only, gone when it closes; no cookie), so
 * they survive Material's instant navigation and plain page loads alike: someone who arrives
 * on a role page by a referral link and signs up from /join/ two pages later still counts as
 * referred. A new link with any of source, campaign or ref replaces the kept values whole.
 * A landing page's own source (the hidden field's value in the HTML) stands unless the link
 * names one.
 */
(function () {
  "use strict";
  if (window.__communityAttribution) return; // loaded once
  window.__communityAttribution = true;

  var KEY = "community-attribution";
  var TOKEN = /^[a-z0-9-]{1,40}$/;
  var FIELDS = { source: "source", campaign: "campaign", referrer: "ref" };

  function readStore() {
    try {
      var kept = JSON.parse(window.sessionStorage.getItem(KEY) || "{}");
      return kept && typeof kept === "object" ? kept : {};
    } catch (error) {
      return {}; // storage blocked (privacy settings): the link's own values still apply
    }
  }

  function writeStore(values) {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(values));
    } catch (error) { /* storage blocked: nothing to keep */ }
  }

  function token(value) {
    value = (value || "").trim();
    return TOKEN.test(value) ? value : "";
  }

  /* The link's values, merged over what this tab kept; saved back. */
  function current() {
    var kept = readStore();
    if (!window.URLSearchParams) return kept;
    var params = new URLSearchParams(window.location.search);
    if (params.has("source") || params.has("campaign") || params.has("ref")) {
      kept = {
        source: (params.get("source") || "").trim().slice(0, 100),
        campaign: token(params.get("campaign")),
        ref: token(params.get("ref"))
      };
    }
    writeStore(kept);
    return kept;
  }

  /* The segment ids of this page's own link: ticked here only, never on later pages. */
  function linkSegments() {
    if (!window.URLSearchParams) return [];
    var params = new URLSearchParams(window.location.search);
    return params.getAll("segments").join(",").split(",")
      .map(function (id) { return id.trim(); })
      .filter(function (id) { return token(id); });
  }

  function declared(form) {
    try {
      return JSON.parse(form.getAttribute("data-cm-sources") || "[]");
    } catch (error) {
      return [];
    }
  }

  /* Put the values into one form's hidden fields. */
  function fill(form, values) {
    var inputs = form.querySelectorAll("input[data-cm-attribution]");
    Array.prototype.forEach.call(inputs, function (input) {
      var field = input.getAttribute("data-cm-attribution");
      if (!input.hasAttribute("data-cm-preset")) {
        input.setAttribute("data-cm-preset", input.defaultValue || "");
      }
      var value = values[FIELDS[field]] || "";
      if (field === "source") {
        if (!value) value = input.getAttribute("data-cm-preset"); // a landing page's own
        else if (declared(form).indexOf(value) < 0) value = "other";
      }
      input.value = value;
    });
  }

  function tick(form, segments) {
    if (!segments || !segments.length || form.hasAttribute("data-cm-ticked")) return;
    form.setAttribute("data-cm-ticked", "");
    Array.prototype.forEach.call(form.querySelectorAll("input[data-cm-segment]"),
      function (box) {
        if (segments.indexOf(box.getAttribute("data-cm-segment")) >= 0) box.checked = true;
      });
  }

  function apply() {
    var values = current();
    var segments = linkSegments();
    Array.prototype.forEach.call(document.querySelectorAll("form[data-cm-form]"),
      function (form) {
        fill(form, values);
        tick(form, segments);
      });
  }

  /* Just before any form is sent (plain POST or forms.js's fetch, which listens later). */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.matches && form.matches("form[data-cm-form]")) fill(form, readStore());
  }, true);

  // Material's document$ emits on the first load and after every instant navigation.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(apply);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
