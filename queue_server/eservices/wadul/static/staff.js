// e-Wadul's staff pages: each case's action form (the office field for a forward, the
// original's public reference for a merge, a reply template into the comment) posted as
// JSON to /api/v1/wadul/reports/{ref}/actions (staff name a case by its public reference
// WADUL-n, never by the filer's tracking code) with the session cookie and CSRF token,
// then the page read again; and the Media Center's form for a report from another
// channel, whose answer alone shows the tracking code (the clerk tells it to the caller).
import { $, api, errorMessage, texts } from "/static/page.js";
import { check, clear, showAnswer } from "./fields.js";
import { checkPhotos, postWithPhotos } from "./photos.js";

// the desk form's checks before sending (identity optional on someone's behalf)
const DESK_RULES = [
  { name: "category", required: true }, { name: "description", required: true, min: 10 },
  { name: "kelurahan", required: true }, { name: "nik", digits: 16 }, { name: "phone", phone: true },
];

const lang = () => document.documentElement.lang === "en" ? "en" : "id";
const t = texts(["wadul_pages"], lang);

function fit(form) {
  const chosen = form.elements.action.selectedOptions[0];
  const action = chosen ? chosen.value : "";
  form.querySelector(".opd").hidden = !(chosen && chosen.dataset.office === "1");
  form.querySelector(".dup").hidden = action !== "merge";
  for (const option of form.querySelectorAll(".reply option[data-action]")) {
    option.hidden = Boolean(option.dataset.action) && option.dataset.action !== action;
  }
}

async function act(event) {
  event.preventDefault();
  const form = event.target;
  const said = form.querySelector(".error");
  const sent = { action: form.elements.action.value, comment: form.elements.comment.value.trim() };
  if (!sent.action) { form.elements.action.focus(); return; }
  if (!form.querySelector(".opd").hidden && form.elements.opd.value) sent.opd = form.elements.opd.value;
  if (!form.querySelector(".dup").hidden) sent.duplicate_of = form.elements.duplicate_of.value.trim();
  said.textContent = "";
  form.querySelector("button[type=submit]").disabled = true;
  const reply = await api("POST", `/api/v1/wadul/reports/${encodeURIComponent(form.dataset.ref)}/actions`, sent, { lang: lang() });
  form.querySelector("button[type=submit]").disabled = false;
  if (reply.ok) { window.location.reload(); return; }
  said.textContent = errorMessage(reply);
}

// The desk's correction of a case (action `edit`): the privacy flags and the description,
// redacted of names or numbers; the case does not move.
async function edit(event) {
  event.preventDefault();
  const form = event.target;
  const said = form.querySelector(".error");
  said.textContent = "";
  if (!check(form, [{ name: "description", required: true, min: 10, max: 4000 }], t)) return;
  const sent = { action: "edit", anonymous: form.elements.anonymous.checked,
    confidential: form.elements.confidential.checked,
    description: form.elements.description.value.trim(), comment: form.elements.comment.value.trim() };
  const reply = await api("POST", `/api/v1/wadul/reports/${encodeURIComponent(form.dataset.ref)}/actions`, sent, { lang: lang() });
  if (reply.ok) { window.location.reload(); return; }
  said.textContent = showAnswer(form, reply, t);
}

if ($("edit-form")) $("edit-form").addEventListener("submit", edit);

for (const form of document.querySelectorAll("form.act")) {
  form.elements.action.addEventListener("change", () => fit(form));
  form.querySelector(".reply").addEventListener("change", (event) => {
    const chosen = event.target.selectedOptions[0];
    if (!chosen || !chosen.dataset.text) return;
    // The templates' fields (replies.yaml): {kode}, {kategori}, {opd} (the office chosen).
    const opd = form.elements.opd.selectedOptions[0];
    form.elements.comment.value = chosen.dataset.text.replaceAll("{kode}", form.dataset.ref)
      .replaceAll("{kategori}", form.dataset.category || "")
      .replaceAll("{opd}", opd && opd.value ? opd.textContent : form.dataset.routed || "OPD");
  });
  form.addEventListener("submit", act);
  fit(form);
}

const desk = $("desk-form");
if (desk) {
  desk.addEventListener("submit", async (event) => {
    event.preventDefault();
    const sent = {};
    for (const name of ["channel", "category", "description", "kelurahan", "address", "name", "phone", "nik"]) {
      const value = desk.elements[name].value.trim();
      if (value) sent[name] = value;
    }
    sent.anonymous = desk.elements.anonymous.checked;
    sent.confidential = desk.elements.confidential.checked;
    $("desk-error").textContent = "";
    if (!check(desk, DESK_RULES, t)) { $("desk-error").textContent = t("v_check"); return; }
    const photos = desk.elements.photos;
    if (!checkPhotos(desk, photos, t, (said) => { $("desk-error").textContent = said; })) return;
    const reply = photos.files.length
      ? await postWithPhotos("/api/v1/wadul/desk/reports", sent, photos, lang())
      : await api("POST", "/api/v1/wadul/desk/reports", sent, { lang: lang() });
    if (!reply.ok) { $("desk-error").textContent = showAnswer(desk, reply, t); return; }
    clear(desk);
    $("desk-done").textContent = t("entered_ref", { ref: reply.data.ref, code: reply.data.code });
    desk.reset();
  });
}
