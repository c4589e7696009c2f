/* Filters of the jobs and events listings (generator/templates/partials/filters.html).
 *
 * Without JavaScript the form stays hidden and every card shows. With it: the form appears,
 * the URL's query (?location=berlin&workplace=hybrid) sets the selects, every change hides
 * the cards that do not match, says how many remain in a polite live region, and writes the
 * choice back into the URL (replaceState: a shared link reproduces the list, Back is not
 * flooded). A card matches a filter when its data-<name> attribute (space-separated values)
 * contains the chosen value. Material's instant navigation swaps pages without reloading,
 * so the set-up runs on each page through its document$ observable.
 */
(function () {
  "use strict";

  function countText(form, count) {
    if (count === 0) return form.getAttribute("data-count-none");
    if (count === 1) return form.getAttribute("data-count-one");
    return form.getAttribute("data-count-many").replace("{count}", String(count));
  }

  function chosen(form) {
    var choice = {};
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
      if (select.value) choice[select.name] = select.value;
    });
    return choice;
  }

  function matches(card, choice) {
    return Object.keys(choice).every(function (name) {
      var values = (card.getAttribute("data-" + name) || "").split(" ");
      return values.indexOf(choice[name]) !== -1;
    });
  }

  function apply(form, listing, writeUrl) {
    var choice = chosen(form);
    var shown = 0;
    Array.prototype.forEach.call(listing.querySelectorAll("[data-cm-group]"), function (group) {
      var inGroup = 0;
      Array.prototype.forEach.call(group.querySelectorAll(".cm-card"), function (card) {
        var show = matches(card, choice);
        card.hidden = !show;
        if (show) inGroup += 1;
      });
      group.hidden = inGroup === 0; // no heading above nothing
      shown += inGroup;
    });
    form.querySelector("[role=status]").textContent = countText(form, shown);
    if (writeUrl) {
      var url = new URL(window.location.href);
      Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
        if (select.value) url.searchParams.set(select.name, select.value);
        else url.searchParams.delete(select.name);
      });
      window.history.replaceState(window.history.state, "", url.toString());
    }
  }

  function setUp(form) {
    if (form.hasAttribute("data-cm-ready")) return;
    form.setAttribute("data-cm-ready", "");
    var listing = form.closest(".cm-listing") || document;
    var query = new URL(window.location.href).searchParams;
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
      var wanted = query.get(select.name);
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === wanted;
      });
      select.value = wanted && known ? wanted : "";
    });
    form.addEventListener("change", function () { apply(form, listing, true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      // The reset event fires before the form's values change back.
      window.setTimeout(function () { apply(form, listing, true); }, 0);
    });
    form.hidden = false;
    apply(form, listing, false);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-cm-filters]"), setUp);
  }

  function begin() {
    var pages = window.document$;
    if (pages && typeof pages.subscribe === "function") pages.subscribe(start);
    else start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
  else begin();
})();
