// Staff console: one counter, live over Socket.IO. Every event makes the page ask for a
// fresh snapshot (debounced), so what it shows is always the server's state. Every action
// sends the patient it shows (`expected_current`): a press made from an old screen, a
// second console or a held key is refused by the server instead of finishing someone.
import { anyDialogOpen, closeTransfer, initDialogs, openPriority, openTransfer } from "./dialogs.js";
import { initDesk, loadDevices, renderDesk } from "./desk.js";
import { renderCurrent, renderNoShows, renderWaiting } from "./tables.js";
import { $, api, errorMessage, live, newKey, texts } from "/static/page.js";

const params = new URLSearchParams(location.search);
const CALLS = new Set(["call-next", "call-number"]);
const HOLD_AFTER_CALL_MS = 1000;  // "next" right after a call is never meant
let lang = params.get("lang") || localStorage.getItem("antrian.lang") || "id";
let chosen = null;      // {code, facility}
let snapshot = null;
let socket = null;
let refreshTimer = null;
let asked = 0;          // snapshot requests sent: each answer names its own (`request`)
let pending = 0;        // counter actions in flight
let holdCallsUntil = 0;
let shownNumber;        // the patient on screen: per-patient choices reset when it changes
let ended = null;       // why the server ended this login ({code, message, message_en})

const t = texts(["console", "priority"], () => lang);

function applyLanguage() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll("[data-t-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.tPlaceholder); });
  $("lang-toggle").textContent = t("lang");
  showConnection();
  showEnded();
  render();
  renderDesk(snapshot);
}

// The login ended (logout elsewhere, expiry, account deactivated): the server cut the
// socket. The patients leave the screen and the page says why, with the way back in.
function showEnded() {
  if (!ended) return;
  const message = lang === "en" ? ended.message_en : ended.message;
  $("session-ended-text").textContent = message || t("sessionEnded");
  $("session-ended-login").search = lang === "en" ? "?lang=en" : "";  // the login page's language
}

function endSession(data) {
  const first = !ended;
  ended = data || {};
  snapshot = null;
  if (socket) socket.disconnect();
  document.querySelector(".console main").hidden = true;
  $("devices").hidden = true;
  $("session-ended").hidden = false;
  showEnded();
  showConnection();
  if (first) $("session-ended-login").focus();
}

function showConnection() {
  const online = !!(socket && socket.connected);
  $("conn").textContent = t(online ? "online" : "offline");
  $("conn").className = online ? "status" : "status offline";
}

function toast(message, bad) {
  const el = $("toast");
  el.textContent = message;
  el.className = bad ? "toast bad" : "toast";
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 4000);
}

function otherServices() {
  return snapshot.services.filter((s) => !snapshot.counter.services.includes(s.code));
}

function renderTransfer() {
  const select = $("transfer-to");
  const keep = select.value;
  select.replaceChildren(new Option(t("transferTo"), ""),
    ...otherServices().map((s) => new Option(s.name, s.code)));
  select.value = keep;
}

// A new patient at the counter starts with no choices made for the previous one.
function resetPerPatient(ticket) {
  const number = ticket ? ticket.number : null;
  if (number === shownNumber) return;
  shownNumber = number;
  $("transfer-to").value = "";
  closeTransfer();
}

// The commands the server says this counter takes now (`snapshot.actions`); a call also
// rests a moment after the last one, so a double press does not call two patients.
function enabledActions() {
  const resting = performance.now() < holdCallsUntil;
  const enable = {};
  (snapshot.actions || []).forEach((name) => { enable[name] = !(resting && CALLS.has(name)); });
  return enable;
}

function render() {
  document.body.dataset.pending = String(pending);
  if (!snapshot) return;
  $("facility-name").textContent = snapshot.facility.name;
  renderCurrent(snapshot.ticket, t, snapshot.today);
  renderWaiting(snapshot.waiting, t, {
    call: (row) => act("call-number", { number: row.number }), priority: openPriority },
  snapshot.today);
  renderNoShows(snapshot.no_shows, t, (row) => act("requeue", { number: row.number }), snapshot.today);
  renderTransfer();
  $("count-served").textContent = snapshot.counts.served;
  $("count-noshow").textContent = snapshot.counts.no_show;
  $("count-waiting").textContent = snapshot.counts.waiting;
  const paused = snapshot.counter.paused;
  $("paused").hidden = !paused;
  const pause = $("pause-btn");
  pause.dataset.action = paused ? "resume" : "pause";
  pause.querySelector("span").textContent = t(paused ? "resume" : "pause");
  const enable = enabledActions();
  document.querySelectorAll("[data-action]").forEach((b) => { b.disabled = pending > 0 || !enable[b.dataset.action]; });
  document.querySelectorAll("[data-call-number], #desk-call button[type=submit]").forEach((b) => {
    b.disabled = pending > 0 || !enable["call-number"];
  });
}

function refreshNow() {
  clearTimeout(refreshTimer);
  if (socket && socket.connected) socket.emit("snapshot", { request: ++asked });
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshNow, 80);
}

