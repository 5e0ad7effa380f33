// Booking from a phone: facility, date and service, then identity; the API checks the rules.
import { $, api as call, texts } from "/static/page.js";

(function () {
  "use strict";
  const FIELD = { invalid_nik: "nik", invalid_name: "name", invalid_phone: "phone", invalid_bpjs: "bpjs" };
  // A held booking that cannot be confirmed any more: back to the form, saying why.
  const HOLD_GONE = ["hold_expired", "too_many_attempts", "already_booked", "daily_limit"];
  let lang = document.body.dataset.lang === "en" ? "en" : "id";
  let day = null;
  let service = null;
  let key = null;     // one Idempotency-Key per booking attempt, kept across retries
  let code = null;
  const t = texts(["book"], () => lang);

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
    $("lang").textContent = t("lang");
    renderDates();
    loadServices();
  }

  // The shared call (page.js), with an empty object for an answer that is not JSON.
  async function api(method, path, body, headers) {
    const reply = await call(method, path, body, { lang, headers });
    return { ...reply, data: reply.data || {} };
  }

  // Each facility's zone, from the server: its day decides "today" (the phone's own zone
  // until the list has come).
  const zones = {};
  function facilityToday() {
    const zone = zones[$("facility").value];
    const parts = new Intl.DateTimeFormat("en-CA", zone ? { timeZone: zone.timezone } : {}).format(new Date());
    return new Date(parts + "T00:00:00Z");
  }

  function renderDates() {
    const box = $("dates");
    box.replaceChildren();
    const start = facilityToday();
    if (day && day < start.toISOString().slice(0, 10)) day = null;
    const fmt = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID",
      { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
    for (let i = 0; i <= 7; i += 1) {
      const d = new Date(start.getTime() + i * 86400000);
      const iso = d.toISOString().slice(0, 10);
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.date = iso;
      b.textContent = i === 0 ? t("today") : fmt.format(d);
      if (!day) day = iso;
      b.classList.toggle("on", iso === day);
      b.addEventListener("click", () => { day = iso; renderDates(); loadServices(); });
      box.appendChild(b);
    }
  }

  async function loadFacilities() {
    const reply = await api("GET", "/api/v1/facilities");
    $("facility").replaceChildren(...reply.data.map((f) => {
      zones[f.code] = { timezone: f.timezone };
      const o = document.createElement("option");
      o.value = f.code;
      o.textContent = f.name;
      return o;
    }));
    const wanted = new URLSearchParams(location.search).get("facility");
    if (wanted) $("facility").value = wanted;
    renderDates();
    loadServices();
  }

  async function loadServices() {
    const facility = $("facility").value;
    if (!facility || !day) return;
    const reply = await api("GET", `/api/v1/facilities/${encodeURIComponent(facility)}/services?date=${day}`);
    const box = $("services");
    box.replaceChildren();
    (reply.ok ? reply.data : []).forEach((s) => {
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.service = s.code;
      // Closed that date (a holiday, a local closure: the server says why), or too late
      // to be served today (past closing or the booking cutoff).
      const said = (id, en) => (lang === "en" ? en : id) || "";
      const closed = [t("closed"), said(s.closed_reason, s.closed_reason_en)].filter(Boolean).join(" · ");
      const late = s.bookable_today === false && s.open_on_date;
      const note = !s.open_on_date ? closed : late ? said(s.bookable_reason, s.bookable_reason_en)
        : s.quota_left === 0 ? t("full")
        : (s.jkn_quota == null ? t("left", { n: s.quota_left })  // split: per side (JKN or not)
          : `JKN: ${t("left", { n: s.jkn_left })} · non-JKN: ${t("left", { n: s.non_jkn_left })}`)
          + " · " + (s.estimate_note === "no_counter_open"
          ? t("noCounter") : t("wait", { m: s.estimated_wait_minutes }));
      b.append(s.name, Object.assign(document.createElement("small"), { textContent: note }));
      b.disabled = !s.open_on_date || late || s.quota_left === 0;
      if (b.disabled && s.code === service) service = null;
      b.classList.toggle("on", s.code === service);
      b.addEventListener("click", () => { service = s.code; loadServices(); });
      box.appendChild(b);
    });
  }

  function showErrors(error) {
    document.querySelectorAll(".error[data-for]").forEach((el) => { el.textContent = ""; });
    $("form-error").textContent = "";
    if (!error) return;
    const field = FIELD[error.code];
    if (field) document.querySelector(`.error[data-for="${field}"]`).textContent = error.message;
    else $("form-error").textContent = error.message;
  }

  $("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!service) { showErrors({ message: t("chooseService") }); return; }
    key = key || (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
    const body = { facility: $("facility").value, service, date: day, patient: {
      nik: $("nik").value.trim(), name: $("name").value.trim(), phone: $("phone").value.trim(),
      bpjs_number: $("bpjs").value.trim() || null } };
    $("submit").disabled = true;
    try {
      const reply = await api("POST", "/api/v1/bookings", body, { "Idempotency-Key": key });
      if (!reply.ok) {
        showErrors(reply.data.error);
        if (reply.status !== 429) key = null;  // a corrected form is a new request
        return;
      }
      showErrors(null);
      if (reply.status === 202) showHold(reply.data);  // a code was sent to the phone
      else showBooking(reply.data);
    } catch (err) {
      showErrors({ message: t("offline") });
    } finally {
      $("submit").disabled = false;
    }
  });

  // With a messaging gateway the place is only held: the code sent to the phone confirms it.
  function showHold(h) {
    code = h.code;
    $("form-card").hidden = true;
    $("otp-card").hidden = false;
    $("otp-sent").textContent = lang === "en" ? h.message_en : h.message;
    $("otp-error").textContent = "";
    $("otp").value = "";
    $("otp").focus();
  }

  $("otp-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("otp-submit").disabled = true;
    try {
      const reply = await api("POST", `/api/v1/bookings/${code}/confirm`, { otp: $("otp").value.trim() });
      if (reply.ok) { $("otp-card").hidden = true; showBooking(reply.data); return; }
      const error = reply.data.error || {};
      if (!HOLD_GONE.includes(error.code)) { $("otp-error").textContent = error.message || ""; return; }
      key = null;
      $("otp-card").hidden = true;
      $("form-card").hidden = false;
      showErrors(error);
    } catch (err) {
      $("otp-error").textContent = t("offline");
    } finally {
      $("otp-submit").disabled = false;
    }
  });

  function showBooking(b) {
    code = b.code;
    $("form-card").hidden = true;
    $("done-card").hidden = false;
    $("done-code").textContent = b.code;
    $("done-number").textContent = b.number;
    $("done-what").textContent = b.service.name + " · " + b.date;
    $("done-ahead").textContent = t("people", { n: b.position });
    // The facility's time, with its zone's label, as the server sent them.
    $("done-eta").textContent = b.estimated_call_at
      ? (b.estimated_call_at.slice(11, 16) + " " + (b.facility.tz_label || "")).trim()
      : b.estimate_note === "no_counter_open" ? t("noCounter") : "–";
    $("done-qr").src = b.links.qr;
    $("follow").href = b.links.ticket_page;
    const mine = JSON.parse(localStorage.getItem("antrian.bookings") || "[]");
    localStorage.setItem("antrian.bookings", JSON.stringify([b.code, ...mine.filter((c) => c !== b.code)].slice(0, 10)));
  }

  $("cancel").addEventListener("click", async () => {
    const reply = await api("POST", `/api/v1/bookings/${code}/cancel`);
    if (reply.ok) { $("cancelled").hidden = false; $("cancel").disabled = true; }
    else showErrors(reply.data.error);
  });
  $("facility").addEventListener("change", () => { service = null; renderDates(); loadServices(); });
  $("lang").addEventListener("click", () => { lang = lang === "id" ? "en" : "id"; applyLanguage(); });
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
  applyLanguage();
  loadFacilities();

  // Live without a socket (before booking there is no visit to follow): the services are
  // read again every 30 s and when the phone comes back to the page, so a quota, hours or
  // a closure changed in the admin pages shows without a reload. Not while a service
  // button has the keyboard focus: redrawing them would lose it (the next turn does it).
  const REFRESH_MS = 30000;
  const quiet = () => !document.hidden && !$("services").contains(document.activeElement);
  setInterval(() => { if (quiet()) loadServices(); }, REFRESH_MS);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) loadServices(); });
})();
