// The deployment's admin: every facility, and a new one (then on to its page).
import { $ } from "/static/page.js";
import { call, enc, lang, problem, row, t } from "./common.js";
import { initUsers, loadUsers } from "./users.js";

const suffix = lang === "en" ? "?lang=en" : "";

function manage(code) {
  const a = document.createElement("a");
  a.href = "/admin/f/" + enc(code) + suffix;
  a.textContent = t("manage");
  a.setAttribute("aria-label", t("manage") + " " + code);
  return a;
}

async function load() {
  const reply = await call("GET", "/api/v1/admin/facilities");
  if (!reply.ok) { $("list-status").textContent = problem(reply); return; }
  const list = reply.data.facilities;
  $("facility-rows").replaceChildren(...list.map((f) => {
    const tr = row([f.name, f.code, f.timezone], [manage(f.code)]);
    tr.dataset.facility = f.code;
    return tr;
  }));
  $("list-status").textContent = list.length ? "" : t("noFacilities");
}

// A new facility only: a code already taken is refused here rather than overwritten.
$("new-facility").addEventListener("submit", async (event) => {
  event.preventDefault();
  const code = $("nf-code").value.trim();
  const error = $("nf-error");
  error.textContent = "";
  if (!code) { error.textContent = t("codeNeeded"); return; }
  const known = await call("GET", "/api/v1/admin/facilities/" + enc(code));
  if (known.ok) { error.textContent = t("codeTaken", { c: code }); return; }
  const reply = await call("PUT", "/api/v1/admin/facilities/" + enc(code),
    { name: $("nf-name").value.trim(), timezone: $("nf-timezone").value });
  if (!reply.ok) { error.textContent = problem(reply); return; }
  location.assign("/admin/f/" + enc(code) + suffix);
});

initUsers("", () => {});
load();
loadUsers();
