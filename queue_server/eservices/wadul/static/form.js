// The complaint form (/wadul): the chosen category's note or its emergency redirect, the
// device's location into lat/lon, and the report posted to the API as multipart; then the
// tracking code and the link to the case page /c/{code}.
import { $, texts } from "/static/page.js";

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

function body() {
  const sent = new FormData();
  for (const name of ["category", "description", "kelurahan", "address", "lat", "lon", "nik", "phone", "name"]) {
    const value = $(name).value.trim();
    if (value) sent.append(name, value);
  }
  for (const name of ["anonymous", "confidential"]) sent.append(name, $(name).checked ? "1" : "0");
  for (const file of $("photos").files) sent.append("photos", file);
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
  if ($("photos").files.length > Number(form.dataset.maxPhotos || 3)) {
    $("form-error").textContent = t("too_many_photos", { n: form.dataset.maxPhotos || 3 });
    return;
  }
  $("submit").disabled = true;
  try {
    const reply = await fetch("/api/v1/wadul/reports", {
      method: "POST", body: body(), credentials: "same-origin",
      headers: { "Accept-Language": lang() } });
    let data = null;
    try { data = await reply.json(); } catch (err) { data = null; }
    if (reply.ok && data) done(data);
    else $("form-error").textContent = (data && data.error && data.error.message) || t("failed", { status: reply.status });
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
