// One facility's admin page: each section reads and writes its objects through
// /api/v1/admin; a change to the services refreshes the counters' list of codes.
import { $ } from "/static/page.js";
import { initAudit, loadAudit } from "./audit.js";
import { initCounters, loadCounters } from "./counters.js";
import { initDevices, loadDevices } from "./devices.js";
import { initServices, loadServices } from "./services.js";
import { initSettings, loadSettings } from "./settings.js";
import { initTransfer } from "./transfer.js";
import { initUsers, loadUsers } from "./users.js";

const facility = $("page").dataset.facility;

// Every change is in the audit log at once (the dates chosen there still apply).
const changed = () => loadAudit();
initSettings(facility, changed);
initServices(facility, changed);
initCounters(facility, changed);
initDevices(facility, changed);
initUsers(facility, changed);
initAudit(facility);
// An import may change anything: every section is read again.
const everything = () => Promise.all([loadSettings(), loadServices(), loadCounters(),
  loadDevices(), loadUsers(), loadAudit()]);
initTransfer(facility, everything);

everything().then(() => { document.body.dataset.ready = "1"; });
