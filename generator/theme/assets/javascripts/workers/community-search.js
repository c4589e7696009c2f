/* Material's search worker behind one that cuts a typed Chinese run (上海办公室) into the
 * index's words (上海 办公室), as jieba cut the pages at build time; ARCHITECTURE.md says why
 * and how. Material's worker is the file named after "#" in this one's address (main.html).
 */
(function () {
  "use strict";

  var HAN = /\p{sc=Han}+/gu;
  var ONLY_HAN = /^\p{sc=Han}+$/u;
  var TAG = /<[^>]*>/g;
  // Follows each word found: Han, so Material's segmenter keeps it in the word's run and
  // reaches the word's end; too rare (U+20000) to end any word of an index.
  var MARK = "\u{20000}";
  var FIELDS = ["title", "text", "tags"];

  var setup = null; // Material's SETUP data: {config, docs}
  var counts = null; // each Chinese word of the index -> how often it occurs
  var longest = 0;

  function learn() {
    counts = new Map();
    var separator = new RegExp(setup.config.separator);
    setup.docs.forEach(function (doc) {
      FIELDS.forEach(function (field) {
        var value = doc[field];
        if (value === undefined) return;
        String(Array.isArray(value) ? value.join(" ") : value)
          .replace(TAG, " ")
          .split(separator)
          .forEach(function (token) {
            if (ONLY_HAN.test(token)) {
              counts.set(token, (counts.get(token) || 0) + 1);
              longest = Math.max(longest, token.length);
            }
          });
      });
    });
  }

  // Of two cuts: fewer characters outside any word, fewer words, then more frequent words.
  function better(a, b) {
    if (a.unknown !== b.unknown) return a.unknown < b.unknown;
    if (a.words !== b.words) return a.words < b.words;
    return a.weight > b.weight;
  }

  /* 数据工程师 -> "数据MARK 工程师MARK"; characters that start no word stay as they are. */
  function cut(run) {
    // best[i]: the best cut of run.slice(0, i) and its last piece (from where, a word or not)
    var best = [{ unknown: 0, words: 0, weight: 0, from: -1, word: false }];
    for (var end = 1; end <= run.length; end++) {
      var prev = best[end - 1];
      var choice = { unknown: prev.unknown + 1, words: prev.words, weight: prev.weight,
                     from: end - 1, word: false };
      for (var start = Math.max(0, end - longest); start < end; start++) {
        var count = counts.get(run.slice(start, end));
        if (!count) continue;
        var before = best[start];
        var candidate = { unknown: before.unknown, words: before.words + 1,
                          weight: before.weight + Math.log(count), from: start, word: true };
        if (better(candidate, choice)) choice = candidate;
      }
      best[end] = choice;
    }
    var parts = [];
    var unknown = "";
    for (var at = run.length; at > 0; at = best[at].from) {
      var piece = run.slice(best[at].from, at);
      if (best[at].word) {
        if (unknown) parts.unshift(unknown);
        unknown = "";
        parts.unshift(piece + MARK);
      } else {
        unknown = piece + unknown; // characters outside any word stay together
      }
    }
    if (unknown) parts.unshift(unknown);
    return parts.join(" ");
  }

  // A run written against a Latin word or a figure (Python工程师) is a word of its own too.
  function apart(char) {
    return char !== undefined && /[\p{L}\p{N}]/u.test(char) ? " " : "";
  }

  function segmented(query) {
    if (typeof query !== "string" || !setup || !/\p{sc=Han}/u.test(query)) return query;
    if (counts === null) learn();
    return query.replace(HAN, function (run, at) {
      return apart(query[at - 1]) + cut(run) + apart(query[at + run.length]);
    });
  }

  // Material's worker: its file name follows "#" in this worker's address (main.html).
  var shim = typeof document !== "undefined" && document.querySelector; // iframe-worker shim
  var own = shim ? (document.querySelector("script[src*='community-search']") || {}).src || ""
    : self.location.href;
  var material = decodeURIComponent(String(own).split("#")[1] || "");
  var loaded = false;

  function loadMaterial() {
    loaded = true;
    if (/^search\.[\w.]+\.js$/.test(material)) importScripts(material);
  }

  // Added before Material's worker loads: it sees each message first, Material the same one.
  addEventListener("message", function (event) {
    if (!loaded) {
      // Material's worker (40 KB) loads with the first message, the index Material sends
      // once the reader starts a search (search-index.js): a page load does not fetch it.
      // A listener added during a dispatch misses that event: the message is sent again,
      // to this listener and then Material's.
      loadMaterial();
      event.stopImmediatePropagation();
      dispatchEvent(new MessageEvent("message", { data: event.data }));
      return;
    }
    var message = event.data;
    if (!message || typeof message !== "object") return;
    if (message.data && message.data.config && message.data.docs) {
      setup = message.data; // SETUP
      counts = null;
    } else if (typeof message.data === "string") {
      message.data = segmented(message.data); // QUERY
    }
  });

  // Offline (file://, the iframe-worker shim runs this in a frame): loaded at once, as before.
  if (shim) loadMaterial();
})();
