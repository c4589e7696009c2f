/* Signup forms (generator/forms.py, templates/forms/): submit with fetch, answer in place.
 *
 * Without this script every form is a plain POST and the provider redirects to the thank-you
 * page. With it, a form with `data-cm-fetch` is sent with fetch and `Accept: application/json`:
 * success is shown in place, a 4xx answer puts the provider's messages next to their fields,
 * a 5xx answer or a network failure offers a retry; what the person typed always stays.
 * A form without `data-cm-fetch` (Buttondown, Mailchimp: they answer only with their own
 * pages) stays a plain POST; the script only puts the browser's checks next to its fields.
 *
 * Listeners sit on `document` (event delegation), so forms that Material's instant navigation
 * swaps in later work without any set-up. The script holds no text of its own: every message
 * comes from the form's `data-cm-strings` (the generator's catalog, in the site's language).
 */
(function () {
  "use strict";

  if (window.__communityForms) return; // loaded once, even if a page includes it twice
  window.__communityForms = true;
  // A browser without these keeps the plain POST, which works everywhere.
  if (!window.fetch || !window.FormData || !Element.prototype.closest) return;

  var FORM = "form[data-cm-form]";

  function strings(form) {
    try {
      return JSON.parse(form.getAttribute("data-cm-strings") || "{}");
    } catch (error) {
      return {};
    }
  }

  function statusOf(form) {
    return form.querySelector(".cm-form__status");
  }

  function submitButton(form) {
    return form.querySelector("button[type=submit]");
  }

  /* What a control is (email, name, interests, consent) whatever name the provider gives it:
     Mailchimp's EMAIL, Buttondown's metadata__name, one group[..][..] per interest. */
  function fieldOf(element) {
    return element.getAttribute("data-cm-field") || element.name;
  }

  /* The controls of field `name` (several for the interests checkboxes). */
  function controls(form, name) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.type !== "hidden" && !!element.name && fieldOf(element) === name;
    });
  }

  /* ---------------------------------------------------------------- field errors */

  function errorSlot(form, name) {
    return form.querySelector('[data-cm-error-for="' + name + '"]');
  }

  function describe(element, id, on) {
    var ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    ids = ids.filter(function (other) { return other !== id; });
    if (on) ids.push(id);
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  }

  /* Show `message` next to the field `name`; false when the form has no such visible field. */
  function showFieldError(form, name, message) {
    var slot = errorSlot(form, name);
    var targets = controls(form, name);
    if (!slot || !targets.length) return false;
    slot.textContent = message;
    targets.forEach(function (element) {
      element.setAttribute("aria-invalid", "true");
      describe(element, slot.id, true);
    });
    return targets[0];
  }

  function clearFieldError(form, name) {
    var slot = errorSlot(form, name);
    if (!slot || !slot.textContent) return;
    slot.textContent = "";
    controls(form, name).forEach(function (element) {
      element.removeAttribute("aria-invalid");
      describe(element, slot.id, false);
    });
  }

  function clearAllErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-cm-error-for]"), function (slot) {
      clearFieldError(form, slot.getAttribute("data-cm-error-for"));
    });
  }

  /* The browser's own check (required, type=email) blocked the submit: say why, in the
     site's language, next to the field. `invalid` does not bubble: listened to in capture. */
  function onInvalid(event) {
    var element = event.target;
    var form = element.form;
    if (!form || !form.matches(FORM)) return;
    var text = strings(form);
    var validity = element.validity;
    var field = fieldOf(element);
    var message = text.field;
    if (validity.valueMissing && text["required_" + field]) {
      message = text["required_" + field];
    } else if (validity.typeMismatch && text["invalid_" + field]) {
      message = text["invalid_" + field];
    }
    showFieldError(form, field, message);
  }

  function onEdit(event) {
    var element = event.target;
    if (element.form && element.form.matches(FORM) && element.name) {
      clearFieldError(element.form, fieldOf(element));
    }
  }

  /* ---------------------------------------------------------------- the result */

  function showStatus(form, kind, message, retry) {
    var status = statusOf(form);
    status.textContent = "";
    status.setAttribute("data-state", kind);
    var paragraph = document.createElement("p");
    paragraph.textContent = message;
    status.appendChild(paragraph);
    if (retry) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button cm-form__retry";
      button.setAttribute("data-cm-retry", "");
      button.textContent = strings(form).retry;
      status.appendChild(button);
    }
    return status;
  }

  function setPending(form, pending) {
    var button = submitButton(form);
    if (pending) {
      form.setAttribute("aria-busy", "true");
      if (button) button.disabled = true;
    } else {
      form.removeAttribute("aria-busy");
      if (button) button.disabled = false;
    }
  }

  function succeed(form) {
    var text = strings(form);
    var fields = form.querySelector(".cm-form__fields");
    if (fields) fields.hidden = true;
    form.reset();
    showStatus(form, "success", text.success, false).focus();
  }

  /* A 4xx answer: Formspree's `errors: [{field, code, message}]`, else `error`/`message`. */
  function reject(form, body) {
    var text = strings(form);
    var errors = Array.isArray(body.errors) ? body.errors : [];
    var first = null;
    var unplaced = [];
    errors.forEach(function (error) {
      var message = error.message || text.field;
      var placed = error.field ? showFieldError(form, error.field, message) : false;
      if (placed) first = first || placed;
      else if (error.message) unplaced.push(error.message);
    });
    var detail = typeof body.error === "string" ? body.error : body.message;
    if (!errors.length && typeof detail === "string" && detail) unplaced.push(detail);
    var summary = first ? text.invalid : text.rejected;
    var status = showStatus(form, "invalid", [summary].concat(unplaced).join(" "), false);
    (first || status).focus();
  }

  function fail(form, kind) {
    var text = strings(form);
    showStatus(form, "error", kind === "server" ? text.server : text.network, true).focus();
  }

  function accepted(response, body) {
    return response.ok && body.ok !== false && body.success !== false
      && body.success !== "false";
  }

  /* ---------------------------------------------------------------- submitting */

  function send(form) {
    var data = new FormData(form); // read before anything changes: values stay as typed
    setPending(form, true);
    clearAllErrors(form);
    showStatus(form, "pending", strings(form).sending, false);
    var action = form.getAttribute("data-cm-fetch");
    fetch(action, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "omit", // the provider gets no cookie from this site
      mode: "cors"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        body = body && typeof body === "object" ? body : {};
        setPending(form, false);
        if (accepted(response, body)) succeed(form);
        else if (response.status >= 400 && response.status < 500) reject(form, body);
        else fail(form, "server");
      });
    }, function () {
      setPending(form, false);
      fail(form, "network");
    });
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form.matches || !form.matches(FORM)) return;
    // No data-cm-fetch: the provider answers with its own pages only (Buttondown,
    // Mailchimp), so the browser's plain POST goes ahead.
    if (!form.hasAttribute("data-cm-fetch")) return;
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return; // one request at a time
    send(form);
  }

  function onClick(event) {
    var retry = event.target.closest && event.target.closest("[data-cm-retry]");
    if (!retry) return;
    var form = retry.closest(FORM);
    if (!form) return;
    // Through the browser's checks again, in case the person changed a field meanwhile.
    if (form.requestSubmit) form.requestSubmit();
    else if (form.reportValidity()) send(form);
  }

  document.addEventListener("submit", onSubmit);
  document.addEventListener("invalid", onInvalid, true);
  document.addEventListener("input", onEdit);
  document.addEventListener("change", onEdit);
  document.addEventListener("click", onClick);
})();
