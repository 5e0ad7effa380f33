// Whole rows only. A list that does not fit its box is cut into pages of whole rows that
// turn by themselves, so every row is on screen at least once every CYCLE_MS; "1/2" tells
// which page is up. A list that does not turn (the last calls) shows its first page.
(function () {
  "use strict";

  const CYCLE_MS = 18000;   // every row is seen within this (the promise is 20 s)
  const LONGEST_MS = 8000;  // a page stays up at most this long

  // Pages of whole rows, measured with every row laid out (rows never shrink): a page
  // holds the rows from its first one's top to where the box ends.
  function pagesOf(container) {
    const rows = Array.from(container.children);
    rows.forEach((row) => { row.hidden = false; });
    const room = container.getBoundingClientRect().height;
    const boxes = rows.map((row) => row.getBoundingClientRect());
    const pages = [];
    let page = [];
    let top = 0;
    rows.forEach((row, i) => {
      if (page.length && boxes[i].bottom - top > room + 0.5) {
        pages.push(page);
        page = [];
      }
      if (!page.length) top = boxes[i].top;
      page.push(row);
    });
    pages.push(page);
    return balanced(pages, rows);
  }

  // 6 rows where 5 fit: pages of 3 and 3 rather than 5 and 1, when the rows allow it.
  function balanced(pages, rows) {
    if (pages.length < 2) return pages;
    const size = Math.ceil(rows.length / pages.length);
    const most = Math.min(...pages.slice(0, -1).map((p) => p.length));
    if (size > most) return pages;  // rows of different heights: keep the measured pages
    const even = [];
    for (let i = 0; i < rows.length; i += size) even.push(rows.slice(i, i + size));
    return even;
  }

  window.antrianPages = function (container, label, turns) {
    let pages = [[]];
    let index = 0;
    let timer = null;

    function show() {
      pages.forEach((rows, i) => rows.forEach((row) => { row.hidden = i !== index; }));
      if (label) {
        label.hidden = pages.length < 2;
        label.textContent = (index + 1) + "/" + pages.length;
      }
      container.dataset.page = String(index + 1);
      container.dataset.pages = String(pages.length);
    }

    function schedule() {
      if (timer !== null || !turns || pages.length < 2) return;
      timer = setTimeout(() => {
        timer = null;
        index = (index + 1) % pages.length;
        show();
        schedule();
      }, Math.min(LONGEST_MS, CYCLE_MS / pages.length));
    }

    return {
      // After the rows changed or the screen was resized: measure again, keep the page.
      layout() {
        pages = pagesOf(container);
        if (!turns || index >= pages.length) index = 0;
        show();
        schedule();
      },
      count() { return pages.length; },
    };
  };
})();
