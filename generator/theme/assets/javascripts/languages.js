/* The language selector of a multilingual site, kept true under instant navigation.
 *
 * Material's instant navigation replaces a page's content but keeps its header: the selector
 * (partials/alternate.html) would still link to the versions of the first page read. After
 * each navigation its links take the new page's versions from the head's
 * <link rel="alternate" hreflang> (the core's set, which Material swaps in), else that
 * language's home. A link into another language (the selector, a search result, a link in
 * a text) is left to the browser: a whole page load brings that language's <html lang>,
 * header and search strings, which instant navigation would keep from the page it leaves.
 * Without JavaScript there is no instant navigation and the links are right as written.
 *
 * Material's document$ emits on the first load and after every instant navigation.
 */
(function () {
  "use strict";
  if (window.communityLanguages) return;
  window.communityLanguages = true;

  var selector = document.querySelector("[data-cm-languages]");
  if (!selector) return;
  var links = Array.prototype.slice.call(selector.querySelectorAll("a[hreflang]"));
  var current = "";
  // Each language's home as an absolute address, read once against the first page.
  var homes = links.map(function (link) {
    if (link.getAttribute("aria-current") === "true") current = link.hreflang;
    return { code: link.hreflang, home: new URL(link.getAttribute("data-cm-home"), location.href).href };
  });
  homes.sort(function (a, b) { return b.home.length - a.home.length; }); // deepest first
  var root = homes[homes.length - 1].home; // the default language's home: the site root

  function languageOf(url) {
    for (var i = 0; i < homes.length; i++) {
      if (url.indexOf(homes[i].home) === 0) return homes[i].code;
    }
    return null; // outside the site
  }

  // The head's hreflang links are absolute, on the published address (site_url); a copy
  // served elsewhere (a preview, a folder opened from a local server) keeps its readers on
  // that copy: the same path under this copy's root.
  var published = selector.getAttribute("data-cm-site") || "";
  function here(url) {
    if (!published || url.indexOf(published) !== 0) return url;
    return new URL(url.slice(published.length), root).href;
  }

  function follow() {
    links.forEach(function (link) {
      var version = document.head.querySelector(
        'link[rel="alternate"][hreflang="' + link.hreflang + '"]');
      var home = homes.filter(function (h) { return h.code === link.hreflang; })[0];
      link.href = version ? here(version.href) : home.home;
    });
  }

  // Capture on the document runs before Material's handler on the body.
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!target || target.target) return;
    var language = languageOf(target.href);
    if (language !== null && language !== current) event.stopPropagation();
  }, true);

  // Material reads every <link rel="alternate"> as the root of a language version of the
  // site and asks for the sitemap.xml beside it, on every page and after every instant
  // navigation: for the hreflang links of a page (zh/jobs/x/) that is zh/jobs/x/sitemap.xml,
  // a 404 each time (an empty file there instead would make Material send later clicks on
  // links into that page to the page itself). Those requests fail at once, unsent, as a
  // missing file does for Material; the site's own sitemap.xml goes through untouched.
  function versionSitemap(url) {
    var links = document.head.querySelectorAll('link[rel="alternate"][hreflang]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].href !== root && url === new URL("sitemap.xml", links[i].href).href) {
        return true;
      }
    }
    return false;
  }
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.communitySkipped = method === "GET" && versionSitemap(new URL(url, location.href).href);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.communitySkipped) return send.apply(this, arguments);
    var request = this;
    setTimeout(function () { request.dispatchEvent(new ProgressEvent("error")); }, 0);
  };

  if (window.document$) window.document$.subscribe(follow);
})();
