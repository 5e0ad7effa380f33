// The facility's audit log: who changed what, when, before → after (secrets masked by
// the server), newest first, between two dates of the facility's calendar.
import { $ } from "/static/page.js";
import { call, moment, problem, row, t } from "./common.js";

let facility = "";
const ACTIONS = { create: "did.create", update: "did.update", deactivate: "did.deactivate",
  token: "did.token", import: "did.import" };
// Each entry key as the forms label it (admin.* keys of the catalogue).
const LABELS = { name: "name", timezone: "timezone", running_text: "runningText",
  cuti_bersama: "cutiBersama", closed_dates: "closedDates", prefix: "prefix", hours: "hours",
  booking_quota: "quota", jkn_quota: "jknQuota", walkin_limit: "walkinLimit", avg_minutes: "avgMinutes",
  target_wait: "targetWait", shown_on_boards: "onBoards", active: "active",
  open_on_holidays: "openOnHolidays", booking_cutoff: "cutoff", services: "servesInOrder",
  kind: "kind", role: "role", facility: "facilityField", password_hash: "password",
  token_hash: "token", code: "code", username: "username" };
const IDENTITY = new Set(["code", "username"]);
const label = (key) => (LABELS[key] ? t(LABELS[key]) : key);
const ORDER = Object.keys(LABELS);
const place = (key) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);
const dayName = (day) => (/^[a-z]{3}$/.test(day) ? t("dayShort." + day) : day);

// Hours as "Sen 07:30-14:30; Sab –" and closures as "2026-12-02 (Fogging gedung)".
function listed(v) {
  if (Array.isArray(v)) {
    return v.map((x) => (x && x.date ? x.date + " (" + x.reason + ")" : String(x))).join(", ");
  }
  return Object.entries(v).map(([day, ranges]) => dayName(day) + " "
    + (Array.isArray(ranges) && ranges.length ? ranges.join(", ") : "–")).join("; ");
}

function said(key, v) {
  if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) return "–";
  if (v === true || v === false) return t(v ? "yes" : "no");
  if (key === "role") return t("role." + v);
  if (key === "kind") return t(v);
  if (key === "cuti_bersama") return v === "open" ? t("cutiOpen") : t("cutiClosed");
  return typeof v === "object" ? listed(v) : String(v);
}

// "Nama: Poli Umum → Poli Umum 2; Kuota: 50 → 40" (only what changed, as the forms label
// it; secrets come "***" from the server); a creation lists what it was created with.
export function changes(before, after) {
  if (!after) return "";
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after)])]
    .filter((k) => !IDENTITY.has(k)).sort((a, b) => place(a) - place(b));
  if (!before) {
    return t("createdAs") + ": " + keys.filter((k) => said(k, after[k]) !== "–")
      .map((k) => label(k) + ": " + said(k, after[k])).join("; ");
  }
  return keys.filter((k) => said(k, before[k]) !== said(k, after[k]))
    .map((k) => label(k) + ": " + said(k, before[k]) + " → " + said(k, after[k])).join("; ");
}

// "staff:kepala" → "kepala"; the command line's loads → "load-config".
const actor = (a) => (a === "cli" ? t("actorCli") : String(a).replace(/^[a-z]+:/, ""));
const object = (e) => t("objectKind." + e.object_kind) + " " + e.object_code;

export async function loadAudit(event) {
  if (event) event.preventDefault();
  const query = new URLSearchParams({ facility });
  if ($("aud-from").value) query.set("from", $("aud-from").value);
  if ($("aud-to").value) query.set("to", $("aud-to").value);
  const reply = await call("GET", "/api/v1/admin/audit?" + query);
  $("audit-form").querySelector(".error").textContent = reply.ok ? "" : problem(reply);
  const list = reply.ok ? reply.data.events : [];
  $("audit-rows").replaceChildren(...list.map((e) => row([moment(e.at), actor(e.actor),
    object(e), ACTIONS[e.action] ? t(ACTIONS[e.action]) : e.action, changes(e.before, e.after)])));
}

export function initAudit(code) {
  facility = code;
  $("audit-form").addEventListener("submit", loadAudit);
}
