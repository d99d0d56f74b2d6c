// Kokybė: start GOV.UK Frontend's components (an ES module, deferred by nature).
import { initAll } from "../vendor/govuk-frontend.min.js";

// supported.js has marked <body> already; module support is exactly what the
// class stands for, so make sure before GOV.UK Frontend checks for it.
document.body.classList.add("govuk-frontend-supported");

initAll();

// Content that htmx swaps in (the audit trail's results) may hold components too.
document.addEventListener("htmx:afterSettle", (event) => {
  const scope = event.detail && event.detail.elt;
  if (scope instanceof Element && scope.isConnected) {
    initAll({
      scope,
      // Components outside the swapped part are running already: not an error.
      onError: (error) => {
        if (error.name !== "InitError") {
          console.error(error);
        }
      },
    });
  }
});
