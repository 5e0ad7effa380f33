// The waiting-room board. Starts from the server's snapshot, applies live events in `seq`
// order, asks for a fresh snapshot on any gap or reconnect, and speaks each call from
// pre-recorded clips, one call after the other.
(function () {
  "use strict";

  const TEXT = {
    id: { number: "Nomor antrian", goTo: "Silakan menuju", serving: "Sedang dilayani",
          lastCalls: "Panggilan terakhir", queue: "Antrean", waiting: "menunggu",
          minutes: "mnt", offline: "Terputus, menyambung ulang…", enableSound: "Aktifkan suara",
          paused: "Istirahat", idle: "—", closed: "tutup" },
    en: { number: "Number", goTo: "Please go to", serving: "Now serving",
          lastCalls: "Last calls", queue: "Queue", waiting: "waiting", minutes: "min",
          offline: "Offline, reconnecting…", enableSound: "Enable sound", paused: "Paused",
          idle: "—", closed: "closed" },
  };
  const MAX_CALLS = 10;
  const body = document.body;
  const facility = body.dataset.facility;
  const lang = body.dataset.lang === "en" ? "en" : "id";
  const only = body.dataset.services ? new Set(body.dataset.services.split(",")) : null;
  const soundBase = body.dataset.sounds;
  const t = (key) => TEXT[lang][key];
  const $ = (id) => document.getElementById(id);

  let state = null;
  let lastAnnounced = 0;
  const board = (window.antrianBoard = { played: [], state: () => state, resyncs: 0 });

  // ---- state: the Python twin is tests/support/board_state.py ----------------------
  const shown = (service) => !only || only.has(service);
  const counterOf = (code) => state.counters.find((c) => c.code === code);

  function forget(ticket) {
    state.counters.forEach((c) => {
      if (c.ticket && c.ticket.number === ticket.number && c.ticket.service === ticket.service) {
        c.ticket = null;
      }
    });
  }

  const reducers = {
    "ticket.called"(e) {
      const tk = e.ticket;
      forget(tk);
      const counter = counterOf(tk.counter.code);
      if (counter) counter.ticket = { number: tk.number, service: tk.service, status: tk.status };
      state.last_calls.unshift({ number: tk.number, service: tk.service, service_name: tk.service_name,
                                 counter: tk.counter, at: e.at, recall: e.recall });
      state.last_calls.length = Math.min(state.last_calls.length, MAX_CALLS);
    },
    "ticket.updated"(e) {
      const tk = e.ticket;
      if ((tk.status === "called" || tk.status === "serving") && tk.counter) {
        const counter = counterOf(tk.counter.code);
        if (counter) counter.ticket = { number: tk.number, service: tk.service, status: tk.status };
      } else {
        forget(tk);
      }
    },
    "queue.changed"(e) {
      const fresh = new Map(e.services.map((s) => [s.code, s]));
      state.services = state.services.map((s) => fresh.get(s.code) || s);
      if (e.counter) {
        const counter = counterOf(e.counter.code);
        if (counter) counter.paused = e.counter.paused;
      }
      if (typeof e.running_text === "string") state.facility.running_text = e.running_text;
    },
  };

  function apply(name, event) {
    if (name === "ticket.called" && event.seq > lastAnnounced) {
      lastAnnounced = event.seq;
      if (shown(event.ticket.service)) showCall(event);
    }
    if (!state || event.seq <= state.seq) return;
    if (event.seq !== state.seq + 1) {
      board.resyncs += 1;
      socket.emit("snapshot");
      return;
    }
    reducers[name](event);
    state.seq = event.seq;
    render();
  }

  // ---- rendering -------------------------------------------------------------------
  function row(name, num, extra, cls) {
    const div = document.createElement("div");
    div.className = "row" + (cls ? " " + cls : "");
    const a = document.createElement("span");
    a.className = "name";
    a.textContent = name;
    const b = document.createElement("span");
    b.className = "num";
    b.textContent = num;
    div.append(a, b);
    if (extra) {
      const c = document.createElement("span");
      c.className = "extra";
      c.textContent = extra;
      div.appendChild(c);
    }
    return div;
  }

  function render() {
    if (!state) return;
    const counters = state.counters.filter((c) => c.services.some(shown));
    $("counters").replaceChildren(...counters.map((c) => c.paused
      ? row(c.name, t("paused"), "", "paused")
      : row(c.name, c.ticket ? c.ticket.number : t("idle"))));
    const calls = state.last_calls.filter((c) => shown(c.service)).slice(1, 7);
    $("last-calls").replaceChildren(...calls.map((c) => row(c.counter ? c.counter.name : "", c.number)));
    const services = state.services.filter((s) => shown(s.code));
    $("services").replaceChildren(...services.map((s) => row(s.name,
      s.open_now === false ? t("closed") : String(s.waiting),
      s.open_now === false ? "" : t("waiting") + " · ±" + s.estimated_wait_minutes + " " + t("minutes"))));
    ["counters", "last-calls", "services"].forEach((id) => fit($(id)));
    const text = state.facility.running_text || "";
    $("running-text").textContent = text;
    $("ticker").hidden = !text;
    if (!$("call").dataset.live) {
      const latest = state.last_calls.find((c) => shown(c.service));
      if (latest) setCall(latest.number, latest.counter ? latest.counter.name : "");
    }
  }

  // A row that does not fit whole is left out rather than cut in half.
  function fit(container) {
    const limit = container.clientHeight;
    for (const child of container.children) {
      child.hidden = child.offsetTop + child.offsetHeight > limit + 1;
    }
  }
  window.addEventListener("resize", render);

  function setCall(number, counterName) {
    $("call-number").textContent = number;
    $("call-counter").textContent = counterName;
  }

  function showCall(event) {
    const call = $("call");
    call.dataset.live = "1";
    setCall(event.ticket.number, event.ticket.counter.name);
    call.classList.remove("flash");
    void call.offsetWidth;  // restart the animation on a repeated call
    call.classList.add("flash");
    const clips = (event.announce && event.announce[lang]) || [];
    announce(["chime", ...clips]);
  }

  // ---- speech: one call at a time, in arrival order ---------------------------------
  const queue = [];
  let speaking = false;

  function announce(clips) {
    queue.push(clips);
    if (!speaking) speakNext();
  }

  function clipUrl(clip) {
    return clip === "chime" ? soundBase + "chime.ogg" : soundBase + lang + "/" + clip + ".ogg";
  }

  function playClip(clip) {
    return new Promise((resolve, reject) => {
      const audio = new Audio(clipUrl(clip));
      const entry = { clip, start: performance.now(), end: null };
      let guard = null;
      const done = () => { clearTimeout(guard); entry.end = performance.now(); resolve(); };
      audio.addEventListener("ended", done, { once: true });
      audio.addEventListener("error", done, { once: true });  // a missing word is skipped
      audio.addEventListener("loadedmetadata", () => {
        // Never stall the queue on a device that does not report the end of playback.
        guard = setTimeout(done, (audio.duration || 3) * 1000 + 1500);
      }, { once: true });
      board.played.push(entry);
      audio.play().catch((err) => {
        board.played.pop();
        if (err && err.name === "NotAllowedError") reject(err); else done();
      });
    });
  }

  async function speakNext() {
    if (!queue.length) { speaking = false; return; }
    speaking = true;
    try {
      for (const clip of queue[0]) await playClip(clip);
      queue.shift();
    } catch (err) {
      // The browser blocks sound until someone touches the screen: ask for it once.
      speaking = false;
      $("enable-sound").hidden = false;
      return;
    }
    speakNext();
  }

  $("enable-sound").addEventListener("click", () => {
    $("enable-sound").hidden = true;
    if (!speaking) speakNext();
  });

  // ---- clock -------------------------------------------------------------------------
  const locale = lang === "en" ? "en-GB" : "id-ID";
  const dateFmt = new Intl.DateTimeFormat(locale, { timeZone: "Asia/Jakarta", weekday: "long",
                                                    day: "numeric", month: "long", year: "numeric" });
  const timeFmt = new Intl.DateTimeFormat(locale, { timeZone: "Asia/Jakarta", hour: "2-digit",
                                                    minute: "2-digit", second: "2-digit", hour12: false });
  function tick() {
    const now = new Date();
    $("date").textContent = dateFmt.format(now);
    $("time").textContent = timeFmt.format(now).replace(/\./g, ":") + " WIB";
  }
  tick();
  setInterval(tick, 1000);

  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });

  // ---- connection: reconnects forever, with back-off; a snapshot on every connect ----
  const socket = io({ auth: { facility }, transports: ["websocket", "polling"],
                      reconnectionDelay: 1000, reconnectionDelayMax: 10000 });
  board.socket = socket;
  socket.on("connect", () => { $("offline").hidden = true; });
  socket.on("disconnect", () => { $("offline").hidden = false; });
  socket.on("connect_error", () => {
    $("offline").hidden = false;
    // A refused connect is not retried by socket.io itself: keep trying, like the TV must.
    if (!socket.active) setTimeout(() => socket.connect(), 5000);
  });
  socket.on("snapshot", (snapshot) => {
    state = snapshot;
    lastAnnounced = Math.max(lastAnnounced, snapshot.seq);
    render();
  });
  Object.keys(reducers).forEach((name) => socket.on(name, (event) => apply(name, event)));
})();
