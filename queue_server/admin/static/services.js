// A facility's services: the table, and the form that sends a service's configuration
// entry (PUT creates or replaces it; the server's message shows beside the form).
import { $ } from "/static/page.js";
import { button, call, datedText, enc, numberOr, parseDated, refuse, row, say, t, yesNo } from "./common.js";
import { DAYS, formToHours, hoursSummary, hoursToForm } from "./hours.js";

let base = "";
let known = [];
let onChange = () => {};

const form = () => $("service-form");
const state = (s) => t(s.active ? "active" : "inactive");

function fill(s) {
  const hours = hoursToForm(s.hours);
  $("svc-code").value = s.code;
  $("svc-name").value = s.name;
  $("svc-prefix").value = s.prefix;
  $("svc-24h").checked = hours.open24h;
  DAYS.forEach((d) => { $("svc-hours-" + d).value = hours.days[d]; });
  $("svc-special").value = hours.special;
  $("svc-closed").value = datedText(s.closed_dates);
  $("svc-quota").value = s.booking_quota ?? "";
  $("svc-jkn").value = s.jkn_quota ?? "";
  $("svc-cutoff").value = s.booking_cutoff || "";
  $("svc-walkin").value = s.walkin_limit ?? "";
  $("svc-avg").value = s.avg_minutes ?? "";
  $("svc-target").value = s.target_wait ?? "";
  $("svc-holidays").checked = !!s.open_on_holidays;
  $("svc-boards").checked = s.shown_on_boards !== false;
  $("svc-active").checked = s.active !== false;
  showWeek();
  say(form(), null);
  $("svc-name").focus();
}

function entry() {
  const days = Object.fromEntries(DAYS.map((d) => [d, $("svc-hours-" + d).value]));
  return {
    name: $("svc-name").value.trim(), prefix: $("svc-prefix").value.trim(),
    hours: formToHours($("svc-24h").checked, days, $("svc-special").value),
    closed_dates: parseDated($("svc-closed").value),
    booking_quota: numberOr($("svc-quota"), 0),
    jkn_quota: numberOr($("svc-jkn"), null),
    booking_cutoff: $("svc-cutoff").value.trim() || null,
    walkin_limit: numberOr($("svc-walkin"), null),
    avg_minutes: numberOr($("svc-avg"), 5),
    target_wait: numberOr($("svc-target"), 30),
    open_on_holidays: $("svc-holidays").checked,
    shown_on_boards: $("svc-boards").checked,
    active: $("svc-active").checked,
  };
}

// With "24 hours" ticked the weekly hours do not apply: they are put aside, not lost.
function showWeek() {
  $("svc-week").disabled = $("svc-24h").checked;
}

function render() {
  $("service-rows").replaceChildren(...known.map((s) => {
    const tr = row([s.code, s.name, s.prefix, hoursSummary(s.hours, t), s.booking_quota,
      s.jkn_quota ?? "–", s.walkin_limit ?? t("noLimit"), s.avg_minutes, s.target_wait, yesNo(s.shown_on_boards), state(s)],
    [button(t("edit"), () => fill(s), t("edit") + " " + s.name)]);
    tr.dataset.service = s.code;
    return tr;
  }));
  $("cnt-known").textContent = known.map((s) => s.code).join(", ");
}

export async function loadServices() {
  const reply = await call("GET", base);
  known = reply.ok ? reply.data.services : [];
  render();
  return known;
}

async function save(event) {
  event.preventDefault();
  const code = $("svc-code").value.trim();
  if (!code) { refuse(form(), t("codeNeeded")); return; }
  const reply = await call("PUT", base + "/" + enc(code), entry());
  say(form(), reply, t(reply.status === 201 ? "created" : "saved", { c: code }));
  if (reply.ok) { await loadServices(); onChange(); }
}

export function initServices(facility, changed) {
  base = "/api/v1/admin/facilities/" + enc(facility) + "/services";
  onChange = changed;
  form().addEventListener("submit", save);
  form().addEventListener("reset", () => { setTimeout(showWeek); say(form(), null); });
  $("svc-24h").addEventListener("change", showWeek);
}
