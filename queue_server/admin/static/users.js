// Users: a facility's staff on its page, the city-wide ones (admin, city) on the list of
// facilities. Create (with a password), reset a password, deactivate (every session of
// that user ends at once, on the server).
import { $ } from "/static/page.js";
import { button, call, enc, refuse, row, say, t } from "./common.js";

let facility = "";
let onChange = () => {};
const form = () => $("user-form");
const ROLE_KEYS = { operator: "role.operator", facility_admin: "role.facility_admin",
  admin: "role.admin", city: "role.city" };

function fill(u) {
  $("usr-username").value = u.username;
  $("usr-name").value = u.name || "";
  $("usr-role").value = u.role;
  $("usr-password").value = "";
  say(form(), null);
  $("usr-password").focus();
}

async function setActive(u, active) {
  if (!active && !window.confirm(t("confirmDeactivate", { c: u.username }))) return;
  const body = { role: u.role, name: u.name, active };
  if (u.facility) body.facility = u.facility;
  const reply = await call("PUT", "/api/v1/admin/users/" + enc(u.username), body);
  say(form(), reply, t(active ? "restored" : "deactivated", { c: u.username }));
  await loadUsers();
  if (reply.ok) onChange();
}

function actions(u) {
  const label = (key) => t(key) + " " + u.username;
  return [button(t("resetPassword"), () => fill(u), label("resetPassword")),
    u.active ? button(t("deactivate"), () => setActive(u, false), label("deactivate"))
      : button(t("restore"), () => setActive(u, true), label("restore"))];
}

export async function loadUsers() {
  const query = facility ? "?facility=" + enc(facility) : "";
  const reply = await call("GET", "/api/v1/admin/users" + query);
  const list = (reply.ok ? reply.data.users : []).filter((u) => facility || !u.facility);
  $("user-rows").replaceChildren(...list.map((u) => {
    const tr = row([u.username, u.name, t(ROLE_KEYS[u.role] || u.role),
      t(u.active ? "active" : "inactive")], actions(u));
    tr.dataset.user = u.username;
    return tr;
  }));
}

async function save(event) {
  event.preventDefault();
  const username = $("usr-username").value.trim();
  if (!username) { refuse(form(), t("usernameNeeded")); return; }
  const body = { role: $("usr-role").value, name: $("usr-name").value.trim() || username,
    active: true };
  if (facility) body.facility = facility;
  const password = $("usr-password").value;
  if (password) body.password = password;  // left out: the password stays as it is
  const reply = await call("PUT", "/api/v1/admin/users/" + enc(username), body);
  say(form(), reply, t(reply.status === 201 ? "created" : "saved", { c: username }));
  if (reply.ok) { $("usr-password").value = ""; await loadUsers(); onChange(); }
}

export function initUsers(code, changed) {
  onChange = changed;
  facility = code;
  form().addEventListener("submit", save);
  form().addEventListener("reset", () => say(form(), null));
}
