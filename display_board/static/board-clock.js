// The board's date and clock, in the facility's time zone with its label (WIB, WITA, WIT),
// both sent by the server; "today" follows the server's clock, which the TV's may not.
(function () {
  "use strict";

  window.antrianClock = function (dateEl, timeEl, lang, zone, label) {
    const locale = lang === "en" ? "en-GB" : "id-ID";
    let dateFmt, timeFmt, isoFmt;
    let skew = 0;
    const clock = {
      zone, label,
      // Another zone (the snapshot says so): the clock and "today" follow it.
      use(timeZone, tzLabel) {
        clock.zone = timeZone;
        clock.label = tzLabel;
        dateFmt = new Intl.DateTimeFormat(locale, { timeZone, weekday: "long", day: "numeric",
                                                    month: "long", year: "numeric" });
        timeFmt = new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit",
                                                    second: "2-digit", hour12: false });
        isoFmt = new Intl.DateTimeFormat("en-CA", { timeZone });  // YYYY-MM-DD
        clock.tick();
      },
      // The server's time now (a snapshot's generated_at): the day turns by it.
      serverTime(iso) { skew = Date.parse(iso) - Date.now(); },
      today() { return isoFmt.format(new Date(Date.now() + skew)); },
      tick() {
        const now = new Date();
        dateEl.textContent = dateFmt.format(now);
        timeEl.textContent = timeFmt.format(now).replace(/\./g, ":") + " " + clock.label;
      },
    };
    clock.use(zone, label);
    setInterval(clock.tick, 1000);
    return clock;
  };
})();
