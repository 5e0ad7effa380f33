// The waiting-room board. Starts from the server's snapshot and applies live events in
// `seq` order. A gap, another `epoch` (the database was restored) or a `seq` that went
// back asks for a fresh snapshot: never silence (and a board that heard nothing for 30 s
// asks where the events stand, `position`). Whatever a snapshot brings is shown as if
// heard live (the newest call in the big panel), and the calls of the last minute that
// this board has not announced yet are announced, once, in order. What was announced is
// kept in sessionStorage, so reloading the page repeats nothing.
import { $, live, texts } from "/static/page.js";

(function () {
  "use strict";

  const MAX_CALLS = 10;
  const REPLAY_MS = 60000;     // a call missed while offline is still announced this long
  const HEARTBEAT_MS = 30000;  // a board with a device token says it is alive this often
  const CHECK_MS = 30000;      // heard nothing this long: ask where the events stand
  const REMEMBER = 100;        // announced calls kept in sessionStorage
  const body = document.body;
  const facility = body.dataset.facility;
  const lang = body.dataset.lang === "en" ? "en" : "id";
  const only = body.dataset.services ? new Set(body.dataset.services.split(",")) : null;
  const token = new URLSearchParams(location.search).get("token");
  const t = texts(["board"], () => lang);

  let state = null;
  let snapshotSeq = -1;     // held events up to this seq are part of the snapshot
  let resyncing = true;     // waiting for a snapshot: events are held meanwhile
  let heardAt = Date.now(); // the last event or snapshot
  const held = [];
  let soundBlocked = false;
  const board = (window.antrianBoard = { played: [], state: () => state, resyncs: 0,
                                         snapshots: 0, checks: 0, heartbeats: [],
                                         announced: () => Array.from(announced) });

  // ---- what was announced, per facility (call keys hold seq, number and time, so a
  //      restored database's old calls are known again and new calls are not) ----------
  const memoryKey = "antrian.board.announced." + facility;
  let announced = recall();
  let replays = announced !== null;  // a board opened fresh replays nothing it missed
  if (!replays) announced = new Set();

  function recall() {
    try {
      const kept = JSON.parse(sessionStorage.getItem(memoryKey));
      return Array.isArray(kept) ? new Set(kept) : null;
    } catch (err) { return null; }
  }
  function remember(key) {
    announced.delete(key);
    announced.add(key);
    const kept = Array.from(announced).slice(-REMEMBER);
    announced = new Set(kept);
    try { sessionStorage.setItem(memoryKey, JSON.stringify(kept)); } catch (err) { /* full */ }
  }
  const callKey = (c) => [c.seq, c.number, c.at].join("|");

  // ---- state: the Python twin is tests/support/board_state.py ----------------------
  const shown = (service) => !only || only.has(service);
  const counterOf = (code) => state.counters.find((c) => c.code === code);

  const ticketOf = (tk) => ({ number: tk.number, service: tk.service, status: tk.status, date: tk.date });
  const ofDay = (entry, closed) => entry && entry.service === closed.service && entry.date === closed.date;

  function forget(ticket) {
    state.counters.forEach((c) => {
      if (c.ticket && c.ticket.number === ticket.number && c.ticket.service === ticket.service) {
        c.ticket = null;
      }
    });
  }

  const reducers = {
    "ticket.called"(e) {
      // A combining board (`combine: true` below): the ticket the counter finished first.
      if (e.updated) reducers["ticket.updated"]({ ticket: e.updated });
      const tk = e.ticket;
      forget(tk);
      const counter = counterOf(tk.counter.code);
      if (counter) counter.ticket = ticketOf(tk);
      // A recall replaces the ticket's earlier row, so it never pushes other calls out.
      state.last_calls = state.last_calls.filter((c) => c.service !== tk.service || c.number !== tk.number);
      state.last_calls.unshift({ number: tk.number, service: tk.service, service_name: tk.service_name,
                                 date: tk.date, counter: tk.counter, at: e.at, recall: e.recall,
                                 seq: e.seq, announce: e.announce, announce_short: e.announce_short });
      state.last_calls.length = Math.min(state.last_calls.length, MAX_CALLS);
      // ... and the queue.changed the call made, after it.
      if (e.services) reducers["queue.changed"]({ services: e.services });
    },
    "ticket.updated"(e) {
      const tk = e.ticket;
      if ((tk.status === "called" || tk.status === "serving") && tk.counter) {
        const counter = counterOf(tk.counter.code);
        if (counter) counter.ticket = ticketOf(tk);
      } else {
        forget(tk);
      }
    },
    "queue.changed"(e) {
      const moved = new Map(e.services.map((s) => [s.code, s]));
      state.services = state.services.map((s) => moved.get(s.code) || s);
      if (e.counter) {
        const counter = counterOf(e.counter.code);
        if (counter) counter.paused = e.counter.paused;
      }
      if (typeof e.running_text === "string") state.facility.running_text = e.running_text;
      if (e.closed_day) {  // the end of a service's day: its numbers leave the board
        state.counters.forEach((c) => { if (ofDay(c.ticket, e.closed_day)) c.ticket = null; });
        state.last_calls = state.last_calls.filter((c) => !ofDay(c, e.closed_day));
      }
    },
  };

  // A combined ticket.called stands for the events numbered seq_from..seq_through.
  const firstSeq = (event) => event.seq_from ?? event.seq;
  const lastSeq = (event) => event.seq_through ?? event.seq;

  function onEvent(name, event) {
    heardAt = Date.now();
    if (!state || resyncing) { held.push([name, event]); return; }
    handle(name, event);
  }

  // An event heard live must be the next one of the same epoch. Anything else (a gap,
  // another epoch, a seq at or below one already applied: the numbers went back) resyncs.
  function handle(name, event) {
    if (event.epoch !== state.epoch || firstSeq(event) !== state.seq + 1) {
      held.push([name, event]);
      resync();
      return;
    }
    reducers[name](event);
    state.seq = lastSeq(event);
    if (name === "ticket.called") heard(state.last_calls[0]);
    render();
  }

  function resync() {
    board.resyncs += 1;
    resyncing = true;
    socket.emit("snapshot", { request: board.resyncs });  // answered as `request`
    const asked = board.resyncs;
    setTimeout(() => { if (resyncing && board.resyncs === asked && socket.connected) resync(); }, 10000);
  }

  // Each request is answered on its own, so answers can come out of order: one older
  // than the latest request is dropped (it would take the board back, and nothing after
  // it might say so). The connect's snapshot answers no request.
  function onSnapshot(snapshot) {
    if (snapshot.request !== undefined && snapshot.request < board.resyncs) return;
    state = snapshot;
    heardAt = Date.now();
    clock.serverTime(snapshot.generated_at);
    const place = snapshot.facility;
    if (place.timezone && (place.timezone !== clock.zone || place.tz_label !== clock.label)) {
      clock.use(place.timezone, place.tz_label);
    }
    snapshotSeq = snapshot.seq;
    resyncing = false;
    const now = Date.parse(snapshot.generated_at);
    const missed = state.last_calls.filter((c) => shown(c.service) && !announced.has(callKey(c)));
    missed.reverse().forEach((c) => {  // oldest first
      if (replays && now - Date.parse(c.at) <= REPLAY_MS) heard(c); else remember(callKey(c));
    });
    replays = true;
    board.snapshots += 1;
    render();
    // Events held while the snapshot was on its way: those it includes are dropped.
    const included = (e) => e.epoch === snapshot.epoch && lastSeq(e) <= snapshotSeq;
    while (held.length && !resyncing) {
      const [name, event] = held.shift();
      if (!included(event)) handle(name, event);
    }
  }

  // A call to announce: the big panel flashes and the voice queues it.
  function heard(call) {
    if (!shown(call.service) || announced.has(callKey(call))) return;
    remember(callKey(call));
    const panel = $("call");
    panel.classList.remove("flash");
    void panel.offsetWidth;  // restart the animation on a repeated call
    panel.classList.add("flash");
    speech.say({ long: (call.announce && call.announce[lang]) || [],
                 short: (call.announce_short && call.announce_short[lang]) || null });
  }

  // ---- rendering -------------------------------------------------------------------
  const span = (cls, text) => Object.assign(document.createElement("span"), { className: cls, textContent: text });
  function row(name, num, extra, cls) {
    const div = document.createElement("div");
    div.className = "row" + (cls ? " " + cls : "");
    div.append(span("name", name), span("num", num));
    if (extra) div.appendChild(span("extra", extra));
    return div;
  }

  // The last calls, newest first; a recalled ticket keeps one row (its newest call).
  function lastCalls() {
    const seen = new Set();
    return state.last_calls.filter((c) => {
      const id = c.service + "|" + c.number;
      if (!shown(c.service) || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  const pagers = {
    counters: window.antrianPages($("counters"), $("counters-page"), true),
    calls: window.antrianPages($("last-calls"), null, false),
    services: window.antrianPages($("services"), $("services-page"), true),
  };

  // A number of another day (a 24-hour service's patient from before midnight) carries
  // its date: "A-002 · 23 Nov".
  function numbered(entry) {
    if (!entry.date || entry.date === clock.today()) return entry.number;
    const [y, m, d] = entry.date.split("-").map(Number);
    return entry.number + " · " + dayFmt.format(new Date(Date.UTC(y, m - 1, d)));
  }

  function waitText(s) {
    if (s.open_now === false) return "";
    if (s.estimate_note === "no_counter_open") return t("waiting") + " · " + t("noCounter");
    return t("waiting") + " · ±" + s.estimated_wait_minutes + " " + t("minutes");
  }

  function render() {
    if (!state) return;
    const counters = state.counters.filter((c) => c.services.some(shown));
    $("counters").replaceChildren(...counters.map((c) => c.paused
      ? row(c.name, t("paused"), "", "paused")
      : row(c.name, c.ticket ? numbered(c.ticket) : t("idle"))));
    const calls = lastCalls();
    $("last-calls").replaceChildren(...calls.map((c) => row(c.counter ? c.counter.name : "", numbered(c))));
    const services = state.services.filter((s) => shown(s.code));
    $("services").replaceChildren(...services.map((s) => row(s.name,
      s.open_now === false ? t("closed") : String(s.waiting), waitText(s))));
    const text = state.facility.running_text || "";
    $("running-text").textContent = text;
    $("ticker").hidden = !text;
    const latest = calls[0];
    $("call-number").textContent = latest ? numbered(latest) : "—";
    $("call-counter").textContent = latest && latest.counter ? latest.counter.name : "\u00a0";
    Object.values(pagers).forEach((p) => p.layout());  // last: the ticker changes the room
  }
  window.addEventListener("resize", render);
  if (document.fonts) document.fonts.ready.then(render);

  // ---- speech --------------------------------------------------------------------------
  const speech = window.antrianSpeech({
    base: body.dataset.sounds, lang, log: board.played,
    onBlocked() { soundBlocked = true; $("enable-sound").hidden = false; },
  });
  $("enable-sound").addEventListener("click", () => {
    $("enable-sound").hidden = true;
    soundBlocked = false;
    speech.resume();
  });

  // ---- clock: in the facility's zone, with its label (board-clock.js) -------------
  const dayFmt = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID",
                                         { timeZone: "UTC", day: "numeric", month: "short" });
  const clock = window.antrianClock($("date"), $("time"), lang, body.dataset.timezone,
                                    body.dataset.tzLabel);

  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });

  // ---- connection: reconnects forever, with back-off; a snapshot on every connect ----
  const report = () => ({ lang, services: only ? Array.from(only) : [],
                          sound: soundBlocked ? "blocked" : "on", seq: state ? state.seq : null });
  // combine: a call comes as one event (ticket.called with services and seq_through).
  const socket = live((cb) => cb(token ? { facility, token, combine: true, ...report() }
                                       : { facility, combine: true }), {
    keepTrying: true, options: { reconnectionDelay: 1000, reconnectionDelayMax: 10000 } });
  board.socket = socket;
  socket.on("connect", () => { $("offline").hidden = true; });
  socket.on("disconnect", () => {
    $("offline").hidden = false;
    resyncing = true;  // the connect's snapshot comes first; hold events until then
    held.length = 0;
  });
  socket.on("connect_error", () => { $("offline").hidden = false; });
  socket.on("snapshot", onSnapshot);
  Object.keys(reducers).forEach((name) => socket.on(name, (event) => onEvent(name, event)));
  // Events lost on the way (the broker reconnecting) would show only at the facility's
  // next event: a board that heard nothing for a while asks where they stand.
  board.check = () => socket.emit("position", (at) => {
    board.checks += 1;
    if (at && !at.error && state && !resyncing && (at.epoch !== state.epoch || at.seq > state.seq)) resync();
  });
  setInterval(() => { if (socket.connected && Date.now() - heardAt >= CHECK_MS) board.check(); }, CHECK_MS);
  if (token) {
    setInterval(() => {
      // The last 10 answers are kept (a TV runs for weeks without a reload).
      const kept = (ack) => board.heartbeats.splice(0, board.heartbeats.push(ack) - 10);
      if (socket.connected) socket.emit("heartbeat", report(), kept);
    }, HEARTBEAT_MS);
  }
})();
