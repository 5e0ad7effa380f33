// What the admin pages share: the language, the texts, calls to /api/v1/admin with the
// session cookie and CSRF token (page.js), a form's error and result lines, table rows,
// and the "date reason" lines that closures are typed as.
import { api, errorMessage, texts } from "/static/page.js";

export const lang = document.documentElement.lang === "en" ? "en" : "id";
export const t = texts(["admin"], () => lang);
export const enc = encodeURIComponent;

// {ok, status, data}; a dropped connection is an answer too (status 0), never a throw.
export async function call(method, path, body) {
  try {
    return await api(method, path, body, { lang });
  } catch (err) {
    return { ok: false, status: 0, data: null };
  }
}

// The server's message for a refused call (it names the key of an invalid entry).
export function problem(reply) {
  return reply.status === 0 ? t("offline") : errorMessage(reply);
}

// A form's two lines: what went wrong (role=alert) and what was done (role=status).
export function say(form, reply, done) {
  form.querySelector(".error").textContent = reply && !reply.ok ? problem(reply) : "";
  form.querySelector(".done").textContent = reply && reply.ok ? done : "";
}

// A form refused before asking the server (a code left empty): the same error line.
export function refuse(form, message) {
  form.querySelector(".error").textContent = message;
  form.querySelector(".done").textContent = "";
}

export function cell(content) {
  const td = document.createElement("td");
  if (content instanceof Node) td.append(content);
  else td.textContent = content === null || content === undefined ? "–" : String(content);
  return td;
}

export function button(label, onClick, name) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  if (name) b.setAttribute("aria-label", name);
  b.addEventListener("click", onClick);
  return b;
}

// A row of cells; the last one holds the row's buttons.
export function row(values, buttons) {
  const tr = document.createElement("tr");
  tr.append(...values.map(cell));
  if (buttons) {
    const box = document.createElement("div");
    box.className = "row-actions";
    box.append(...buttons);
    tr.append(cell(box));
  }
  return tr;
}

// "2026-12-24 Rapat kerja" lines ⇄ [{date, reason}]: the server judges the dates.
export function parseDated(text) {
  return text.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const [date, ...rest] = line.split(/\s+/);
    return { date, reason: rest.join(" ") };
  });
}

export function datedText(list) {
  return (list || []).map((d) => (d.date + " " + (d.reason || "")).trim()).join("\n");
}

// An empty field is left out (the server's default), a number field gives a number.
export function numberOr(input, fallback) {
  const value = input.value.trim();
  return value === "" ? fallback : Number(value);
}

export const yesNo = (flag) => t(flag ? "yes" : "no");

// A moment said in the facility's time, as the server wrote it: "2026-05-04 08:01".
export const moment = (iso) => (iso ? iso.slice(0, 16).replace("T", " ") : t("never"));
