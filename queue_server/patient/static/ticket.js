// A patient follows their visit live: position, estimate, and a banner when called.
(function () {
  "use strict";
  const TEXT = {
    id: { yourTurn: "Giliran Anda!", goTo: "Silakan menuju", yourNumber: "Nomor antrean Anda",
          ahead: "Di depan Anda", eta: "Perkiraan dipanggil",
          offline: "Koneksi terputus, menyambung ulang…", enableSound: "Aktifkan suara panggilan",
          people: "{n} orang", lang: "English", booked: "Booking: check-in saat tiba",
          held: "Menunggu kode verifikasi dari HP",
          waiting: "Menunggu dipanggil", called: "Dipanggil ke {c}", serving: "Sedang dilayani",
          done: "Selesai", no_show: "Terlewat: hubungi petugas", cancelled: "Dibatalkan",
          journeyToday: "Perjalanan Anda hari ini", journeyOn: "Perjalanan Anda, {d}",
          today: "Hari ini, {d}", onDay: "Tanggal periksa: {d}",
          atKiosk: "Tunjukkan di kiosk saat tiba",
          atKioskHow: "Pindai QR ini di kiosk, atau ketik kodenya, untuk check-in.",
          qrAlt: "Kode QR booking {c}", noCounter: "Belum ada loket yang buka" },
    en: { yourTurn: "Your turn!", goTo: "Please go to", yourNumber: "Your queue number",
          ahead: "People ahead", eta: "Expected call",
          offline: "Connection lost, reconnecting…", enableSound: "Turn on call sound",
          people: "{n}", lang: "Bahasa Indonesia", booked: "Booked: check in on arrival",
          held: "Waiting for the code sent to the phone",
          waiting: "Waiting to be called", called: "Called to {c}", serving: "Being served",
          done: "Done", no_show: "Missed: please ask the staff", cancelled: "Cancelled",
          journeyToday: "Your visit today", journeyOn: "Your visit, {d}",
          today: "Today, {d}", onDay: "Visit date: {d}",
          atKiosk: "Show this at the kiosk when you arrive",
          atKioskHow: "Scan this QR at the kiosk, or type the code, to check in.",
          qrAlt: "Booking QR code {c}", noCounter: "No counter open yet" },
  };
  const body = document.body;
  const code = body.dataset.code;
  let lang = body.dataset.lang === "en" ? "en" : "id";
  let snap = null;
  let refresh = null;
  const $ = (id) => document.getElementById(id);
  const t = (k, v) => Object.entries(v || {}).reduce((s, [a, b]) => s.replace("{" + a + "}", b), TEXT[lang][k]);
  const chime = new Audio(body.dataset.chime);

  // A time as the server sent it (in the facility's zone), with that zone's label.
  function time(iso) { return iso ? (iso.slice(11, 16) + " " + (snap.facility.tz_label || "")).trim() : "–"; }

  function eta(tk) {
    if (tk.status !== "waiting") return "–";
    return tk.estimate_note === "no_counter_open" ? t("noCounter") : time(tk.estimated_call_at);
  }

  // A calendar date (YYYY-MM-DD) in words, in the page's language.
  function day(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", {
      timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric",
    }).format(new Date(Date.UTC(y, m - 1, d)));
  }

  function grouped(c) { return c.slice(0, 4) + " " + c.slice(4, 8) + " " + c.slice(8); }

  function renderDay(tk) {
    const today = tk.date === snap.today;
    $("day").textContent = t(today ? "today" : "onDay", { d: day(tk.date) });
    $("journey-title").textContent = today ? t("journeyToday") : t("journeyOn", { d: day(tk.date) });
    const booked = tk.status === "booked";
    $("booking").hidden = !booked;
    if (booked) {
      $("booking-code").textContent = grouped(snap.code);
      $("booking-qr").alt = t("qrAlt", { c: grouped(snap.code) });
      const src = "/api/v1/bookings/" + encodeURIComponent(snap.code) + "/qr.svg";
      if ($("booking-qr").getAttribute("src") !== src) $("booking-qr").src = src;
    }
  }

  function render() {
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
    $("lang").textContent = t("lang");
    if (!snap) return;
    const tk = snap.ticket;
    $("facility").textContent = snap.facility.name;
    $("number").textContent = tk.number;
    $("service").textContent = tk.service.name;
    $("status").textContent = t(tk.status, { c: tk.counter ? tk.counter.name : "" });
    $("ahead").textContent = tk.status === "waiting" ? t("people", { n: tk.people_ahead }) : "–";
    $("eta").textContent = eta(tk);
    renderDay(tk);
    $("journey").replaceChildren(...snap.journey.map((step) => {
      const li = document.createElement("li");
      li.textContent = step.service_name + " · " + step.number + " · " + t(step.status, { c: step.counter ? step.counter.name : "" });
      li.className = step.status === "done" ? "done" : step.number === tk.number ? "now" : "";
      return li;
    }));
  }

  function called(event) {
    $("called-number").textContent = event.ticket.number;
    $("called-counter").textContent = event.ticket.counter.name;
    $("called").hidden = false;
    if (navigator.vibrate) navigator.vibrate([400, 150, 400, 150, 400]);
    chime.currentTime = 0;
    chime.play().catch(() => { $("sound").hidden = false; });
  }

  const socket = io({ auth: { visit: code }, transports: ["websocket", "polling"],
                      reconnectionDelayMax: 10000 });
  socket.on("connect", () => { $("offline").hidden = true; });
  socket.on("disconnect", () => { $("offline").hidden = false; });
  socket.on("snapshot", (data) => { snap = data; render(); });
  const mine = (e) => snap && snap.journey.some((s) => s.number === e.ticket.number && s.service === e.ticket.service);
  socket.on("ticket.called", (e) => { if (mine(e)) called(e); schedule(); });
  socket.on("ticket.updated", schedule);
  socket.on("queue.changed", schedule);
  function schedule() {
    clearTimeout(refresh);
    refresh = setTimeout(() => socket.emit("snapshot"), 300);
  }
  $("called").addEventListener("click", () => { $("called").hidden = true; });
  $("sound").addEventListener("click", () => { $("sound").hidden = true; chime.play().catch(() => {}); });
  $("lang").addEventListener("click", () => { lang = lang === "id" ? "en" : "id"; render(); });
  render();
})();
