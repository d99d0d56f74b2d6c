// The public signal form keeps what a resident typed in this browser tab (sessionStorage), so a reload,
// the back button or a dropped connection does not lose it. Only this tab sees it, and it is cleared once
// the message is sent. Files cannot be kept by a browser. Without JavaScript the form works the same.
(function () {
  "use strict";
  const SKIPPED = new Set(["started", "submission_key", "lang", "website", "csrfmiddlewaretoken"]);
  const KEPT_TYPES = new Set(["text", "email", "tel", "textarea", "select-one", "radio"]);

  function storageKey(place) {
    return "kokybe-signal-draft:" + place;
  }

  const cleared = document.querySelector("[data-signal-draft-clear]");
  if (cleared) {
    sessionStorage.removeItem(storageKey(cleared.dataset.signalDraftClear));
  }

  const form = document.querySelector("form[data-signal-draft]");
  if (!form) {
    return;
  }
  const key = storageKey(form.dataset.signalDraft);
  const fields = Array.from(form.elements).filter(
    (element) => element.name && KEPT_TYPES.has(element.type) && !SKIPPED.has(element.name)
  );

  if (form.dataset.signalDraftRestore === "true") {
    let saved = {};
    try {
      saved = JSON.parse(sessionStorage.getItem(key) || "{}");
    } catch (error) {
      saved = {};
    }
    for (const element of fields) {
      if (!Object.prototype.hasOwnProperty.call(saved, element.name)) {
        continue;
      }
      if (element.type === "radio") {
        element.checked = element.value === saved[element.name];
      } else {
        element.value = saved[element.name];
      }
    }
  }

  function save() {
    const values = {};
    for (const element of fields) {
      if (element.type !== "radio" || element.checked) {
        values[element.name] = element.value;
      }
    }
    sessionStorage.setItem(key, JSON.stringify(values));
  }

  form.addEventListener("input", save);
  form.addEventListener("change", save);
})();
