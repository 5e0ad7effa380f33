// Kiosks and boards: issue a token (shown once, with a copy button), revoke, and what
// each last reported (last seen, printer, jobs waiting).
import { $ } from "/static/page.js";
import { button, call, enc, moment, refuse, row, say, t } from "./common.js";

let base = "";
let onChange = () => {};
const form = () => $("device-form");

// What the kiosk's last heartbeat said of its printer (nothing before its first one).
function printerSaid(d) {
  const p = d.last_seen ? d.printer : null;
  if (!p) return null;
  if (p.paper === "out") return t("paperOut");
  if (p.printer === "offline") return t("printerOff");
  if (p.paper === "low") return t("paperLow");
  return t("printerOk");
}

// The token the server gave, once: kept on screen until the page is left.
function showToken(code, token) {
  $("token-device").textContent = code;
  $("token-value").value = token;
  $("token-copied").textContent = "";
  $("token-box").hidden = false;
  $("token-value").focus();
  $("token-value").select();
}

async function copyToken() {
  const input = $("token-value");
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);  // a secure context (https, localhost)
  } catch (err) {
    document.execCommand("copy");  // plain http on the clinic's network
  }
  $("token-copied").textContent = t("copied");
}

async function newToken(d) {
  if (!window.confirm(t("confirmToken", { c: d.code }))) return;
  const reply = await call("POST", base + "/" + enc(d.code) + "/token");
  if (!reply.ok) { say(form(), reply); return; }
  showToken(d.code, reply.data.token);
  await loadDevices();
  onChange();
}

async function setActive(d, active) {
  if (!active && !window.confirm(t("confirmRevoke", { c: d.code }))) return;
  const reply = await call("PUT", base + "/" + enc(d.code), { kind: d.kind, name: d.name, active });
  say(form(), reply, t(active ? "restored" : "revoked", { c: d.code }));
  await loadDevices();
  if (reply.ok) onChange();
}

function actions(d) {
  const label = (key) => t(key) + " " + d.code;
  return d.active
    ? [button(t("newToken"), () => newToken(d), label("newToken")),
      button(t("revokeAccess"), () => setActive(d, false), label("revokeAccess"))]
    : [button(t("restore"), () => setActive(d, true), label("restore"))];
}

export async function loadDevices() {
  const reply = await call("GET", base);
  const list = reply.ok ? reply.data.devices : [];
  $("device-rows").replaceChildren(...list.map((d) => {
    const seen = d.online ? t("online") : moment(d.last_seen);
    const tr = row([d.code, t(d.kind === "kiosk" ? "kiosk" : "display"), d.name,
      t(d.active ? "active" : "revokedState"), seen, printerSaid(d),
      d.printer && d.last_seen ? d.printer.jobs_waiting ?? 0 : null], actions(d));
    tr.dataset.device = d.code;
    return tr;
  }));
}

async function save(event) {
  event.preventDefault();
  const code = $("dev-code").value.trim();
  if (!code) { refuse(form(), t("codeNeeded")); return; }
  const body = { kind: $("dev-kind").value, name: $("dev-name").value.trim() || code, active: true };
  const reply = await call("PUT", base + "/" + enc(code), body);
  say(form(), reply, t(reply.status === 201 ? "created" : "saved", { c: code }));
  if (reply.ok && reply.data.token) showToken(code, reply.data.token);
  if (reply.ok) { await loadDevices(); onChange(); }
}

export function initDevices(facility, changed) {
  onChange = changed;
  base = "/api/v1/admin/facilities/" + enc(facility) + "/devices";
  form().addEventListener("submit", save);
  form().addEventListener("reset", () => say(form(), null));
  $("token-copy").addEventListener("click", copyToken);
}
