// The RW chair's form (/musrenbang/rw): the amount (quantity × the item's unit price, whole
// rupiah, half a rupiah up as the server's rules.amount_of) and what remains of the RW's
// ceiling update as the form is filled; an amount over the remaining ceiling, or a fraction
// of a countable unit, is refused
// on the page before sending (the server checks again). Over the ceiling, "left after"
// says by how much. Nothing to do when the page offers no form (the phase is closed).
import { $, texts } from "/static/page.js";

const budget = $("budget");
const lang = budget ? budget.dataset.lang : "id";
const t = texts(["fix18i", "musrenbang"], () => lang);
const left = budget ? Number(budget.dataset.left) : 0;

function money(amount) {
  const grouped = Math.max(amount, 0).toLocaleString("en-US");
  return lang === "en" ? "IDR " + grouped : "Rp " + grouped.replaceAll(",", ".");
}

function quantity() {
  const said = $("quantity").value.trim().replace(",", ".");
  return /^\d+(\.\d{1,2})?$/.test(said) ? Number(said) : NaN;
}

function amount() {
  const option = $("item").selectedOptions[0];
  const price = option && option.dataset.price ? Number(option.dataset.price) : NaN;
  $("unit").textContent = option && option.dataset.unit ? "(" + option.dataset.unit + ")" : "";
  // cents first, then whole rupiah: quantity has at most 2 decimals
  const cents = Math.round(quantity() * 100) * price;
  return Number.isFinite(cents) ? Math.floor((cents + 50) / 100) : NaN;
}

function check() {
  const value = amount();
  const error = $("quantity-error");
  const option = $("item").selectedOptions[0];
  let problem = "";
  const fraction = option && option.dataset.whole && $("quantity").value.trim()
    && !Number.isInteger(quantity());
  if (fraction) {
    problem = option.dataset.whole; // a countable unit (titik, unit, paket…): whole numbers
    $("amount-said").textContent = "";
    $("left-after").textContent = money(left);
  } else if (Number.isFinite(value) && value > 0) {
    $("amount-said").textContent = t("amount_is", { amount: money(value) });
    $("left-after").textContent = value > left
      ? t("over_by", { amount: money(value - left) }) : money(left - value);
    if (value > left) problem = t("over_ceiling", { left: money(left), amount: money(value) });
  } else {
    $("amount-said").textContent = "";
    $("left-after").textContent = money(left);
  }
  error.textContent = problem;
  error.hidden = !problem;
  $("quantity").setAttribute("aria-invalid", problem ? "true" : "false");
  return !problem;
}

if (budget && $("proposal-form")) {
  for (const id of ["item", "quantity"]) $(id).addEventListener("input", check);
  $("item").addEventListener("change", check);
  $("proposal-form").addEventListener("submit", (event) => {
    if (!check()) {
      event.preventDefault();
      $("quantity").focus();
    }
  });
  check();
}
