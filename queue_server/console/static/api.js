// Calls to /api/v1 from the console: the session cookie, the page's CSRF token, the
// chosen language, and one Idempotency-Key per press (kept when a dropped request is sent
// again, so the server acts once).
const csrf = document.querySelector('meta[name="csrf-token"]').content;

// crypto.randomUUID needs a secure context; a clinic LAN address over http is not one.
export function newKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return "console-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function send(method, path, body, lang, key) {
  const headers = { "Accept-Language": lang };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    headers["X-CSRFToken"] = csrf;
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

// {ok, status, data}; a request the network dropped is sent once more with its key.
export async function request(method, path, body, options) {
  const { lang = "id", key = null } = options || {};
  try {
    return await send(method, path, body, lang, key);
  } catch (err) {
    if (!key) throw err;
    return await send(method, path, body, lang, key);
  }
}

export function errorMessage(reply) {
  const error = reply.data && reply.data.error;
  return error ? error.message : "HTTP " + reply.status;
}
