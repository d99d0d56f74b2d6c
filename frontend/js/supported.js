/*
 * Kokybė: mark the page as scripted, as soon as <body> exists.
 *
 * Loaded as a classic script in <head> (no inline scripts: the Content
 * Security Policy is script-src 'self'). GOV.UK Frontend checks the
 * `govuk-frontend-supported` class on document.body; browsers that run
 * ES modules (`noModule` support) get it. `js-enabled` lets styles tell a
 * scripted page from a plain one.
 */
(function () {
  "use strict";

  var classes = ["js-enabled"];
  if ("noModule" in HTMLScriptElement.prototype) {
    classes.push("govuk-frontend-supported");
  }

  function mark() {
    if (!document.body) {
      return false;
    }
    for (var i = 0; i < classes.length; i++) {
      document.body.classList.add(classes[i]);
    }
    return true;
  }

  if (mark()) {
    return;
  }

  // Mark <body> the moment the parser adds it, before it is painted, so that
  // the mobile menu does not flash open; DOMContentLoaded is the fallback.
  var observer = null;
  if (typeof MutationObserver === "function") {
    observer = new MutationObserver(function () {
      if (mark()) {
        observer.disconnect();
      }
    });
    observer.observe(document.documentElement, { childList: true });
  }
  document.addEventListener("DOMContentLoaded", function () {
    mark();
    if (observer) {
      observer.disconnect();
    }
  });
})();
