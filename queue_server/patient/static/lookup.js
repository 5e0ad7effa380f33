// "Lupa kode? Cari booking saya": NIK and the phone given at booking → the patient's
// active bookings, each a link to its /t/{code} page (POST /api/v1/bookings/lookup).
import { $, api, errorMessage, texts } from "/static/page.js";

(function () {
  "use strict";
  const lang = () => (document.documentElement.lang === "en" ? "en" : "id");
  const t = texts(["lookup"], lang);
  let shown = null;  // the last answer, drawn again when the language changes

  function applyLanguage() {
    document.querySelectorAll("[data-lt]").forEach((el) => { el.textContent = t(el.dataset.lt); });
    if (shown) render(shown);
  }

  function day(iso) {
    const fmt = new Intl.DateTimeFormat(lang() === "en" ? "en-GB" : "id-ID",
      { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    return fmt.format(new Date(iso + "T00:00:00Z"));
  }

  function item(b) {  // one booking: a link to its ticket page
    const link = document.createElement("a");
    link.href = "/t/" + encodeURIComponent(b.code);
    const number = Object.assign(document.createElement("b"), { textContent: b.number });
    const what = Object.assign(document.createElement("span"),
      { textContent: `${b.service.name} · ${b.facility.name}` });
    const when = Object.assign(document.createElement("small"),
      { textContent: `${day(b.date)} · ${t(b.status) || b.status} · ${t("code")} ${b.code}` });
    link.append(number, what, when);
    const li = document.createElement("li");
    li.appendChild(link);
    return li;
  }

  function render(bookings) {
    shown = bookings;
    $("lookup-none").hidden = bookings.length > 0;
    $("lookup-list").replaceChildren(...bookings.map(item));
  }

  $("lookup-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("lookup-error").textContent = "";
    $("lookup-find").disabled = true;
    try {
      const reply = await api("POST", "/api/v1/bookings/lookup",
        { nik: $("lookup-nik").value, phone: $("lookup-phone").value }, { lang: lang() });
      if (!reply.ok) {
        shown = null;
        $("lookup-none").hidden = true;
        $("lookup-list").replaceChildren();
        $("lookup-error").textContent = errorMessage(reply);
        return;
      }
      render(reply.data);
    } catch (err) {
      $("lookup-error").textContent = t("offline");
    } finally {
      $("lookup-find").disabled = false;
    }
  });
  // book.js switches the page's language by setting <html lang>: follow it.
  new MutationObserver(applyLanguage).observe(document.documentElement,
    { attributes: true, attributeFilter: ["lang"] });
  applyLanguage();
})();
