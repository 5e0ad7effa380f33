// The kiosk touch page. One tap on a service prints a ticket; a priority chosen first goes
// with it. A scanner typing a booking code or the QR's whole address and Enter (or the
// keypad) checks in. Every sentence about a problem comes worded from the agent; the page
// never shows a raw error. After a few idle seconds everything returns to its defaults.
(function () {
  "use strict";

  const TEXT = window.antrianKioskText;
  const CODE_KEYS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  const DEFAULT_LANG = document.body.dataset.lang === "en" ? "en" : "id";
  const IDLE_MS = Number(document.body.dataset.idleMs) || 8000;
  // A message for the patient stays MESSAGE_MS; a request waits WAIT_MS for the agent,
  // which keeps retrying the server for less than that: the page never gives up first.
  const MESSAGE_MS = Number(document.body.dataset.messageMs) || 8000;
  const WAIT_MS = Number(document.body.dataset.waitMs) || 90000;
  const $ = (id) => document.getElementById(id);
  const banner = window.KioskScreen.banner($("banner"));
  let lang = DEFAULT_LANG, priority = null, busy = false, staffPin = null;
  let idleTimer = null, jobTimer = null, wedge = "", wedgeAt = 0;
  const t = (key, vars) => Object.entries(vars || {}).reduce(
    (s, [k, v]) => s.replace("{" + k + "}", v), TEXT[lang][key] || key);

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
    $("lang").textContent = t("lang");
    refresh();
  }

  function notice(note) {
    $("notice").textContent = note ? note.text : "";
    $("notice").className = "notice" + (note && note.level === "bad" ? " bad" : "");
    $("notice").hidden = !note;
  }

  async function call(method, path, body) {
    const response = await fetch(path + (path.includes("?") ? "&" : "?") + "lang=" + lang, {
      method, headers: { "Content-Type": "application/json" }, signal: AbortSignal.timeout(WAIT_MS),
      body: body ? JSON.stringify({ ...body, lang }) : undefined,
    });
    let data = {};
    try { data = await response.json(); } catch (err) { data = {}; }
    return { ok: response.ok, status: response.status, data };
  }

  const problem = (reply) => (reply.data.error && reply.data.error.message) || t("kioskDown");

  // "Buka 07:30", "Buka besok 07:30" or "Buka Senin 07:30", against the server's own day.
  function opensText(at, now) {
    const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
    const ahead = Math.round((day(at) - day(now || at)) / 86400000);
    const time = at.slice(11, 16);
    if (ahead <= 0) return t("opensToday", { t: time });
    if (ahead === 1) return t("opensTomorrow", { t: time });
    return t("opensOn", { d: TEXT[lang].days[new Date(day(at)).getUTCDay()], t: time });
  }

  // Why today is closed, from the server ("Libur nasional: Hari Raya Natal"), or null.
  const closedReason = (s) => (lang === "en" ? s.closed_reason_en : s.closed_reason) || null;

  async function refresh() {
    let reply;
    try { reply = await call("GET", "/api/state"); } catch (err) { banner.status(t("kioskDown")); return; }
    notice(reply.data.notice);
    if (!reply.ok) { banner.status(problem(reply)); return; }
    banner.status("");
    $("facility").textContent = reply.data.facility.name;
    render(reply.data.services, reply.data.generated_at, reply.data.taking_numbers !== false);
  }

  function render(services, now, taking) {
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
      if (!s.open_now) info.textContent = [t("closed"), closedReason(s),
        s.opens_at && opensText(s.opens_at, now)].filter(Boolean).join(" · ");
      else if (full) info.textContent = t("full");
      else info.textContent = t("waiting", { n: s.waiting }) + " · " + (s.estimate_note === "no_counter_open"
        ? t("noCounter") : t("wait", { m: s.estimated_wait_minutes }));
      button.disabled = !s.open_now || full || !taking;
      button.append(name, info);
      button.addEventListener("click", () => take(s.code));
      box.appendChild(button);
    });
    window.KioskScreen.fit();
  }

  function showResult(data, checkedIn) {
    $("result-number").textContent = data.ticket.number;
    $("result-service").textContent = data.ticket.service.name;
    $("result-ahead").textContent = t("ahead", { n: data.ticket.people_ahead });
    const note = $("result-message");
    note.textContent = data.printed ? (checkedIn ? t("checkedIn") + " " : "") + t("takeTicket") : data.message;
    note.className = data.printed ? "take" : "take warn";
    $("result-qr").hidden = !data.qr;
    if (data.qr) $("result-qr").src = data.qr;
    $("result-code").hidden = !data.qr;
    $("result-code").textContent = data.qr ? t("code", { c: data.ticket.code }) : "";
    $("result").hidden = false;
    clearInterval(jobTimer);
    if (!data.printed && data.job) jobTimer = setInterval(() => watchJob(data.job), 1000);
    restartIdle();
  }

  // A ticket that could not print at once may still print within the agent's limit.
  async function watchJob(job) {
    if ($("result").hidden) { clearInterval(jobTimer); return; }
    let reply;
    try { reply = await call("GET", "/api/jobs/" + encodeURIComponent(job)); } catch (err) { return; }
    if (reply.data.print === "waiting") return;
    clearInterval(jobTimer);
    if (reply.data.print === "printed") {
      $("result-message").textContent = t("printedLate");
      $("result-message").className = "take";
    }
  }

  function idleFor() {
    if (!$("staff-menu").hidden) return Math.max(IDLE_MS, 60000);
    if (!$("result-qr").hidden && !$("result").hidden) return Math.max(IDLE_MS, 45000);
    return IDLE_MS;
  }

  function restartIdle() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => { if (busy) restartIdle(); else reset(); }, idleFor());
  }

  // Back to what the next patient should find: Indonesian, no priority, nothing open.
  function reset() {
    clearTimeout(idleTimer);
    clearInterval(jobTimer);
    ["result", "keypad", "staff-menu", "result-qr", "result-code", "staff-shown"].forEach((id) => { $(id).hidden = true; });
    priority = null;
    staffPin = null;
    document.querySelectorAll(".chip").forEach((c) => c.classList.remove("on"));
    ["code", "pin"].forEach((id) => { $(id).value = ""; });
    ["staff-lines", "staff-shown-list"].forEach((id) => $(id).replaceChildren());
    $("staff-result").textContent = "";
    $("staff-error").hidden = true;
    window.KioskScreen.firstPage();
    if (lang !== DEFAULT_LANG) { lang = DEFAULT_LANG; applyLanguage(); } else refresh();
  }

  async function request(path, body, checkedIn) {
    if (busy) return;
    busy = true;
    $("keypad").hidden = true;
    banner.say(t("working")); // until the agent answers: it may retry the server a while
    try {
      const reply = await call("POST", path, body);
      if (!reply.ok) { banner.say(problem(reply), MESSAGE_MS); restartIdle(); return; }
      banner.say("");
      showResult(reply.data, checkedIn);
    } catch (err) {
      banner.say(t("kioskDown"), MESSAGE_MS);
    } finally {
      busy = false;
      $("code").value = "";
    }
  }

  const take = (service) => request("/api/tickets", { service, priority }, false);
  const checkIn = (code) => { if (code) request("/api/check-in", { code }, true); };

  // A barcode scanner is a keyboard: it types the code, or the QR's whole address, fast and
  // ends with Enter. Every printable character is kept; the server reads every form.
  document.addEventListener("keydown", (event) => {
    if (document.activeElement && document.activeElement.id === "pin") return;
    const now = Date.now();
    if (now - wedgeAt > 1500) wedge = "";
    wedgeAt = now;
    if (event.key === "Enter") {
      const code = (wedge || $("code").value).trim();
      wedge = "";
      if (code.length >= 6) { event.preventDefault(); checkIn(code); }
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      wedge += event.key;
    }
  });
  ["pointerdown", "keydown"].forEach((kind) => document.addEventListener(kind, restartIdle, true));

  CODE_KEYS.split("").forEach((ch) => {
    const key = document.createElement("button");
    key.textContent = ch;
    key.addEventListener("click", () => { $("code").value += ch; });
    $("keys").appendChild(key);
  });
  $("key-back").addEventListener("click", () => { $("code").value = $("code").value.slice(0, -1); });
  $("key-cancel").addEventListener("click", reset);
  $("key-enter").addEventListener("click", () => checkIn($("code").value));
  $("open-keypad").addEventListener("click", () => { $("keypad").hidden = false; });
  $("result-close").addEventListener("click", reset);
  document.querySelectorAll(".chip").forEach((chip) => chip.addEventListener("click", () => {
    const on = !chip.classList.contains("on");
    document.querySelectorAll(".chip").forEach((c) => c.classList.remove("on"));
    if (on) chip.classList.add("on");
    priority = on ? chip.dataset.priority : null;
  }));
  $("lang").addEventListener("click", () => { lang = lang === "id" ? "en" : "id"; applyLanguage(); });

  // The staff menu: PIN first, then the kiosk's state in sentences and the reprints.
  function staffError(text) {
    $("staff-error").textContent = text || "";
    $("staff-error").hidden = !text;
  }

  function line(item, button) {
    const li = document.createElement("li");
    li.className = item.level || "";
    const words = document.createElement("span");
    words.textContent = item.text;
    li.append(words);
    if (button) li.append(button);
    return li;
  }

  function renderStaff(data) {
    $("staff-lines").replaceChildren(...data.lines.map((item) => line(item)));
    $("staff-shown").hidden = data.shown.length === 0;
    $("staff-shown-list").replaceChildren(...data.shown.map((job) => {
      const button = document.createElement("button");
      button.textContent = t("reprintOne");
      button.dataset.job = job.job;
      button.addEventListener("click", () => reprint(job.job));
      return line({ level: "warn", text: job.number + " · " + job.service + " · " + job.at }, button);
    }));
  }

  async function staffStatus(pin) {
    const reply = await call("POST", "/api/staff/status", { pin });
    if (!reply.ok) { staffError(problem(reply)); return; }
    staffPin = pin;
    staffError("");
    $("pin").value = "";
    $("pin-form").hidden = true;
    $("reprint").hidden = false;
    renderStaff(reply.data);
    restartIdle();
  }

  async function reprint(job) {
    const reply = await call("POST", "/api/staff/reprint", { pin: staffPin, job });
    if (!reply.ok) { staffError(problem(reply)); return; }
    $("staff-result").textContent = reply.data.message;
    await staffStatus(staffPin);
  }

  $("staff").addEventListener("click", () => {
    $("staff-menu").hidden = false;
    $("pin-form").hidden = false;
    $("reprint").hidden = true;
    $("pin").focus();
    restartIdle();
  });
  $("pin-form").addEventListener("submit", (event) => { event.preventDefault(); staffStatus($("pin").value); });
  $("staff-close").addEventListener("click", reset);
  $("reprint").addEventListener("click", () => reprint("last"));

  applyLanguage();
  setInterval(() => { if ($("result").hidden && !busy) refresh(); }, 10000);
})();
