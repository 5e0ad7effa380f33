// e-Wadul's forms say what is wrong next to the field: a check in the page before sending
// (required, numbers, lengths, NIK and phone shapes), and the API's 422 answer mapped to
// its fields (`error.fields`: {name: [messages]} or [names]) in the page's language, never
// the server's field codes or English library text. Each wrong field gets
// aria-invalid="true" and a message tied to it by aria-describedby; the first is focused.

// a library's English words for a field → the catalogue key of our own message
const KINDS = [
  [/missing data|required|must not be (empty|null)/i, "v_required"],
  [/not a valid (number|integer)|number|integer/i, "v_number"],
  [/unknown field/i, "v_unknown"],
  [/length|longer|shorter|characters/i, "v_length"],
];

export function clear(form) {
  for (const field of form.querySelectorAll("[aria-invalid=true]")) {
    field.removeAttribute("aria-invalid");
    const note = document.getElementById(field.id + "-error");
    if (note) note.remove();
    const described = (field.getAttribute("aria-describedby") || "").split(" ")
      .filter((id) => id && id !== field.id + "-error").join(" ");
    if (described) field.setAttribute("aria-describedby", described);
    else field.removeAttribute("aria-describedby");
  }
}

export function mark(form, name, text) {
  const field = form.elements[name];
  if (!field || !field.id || field.getAttribute("aria-invalid") === "true") return false;
  field.setAttribute("aria-invalid", "true");
  const note = document.createElement("p");
  note.id = field.id + "-error";
  note.className = "field-error";
  note.textContent = text;
  field.insertAdjacentElement("afterend", note);
  const described = (field.getAttribute("aria-describedby") || "").trim();
  field.setAttribute("aria-describedby", (note.id + " " + described).trim());
  return true;
}

function focusFirst(form) {
  const first = form.querySelector("[aria-invalid=true]");
  if (first) first.focus();
  return Boolean(first);
}

// rules: [{name, required, number, min, max, digits, phone}] checked against the form's
// current values; true when every field passed (else marked and the first focused).
export function check(form, rules, t) {
  clear(form);
  for (const rule of rules) {
    const field = form.elements[rule.name];
    if (!field || field.closest("[hidden]")) continue;
    const value = field.value.trim();
    let key = null;
    if (!value) key = rule.required ? "v_required" : null;
    else if (rule.number && !/^-?\d+([.,]\d+)?$/.test(value)) key = "v_number";
    else if (rule.min && value.length < rule.min) key = "v_too_short";
    else if (rule.max && value.length > rule.max) key = "v_too_long";
    // a NIK typed in groups ("3578 0101 …", "3578-01…") is fine: the server drops them too
    else if (rule.digits && !new RegExp("^\\d{" + rule.digits + "}$").test(value.replace(/[\s-]/g, ""))) key = "v_nik";
    else if (rule.phone && !/^(\+62|62|0)8\d{7,12}$/.test(value.replace(/[\s-]/g, ""))) key = "v_phone";
    if (key) mark(form, rule.name, t(key, { min: rule.min, max: rule.max, n: rule.digits }));
  }
  return !focusFirst(form);
}

function said(text, t) {
  for (const [pattern, key] of KINDS) if (pattern.test(text)) return t(key);
  return t("v_invalid");
}

// Marks the fields a 422 answer names; returns the sentence to show above the button:
// the server's own message for a named rule, "check the marked fields" for a body the
// schema refused (its message lists raw field codes).
export function showAnswer(form, reply, t) {
  const error = (reply.data && reply.data.error) || null;
  if (!error) return t("failed", { status: reply.status });
  const fields = error.fields;
  const schema = error.code === "invalid_body";
  let marked = false;
  if (Array.isArray(fields)) {
    for (const name of fields) marked = mark(form, name, schema ? t("v_invalid") : t("v_required")) || marked;
  } else if (fields && typeof fields === "object") {
    for (const [name, texts] of Object.entries(fields)) {
      const text = schema ? said([].concat(texts).join(" "), t) : error.message;
      marked = mark(form, name, text) || marked;
    }
  }
  focusFirst(form);
  return schema ? t(marked ? "v_check" : "v_unknown_body") : error.message;
}
