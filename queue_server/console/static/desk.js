// The desk panel (check a booking in, issue a walk-in number, call a given number, edit the
// boards' running text) and the strip that names kiosks and boards that are offline.
import { $, api, errorMessage, newKey } from "/static/page.js";
import { PRIORITIES } from "./priorities.js";

const DEVICE_POLL_MS = 30000;
let ctx = null;
let devices = null;

function result(parts, bad) {
  const el = $("desk-result");
  el.replaceChildren(...parts);
  el.className = bad ? "desk-result bad" : "desk-result";
}

async function submitting(form, work) {
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try { return await work(); } finally { button.disabled = false; }
}

function selectTab(tab) {
  document.querySelectorAll("#desk-tabs [role=tab]").forEach((button) => {
    const on = button === tab;
    button.setAttribute("aria-selected", String(on));
    button.tabIndex = on ? 0 : -1;
    $(button.getAttribute("aria-controls")).hidden = !on;
  });
}

function tabKeys(event) {
  const tabs = Array.from(document.querySelectorAll("#desk-tabs [role=tab]"));
  const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
  if (!step) return;
  event.preventDefault();
  const next = tabs[(tabs.indexOf(event.target) + step + tabs.length) % tabs.length];
  selectTab(next);
  next.focus();
}

async function checkIn(event) {
  event.preventDefault();
  const input = $("checkin-code");
  const code = input.value.trim();
  if (!code) return;
  const reply = await submitting(event.target, () => api("POST",
    "/api/v1/bookings/" + encodeURIComponent(code) + "/check-in", {}, { lang: ctx.lang() }));
  if (reply.status === 401) { location.reload(); return; }
  if (!reply.ok) { result([errorMessage(reply)], true); input.select(); return; }
  const d = reply.data;
  result([`${d.number} ${ctx.t("checkedIn")} ${d.service.name} · ${d.people_ahead} ${ctx.t("ahead")}`]);
  input.value = "";
  input.focus();  // ready for the next scan
}

async function walkIn(event) {
  event.preventDefault();
  const body = { service: $("walkin-service").value, priority: $("walkin-priority").value };
  const path = "/api/v1/kiosk/tickets?facility=" + encodeURIComponent(ctx.chosen().facility);
  const reply = await submitting(event.target, () =>
    api("POST", path, body, { lang: ctx.lang(), key: newKey("console-") }));
  if (reply.status === 401) { location.reload(); return; }
  if (!reply.ok) { result([errorMessage(reply)], true); return; }
  const d = reply.data;
  const number = document.createElement("b");
  number.id = "walkin-number";
  number.textContent = d.number;
  const link = document.createElement("a");
  link.href = d.ticket_url;
  link.target = "_blank";
  link.textContent = ctx.t("openTicket");
  result([ctx.t("newTicket") + " ", number, ` · ${d.service.name} · ${ctx.t("visitCode")} ${d.code} · `, link]);
  $("walkin-priority").value = "regular";  // the next patient starts from the default
}

async function callNumber(event) {
  event.preventDefault();
  const input = $("call-number");
  const reply = await ctx.act("call-number", { number: input.value.trim() }, true);
  if (reply && reply.ok) { input.value = ""; result([`${ctx.t("justCalled")} ${reply.data.number}`]); }
  else if (reply) result([errorMessage(reply)], true);
}

// The running text's length against its limit: a pasted text longer than the limit is
// cut by the field, and staff see it here before they save.
function countText() {
  const input = $("running-text");
  $("running-count").textContent = input.value.length + "/" + input.maxLength;
}

async function saveRunningText(event) {
  event.preventDefault();
  const input = $("running-text");
  const path = "/api/v1/facilities/" + encodeURIComponent(ctx.chosen().facility) + "/running-text";
  const reply = await submitting(event.target, () =>
    api("PUT", path, { running_text: input.value }, { lang: ctx.lang() }));
  if (reply.status === 401) { location.reload(); return; }
  if (!reply.ok) { result([errorMessage(reply)], true); return; }
  input.value = reply.data.running_text;
  delete input.dataset.dirty;
  countText();
  result([ctx.t("textSaved")]);
}

function fillServices(snapshot) {
  const select = $("walkin-service");
  const keep = select.value;
  select.replaceChildren(...snapshot.services.map((s) => new Option(s.name, s.code)));
  const own = snapshot.counter.services[0];
  select.value = keep && snapshot.services.some((s) => s.code === keep) ? keep : own;
}

// Called with every fresh snapshot and on a language change.
export function renderDesk(snapshot) {
  const priority = $("walkin-priority");
  const keep = priority.value || "regular";
  priority.replaceChildren(...PRIORITIES.map((p) => new Option(ctx.t(p), p)));
  priority.value = keep;
  if (!snapshot) return;
  fillServices(snapshot);
  const text = $("running-text");
  if (document.activeElement !== text && !text.dataset.dirty) {
    text.value = snapshot.facility.running_text || "";
  }
  countText();
  renderDevices();
}

// The time as the server sent it (the facility's zone), with that zone's label.
function seenAt(iso, today) {
  const hm = (iso.slice(11, 16) + " " + (devices.facility.tz_label || "")).trim();
  return iso.slice(0, 10) === today ? hm : `${iso.slice(8, 10)}/${iso.slice(5, 7)} ${hm}`;
}

function printerNote(p) {
  if (!p) return null;
  if (p.paper === "out") return ctx.t("paperOut");
  if (p.printer === "offline") return ctx.t("printerOff");
  if (p.paper === "low") return ctx.t("paperLow");
  if (p.shown_not_printed > 0) return ctx.t("shownNotPrinted");
  return p.jobs_waiting > 0 ? ctx.t("jobsWaiting") : null;
}

function deviceNote(device, today) {
  if (!device.online) {
    return device.name + ": " + (device.last_seen
      ? ctx.t("deviceOffline") + " " + seenAt(device.last_seen, today) : ctx.t("deviceNever"));
  }
  const trouble = printerNote(device.printer);
  return trouble ? device.name + ": " + trouble : null;
}

function renderDevices() {
  const strip = $("devices");
  if (!devices) { strip.hidden = true; return; }
  const today = devices.checked_at.slice(0, 10);
  const notes = devices.devices.map((d) => {
    const note = deviceNote(d, today);
    if (!note) return null;
    const span = document.createElement("span");
    span.dataset.device = d.code;
    span.textContent = note;
    return span;
  }).filter(Boolean);
  strip.replaceChildren(...notes);
  strip.hidden = !notes.length;
}

export async function loadDevices() {
  const chosen = ctx.chosen();
  if (!chosen) return;
  try {
    const reply = await api("GET", "/api/v1/devices?facility=" + encodeURIComponent(chosen.facility),
      null, { lang: ctx.lang() });
    if (reply.ok) { devices = reply.data; renderDevices(); }
  } catch (err) { /* the next poll tries again */ }
}

// ctx: {t, lang(), chosen(), act(action, body) -> reply}
export function initDesk(context) {
  ctx = context;
  document.querySelectorAll("#desk-tabs [role=tab]").forEach((tab) => {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", tabKeys);
  });
  $("desk-checkin").addEventListener("submit", checkIn);
  $("desk-walkin").addEventListener("submit", walkIn);
  $("desk-call").addEventListener("submit", callNumber);
  $("desk-text").addEventListener("submit", saveRunningText);
  $("running-text").addEventListener("input", (e) => { e.target.dataset.dirty = "1"; countText(); });
  setInterval(loadDevices, DEVICE_POLL_MS);
}
