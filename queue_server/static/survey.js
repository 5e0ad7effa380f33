// The satisfaction survey (templates/survey/form.html): the nine answers, checked here
// for a person's sake (the server checks them again), posted to /api/v1/surveys.
import { $, api, errorMessage, texts } from "/static/page.js";

const state = { lang: document.documentElement.lang === "en" ? "en" : "id", sent: false };
const t = texts(["survey"], () => state.lang);

// Every survey text in `lang` (a page that switches language without a reload).
export function say(lang) {
  state.lang = lang === "en" ? "en" : "id";
  document.querySelectorAll("#survey [data-st]").forEach((el) => { el.textContent = t(el.dataset.st); });
}

// Show the survey once the service is over (a live page learns it late).
export function offer(over) {
  const box = $("survey");
  if (box && over && !state.sent) box.hidden = false;
}

function answers(form) {
  const chosen = [];
  for (const group of form.querySelectorAll("fieldset[data-element]")) {
    const picked = group.querySelector("input:checked");
    if (!picked) return { missing: group };
    chosen.push(Number(picked.value));
  }
  return { chosen };
}

function thank() {
  state.sent = true;
  $("survey-form").hidden = true;
  $("survey-thanks").hidden = false;
  $("survey-thanks").focus();
}

async function submit(event) {
  event.preventDefault();
  const form = event.target;
  const box = $("survey");
  const { chosen, missing } = answers(form);
  if (missing) {
    $("survey-error").textContent = t("incomplete");
    missing.querySelector("input").focus();
    return;
  }
  $("survey-send").disabled = true;
  $("survey-error").textContent = "";
  try {
    const body = { subject: box.dataset.subject, code: box.dataset.code, answers: chosen,
                   comment: $("survey-comment").value };
    const reply = await api("POST", "/api/v1/surveys", body, { lang: state.lang });
    const given = reply.data && reply.data.error && reply.data.error.code === "survey_already_given";
    if (reply.ok || given) { thank(); return; }
    $("survey-error").textContent = t("failed", { m: errorMessage(reply) });
  } catch (err) {
    $("survey-error").textContent = t("failed", { m: t("offline") });
  } finally {
    $("survey-send").disabled = false;
  }
}

const form = $("survey-form");
if (form) form.addEventListener("submit", submit);
