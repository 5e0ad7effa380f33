// A case's public page (/c/{code}): the citizen's actions, posted as JSON to the
// module's route, and the phone code that confirms a new case. The page reloads after
// a change, so the server draws the new state. The phone code's form says a wrong code
// plainly (how many tries are left) and can ask for a new code.
import { $, api, errorMessage, texts } from "/static/page.js";

(function () {
  "use strict";
  const box = $("case");
  const code = box.dataset.code;
  const lang = box.dataset.lang === "en" ? "en" : "id";
  const t = texts(["case"], () => lang);

  function done() { window.location.reload(); }

  // What a refused request says: the server's message, a wrong code as "wrong, N left".
  function refusal(reply, plain) {
    const error = reply.data && reply.data.error;
    if (error && error.code === "wrong_otp" && error.attempts_left !== undefined) {
      return t("wrongOtp", { n: error.attempts_left });
    }
    return plain ? errorMessage(reply) : t("failed", { m: errorMessage(reply) });
  }

  async function post(path, body, error, button, plain) {
    button.disabled = true;
    error.textContent = "";
    try {
      const reply = await api("POST", path, body, { lang });
      if (reply.ok) { done(); return; }
      error.textContent = refusal(reply, plain);
    } catch (err) {
      error.textContent = plain ? t("offline") : t("failed", { m: t("offline") });
    } finally {
      button.disabled = false;
    }
  }

  async function resend(event) {
    const button = event.target;
    const note = $("resend-note");
    button.disabled = true;
    note.textContent = "";
    $("confirm-error").textContent = "";
    try {
      const reply = await api("POST", "/api/v1/cases/" + encodeURIComponent(code) + "/resend",
                              {}, { lang });
      if (reply.ok) note.textContent = t("resent");
      else $("confirm-error").textContent = refusal(reply, true);
    } catch (err) {
      $("confirm-error").textContent = t("offline");
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
         $("confirm-error"), event.target.querySelector("button[type=submit]"), true);
  }

  document.querySelectorAll("form.case-action").forEach((form) => form.addEventListener("submit", act));
  const confirmForm = $("confirm-form");
  if (confirmForm) confirmForm.addEventListener("submit", confirmCode);
  const resendButton = $("resend");
  if (resendButton) resendButton.addEventListener("click", resend);
})();
