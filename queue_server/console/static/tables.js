// The console's tables: the current patient, the waiting list in call order (each row
// with "call" and "priority" buttons) and the no-shows.
import { $ } from "/static/page.js";

function minutesSince(iso, t) {
  if (!iso) return "";
  const m = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60000));
  return m + " " + t("minutes");
}

// A number of another day (a 24-hour service's patient from before midnight) is shown
// with its date: "A-002 · 23/11".
export function numbered(row, today) {
  if (!row.date || !today || row.date === today) return row.number;
  return row.number + " · " + row.date.slice(8, 10) + "/" + row.date.slice(5, 7);
}

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text == null ? "" : text;
  if (cls) td.className = cls;
  return td;
}

function button(label, onClick, data) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  Object.assign(b.dataset, data || {});
  b.addEventListener("click", onClick);
  return b;
}

export function renderCurrent(ticket, t, today) {
  $("cur-number").textContent = ticket ? numbered(ticket, today) : "—";
  $("cur-service").textContent = ticket ? ticket.service.name : t("nobody");
  $("cur-status").innerHTML = "";
  if (ticket) {
    const badge = document.createElement("span");
    badge.className = "badge status-" + ticket.status;
    badge.textContent = t(ticket.status);
    $("cur-status").appendChild(badge);
  }
  $("cur-priority").textContent = ticket && ticket.priority !== "regular" ? t(ticket.priority) : "";
  $("cur-waited").textContent = ticket && ticket.called_at ? minutesSince(ticket.called_at, t) : "";
  const who = ticket && ticket.patient && (ticket.patient.name || ticket.patient.nik);
  $("cur-who").textContent = who ? [ticket.patient.name, ticket.patient.nik].filter(Boolean).join(" · ") : "";
}

// on: {call(row), priority(row)}: the buttons of each waiting row.
export function renderWaiting(rows, t, on, today) {
  const body = $("waiting");
  body.replaceChildren();
  if (!rows.length) {
    const tr = document.createElement("tr");
    const td = cell(t("empty"), "muted");
    td.colSpan = 6;
    tr.appendChild(td);
    body.appendChild(tr);
  }
  rows.forEach((row) => {
    const tr = document.createElement("tr");
    tr.dataset.number = row.number;
    const actions = document.createElement("td");
    actions.className = "row-actions";
    actions.append(
      button(t("call"), () => on.call(row), { callNumber: row.number }),
      button(t("changePriority"), () => on.priority(row), { priorityOf: row.number }));
    tr.append(cell(numbered(row, today), "num"), cell(row.service_name), cell(row.priority === "regular" ? "" : t(row.priority)),
      cell(minutesSince(row.waiting_since, t)), cell([row.name, row.nik].filter(Boolean).join(" · ")), actions);
    body.appendChild(tr);
  });
  $("waiting-total").textContent = rows.length;
}

// back(row): put a no-show back in the queue.
export function renderNoShows(rows, t, back, today) {
  const body = $("no-shows");
  body.replaceChildren();
  rows.forEach((row) => {
    const tr = document.createElement("tr");
    const td = document.createElement("td");
    td.appendChild(button(t("back"), () => back(row), { requeue: row.number }));
    tr.append(cell(numbered(row, today), "num"), cell(row.service), td);
    body.appendChild(tr);
  });
}
