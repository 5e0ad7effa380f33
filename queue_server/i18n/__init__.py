"""Languages of the server's pages: Flask-Babel over the one catalogue in
queue_server/translations, and each page's texts for its JavaScript.

A page is in English with `?lang=en` and in Indonesian otherwise, as the pages chose
before the catalogue; the API's messages follow `Accept-Language` (mobile_api) and do
not go through here.
"""

from __future__ import annotations

from flask import Flask, has_request_context, request
from flask_babel import Babel  # type: ignore[import-untyped]

from ..domain.texts import CATALOGUE, DEFAULT_LANGUAGE, LANGUAGES, messages

babel = Babel()


def page_language() -> str:
    """The language a page is shown in: "en" with `?lang=en`, else "id" (also outside
    a request)."""
    if has_request_context() and request.args.get("lang") == "en":
        return "en"
    return DEFAULT_LANGUAGE


def page_texts(*namespaces: str) -> dict[str, dict[str, str]]:
    """Every text under the given key prefixes (`"console"` gives `console.*`), in both
    languages, for a page whose script switches language without a reload:
    `{"id": {"console.callNext": "Panggil berikutnya", ...}, "en": {...}}`."""
    prefixes = tuple(f"{name}." for name in namespaces)
    return {lang: {key: said for key, said in messages(lang).items()
                   if key.startswith(prefixes)}
            for lang in LANGUAGES}


def init_app(app: Flask) -> None:
    """Flask-Babel with the catalogue and the page's language; `_()` and
    `page_texts(...)` in every template."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(CATALOGUE))
    babel.init_app(app, locale_selector=page_language)
    app.jinja_env.globals["page_texts"] = page_texts
