// The facility's own entry: name, time zone, cuti bersama, closures and the boards'
// running text (PUT replaces the entry; services, counters and devices are apart).
import { $ } from "/static/page.js";
import { call, datedText, enc, parseDated, say, t } from "./common.js";

let path = "";
let onChange = () => {};
const form = () => $("settings-form");

export async function loadSettings() {
  const reply = await call("GET", path);
  if (!reply.ok) { say(form(), reply); return; }
  const f = reply.data;
  $("set-name").value = f.name;
  $("set-timezone").value = f.timezone;
  $("set-cuti").value = f.cuti_bersama || "closed";
  $("set-closed").value = datedText(f.closed_dates);
  $("set-running").value = f.running_text || "";
}

async function save(event) {
  event.preventDefault();
  const body = { name: $("set-name").value.trim(), timezone: $("set-timezone").value,
    cuti_bersama: $("set-cuti").value, closed_dates: parseDated($("set-closed").value),
    running_text: $("set-running").value.trim() };
  const reply = await call("PUT", path, body);
  say(form(), reply, t("saved", { c: body.name }));
  if (reply.ok) onChange();
}

export function initSettings(facility, changed) {
  onChange = changed;
  path = "/api/v1/admin/facilities/" + enc(facility);
  form().addEventListener("submit", save);
}
