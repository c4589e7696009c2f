/* An event's time in the visitor's own zone, next to the time in the event's zone.
 *
 * The page says "18:30 (Berlin time)"; a visitor in Lisbon or New York should not have to
 * do the arithmetic. Every <time data-cm-local="Your time: {time}" datetime="..."> carries
 * the start with the event's own UTC offset; when the visitor's offset at that instant
 * differs, a span after it says the same moment in the visitor's zone, formatted by the
 * browser (Intl) in the page's language. Same offset: nothing is added. Without
 * JavaScript the event's own zone, named, is all there is, and it is complete.
 *
 * Material's document$ emits on the first load and after every instant navigation.
 */
(function () {
  "use strict";
  if (window.communityLocalTime) return;
  window.communityLocalTime = true;

  var OFFSET = /([+-])(\d{2}):(\d{2})$/;

  function writtenOffset(text) {
    if (/Z$/.test(text)) return 0;
    var match = OFFSET.exec(text);
    if (!match) return null;
    var minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === "-" ? -minutes : minutes;
  }

  function show() {
    var times = document.querySelectorAll("time[data-cm-local]");
    for (var i = 0; i < times.length; i++) {
      var time = times[i];
      var next = time.nextElementSibling;
      if (next && next.classList.contains("cm-local-time")) continue;
      var written = time.getAttribute("datetime") || "";
      var moment = new Date(written);
      var eventOffset = writtenOffset(written);
      if (isNaN(moment.getTime()) || eventOffset === null) continue;
      if (-moment.getTimezoneOffset() === eventOffset) continue; // same wall clock
      var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
        timeZoneName: "short"
      });
      var span = document.createElement("span");
      span.className = "cm-local-time";
      span.textContent = " · " + time.getAttribute("data-cm-local").replace("{time}", format.format(moment));
      time.parentNode.insertBefore(span, time.nextSibling);
    }
  }

  var pages = window.document$;
  if (pages && typeof pages.subscribe === "function") pages.subscribe(show);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
