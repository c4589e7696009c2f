/* The personal referral link builder of /refer/ (generator/referral.py, templates/refer.html).
 *
 * As the colleague types a referral name, it is made into the form the attribution rules
 * accept (lowercase; spaces and other characters become '-'; at most 40 characters: the rule
 * of generator/sourcing.py), and the page shows the link to the join page,
 *   <join url>?source=referral&ref=<name>   (without source when the site declares none),
 * with a copy button (copy.js), a mailto: link and a LinkedIn share link, both URL-encoded,
 * and the open roles' links carrying the same source and ref (attribution.js keeps them
 * while the candidate goes on to /join/). No third-party script: the share links are
 * plain links. Without JavaScript the builder is a GET form that opens the same link.
 */
(function () {
  "use strict";
  if (window.__communityRefer) return;
  window.__communityRefer = true;

  var TOKEN = /^[a-z0-9-]{1,40}$/;

  /* "Anna K." -> "anna-k"; "" when nothing usable is left. */
  function normalize(text) {
    return (text || "").toLowerCase().trim()
      .replace(/[^a-z0-9-]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "")
      .slice(0, 40).replace(/-+$/, "");
  }

  /* "?source=referral&ref=<ref>": the query of the join link and of the role links. */
  function query(builder, ref) {
    var source = builder.getAttribute("data-cm-source");
    return "?" + (source ? "source=" + encodeURIComponent(source) + "&" : "") +
      "ref=" + encodeURIComponent(ref);
  }

  function update(builder) {
    var input = builder.querySelector("[data-cm-ref]");
    var result = builder.querySelector("[data-cm-ref-result]");
    var error = builder.querySelector("[data-cm-ref-error]");
    var ref = normalize(input.value);
    var typed = input.value.trim() !== "";
    error.textContent = typed && !TOKEN.test(ref) ? error.getAttribute("data-message") : "";
    if (typed && !TOKEN.test(ref)) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    if (!TOKEN.test(ref)) {
      result.hidden = true;
      return;
    }
    var link = builder.getAttribute("data-cm-join") + query(builder, ref);
    builder.querySelector("[data-cm-ref-link]").value = link;
    var mail = builder.querySelector("[data-cm-share=mail]");
    mail.href = "mailto:?subject=" + encodeURIComponent(builder.getAttribute("data-cm-subject")) +
      "&body=" + encodeURIComponent(builder.getAttribute("data-cm-body") + "\n\n" + link);
    builder.querySelector("[data-cm-share=linkedin]").href =
      builder.getAttribute("data-cm-linkedin") + encodeURIComponent(link);
    Array.prototype.forEach.call(builder.querySelectorAll("[data-cm-role]"), function (role) {
      role.href = role.getAttribute("data-cm-role") + query(builder, ref);
    });
    result.hidden = false;
  }

  document.addEventListener("input", function (event) {
    var builder = event.target.closest && event.target.closest("[data-cm-refer]");
    if (builder && event.target.matches("[data-cm-ref]")) update(builder);
  });
  // With the script, the button only confirms the link on this page (no navigation).
  document.addEventListener("submit", function (event) {
    var builder = event.target.closest && event.target.closest("[data-cm-refer]");
    if (!builder) return;
    event.preventDefault();
    update(builder);
    var link = builder.querySelector("[data-cm-ref-link]");
    if (!builder.querySelector("[data-cm-ref-result]").hidden) link.focus();
    else builder.querySelector("[data-cm-ref]").focus();
  });

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-cm-refer]"), function (b) {
      b.querySelector("form").noValidate = true; // the name is made valid here instead
      update(b);
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
