// The review page without full reloads: forms of the claim panel are sent with
// fetch() and the server answers with the panel re-rendered; j/k/v/d/u/n/o/r/? keys;
// the panel is polled while a source of the claim is being fetched or matched.
// On a snapshot page opened for a claim: a selection in the text becomes the
// passage to pin. Every form also works without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var POLL_MS = 2000;
  var ICONS = { pending: "○", verified: "✓", disputed: "✗", unsupported: "?", not_claim: "–" };
  var LABELS = {
    pending: "pending", verified: "verified", disputed: "disputed",
    unsupported: "unsupported", not_claim: "not a claim"
  };

  function csrfToken() {
    var meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.getAttribute("content") : "";
  }

  function isTyping(target) {
    if (!target || !target.closest) { return false; }
    var field = "input:not([type=radio]):not([type=checkbox]):not([type=button]):not([type=submit]), " +
      "textarea, select, [contenteditable=''], [contenteditable=true]";
    return Boolean(target.closest(field));
  }

  // ---- The review page ----
  function ReviewPage(root) {
    this.root = root;
    this.aside = document.getElementById("panel");
    this.message = this.aside.querySelector("[data-message]");
    this.dialog = document.getElementById("keys");
    this.pending = false;
    this.pollTimer = null;
    this.armed = null;
    this.bind();
    this.watch();
  }

  ReviewPage.prototype.inner = function () {
    return this.aside.querySelector(".panel-inner");
  };

  ReviewPage.prototype.bind = function () {
    var self = this;
    this.aside.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches(".js-change, .js-reload")) { return; }
      event.preventDefault();
      self.send(form, event.submitter || null);
    });
    this.aside.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.closest("#verdict-form")) {
        event.preventDefault();
        self.submitArmed();
      }
    });
    this.aside.addEventListener("click", function (event) {
      var reuse = event.target.closest("a[data-reuse]");
      if (!reuse || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      event.preventDefault();
      self.reuse(reuse);
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-claim-link]");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      event.preventDefault();
      self.select(link.getAttribute("data-claim-link"), link.closest(".body") ? "panel" : "claim");
    });
    document.addEventListener("keydown", function (event) { self.onKey(event); });
    document.querySelectorAll("[data-key='?']").forEach(function (button) {
      button.addEventListener("click", function () { self.showKeys(); });
    });
  };

  ReviewPage.prototype.onKey = function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (this.dialog && this.dialog.open) { return; }
    if (isTyping(event.target)) {
      if (event.key === "Escape") { event.target.blur(); }
      return;
    }
    var inner = this.inner();
    var handlers = {
      j: function () { this.step("next"); },
      k: function () { this.step("prev"); },
      v: function () { this.verify(); },
      d: function () { this.dispute(); },
      u: function () { this.arm("unsupported", "#reason"); },
      n: function () { this.focus("#note"); },
      o: function () { this.openBest(); },
      r: function () { this.reuse(this.inner().querySelector("a[data-reuse][data-key=r]")); },
      "?": function () { this.showKeys(); }
    };
    var handler = handlers[event.key];
    if (!handler || (!inner && event.key !== "?")) { return; }
    event.preventDefault();
    handler.call(this);
  };

  ReviewPage.prototype.step = function (rel) {
    var link = this.inner().querySelector(".claim-nav a[rel=" + rel + "]");
    if (link) { this.select(link.getAttribute("data-claim-link"), "claim"); }
  };

  ReviewPage.prototype.button = function (status) {
    return this.inner().querySelector("#verdict-form button[name=status][value=" + status + "]");
  };

  ReviewPage.prototype.verify = function () {
    var inner = this.inner();
    var form = inner.querySelector("#verdict-form");
    if (!form) { return; }
    var reused = form.querySelector(".passage-reused");
    if (reused && form.querySelector("button.is-proposed[value=verified]")) {
      form.requestSubmit(this.button("verified"));
      return;
    }
    var supporting = inner.getAttribute("data-supporting");
    if (supporting) {
      var pinReused = form.querySelector("#pin-reused");
      if (pinReused) { pinReused.checked = false; }
      form.querySelector("#pin-" + supporting).checked = true;
      form.requestSubmit(this.button("verified"));
      return;
    }
    this.arm("verified", "#note");
    this.say("No passage to pin: say in the note how it was verified, then press Ctrl+Enter.", false);
  };

  // A dispute pins the contradicting passage the matcher found, or takes a note.
  ReviewPage.prototype.dispute = function () {
    var inner = this.inner();
    var contradicting = inner.getAttribute("data-contradicting");
    var choice = inner.querySelector(contradicting ? "#pin-" + contradicting : "#pin-none");
    if (choice) { choice.checked = true; }
    this.arm("disputed", "#note");
  };

  ReviewPage.prototype.arm = function (status, field) {
    var button = this.button(status);
    if (!button) { return; }
    this.disarm();
    this.armed = status;
    button.classList.add("is-armed");
    this.focus(field);
  };

  ReviewPage.prototype.disarm = function () {
    this.armed = null;
    this.aside.querySelectorAll(".is-armed").forEach(function (b) { b.classList.remove("is-armed"); });
  };

  ReviewPage.prototype.submitArmed = function () {
    var form = this.inner().querySelector("#verdict-form");
    if (!this.armed) {
      this.say("Press v, d or u first, or choose a verdict button.", true);
      return;
    }
    form.requestSubmit(this.button(this.armed));
  };

  ReviewPage.prototype.focus = function (selector) {
    var field = this.inner().querySelector(selector);
    if (field) {
      field.scrollIntoView({ block: "nearest" });
      field.focus();
    }
  };

  ReviewPage.prototype.openBest = function () {
    var url = this.inner().getAttribute("data-best-snapshot");
    if (url) { window.location.assign(url); } else { this.say("This claim has no passage to open.", true); }
  };

  // A decided claim seen before proposes its verdict: the form comes back filled in,
  // with the proposed verdict armed (Ctrl+Enter, or its button, saves it).
  ReviewPage.prototype.reuse = function (link) {
    if (!link) { this.say("No verdict seen before to reuse for this claim.", true); return; }
    var self = this;
    this.request(link.getAttribute("href").split("#")[0], { method: "GET" }).then(function (result) {
      if (!result.data || !result.data.panel) { return self.fail(result); }
      self.show(result.data);
      self.say(result.data.message || result.data.error, !result.ok);
      var proposed = self.inner().querySelector("#verdict-form button.is-proposed");
      if (result.ok && proposed) { self.arm(proposed.value, "#note"); }
    });
  };

  ReviewPage.prototype.showKeys = function () {
    if (this.dialog && typeof this.dialog.showModal === "function" && !this.dialog.open) {
      this.dialog.showModal();
    }
  };

  ReviewPage.prototype.say = function (text, isError) {
    this.message.textContent = text || "";
    this.message.classList.toggle("is-error", Boolean(isError));
  };

  ReviewPage.prototype.select = function (claimId, scrollTo) {
    var self = this;
    var url = this.root.getAttribute("data-panel-url").replace("/0/", "/" + encodeURIComponent(claimId) + "/");
    this.request(url, { method: "GET" }).then(function (result) {
      if (!result.data || !result.data.panel) { return self.fail(result); }
      self.say("", false);
      self.show(result.data);
      var here = self.inner().getAttribute("data-page-url");
      if (here) { window.history.replaceState(null, "", here); }
      var target = scrollTo === "panel" && window.matchMedia("(max-width: 60rem)").matches
        ? self.aside : document.querySelector(".claim[aria-current=true]");
      if (target) { target.scrollIntoView({ block: "nearest" }); }
    });
  };

  ReviewPage.prototype.send = function (form, submitter) {
    if (this.pending) { return; }
    var self = this;
    var data = submitter ? new FormData(form, submitter) : new FormData(form);
    var wasInside = this.aside.contains(document.activeElement);
    var reloadAfter = form.matches(".js-reload");
    var armed = this.armed;
    this.pending = true;
    this.request(form.action, { method: "POST", body: data }).then(function (result) {
      self.pending = false;
      if (!result.data) { return self.fail(result); }
      if (result.data.panel) {
        self.show(result.data);
      }
      self.say(result.data.message || result.data.error, !result.ok);
      if (result.ok && reloadAfter) { self.refresh(); }
      if (!result.ok && armed) {
        self.arm(armed, armed === "unsupported" ? "#reason" : "#note");
      } else if (wasInside) {
        var title = self.aside.querySelector(".panel-title");
        if (title) { title.setAttribute("tabindex", "-1"); title.focus({ preventScroll: true }); }
      }
    });
  };

  ReviewPage.prototype.request = function (url, options) {
    options.headers = { Accept: "application/json", "X-CSRFToken": csrfToken() };
    options.credentials = "same-origin";
    return fetch(url, options).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var body = type.indexOf("application/json") === 0 ? response.json() : Promise.resolve(null);
      return body.then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }).catch(function () {
      return { ok: false, status: 0, data: null };
    });
  };

  ReviewPage.prototype.fail = function (result) {
    this.pending = false;
    var words = {
      0: "The server could not be reached; nothing was saved.",
      400: "The form expired; reload the page and try again.",
      401: "Your session has ended; log in again.",
      403: "Your role may not make this change.",
      404: "That claim no longer exists."
    };
    this.say(words[result.status] || "The change failed (HTTP " + result.status + ").", true);
  };

  // Swap in a panel from the server and bring the body's highlight up to date.
  ReviewPage.prototype.show = function (data) {
    this.disarm();
    var holder = document.createElement("div");
    holder.innerHTML = data.panel;
    var fresh = holder.querySelector(".panel-inner");
    var old = this.inner();
    if (old) { old.replaceWith(fresh); } else { this.aside.appendChild(fresh); }
    if (window.workbenchLocaliseTimes) { window.workbenchLocaliseTimes(fresh); }
    this.mark(data.claim);
    this.watch();
  };

  ReviewPage.prototype.mark = function (claim) {
    var key = claim.is_claim ? claim.status : "not_claim";
    document.querySelectorAll(".claim[aria-current]").forEach(function (el) {
      el.removeAttribute("aria-current");
    });
    var span = document.querySelector(".claim[data-claim='" + claim.id + "']");
    if (span) {
      span.setAttribute("aria-current", "true");
      span.setAttribute("data-status", key);
      span.querySelector(".claim-mark").textContent = ICONS[key];
      span.querySelector(".vh").textContent = " (claim " + (claim.position + 1) + ", " + LABELS[key] + ")";
    }
    var counts = { check_first_pending: 0 };
    document.querySelectorAll(".body .claim").forEach(function (el) {
      var status = el.getAttribute("data-status");
      counts[status] = (counts[status] || 0) + 1;
      if (status === "pending" && el.getAttribute("data-triage") === "check_first") {
        counts.check_first_pending += 1;
      }
    });
    document.querySelectorAll(".legend [data-count]").forEach(function (item) {
      item.querySelector("strong").textContent = counts[item.getAttribute("data-count")] || 0;
    });
  };

  // While a source is fetched or matched, ask again until the panel says it is done.
  ReviewPage.prototype.watch = function () {
    window.clearTimeout(this.pollTimer);
    var inner = this.inner();
    if (!inner || !inner.getAttribute("data-busy")) { return; }
    var self = this;
    this.pollTimer = window.setTimeout(function () { self.refresh(); }, POLL_MS);
  };

  ReviewPage.prototype.refresh = function () {
    var self = this;
    var inner = this.inner();
    if (!inner) { return; }
    var claimId = inner.getAttribute("data-claim");
    this.request(inner.getAttribute("data-panel-url"), { method: "GET" }).then(function (result) {
      var current = self.inner();
      if (!result.data || !result.data.panel || !current || current.getAttribute("data-claim") !== claimId) {
        return;
      }
      if (result.data.busy && current.getAttribute("data-busy")) { return self.watch(); }
      var draft = self.draft();
      self.show(result.data);
      self.restore(draft);
    });
  };

  ReviewPage.prototype.draft = function () {
    var inner = this.inner();
    var note = inner.querySelector("#note");
    var reason = inner.querySelector("#reason");
    return { note: note ? note.value : "", reason: reason ? reason.value : "", focused: document.activeElement };
  };

  ReviewPage.prototype.restore = function (draft) {
    var note = this.inner().querySelector("#note");
    var reason = this.inner().querySelector("#reason");
    if (note && draft.note) { note.value = draft.note; }
    if (reason && draft.reason) { reason.value = draft.reason; }
  };

  // ---- A snapshot opened for a claim: the selection becomes the passage to pin ----
  function SelectionPin(form, text) {
    this.form = form;
    this.text = text;
    var self = this;
    document.addEventListener("selectionchange", function () { self.update(); });
  }

  function codePoints(s) { return Array.from(s).length; }

  // Offsets in the snapshot's text (code points, as the server counts) of the
  // selection's ends: each [data-start] element holds one text node.
  SelectionPin.prototype.offsets = function (range) {
    var spans = Array.prototype.filter.call(this.text.querySelectorAll("[data-start]"), function (span) {
      return range.intersectsNode(span.firstChild || span);
    });
    if (!spans.length) { return null; }
    var first = spans[0];
    var last = spans[spans.length - 1];
    var start = Number(first.getAttribute("data-start"));
    if (first.firstChild === range.startContainer) {
      start += codePoints(range.startContainer.data.slice(0, range.startOffset));
    }
    var end = Number(last.getAttribute("data-start"));
    if (last.firstChild === range.endContainer) {
      end += codePoints(range.endContainer.data.slice(0, range.endOffset));
    } else {
      end += codePoints(last.textContent);
    }
    var quote = spans.map(function (span) { return span.textContent; }).join("");
    var from = Number(first.getAttribute("data-start"));
    quote = Array.from(quote).slice(start - from, end - from).join("");
    return end > start ? { start: start, end: end, quote: quote } : null;
  };

  SelectionPin.prototype.update = function () {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!this.text.contains(range.commonAncestorContainer)) { return; }
    var found = this.offsets(range);
    if (!found || !found.quote.trim()) { return; }
    this.form.elements.start.value = found.start;
    this.form.elements.end.value = found.end;
    this.form.querySelector("[data-selection]").textContent = "“" + found.quote.trim() + "”";
    this.form.hidden = false;
  };

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector(".review");
    if (root && document.getElementById("panel")) { window.workbenchReview = new ReviewPage(root); }
    var pinForm = document.getElementById("selection-pin");
    var text = document.querySelector(".snapshot-text");
    if (pinForm && text) { window.workbenchPin = new SelectionPin(pinForm, text); }
  });
})();
