// Staff console: one counter, live over Socket.IO. Every event makes the page ask for a
// fresh snapshot (debounced), so what it shows is always the server's state.
(function () {
  "use strict";

  const TEXT = {
    id: {
      console: "Konsol petugas", counter: "Loket", offline: "Terputus", online: "Tersambung",
      logout: "Keluar", nowServing: "Pasien saat ini", callNext: "Panggil berikutnya",
      recall: "Panggil ulang", start: "Mulai layani", skip: "Lewati", finish: "Selesai",
      requeue: "Kembalikan ke antrean", pause: "Istirahat", resume: "Lanjutkan",
      transfer: "Selesai & rujuk", served: "dilayani", noShow: "tidak hadir",
      waitingCount: "menunggu", queue: "Antrean", number: "Nomor", service: "Layanan",
      priority: "Prioritas", waited: "Menunggu", patient: "Pasien", noShows: "Tidak hadir",
      pausedBanner: "Loket sedang istirahat: tidak bisa memanggil pasien.",
      shortcutHelp: "Pintasan: N panggil, U ulang, M mulai, L lewati, S selesai, R rujuk, K kembalikan, P istirahat.",
      nobody: "Belum ada pasien dipanggil", empty: "Tidak ada yang menunggu",
      minutes: "mnt", transferTo: "Rujuk ke…", called: "dipanggil", serving: "dilayani",
      regular: "Umum", elderly: "Lansia", disabled: "Disabilitas", pregnant: "Ibu hamil",
      child: "Anak/balita", emergency: "Gawat darurat", lang: "English", back: "Kembalikan",
      sentTo: "Dirujuk ke", noCounters: "Tidak ada loket untuk akun ini.",
      paperOut: "kertas habis", paperLow: "kertas hampir habis", printerOff: "printer mati",
      jobsWaiting: "tiket menunggu dicetak",
    },
    en: {
      console: "Staff console", counter: "Counter", offline: "Offline", online: "Connected",
      logout: "Log out", nowServing: "Current patient", callNext: "Call next",
      recall: "Recall", start: "Start service", skip: "Skip (no-show)", finish: "Finish",
      requeue: "Back to queue", pause: "Pause", resume: "Resume",
      transfer: "Finish & send on", served: "served", noShow: "no-show",
      waitingCount: "waiting", queue: "Queue", number: "Number", service: "Service",
      priority: "Priority", waited: "Waited", patient: "Patient", noShows: "No-shows",
      pausedBanner: "This counter is paused: it cannot call patients.",
      shortcutHelp: "Shortcuts: N call, U recall, M start, L skip, S finish, R send on, K back to queue, P pause.",
      nobody: "No patient called yet", empty: "Nobody is waiting",
      minutes: "min", transferTo: "Send to…", called: "called", serving: "serving",
      regular: "Regular", elderly: "Elderly", disabled: "Disabled", pregnant: "Pregnant",
      child: "Child", emergency: "Emergency", lang: "Bahasa Indonesia", back: "Requeue",
      sentTo: "Sent to", noCounters: "No counters for this account.",
      paperOut: "paper out", paperLow: "paper low", printerOff: "printer offline",
      jobsWaiting: "tickets waiting to print",
    },
  };

  const $ = (id) => document.getElementById(id);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const params = new URLSearchParams(location.search);
  let lang = params.get("lang") || localStorage.getItem("antrian.lang") || "id";
  let counters = [];
  let chosen = null;      // {code, facility}
  let snapshot = null;
  let socket = null;
  let refreshTimer = null;
  let busy = false;

  const t = (key) => (TEXT[lang] && TEXT[lang][key]) || TEXT.id[key] || key;

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
    $("lang-toggle").textContent = t("lang");
    render();
  }

  function toast(message, bad) {
    const el = $("toast");
    el.textContent = message;
    el.className = bad ? "toast bad" : "toast";
    el.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { el.hidden = true; }, 4000);
  }

  function minutesSince(iso) {
    if (!iso) return "";
    const m = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60000));
    return m + " " + t("minutes");
  }

  function cell(text, cls) {
    const td = document.createElement("td");
    td.textContent = text == null ? "" : text;
    if (cls) td.className = cls;
    return td;
  }

  function renderCurrent(ticket) {
    $("cur-number").textContent = ticket ? ticket.number : "—";
    $("cur-service").textContent = ticket ? ticket.service.name : t("nobody");
    $("cur-status").innerHTML = "";
    if (ticket) {
      const badge = document.createElement("span");
      badge.className = "badge status-" + ticket.status;
      badge.textContent = t(ticket.status);
      $("cur-status").appendChild(badge);
    }
    $("cur-priority").textContent = ticket && ticket.priority !== "regular" ? t(ticket.priority) : "";
    $("cur-waited").textContent = ticket && ticket.called_at ? minutesSince(ticket.called_at) : "";
    const who = ticket && ticket.patient && (ticket.patient.name || ticket.patient.nik);
    $("cur-who").textContent = who ? [ticket.patient.name, ticket.patient.nik].filter(Boolean).join(" · ") : "";
  }

  function renderWaiting(rows) {
    const body = $("waiting");
    body.replaceChildren();
    if (!rows.length) {
      const tr = document.createElement("tr");
      const td = cell(t("empty"), "muted");
      td.colSpan = 5;
      tr.appendChild(td);
      body.appendChild(tr);
    }
    rows.forEach((row) => {
      const tr = document.createElement("tr");
      tr.dataset.number = row.number;
      tr.append(cell(row.number, "num"), cell(row.service_name), cell(row.priority === "regular" ? "" : t(row.priority)),
        cell(minutesSince(row.waiting_since)), cell([row.name, row.nik].filter(Boolean).join(" · ")));
      body.appendChild(tr);
    });
    $("waiting-total").textContent = rows.length;
  }

  function renderNoShows(rows) {
    const body = $("no-shows");
    body.replaceChildren();
    rows.forEach((row) => {
      const tr = document.createElement("tr");
      const back = document.createElement("button");
      back.textContent = t("back");
      back.addEventListener("click", () => act("requeue", { number: row.number }));
      const td = document.createElement("td");
      td.appendChild(back);
      tr.append(cell(row.number, "num"), cell(row.service), td);
      body.appendChild(tr);
    });
  }

  function renderTransfer(services, own) {
    const select = $("transfer-to");
    const keep = select.value;
    select.replaceChildren();
    const first = document.createElement("option");
    first.value = "";
    first.textContent = t("transferTo");
    select.appendChild(first);
    services.filter((s) => !own.includes(s.code)).forEach((s) => {
      const option = document.createElement("option");
      option.value = s.code;
      option.textContent = s.name;
      select.appendChild(option);
    });
    select.value = keep;
  }

  function render() {
    if (!snapshot) return;
    $("facility-name").textContent = snapshot.facility.name;
    renderCurrent(snapshot.ticket);
    renderWaiting(snapshot.waiting);
    renderNoShows(snapshot.no_shows);
    renderTransfer(snapshot.services, snapshot.counter.services);
    $("count-served").textContent = snapshot.counts.served;
    $("count-noshow").textContent = snapshot.counts.no_show;
    $("count-waiting").textContent = snapshot.counts.waiting;
    const paused = snapshot.counter.paused;
    $("paused").hidden = !paused;
    const troubles = (snapshot.devices || []).map(deviceTrouble).filter(Boolean);
    $("devices").textContent = troubles.join(" · ");
    $("devices").hidden = !troubles.length;
    const pause = $("pause-btn");
    pause.dataset.action = paused ? "resume" : "pause";
    pause.querySelector("span").textContent = t(paused ? "resume" : "pause");
    const status = snapshot.ticket && snapshot.ticket.status;
    const enable = {
      "call-next": !paused, recall: status === "called", start: status === "called",
      skip: status === "called", finish: !!status, transfer: !!status,
      requeue: status === "called", pause: true, resume: true,
    };
    document.querySelectorAll("[data-action]").forEach((b) => { b.disabled = busy || !enable[b.dataset.action]; });
  }

  function deviceTrouble(d) {
    const s = d.status || {};
    const what = s.paper === "out" ? t("paperOut") : s.printer === "offline" ? t("printerOff")
      : s.paper === "low" ? t("paperLow") : s.jobs_waiting > 0 ? t("jobsWaiting") : null;
    return what ? d.name + ": " + what : null;
  }

  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => { if (socket && socket.connected) socket.emit("snapshot"); }, 80);
  }

  function connect() {
    if (socket) socket.disconnect();
    snapshot = null;
    socket = io({ auth: { counter: chosen.code, facility: chosen.facility },
                  transports: ["websocket", "polling"] });
    socket.on("connect", () => { $("conn").textContent = t("online"); $("conn").className = "status"; });
    socket.on("disconnect", () => { $("conn").textContent = t("offline"); $("conn").className = "status offline"; });
    socket.on("connect_error", (err) => {
      const data = err && err.data;
      if (data && (data.code === "session_expired" || data.code === "unauthorized" || data.code === "invalid_token")) {
        location.reload();
        return;
      }
      toast((data && data.message) || String(err.message || err), true);
    });
    socket.on("snapshot", (data) => { snapshot = data; render(); });
    ["ticket.called", "ticket.updated", "queue.changed"].forEach((name) => socket.on(name, scheduleRefresh));
  }

  async function act(action, body) {
    if (!chosen || busy) return;
    let path = action;
    if (action === "transfer") {
      const target = $("transfer-to").value;
      if (!target) { $("transfer-to").focus(); return; }
      path = "finish";
      body = { transfer_to: target };
    }
    busy = true;
    render();
    try {
      const url = "/api/v1/counters/" + encodeURIComponent(chosen.code) + "/" + path +
        "?facility=" + encodeURIComponent(chosen.facility);
      const response = await fetch(url, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf,
                   "Accept-Language": lang },
        body: JSON.stringify(body || {}),
      });
      const data = await response.json();
      if (!response.ok) {
        if (response.status === 401) { location.reload(); return; }
        toast(data.error ? data.error.message : response.statusText, true);
      } else if (data.transferred_to) {
        toast(t("sentTo") + " " + data.transferred_to.service.name + ": " + data.transferred_to.number);
      }
    } catch (err) {
      toast(String(err), true);
    } finally {
      busy = false;
      render();
      scheduleRefresh();
    }
  }

  async function loadCounters() {
    const response = await fetch("/api/v1/counters", { credentials: "same-origin" });
    if (response.status === 401) { location.reload(); return; }
    counters = await response.json();
    const select = $("counter-select");
    select.replaceChildren();
    counters.forEach((c) => {
      const option = document.createElement("option");
      option.value = c.facility.code + "/" + c.code;
      option.textContent = c.name + (new Set(counters.map((x) => x.facility.code)).size > 1 ? " · " + c.facility.name : "");
      select.appendChild(option);
    });
    if (!counters.length) { toast(t("noCounters"), true); return; }
    const wanted = params.get("counter") || localStorage.getItem("antrian.counter");
    const match = counters.find((c) => c.facility.code + "/" + c.code === wanted || c.code === wanted) || counters[0];
    select.value = match.facility.code + "/" + match.code;
    choose(select.value);
  }

  function choose(value) {
    const [facility, code] = value.split("/");
    chosen = { facility, code };
    localStorage.setItem("antrian.counter", value);
    connect();
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (button && !button.disabled) act(button.dataset.action);
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName)) return;
    const button = document.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
    if (button && !button.disabled) { event.preventDefault(); act(button.dataset.action); }
  });
  $("counter-select").addEventListener("change", (e) => { choose(e.target.value); e.target.blur(); });
  $("lang-toggle").addEventListener("click", () => {
    lang = lang === "id" ? "en" : "id";
    localStorage.setItem("antrian.lang", lang);
    applyLanguage();
  });
  setInterval(render, 15000);  // waiting times keep counting

  applyLanguage();
  loadCounters();
})();
