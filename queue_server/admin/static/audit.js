// The facility's audit log: who changed what, when, before → after (secrets masked by
// the server), newest first, between two dates of the facility's calendar.
import { $ } from "/static/page.js";
import { call, moment, problem, row, t } from "./common.js";

let facility = "";
const ACTIONS = { create: "did.create", update: "did.update", deactivate: "did.deactivate",
  token: "did.token", import: "did.import" };
const said = (v) => (v === null || v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v));

// "name: Poli Umum → Poli Umum 2; booking_quota: 50 → 40" (only what changed).
export function changes(before, after) {
  if (!before) return t("createdWith") + " " + Object.keys(after || {}).join(", ");
  if (!after) return "";
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => said(before[k]) !== said(after[k]))
    .map((k) => k + ": " + said(before[k]) + " → " + said(after[k])).join("; ");
}

export async function loadAudit(event) {
  if (event) event.preventDefault();
  const query = new URLSearchParams({ facility });
  if ($("aud-from").value) query.set("from", $("aud-from").value);
  if ($("aud-to").value) query.set("to", $("aud-to").value);
  const reply = await call("GET", "/api/v1/admin/audit?" + query);
  $("audit-form").querySelector(".error").textContent = reply.ok ? "" : problem(reply);
  const list = reply.ok ? reply.data.events : [];
  $("audit-rows").replaceChildren(...list.map((e) => row([moment(e.at), e.actor,
    e.object_kind + " " + e.object_code, ACTIONS[e.action] ? t(ACTIONS[e.action]) : e.action, changes(e.before, e.after)])));
}

export function initAudit(code) {
  facility = code;
  $("audit-form").addEventListener("submit", loadAudit);
}
