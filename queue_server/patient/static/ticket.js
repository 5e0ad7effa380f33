// A patient follows their visit live: position, estimate, and a banner when called.
import { $, live, texts } from "/static/page.js";
import { offer, say } from "/static/survey.js";

(function () {
  "use strict";
  const body = document.body;
  const code = body.dataset.code;
  let lang = body.dataset.lang === "en" ? "en" : "id";
  let snap = null;
  let refresh = null;
  let asked = 0;  // snapshot requests sent: each answer names its own (`request`)
  const CHECK_MS = 30000;
  let heardAt = Date.now();  // the last event or snapshot
  const t = texts(["ticket"], () => lang);
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

  // The visit is over: no step can still move, and one was served (services/surveys.py).
  const OVER = ["done", "no_show", "cancelled"];
  function over(journey) {
    return journey.every((s) => OVER.includes(s.status)) && journey.some((s) => s.status === "done");
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
    offer(over(snap.journey));
  }

  // Each call (and recall) of a step is announced once, whether its event came or only a
  // snapshot showed it (the phone asleep or offline when it was made), and not again
  // after a reload: the calls announced are kept with the visit's code.
  const store = "antrian.called." + code;
  const announced = new Set((() => {
    try { return JSON.parse(localStorage.getItem(store) || "[]"); } catch (e) { return []; }
  })());
  function called(step) {
    const key = [step.service, step.number, step.recalls || 0].join("|");
    if (step.status !== "called" || !step.counter || announced.has(key)) return;
    announced.add(key);
    try { localStorage.setItem(store, JSON.stringify([...announced].slice(-20))); } catch (e) { /* private mode */ }
    $("called-number").textContent = step.number;
    $("called-counter").textContent = step.counter.name;
    $("called").hidden = false;
    if (navigator.vibrate) navigator.vibrate([400, 150, 400, 150, 400]);
    chime.currentTime = 0;
    chime.play().catch(() => { $("sound").hidden = false; });
  }

  const socket = live({ visit: code }, { online: (up) => { $("offline").hidden = up; },
                                          options: { reconnectionDelayMax: 10000 } });
  // Each request is answered on its own, so answers can come out of order: one older
  // than the latest request is dropped (it would show an earlier state until the next
  // change). The connect's snapshot answers no request.
  socket.on("snapshot", (data) => {
    heardAt = Date.now();
    if (data.request !== undefined && data.request < asked) return;
    snap = data;
    render();
    snap.journey.forEach(called);
  });
  const mine = (e) => snap && snap.journey.some((s) => s.number === e.ticket.number && s.service === e.ticket.service);
  socket.on("ticket.called", (e) => { if (mine(e)) called(e.ticket); schedule(); });
  socket.on("ticket.updated", schedule);
  socket.on("queue.changed", schedule);
  function schedule() {
    heardAt = Date.now();
    clearTimeout(refresh);
    refresh = setTimeout(() => socket.emit("snapshot", { request: ++asked }), 300);
  }
  // Events lost on the way would show only at the facility's next event: a page that
  // heard nothing for 30 s asks where the facility's events stand, and catches up if
  // it is behind (as a board does).
  const page = window.antrianTicket = { socket, checks: 0, resyncs: 0 };
  page.check = () => socket.emit("position", (at) => {
    page.checks += 1;
    if (at && !at.error && snap && (at.epoch !== snap.epoch || at.seq > snap.seq)) {
      page.resyncs += 1;
      schedule();
    }
  });
  setInterval(() => { if (socket.connected && Date.now() - heardAt >= CHECK_MS) page.check(); }, CHECK_MS);
  $("called").addEventListener("click", () => { $("called").hidden = true; });
  $("sound").addEventListener("click", () => { $("sound").hidden = true; chime.play().catch(() => {}); });
  $("lang").addEventListener("click", () => { lang = lang === "id" ? "en" : "id"; say(lang); render(); });
  render();
})();
