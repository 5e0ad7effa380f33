// A case's public page (/c/{code}): the citizen's actions, posted as JSON to the
// module's route, and the phone code that confirms a new case. The page reloads after
// a change, so the server draws the new state.
import { $, api, errorMessage, texts } from "/static/page.js";

(function () {
  "use strict";
  const box = $("case");
  const code = box.dataset.code;
  const lang = box.dataset.lang === "en" ? "en" : "id";
  const t = texts(["case"], () => lang);

  function done() { window.location.reload(); }

  async function post(path, body, error, button) {
    button.disabled = true;
    error.textContent = "";
    try {
      const reply = await api("POST", path, body, { lang });
      if (reply.ok) { done(); return; }
      error.textContent = t("failed", { m: errorMessage(reply) });
    } catch (err) {
      error.textContent = t("failed", { m: t("offline") });
    } finally {
      button.disabled = false;
    }
  }

  function act(event) {
    event.preventDefault();
    const form = event.target;
    const error = form.querySelector(".error");
    const comment = form.querySelector("textarea");
    const body = { action: form.dataset.action, comment: comment.value.trim() };
    if (comment.required && !body.comment) {
      error.textContent = t("needComment");
      comment.focus();
      return;
    }
    const rating = form.querySelector("input[name=rating]:checked");
    if (form.querySelector("input[name=rating]")) {
      if (!rating) {
        error.textContent = t("needRating");
        form.querySelector("input[name=rating]").focus();
        return;
      }
      body.rating = Number(rating.value);
    }
    post(box.dataset.actions, body, error, form.querySelector("button[type=submit]"));
  }

  function confirmCode(event) {
    event.preventDefault();
    const otp = $("otp").value.trim();
    if (!/^\d{6}$/.test(otp)) {
      $("confirm-error").textContent = t("needOtp");
      $("otp").focus();
      return;
    }
    post("/api/v1/cases/" + encodeURIComponent(code) + "/confirm", { otp },
         $("confirm-error"), event.target.querySelector("button[type=submit]"));
  }

  document.querySelectorAll("form.case-action").forEach((form) => form.addEventListener("submit", act));
  const confirmForm = $("confirm-form");
  if (confirmForm) confirmForm.addEventListener("submit", confirmCode);
})();
