// The city's offices (OPD): the list with member counts, a form to add or change one,
// and the members of the office picked (add a user with a role, or take them off). A
// user's office roles are kept on the user (PUT /api/v1/admin/users/{name} `offices`):
// adding or removing one reads the user's roles and writes them back with that change.
import { $, texts } from "/static/page.js";
import { button, call, enc, lang, problem, refuse, row, say } from "./common.js";

const t = texts(["offices", "admin"], () => lang);
const officeForm = () => $("office-form");
const memberForm = () => $("member-form");
let picked = null;

function edit(o) {
  $("off-code").value = o.code;
  $("off-name").value = o.name;
  $("off-name-en").value = o.name_en || "";
  $("off-kind").value = o.kind;
  $("off-phone").value = o.phone || "";
  $("off-active").checked = o.active;
  say(officeForm(), null);
  $("off-name").focus();
}

function officeRow(o) {
  const label = (key) => t(key) + " " + o.name;
  const tr = row([o.name, o.code, t("kind." + o.kind), o.member_count,
    t(o.active ? "active" : "inactive")],
  [button(t("edit"), () => edit(o), label("edit")),
    button(t("showMembers"), () => pick(o), label("showMembers"))]);
  tr.dataset.office = o.code;
  return tr;
}

async function loadOffices() {
  const reply = await call("GET", "/api/v1/admin/offices");
  if (!reply.ok) { $("office-status").textContent = problem(reply); return; }
  const list = reply.data.offices;
  $("office-rows").replaceChildren(...list.map(officeRow));
  $("office-status").textContent = list.length ? "" : t("none");
}

async function pick(o) {
  picked = o;
  $("mem-add").disabled = false;
  await loadMembers();
  $("mem-username").focus();
}

async function loadMembers() {
  const reply = await call("GET", "/api/v1/admin/offices/" + enc(picked.code));
  if (!reply.ok) { $("members-of").textContent = problem(reply); return; }
  const members = reply.data.members;
  $("members-of").textContent = t(members.length ? "membersOf" : "noMembers",
    { c: reply.data.name });
  $("member-rows").replaceChildren(...members.map((m) => {
    const tr = row([m.username, t("role." + m.role)],
      [button(t("remove"), () => remove(m), t("remove") + " " + m.username)]);
    tr.dataset.member = m.username;
    return tr;
  }));
}

// The user's whole entry again (no password), with its roles changed by `change`.
async function rewrite(username, change, extra) {
  const found = await call("GET", "/api/v1/admin/users/" + enc(username));
  if (!found.ok && (found.status !== 404 || !extra)) return found;
  const user = found.ok ? found.data : { role: "office", ...extra };
  const body = { role: user.role, name: user.name || username, active: user.active ?? true,
    offices: change(user.offices || []) };
  if (user.facility) body.facility = user.facility;
  if (!found.ok) body.password = extra.password;
  return call("PUT", "/api/v1/admin/users/" + enc(username), body);
}

async function remove(m) {
  if (!window.confirm(t("confirmRemove", { c: m.username }))) return;
  const reply = await rewrite(m.username, (roles) => roles.filter(
    (r) => !(r.office === picked.code && r.role === m.role)));
  say(memberForm(), reply, t("removed", { c: m.username }));
  await Promise.all([loadMembers(), loadOffices()]);
}

memberForm().addEventListener("submit", async (event) => {
  event.preventDefault();
  const username = $("mem-username").value.trim();
  if (!picked) return;
  if (!username) { refuse(memberForm(), t("usernameNeeded")); return; }
  const role = $("mem-role").value;
  const password = $("mem-password").value;
  const extra = password ? { password, name: $("mem-name").value.trim() || username } : null;
  const reply = await rewrite(username, (roles) => [...roles.filter(
    (r) => r.office !== picked.code), { office: picked.code, role }], extra);
  say(memberForm(), reply, t("added", { c: username, r: t("role." + role) }));
  if (reply.ok) ["mem-username", "mem-name", "mem-password"].forEach((id) => { $(id).value = ""; });
  await Promise.all([loadMembers(), loadOffices()]);
});
memberForm().addEventListener("reset", () => say(memberForm(), null));

officeForm().addEventListener("submit", async (event) => {
  event.preventDefault();
  const code = $("off-code").value.trim();
  if (!code) { refuse(officeForm(), t("codeNeeded")); return; }
  const reply = await call("PUT", "/api/v1/admin/offices/" + enc(code), {
    name: $("off-name").value.trim(), name_en: $("off-name-en").value.trim(),
    kind: $("off-kind").value, active: $("off-active").checked,
    phone: $("off-phone").value.trim() });
  say(officeForm(), reply, t(reply.status === 201 ? "created" : "saved", { c: code }));
  if (reply.ok) await loadOffices();
});
officeForm().addEventListener("reset", () => say(officeForm(), null));

loadOffices();
