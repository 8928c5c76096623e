// Times are stored and sent in UTC (<time datetime="...Z">); show them in the
// reader's own time zone and language, keeping the UTC value as a tooltip.
(function () {
  "use strict";
  var format = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"
  });
  function localise(root) {
    root.querySelectorAll("time[datetime]:not([data-local])").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when)) { return; }
      el.title = el.getAttribute("datetime");
      el.textContent = format.format(when);
      el.setAttribute("data-local", "");
    });
  }
  window.workbenchLocaliseTimes = localise;
  document.addEventListener("DOMContentLoaded", function () { localise(document); });
})();
