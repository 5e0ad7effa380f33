"""Security headers on every answer, and the session cookie marked Secure over HTTPS.

A strict Content-Security-Policy (the app's own origin only; no inline script or style),
frames refused (the board may be framed by the signage players named in
`ANTRIAN_FRAME_ANCESTORS`), `nosniff`, a same-origin referrer, and HSTS when the request
came over HTTPS, directly or through the proxy's `X-Forwarded-Proto` (with
`ANTRIAN_PROXIES`). OWASP Secure Headers Project; CSP Level 3.
"""

from __future__ import annotations

from flask import Flask, Request, Response, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "media-src 'self'; connect-src 'self'; font-src 'self'; manifest-src 'self'; "
       "worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors {ancestors}")
# ReDoc (the API's human docs) injects its own styles: that page alone allows them.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HSTS = "max-age=31536000; includeSubDomains"


class SessionOverHttps(SecureCookieSessionInterface):
    """The session cookie is `Secure` whenever the request came over HTTPS.

    A request that carries no session cookie, or a bearer token (which every guard reads
    before the cookie), starts with an empty session without checking the cookie's
    signature: a tenth of a millisecond off each API request."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and (not request.cookies.get(self.get_cookie_name(app))
                               or _has_bearer(request)):
            return self.session_class()
        return super().open_session(app, request)

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def _has_bearer(request: Request) -> bool:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and bool(token.strip())


def _ancestors(app: Flask, path: str) -> str:
    allowed = app.config.get("FRAME_ANCESTORS") or ""
    return allowed if allowed and path.startswith("/display/") else "'none'"


def add_headers(response: Response) -> Response:
    """The after-request hook: the headers above, unless a view set its own."""
    from flask import current_app

    ancestors = _ancestors(current_app, request.path)
    policy = DOCS_CSP if request.path.rstrip("/").endswith("/api/v1/docs") else CSP
    headers = response.headers
    headers.setdefault("Content-Security-Policy", policy.format(ancestors=ancestors))
    if ancestors == "'none'":
        headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def install(app: Flask) -> None:
    """Headers on every answer; the session cookie follows the request's scheme."""
    app.session_interface = SessionOverHttps()
    app.after_request(add_headers)
