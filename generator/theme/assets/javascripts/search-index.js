/* The search index: the page's language's, fetched when the reader starts a search.
 *
 * Material's bundle asks for <site root>search/search_index.json as soon as it starts, on
 * every page, whether the reader searches or not (on the two-language example: a third of
 * a page's weight). This script runs before the bundle (main.html's scripts block) and
 * wraps XMLHttpRequest, which is what the bundle fetches the index with:
 *
 * - on a page of a multilingual site's other language the request goes to that language's
 *   index instead (data-index, from the site root: "zh/search/search_index.json",
 *   written by the plugin, search_indexes.py). A page's language never changes under
 *   instant navigation (links into another language load the whole page, languages.js), so
 *   it decides once;
 * - the request is opened but held, not sent, until the reader starts a search: the first
 *   focus in the search form. Material focuses the box whichever way a search starts: a
 *   click or tap on it, the header's search button of small screens, its keys "/", "s"
 *   and "f", an address with ?q= (the 404 page's form sends one). An address with ?h=
 *   (a search result opened in a new tab) sends it at once: Material highlights the
 *   searched words with the index's config.
 *   Until the index arrives Material shows "Initializing search"; then its worker searches
 *   for what has been typed meanwhile (tests/test_languages_theme.py types at once).
 *
 * Without JavaScript there is no search, and nothing changes.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var config = document.getElementById("__config");
  var form = document.forms.namedItem("search");
  if (window.communitySearchIndex || !script || !config || !form) return;
  window.communitySearchIndex = true;

  var root = new URL(JSON.parse(config.textContent).base, location.href);
  var material = new URL("search/search_index.json", root).href;
  var own = new URL(script.getAttribute("data-index") || "search/search_index.json", root).href;
  var wanted = false;
  var held = [];

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var index = method === "GET" && new URL(url, location.href).href === material;
    this.communityIndex = index;
    if (!index) return open.apply(this, arguments);
    var args = Array.prototype.slice.call(arguments);
    args[1] = own;
    return open.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.communityIndex || wanted) return send.apply(this, arguments);
    held.push([this, arguments]);
  };

  function search() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  // Capture: the first focus of the box is seen before anything else handles it.
  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.closest("form[name=search]")) search();
  }, true);
  if (new URL(location.href).searchParams.has("h")) search();
})();
