// Import of a facility's configuration file (the YAML that "Unduh konfigurasi" gives and
// `load-config` reads): applied through the same checks, all of it or nothing.
import { $ } from "/static/page.js";
import { enc, lang, refuse, say, t } from "./common.js";

let path = "";
let onChange = () => {};
const form = () => $("import-form");
const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

async function send(text) {
  try {
    const response = await fetch(path, {
      method: "POST", credentials: "same-origin", body: text,
      headers: { "Content-Type": "application/yaml", "Accept-Language": lang, "X-CSRFToken": csrf() },
    });
    let data = null;
    try { data = await response.json(); } catch (err) { data = null; }
    return { ok: response.ok, status: response.status, data };
  } catch (err) {
    return { ok: false, status: 0, data: null };
  }
}

async function importFile(event) {
  event.preventDefault();
  const text = $("imp-text").value;
  if (!text.trim()) { refuse(form(), t("importEmpty")); return; }
  const reply = await send(text);
  say(form(), reply, reply.ok ? t("imported", { n: reply.data.changed }) : "");
  if (reply.ok) onChange();
}

// A chosen file is shown in the text box first: what will be sent can be read.
async function readFile() {
  const file = $("imp-file").files[0];
  if (file) $("imp-text").value = await file.text();
}

export function initTransfer(facility, changed) {
  path = "/api/v1/admin/facilities/" + enc(facility) + "/import";
  onChange = changed;
  form().addEventListener("submit", importFile);
  $("imp-file").addEventListener("change", readFile);
}
