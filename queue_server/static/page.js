// What the server's pages share (console, board, patient pages): `$`, the page's texts
// (`texts`), calls to /api/v1 (`api`) and the live connection (`live`).

export const $ = (id) => document.getElementById(id);

// The page's texts in both languages, from the one catalogue (queue_server/translations),
// written into the page by the server: <script type="application/json" id="page-texts">.
const CATALOGUE = JSON.parse((document.getElementById("page-texts") || {}).textContent || "{}");

function lookUp(words, namespaces, key) {
  for (const namespace of namespaces) {
    const said = words && words[namespace + "." + key];
    if (said !== undefined) return said;
  }
  return undefined;
}

// t(key, values): `key` looked up under each namespace in turn (["console", "priority"]), in
// the language `lang()` gives, else in Indonesian, else the key itself; "{n}" is filled
// from values ({n: 3}).
export function texts(namespaces, lang) {
  return (key, values) => {
    const said = lookUp(CATALOGUE[lang()], namespaces, key) ?? lookUp(CATALOGUE.id, namespaces, key) ?? key;
    return Object.entries(values || {}).reduce((s, [a, b]) => s.replace("{" + a + "}", b), said);
  };
}

// ---- calls to /api/v1: the session cookie, the page's CSRF token (where the page has one),
//      the chosen language, and an Idempotency-Key when the caller gives one (kept when a
//      dropped request is sent again, so the server acts once) ----------------------------
const csrfMeta = document.querySelector('meta[name="csrf-token"]');

// crypto.randomUUID needs a secure context; a clinic LAN address over http is not one.
export function newKey(prefix) {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return (prefix || "") + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function send(method, path, body, lang, key, extra) {
  const headers = { "Accept-Language": lang, ...(extra || {}) };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    if (csrfMeta) headers["X-CSRFToken"] = csrfMeta.content;
  }
  if (key) headers["Idempotency-Key"] = key;
  const response = await fetch(path, {
    method, credentials: "same-origin", headers,
    body: method === "GET" ? undefined : JSON.stringify(body || {}),
  });
  let data = null;
  try { data = await response.json(); } catch (err) { data = null; }
  return { ok: response.ok, status: response.status, data };
}

// {ok, status, data} (data null when the answer is not JSON); a request the network
// dropped is sent once more when it carries a key. options: {lang, key, headers}.
export async function api(method, path, body, options) {
  const { lang = "id", key = null, headers = null } = options || {};
  try {
    return await send(method, path, body, lang, key, headers);
  } catch (err) {
    if (!key) throw err;
    return await send(method, path, body, lang, key, headers);
  }
}

export function errorMessage(reply) {
  const error = reply.data && reply.data.error;
  return error ? error.message : "HTTP " + reply.status;
}

// ---- the live connection: Socket.IO (vendor script `io`), websocket first. `auth` says
//      what the page watches (DESIGN.md); `online(bool)` hears every connect and
//      disconnect; `keepTrying` reconnects after a refused connect too, which socket.io
//      does not retry by itself (a TV must never give up). -------------------------------
export function live(auth, { online = null, keepTrying = false, options = {} } = {}) {
  const socket = io({ auth, transports: ["websocket", "polling"], ...options });
  if (online) {
    socket.on("connect", () => online(true));
    socket.on("disconnect", () => online(false));
  }
  if (keepTrying) {
    socket.on("connect_error", () => { if (!socket.active) setTimeout(() => socket.connect(), 5000); });
  }
  return socket;
}
