// The kiosk page's screen helpers, used by kiosk.js (window.KioskScreen):
// - banner(): the line a patient must be able to read. A message stays a fixed time (or,
//   while a request is in flight, until its answer); the start screen's own state problem
//   (from the periodic refresh) shows only when no message is up, and a refresh never
//   clears a message early.
// - fit(): every service button whole and on screen at once. The columns and rows are
//   chosen for the number of services and the space left; buttons shrink (never below a
//   touchable size), and only beyond that are the services paged, with "1/2" and arrows.
(function () {
  "use strict";

  function banner(el) {
    let held = "", status = "", timer = null;
    const show = () => {
      const text = held || status;
      el.textContent = text;
      el.hidden = !text;
    };
    return {
      // A message for the patient: it stays `ms` milliseconds, or without `ms` until the
      // next say() (e.g. "Mohon tunggu…" until the answer comes). say("") takes it away.
      say(text, ms) {
        clearTimeout(timer);
        held = text || "";
        if (held && ms) timer = setTimeout(() => { held = ""; show(); }, ms);
        show();
      },
      // The start screen's state (e.g. the server cannot be reached), under any message.
      status(text) { status = text || ""; show(); },
      get text() { return held || status; },
    };
  }

  const PAGER = { id: ["Halaman sebelumnya", "Halaman berikutnya"], en: ["Previous page", "Next page"] };
  const RATIO = 2.4; // a service button reads best about this much wider than high
  const $ = (id) => document.getElementById(id);
  let page = 0;

  const vmin = () => Math.min(window.innerWidth, window.innerHeight) / 100;
  // The smallest button that is still easy to touch and read, the largest worth drawing.
  const sizes = () => ({ minH: Math.max(72, 10 * vmin()), minW: Math.max(180, 22 * vmin()),
    maxH: 24 * vmin(), gap: 2 * vmin() });

  // The best grid for `count` buttons in width×height, or null when even the smallest
  // touchable buttons do not all fit.
  function grid(count, width, height, s) {
    let best = null;
    for (let cols = 1; cols <= count; cols += 1) {
      const rows = Math.ceil(count / cols);
      const w = (width - s.gap * (cols - 1)) / cols;
      const h = Math.min((height - s.gap * (rows - 1)) / rows, s.maxH);
      if (w < s.minW || h < s.minH) continue;
      const score = Math.min(w / RATIO, h);
      if (!best || score > best.score) best = { cols, rows, w, h, score, per: count };
    }
    return best;
  }

  // Pages of the smallest touchable buttons: as many columns and rows as fit.
  function paged(count, width, height, s) {
    const cols = Math.max(1, Math.floor((width + s.gap) / (s.minW + s.gap)));
    const rows = Math.max(1, Math.floor((height + s.gap) / (s.minH + s.gap)));
    const w = (width - s.gap * (cols - 1)) / cols;
    const h = Math.min((height - s.gap * (rows - 1)) / rows, s.maxH);
    return { cols, rows, w, h, per: cols * rows };
  }

  // The words of every shown button inside it: one smaller size for all, when needed.
  function shrinkWords(box, buttons) {
    const cut = () => buttons.some((b) => !b.hidden
      && (b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1));
    let scale = 1;
    box.style.setProperty("--words", "1");
    while (scale > 0.55 && cut()) {
      scale -= 0.05;
      box.style.setProperty("--words", scale.toFixed(2));
    }
  }

  function showPage(buttons, per, pages) {
    page = Math.min(page, pages - 1);
    buttons.forEach((b, i) => { b.hidden = Math.floor(i / per) !== page; });
    $("pages").hidden = pages < 2;
    $("page-of").textContent = (page + 1) + "/" + pages;
    const words = PAGER[document.documentElement.lang] || PAGER.id;
    $("page-prev").setAttribute("aria-label", words[0]);
    $("page-next").setAttribute("aria-label", words[1]);
    $("page-prev").disabled = page === 0;
    $("page-next").disabled = page >= pages - 1;
  }

  // Lay the services out again (after a render, a resize, a banner coming or going).
  function fit() {
    const box = $("services");
    const buttons = Array.from(box.querySelectorAll(".service"));
    if (!buttons.length || !box.clientHeight) { $("pages").hidden = true; return; }
    const s = sizes();
    const height = box.clientHeight, width = box.clientWidth;
    let best = grid(buttons.length, width, height, s);
    if (!best) best = paged(buttons.length, width, height, s);
    const pages = Math.ceil(buttons.length / best.per);
    box.style.gridTemplateColumns = "repeat(" + best.cols + ", minmax(0, 1fr))";
    box.style.gridAutoRows = Math.floor(best.h) + "px";
    box.style.setProperty("--cell-h", Math.floor(best.h) + "px");
    box.style.setProperty("--cell-w", Math.floor(best.w) + "px");
    showPage(buttons, best.per, pages);
    shrinkWords(box, buttons);
  }

  function turn(step) { page = Math.max(0, page + step); fit(); }

  document.addEventListener("DOMContentLoaded", () => {
    $("page-prev").addEventListener("click", () => turn(-1));
    $("page-next").addEventListener("click", () => turn(1));
    // A banner, a notice or the pager coming or going changes the room: lay out again.
    new ResizeObserver(() => fit()).observe($("services"));
  });

  window.KioskScreen = { banner, fit, firstPage: () => { page = 0; fit(); } };
})();
