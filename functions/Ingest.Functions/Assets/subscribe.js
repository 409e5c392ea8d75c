// The subscribe form without a page reload: the browser's time zone as the default, each error beside its field,
// and the same confirmation message whatever the address (the server never says whether it knew it).
"use strict";
(() => {
  const form = document.getElementById("subscribe");
  if (!form) return;
  const zone = form.elements.timeZone;
  try {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browserZone) zone.value = browserZone;
  } catch { /* keep the server's default */ }

  const result = document.getElementById("result");
  const general = document.getElementById("form-error");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const message of form.querySelectorAll(".error")) message.textContent = "";
    for (const invalid of form.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");

    const data = new FormData(form);
    const body = {
      email: data.get("email"),
      topics: data.getAll("topics"),
      watches: data.get("watches") || "",
      frequency: data.get("frequency"),
      hour: data.get("hour"),
      timeZone: data.get("timeZone"),
      weekday: data.get("weekday"),
      minScore: data.get("minScore"),
    };
    let response;
    try {
      response = await fetch(form.action, { method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" }, body: JSON.stringify(body) });
    } catch {
      general.textContent = "Ingest could not be reached. Try again in a moment.";
      return;
    }

    const answer = await response.json().catch(() => ({}));
    if (response.status === 202) {
      form.hidden = true;
      result.textContent = answer.message;
      result.hidden = false;
      result.focus();
      return;
    }

    if (response.status === 400 && answer.errors) {
      let first = null;
      for (const [field, text] of Object.entries(answer.errors)) {
        const message = document.getElementById(field + "-error") || general;
        message.textContent = text;
        const control = document.getElementById(field);
        if (control) {
          control.setAttribute("aria-invalid", "true");
          first = first || control;
        }
      }
      (first || general).focus();
      return;
    }

    general.textContent = answer.error || "Something went wrong (" + response.status + "). Try again later.";
  });
})();
