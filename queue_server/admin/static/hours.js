// A service's opening hours between the form and its configuration entry: "24h", or a
// mapping of weekdays (mon..sun) and special dates to "HH:MM-HH:MM" ranges. The form
// says a day as "07:30-12:00, 13:00-15:00" (empty: closed) and a special date as a line
// "2026-12-24 07:30-11:00" or "2026-12-25 closed". The server judges every range.
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const SPREAD = { daily: DAYS, weekdays: DAYS.slice(0, 5) };
const CLOSED = new Set(["closed", "tutup", "libur"]);

const ranges = (value) => (Array.isArray(value) ? value : value ? [value] : []);
const oneOrMany = (list) => (list.length === 1 ? list[0] : list);

// {open24h, days: {mon: "07:30-14:30", ...}, special: "2026-12-25 closed\n..."}
export function hoursToForm(hours) {
  const days = Object.fromEntries(DAYS.map((d) => [d, ""]));
  if (!hours || hours === "24h") return { open24h: hours === "24h", days, special: "" };
  const special = [];
  Object.entries(hours).forEach(([key, value]) => {
    const said = value === "closed" ? [] : ranges(value);
    if (SPREAD[key]) SPREAD[key].forEach((d) => { days[d] = said.join(", "); });
    else if (DAYS.includes(key)) days[key] = said.join(", ");
    else special.push(key + " " + (said.length ? said.join(", ") : "closed"));
  });
  return { open24h: false, days, special: special.join("\n") };
}

// The entry's `hours` from the form: a day left empty is closed (left out).
export function formToHours(open24h, days, special) {
  if (open24h) return "24h";
  const hours = {};
  DAYS.forEach((d) => {
    const list = (days[d] || "").split(",").map((s) => s.trim()).filter(Boolean);
    if (list.length) hours[d] = oneOrMany(list);
  });
  special.split("\n").map((l) => l.trim()).filter(Boolean).forEach((line) => {
    const [date, ...rest] = line.split(/\s+/);
    const value = rest.join(" ").trim();
    hours[date] = CLOSED.has(value.toLowerCase()) || !value ? "closed"
      : oneOrMany(value.split(",").map((s) => s.trim()).filter(Boolean));
  });
  return hours;
}

// "Sen–Jum 07:30-14:30"-like summaries are long; the table says "24 jam" or the days open.
export function hoursSummary(hours, t) {
  if (hours === "24h") return t("open24hShort");
  const form = hoursToForm(hours);
  const open = DAYS.filter((d) => form.days[d]);
  if (!open.length) return t("closedAllWeek");
  return open.map((d) => t("dayShort." + d) + " " + form.days[d]).join("; ");
}
