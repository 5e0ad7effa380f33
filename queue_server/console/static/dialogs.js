// The console's two small dialogs: where to send the patient on (↑ ↓ choose, Enter
// sends, Esc cancels) and a ticket's new priority with its reason. Both are modal; when
// one closes, focus goes back to where it was, so the shortcuts work again at once.
import { $ } from "/static/page.js";
import { PRIORITIES } from "./priorities.js";

let returnTo = null;
let restorePending = false;
let t = (key) => key;

export function anyDialogOpen() {
  return document.querySelector("dialog[open]") !== null;
}

function open(dialog, focus) {
  returnTo = document.activeElement;
  restorePending = true;
  dialog.showModal();
  focus.focus();
}

function restoreFocus() {
  if (!restorePending) return;
  restorePending = false;
  const target = returnTo;
  returnTo = null;
  if (target && target !== document.body && document.contains(target) && !target.disabled) {
    target.focus();
  } else if (document.activeElement) {
    document.activeElement.blur();
  }
}

// Focus goes back in the same moment the dialog closes, so the very next key is a shortcut.
function close(dialog) {
  if (dialog.open) dialog.close();
  restoreFocus();
}

// --- transfer: a listbox of the other services -------------------------------------
let onTransfer = () => {};

function options() {
  return Array.from($("transfer-options").querySelectorAll("[role=option]"));
}

function setActive(index) {
  const all = options();
  if (!all.length) return;
  const next = Math.max(0, Math.min(all.length - 1, index));
  all.forEach((li, i) => li.setAttribute("aria-selected", String(i === next)));
  $("transfer-options").setAttribute("aria-activedescendant", all[next].id);
  all[next].scrollIntoView({ block: "nearest" });
}

function activeIndex() {
  return options().findIndex((li) => li.getAttribute("aria-selected") === "true");
}

function confirmTransfer() {
  const chosen = options()[activeIndex()];
  if (!chosen) return;
  close($("transfer-dialog"));
  onTransfer(chosen.dataset.code);
}

const MOVES = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

function transferKeys(event) {
  const last = options().length - 1;
  let target = null;
  if (event.key in MOVES) target = activeIndex() + MOVES[event.key];
  else if (event.key === "Home") target = 0;
  else if (event.key === "End") target = last;
  if (target !== null) setActive(target);
  else if (event.key === "Enter") confirmTransfer();
  else return;
  event.preventDefault();
  event.stopPropagation();
}

export function openTransfer(services) {
  const list = $("transfer-options");
  list.replaceChildren(...services.map((s, i) => {
    const li = document.createElement("li");
    li.id = "transfer-option-" + i;
    li.setAttribute("role", "option");
    li.dataset.code = s.code;
    li.textContent = s.name;
    return li;
  }));
  setActive(0);
  open($("transfer-dialog"), list);
}

export function closeTransfer() {
  if ($("transfer-dialog").open) close($("transfer-dialog"));
}

// --- priority: a class and a reason for one ticket ----------------------------------
let onPriority = async () => null;

export function openPriority(row) {
  $("priority-number").textContent = row.number;
  $("priority-dialog").dataset.number = row.number;
  const select = $("priority-select");
  select.replaceChildren(...PRIORITIES.map((p) => new Option(t(p), p)));
  select.value = PRIORITIES.find((p) => p !== row.priority);
  $("priority-reason").value = "";
  $("priority-error").textContent = "";
  open($("priority-dialog"), select);
}

async function submitPriority(event) {
  event.preventDefault();
  const button = $("priority-save");
  button.disabled = true;
  try {
    const error = await onPriority($("priority-dialog").dataset.number,
      $("priority-select").value, $("priority-reason").value);
    if (error) $("priority-error").textContent = error;
    else close($("priority-dialog"));
  } finally {
    button.disabled = false;
  }
}

// ctx: {t, transfer(code), priority(number, priority, reason) -> error message or null}
export function initDialogs(ctx) {
  t = ctx.t;
  onTransfer = ctx.transfer;
  onPriority = ctx.priority;
  $("transfer-options").addEventListener("keydown", transferKeys);
  $("transfer-options").addEventListener("click", (event) => {
    const li = event.target.closest("[role=option]");
    if (li) { setActive(options().indexOf(li)); confirmTransfer(); }
  });
  $("transfer-confirm").addEventListener("click", confirmTransfer);
  $("priority-form").addEventListener("submit", submitPriority);
  document.querySelectorAll("dialog [data-close]").forEach((button) =>
    button.addEventListener("click", () => close(button.closest("dialog"))));
  document.querySelectorAll("dialog").forEach((dialog) => {
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      close(dialog);
    });
    dialog.addEventListener("close", restoreFocus);  // closed some other way
  });
}