function connect() {
  if (ended) return;
  if (socket) socket.disconnect();
  snapshot = null;
  socket = live({ counter: chosen.code, facility: chosen.facility }, { online: showConnection });
  socket.on("connect_error", (err) => {
    const data = err && err.data;
    if (data && ["session_expired", "unauthorized", "invalid_token"].includes(data.code)) {
      location.reload();
      return;
    }
    toast((data && data.message) || String(err.message || err), true);
  });
  // Answers can come out of order (each request is answered on its own): one older than
  // the latest request would show an earlier patient or queue, and is dropped. The
  // connect's snapshot answers no request.
  socket.on("snapshot", (data) => {
    if (ended || (data.request !== undefined && data.request < asked)) return;
    snapshot = data;
    resetPerPatient(data.ticket);
    render();
    renderDesk(snapshot);
  });
  ["ticket.called", "ticket.updated", "queue.changed"].forEach((name) => socket.on(name, scheduleRefresh));
  socket.on("session_ended", endSession);
}

function counterUrl(path) {
  return "/api/v1/counters/" + encodeURIComponent(chosen.code) + "/" + path +
    "?facility=" + encodeURIComponent(chosen.facility);
}

function answered(action, reply, quiet) {
  if (reply.status === 401) { location.reload(); return; }
  if (!reply.ok) {
    if (!quiet) toast(errorMessage(reply), true);
    if (reply.data && reply.data.error && reply.data.error.code === "stale_view") refreshNow();
    return;
  }
  if (CALLS.has(action)) {
    holdCallsUntil = performance.now() + HOLD_AFTER_CALL_MS;
    setTimeout(render, HOLD_AFTER_CALL_MS + 20);
  }
  if (reply.data.transferred_to) {
    toast(t("sentTo") + " " + reply.data.transferred_to.service.name + ": " + reply.data.transferred_to.number);
  }
}

// One counter action; the reply ({ok, status, data}), or null when it was not sent
// (another still in flight, nothing on screen yet, "next" resting after a call).
async function act(action, body, quiet) {
  if (!chosen || !snapshot || pending > 0) return null;
  if (CALLS.has(action) && !enabledActions()[action]) return null;
  const seen = { expected_current: snapshot.ticket ? snapshot.ticket.number : null };
  pending += 1;
  render();
  let reply = null;
  try {
    reply = await api("POST", counterUrl(action), { ...(body || {}), ...seen }, { lang, key: newKey("console-") });
    answered(action, reply, quiet);
  } catch (err) {
    toast(String(err), true);
  } finally {
    pending -= 1;
    render();
    scheduleRefresh();
  }
  return reply;
}

function transfer() {
  const target = $("transfer-to").value;
  if (target) return act("transfer", { transfer_to: target });
  const services = otherServices();
  if (snapshot.ticket && services.length) openTransfer(services);
  return null;
}

async function changePriority(number, priority, reason) {
  const reply = await act("priority", { number, priority, reason }, true);
  if (!reply) return t("tryAgain");  // another action was still on its way
  if (!reply.ok) return errorMessage(reply);
  toast(t("priorityChanged") + ": " + number + " · " + t(priority));
  return null;
}

function onAction(action) {
  if (action === "transfer") transfer();
  else act(action);
}

// Shortcuts work wherever no text is being typed: a focused list or button does not stop
// them, and a held key counts once.
function typingInto(el) {
  if (!el) return false;
  if (el.isContentEditable || el.tagName === "TEXTAREA") return true;
  const nonText = ["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"];
  return el.tagName === "INPUT" && !nonText.includes(el.type);
}

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || anyDialogOpen()) return;
  if (typingInto(document.activeElement) || event.key.length !== 1) return;
  const target = document.querySelector('[data-key="' + CSS.escape(event.key.toLowerCase()) + '"]');
  if (!target) return;
  event.preventDefault();  // a focused list must not jump to the typed letter
  if (event.repeat || target.disabled) return;
  onAction(target.dataset.action);
}

async function loadCounters() {
  const reply = await api("GET", "/api/v1/counters", null, { lang });
  if (reply.status === 401) { location.reload(); return; }
  const counters = reply.data || [];
  const several = new Set(counters.map((x) => x.facility.code)).size > 1;
  const select = $("counter-select");
  select.replaceChildren(...counters.map((c) =>
    new Option(c.name + (several ? " · " + c.facility.name : ""), c.facility.code + "/" + c.code)));
  if (!counters.length) { toast(t("noCounters"), true); return; }
  const wanted = params.get("counter") || localStorage.getItem("antrian.counter");
  const match = counters.find((c) => c.facility.code + "/" + c.code === wanted || c.code === wanted) || counters[0];
  select.value = match.facility.code + "/" + match.code;
  choose(select.value);
}

function choose(value) {
  const [facility, code] = value.split("/");
  chosen = { facility, code };
  localStorage.setItem("antrian.counter", value);
  connect();
  loadDevices();
}

document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-action]");
  if (target && !target.disabled) onAction(target.dataset.action);
});
document.addEventListener("keydown", onKey);
$("counter-select").addEventListener("change", (e) => { choose(e.target.value); e.target.blur(); });
$("lang-toggle").addEventListener("click", () => {
  lang = lang === "id" ? "en" : "id";
  localStorage.setItem("antrian.lang", lang);
  applyLanguage();
});
setInterval(render, 15000);  // waiting times keep counting

initDialogs({ t, transfer: (code) => act("transfer", { transfer_to: code }), priority: changePriority });
initDesk({ t, lang: () => lang, chosen: () => chosen, act });
applyLanguage();
loadCounters();
