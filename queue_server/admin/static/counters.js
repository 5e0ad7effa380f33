// A facility's counters and the services each calls, in order (first called first).
import { $ } from "/static/page.js";
import { button, call, enc, refuse, row, say, t } from "./common.js";

let base = "";
let onChange = () => {};
const form = () => $("counter-form");

function fill(c) {
  $("cnt-code").value = c.code;
  $("cnt-name").value = c.name;
  $("cnt-services").value = c.services.join(", ");
  $("cnt-active").checked = c.active !== false;
  say(form(), null);
  $("cnt-name").focus();
}

export async function loadCounters() {
  const reply = await call("GET", base);
  const list = reply.ok ? reply.data.counters : [];
  $("counter-rows").replaceChildren(...list.map((c) => {
    const tr = row([c.code, c.name, c.services.join(" → "), t(c.active ? "active" : "inactive")],
      [button(t("edit"), () => fill(c), t("edit") + " " + c.name)]);
    tr.dataset.counter = c.code;
    return tr;
  }));
}

async function save(event) {
  event.preventDefault();
  const code = $("cnt-code").value.trim();
  if (!code) { refuse(form(), t("codeNeeded")); return; }
  const services = $("cnt-services").value.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
  const body = { name: $("cnt-name").value.trim() || code, services, active: $("cnt-active").checked };
  const reply = await call("PUT", base + "/" + enc(code), body);
  say(form(), reply, t(reply.status === 201 ? "created" : "saved", { c: code }));
  if (reply.ok) { await loadCounters(); onChange(); }
}

export function initCounters(facility, changed) {
  base = "/api/v1/admin/facilities/" + enc(facility) + "/counters";
  onChange = changed;
  form().addEventListener("submit", save);
  form().addEventListener("reset", () => say(form(), null));
}
