// The complaint form (/wadul): the chosen category's note or its emergency redirect, the
// device's location into lat/lon, and the report posted to the API as multipart; then the
// tracking code and the link to the case page /c/{code}.
import { $, texts } from "/static/page.js";
import { check, showAnswer } from "./fields.js";
import { checkPhotos } from "./photos.js";

const form = $("wadul-form");
const lang = () => form.dataset.lang || "id";
const t = texts(["wadul_pages"], lang);

function onCategory() {
  const chosen = $("category").selectedOptions[0];
  const redirect = (chosen && chosen.dataset.redirect) || "";
  $("category-note").textContent = (chosen && chosen.value && chosen.dataset.note) || "";
  $("redirect").hidden = !redirect;
  $("redirect-text").textContent = redirect;
  $("report-fields").hidden = Boolean(redirect);
}

function locate() {
  if (!navigator.geolocation) { $("locate-status").textContent = t("locate_none"); return; }
  $("locate-status").textContent = t("locating");
  navigator.geolocation.getCurrentPosition((where) => {
    $("lat").value = where.coords.latitude.toFixed(6);
    $("lon").value = where.coords.longitude.toFixed(6);
    $("locate-status").textContent = t("located");
  }, () => { $("locate-status").textContent = t("locate_failed"); },
  { enableHighAccuracy: true, timeout: 15000 });
}

// what the page checks before sending (the API checks again: domain.py's rules)
function rules() {
  const located = Boolean($("lat").value.trim() && $("lon").value.trim());
  return [
    { name: "category", required: true },
    { name: "description", required: true, min: Number($("description").minLength) || 0,
      max: Number($("description").maxLength) || 0 },
    { name: "kelurahan", required: !located },
    { name: "lat", number: true }, { name: "lon", number: true },
    { name: "nik", required: $("nik").required, digits: 16 },
    { name: "phone", required: $("phone").required, phone: true },
  ];
}

function body() {
  const sent = new FormData();
  for (const name of ["category", "description", "kelurahan", "address", "lat", "lon", "nik", "phone", "name"]) {
    const value = $(name).value.trim();
    if (value) sent.append(name, value);
  }
  for (const name of ["anonymous", "confidential"]) sent.append(name, $(name).checked ? "1" : "0");
  for (const file of $("photos").files) sent.append("photos", file);
  sent.append("channel", "web"); // filed on this page, not by an app through the API
  return sent;
}

function done(data) {
  $("form-card").hidden = true;
  $("done").hidden = false;
  $("done-code").textContent = data.code;
  $("done-otp").hidden = data.confirmed !== false;
  const page = (data.links && data.links.page) || "/c/" + data.code;
  $("done-link").href = page + (lang() === "en" ? "?lang=en" : "");
  $("done-title").focus();
}

async function send(event) {
  event.preventDefault();
  $("form-error").textContent = "";
  if (!check(form, rules(), t)) { $("form-error").textContent = t("v_check"); return; }
  if (!checkPhotos(form, $("photos"), t, (said) => { $("form-error").textContent = said; })) return;
  $("submit").disabled = true;
  try {
    const reply = await fetch("/api/v1/wadul/reports", {
      method: "POST", body: body(), credentials: "same-origin",
      headers: { "Accept-Language": lang() } });
    let data = null;
    try { data = await reply.json(); } catch (err) { data = null; }
    if (reply.ok && data) done(data);
    else $("form-error").textContent = showAnswer(form, { status: reply.status, data }, t);
  } catch (err) {
    $("form-error").textContent = t("offline");
  } finally {
    $("submit").disabled = false;
  }
}

$("category").addEventListener("change", onCategory);
$("locate").addEventListener("click", locate);
form.addEventListener("submit", send);
onCategory();
