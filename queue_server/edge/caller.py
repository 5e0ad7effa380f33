"""Who is calling: the bearer token a request presents and the address it comes from."""

from __future__ import annotations

from flask import current_app, request


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer …` header, or None (no header, another
    scheme, an empty token)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def client_address() -> str:
    """The caller's address: the one `ANTRIAN_PROXIES` trusted proxies name in
    X-Forwarded-For (as ProxyFix reads it), else the connection's.

    A Socket.IO connect is not passed through ProxyFix (Engine.IO answers it first), so
    the header is read here when ProxyFix has not already done so."""
    hops = int(current_app.config.get("PROXIES") or 0)
    if hops and "werkzeug.proxy_fix.orig" not in request.environ:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")
        if len(forwarded) >= hops and forwarded[-hops].strip():
            return forwarded[-hops].strip()
    return request.remote_addr or "?"
