// The photos of e-Wadul's forms (/wadul and the desk's entry form), checked in the page
// before anything is sent: how many, each one's type (JPEG, PNG, WebP) and size (the
// server's CASE_FILE_MAX_BYTES, given as the input's data-max-mb), the wrong one named by
// its file name next to the field. The server checks again (and strips the photos'
// metadata); this only spares a citizen on a slow connection a long upload refused.
import { mark } from "./fields.js";

const TYPES = ["image/jpeg", "image/png", "image/webp"];
const MB = 1024 * 1024;

// A number of megabytes as the page's language writes it: "5,8" on an Indonesian page
// (a decimal comma, PUEBI), "5.8" in English; a whole number without decimals.
function decimal(value) {
  const text = String(value).replace(/\.0$/, "");
  return document.documentElement.lang === "en" ? text : text.replace(".", ",");
}

function megabytes(bytes) {
  return decimal((Math.max(bytes / MB, 0.1)).toFixed(1));
}

// The sentence saying what is wrong with the chosen photos, or "" when all is well.
export function photoProblem(input, t) {
  const files = Array.from(input.files || []);
  const most = Number(input.dataset.max || 3);
  const mb = Number(input.dataset.maxMb || 5);
  if (files.length > most) return t("too_many_photos", { n: most });
  for (const file of files) {
    if (!TYPES.includes(file.type)) return t("photo_wrong_type", { name: file.name });
    if (file.size > mb * MB) {
      return t("photo_too_big", { name: file.name, size: megabytes(file.size), mb: decimal(mb) });
    }
  }
  return "";
}

// true when the photos may be sent; else the field is marked with the reason, focused,
// and the reason returned through `said` (the sentence above the button).
export function checkPhotos(form, input, t, said) {
  const problem = photoProblem(input, t);
  if (!problem) return true;
  mark(form, input.name, problem);
  input.focus();
  said(problem);
  return false;
}

// POST `fields` ({name: value}; booleans as "1"/"0") and the input's photos as
// multipart/form-data, with the session cookie and the page's CSRF token:
// {ok, status, data} like page.js's api().
export async function postWithPhotos(path, fields, input, lang) {
  const sent = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    sent.append(name, typeof value === "boolean" ? (value ? "1" : "0") : value);
  }
  for (const file of (input && input.files) || []) sent.append("photos", file);
  const headers = { "Accept-Language": lang };
  const token = document.querySelector('meta[name="csrf-token"]');
  if (token) headers["X-CSRFToken"] = token.content;
  const response = await fetch(path, { method: "POST", body: sent, credentials: "same-origin", headers });
  let data = null;
  try { data = await response.json(); } catch (err) { data = null; }
  return { ok: response.ok, status: response.status, data };
}
