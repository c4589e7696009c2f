/* Copy buttons for feed addresses on /subscribe/.
 *
 * Each <button data-copy="ID"> copies the value of the input #ID and says so in the status
 * element named by data-status (role="status", so screen readers hear it too). The buttons
 * are <button>s: Tab reaches them and Enter or Space presses them, no mouse needed. They are
 * rendered `hidden` and shown here, so a visitor without JavaScript never sees a dead button.
 *
 * Material's instant navigation swaps the page content without reloading this script: one
 * delegated listener on the document serves every page, and Material's `document$` (emitted
 * on the first load and after each instant navigation) reveals the buttons of the new page.
 * Without Material, DOMContentLoaded does it once.
 */
(function () {
  "use strict";
  if (window.communityCopy) return; // already listening (the script ran twice)
  window.communityCopy = true;

  var CLEAR_AFTER_MS = 5000;

  function reveal() {
    var buttons = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  function say(button, text) {
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!status) return;
    status.textContent = "";
    // A fresh text node is announced again even when the message is the same as before.
    window.setTimeout(function () { status.textContent = text; }, 30);
    window.clearTimeout(button.communityTimer);
    button.communityTimer = window.setTimeout(function () {
      status.textContent = "";
    }, CLEAR_AFTER_MS);
  }

  function copyBySelection(input, button) {
    input.focus();
    input.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    if (copied) button.focus(); // keep the keyboard where it was; on failure leave the selection
    return copied;
  }

  // The messages sit on the button, or once on a container of many buttons (/subscribe/
  // lists a hundred feeds: the same two sentences on each button weighed 20 KB).
  function message(button, name) {
    var holder = button.closest("[" + name + "]");
    return holder ? holder.getAttribute(name) : "";
  }

  function copy(button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    if (!input) return;
    var done = function () { say(button, message(button, "data-copied")); };
    var fallback = function () {
      if (copyBySelection(input, button)) done();
      else say(button, message(button, "data-failed"));
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("button[data-copy]") : null;
    if (button) copy(button);
  });

  function start() {
    var pages = window.document$;
    if (pages && typeof pages.subscribe === "function") pages.subscribe(reveal);
    else reveal();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
