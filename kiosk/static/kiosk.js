// The kiosk touch page. One tap on a service prints a ticket; a priority chosen first
// goes with it. A scanner typing a booking code and Enter (or the keypad) checks in.
(function () {
  "use strict";

  const TEXT = {
    id: {
      hint: "Pilih layanan untuk mengambil nomor antrean.", priorityAsk: "Prioritas (akan dicek petugas):",
      elderly: "Lansia", disabled: "Disabilitas", pregnant: "Ibu hamil", child: "Anak/balita",
      haveBooking: "Punya kode booking? Pindai QR atau ketik kode", yourNumber: "Nomor antrean Anda",
      takeTicket: "Silakan ambil tiket Anda.", done: "Selesai", typeCode: "Ketik kode booking",
      back: "Hapus", cancel: "Batal", checkIn: "Check-in", staffMenu: "Menu petugas",
      reprint: "Cetak ulang tiket terakhir", close: "Tutup", lang: "English",
      waiting: "{n} menunggu", wait: "± {m} menit", closed: "Tutup saat ini", full: "Nomor hari ini habis",
      ahead: "Di depan Anda: {n} orang", checkedIn: "Check-in berhasil.", working: "Mencetak…",
      paperLow: "Kertas printer hampir habis", printerDown: "Printer bermasalah: tiket dicetak begitu printer siap.",
    },
    en: {
      hint: "Choose a service to take a queue number.", priorityAsk: "Priority (checked by staff):",
      elderly: "Elderly", disabled: "Disability", pregnant: "Pregnant", child: "Child",
      haveBooking: "Have a booking code? Scan the QR or type the code", yourNumber: "Your queue number",
      takeTicket: "Please take your ticket.", done: "Done", typeCode: "Type the booking code",
      back: "Delete", cancel: "Cancel", checkIn: "Check in", staffMenu: "Staff menu",
      reprint: "Reprint last ticket", close: "Close", lang: "Bahasa Indonesia",
      waiting: "{n} waiting", wait: "~{m} min", closed: "Closed now", full: "No numbers left today",
      ahead: "People ahead of you: {n}", checkedIn: "Checked in.", working: "Printing…",
      paperLow: "Printer paper is running low", printerDown: "Printer problem: tickets print as soon as it is ready.",
    },
  };
  const CODE_KEYS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  const IDLE_MS = 8000;
  const $ = (id) => document.getElementById(id);
  let lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "id";
  let priority = null;
  let busy = false;
  let idleTimer = null;
  let wedge = "";
  let wedgeAt = 0;
  const t = (key, vars) => Object.entries(vars || {}).reduce(
    (s, [k, v]) => s.replace("{" + k + "}", v), TEXT[lang][key] || key);

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
    $("lang").textContent = t("lang");
    refresh();
  }

  function banner(text) {
    $("banner").textContent = text || "";
    $("banner").hidden = !text;
  }

  async function call(method, path, body) {
    const response = await fetch(path + (path.includes("?") ? "&" : "?") + "lang=" + lang, {
      method, headers: { "Content-Type": "application/json" },
      body: body ? JSON.stringify({ ...body, lang }) : undefined,
    });
    let data = {};
    try { data = await response.json(); } catch (err) { data = {}; }
    return { ok: response.ok, status: response.status, data };
  }

  function printerNote(printer) {
    if (!printer) return "";
    if (printer.jobs_waiting > 0 || printer.printer === "offline" || printer.paper === "out") return t("printerDown");
    if (printer.paper === "low") return t("paperLow");
    return "";
  }

  async function refresh() {
    let reply;
    try { reply = await call("GET", "/api/state"); } catch (err) { return; }
    if (!reply.ok) {
      banner(reply.data.error ? reply.data.error.message : "");
      return;
    }
    banner(printerNote(reply.data.printer));
    $("facility").textContent = reply.data.facility.name;
    render(reply.data.services);
  }

  function render(services) {
    const box = $("services");
    box.replaceChildren();
    services.forEach((s) => {
      const button = document.createElement("button");
      button.className = "service";
      button.dataset.service = s.code;
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = s.name;
      const info = document.createElement("span");
      info.className = "info";
      const full = s.walkin_left === 0;
      if (!s.open_now) info.textContent = t("closed");
      else if (full) info.textContent = t("full");
      else info.textContent = t("waiting", { n: s.waiting }) + " · " + t("wait", { m: s.estimated_wait_minutes });
      button.disabled = !s.open_now || full;
      button.append(name, info);
      button.addEventListener("click", () => take(s.code));
      box.appendChild(button);
    });
  }

  function showResult(data, message, checkedIn) {
    $("result-number").textContent = data.ticket.number;
    $("result-service").textContent = data.ticket.service.name;
    $("result-ahead").textContent = t("ahead", { n: data.ticket.people_ahead });
    const note = $("result-message");
    note.textContent = message || (checkedIn ? t("checkedIn") + " " : "") + t("takeTicket");
    note.className = message ? "take warn" : "take";
    $("result").hidden = false;
    restartIdle();
  }

  function restartIdle() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(reset, IDLE_MS);
  }

  function reset() {
    ["result", "keypad", "staff-menu"].forEach((id) => { $(id).hidden = true; });
    priority = null;
    document.querySelectorAll(".chip").forEach((c) => c.classList.remove("on"));
    $("code").value = "";
    refresh();
  }

  async function take(service) {
    if (busy) return;
    busy = true;
    banner(t("working"));
    try {
      const reply = await call("POST", "/api/tickets", { service, priority });
      if (!reply.ok) { banner(reply.data.error.message); restartIdle(); return; }
      banner("");
      showResult(reply.data, reply.data.message, false);
    } catch (err) {
      banner(String(err));
    } finally {
      busy = false;
    }
  }

  async function checkIn(code) {
    if (busy || !code) return;
    busy = true;
    try {
      const reply = await call("POST", "/api/check-in", { code });
      $("keypad").hidden = true;
      if (!reply.ok) { banner(reply.data.error.message); restartIdle(); return; }
      banner("");
      showResult(reply.data, reply.data.message, true);
    } finally {
      busy = false;
      $("code").value = "";
    }
  }

  // A barcode scanner is a keyboard: it types the code fast and ends with Enter.
  document.addEventListener("keydown", (event) => {
    if (document.activeElement && document.activeElement.id === "pin") return;
    const now = Date.now();
    if (now - wedgeAt > 1500) wedge = "";
    wedgeAt = now;
    if (event.key === "Enter") {
      const code = wedge || $("code").value;
      wedge = "";
      if (code.length >= 6) { event.preventDefault(); checkIn(code); }
    } else if (event.key.length === 1 && /[a-z0-9]/i.test(event.key)) {
      wedge += event.key.toUpperCase();
    }
  });

  CODE_KEYS.split("").forEach((ch) => {
    const key = document.createElement("button");
    key.textContent = ch;
    key.addEventListener("click", () => { $("code").value += ch; restartIdle(); });
    $("keys").appendChild(key);
  });
  $("key-back").addEventListener("click", () => { $("code").value = $("code").value.slice(0, -1); });
  $("key-cancel").addEventListener("click", reset);
  $("key-enter").addEventListener("click", () => checkIn($("code").value));
  $("open-keypad").addEventListener("click", () => { $("keypad").hidden = false; restartIdle(); });
  $("result-close").addEventListener("click", reset);
  document.querySelectorAll(".chip").forEach((chip) => chip.addEventListener("click", () => {
    const on = !chip.classList.contains("on");
    document.querySelectorAll(".chip").forEach((c) => c.classList.remove("on"));
    if (on) chip.classList.add("on");
    priority = on ? chip.dataset.priority : null;
    restartIdle();
  }));
  $("lang").addEventListener("click", () => { lang = lang === "id" ? "en" : "id"; applyLanguage(); });
  $("staff").addEventListener("click", async () => {
    $("staff-menu").hidden = false;
    const reply = await call("GET", "/api/state");
    $("staff-status").textContent = JSON.stringify(reply.data.printer || reply.data, null, 1);
  });
  $("staff-close").addEventListener("click", reset);
  $("reprint").addEventListener("click", async () => {
    const reply = await call("POST", "/api/staff/reprint", { pin: $("pin").value });
    $("staff-status").textContent = JSON.stringify(reply.data, null, 1);
  });

  applyLanguage();
  setInterval(() => { if ($("result").hidden && !busy) refresh(); }, 10000);
})();
