"""The one text catalogue (queue_server/translations), read by key with the standard
library's gettext, so rules and words of the domain stay free of Flask and Babel.

Keys are the catalogue's msgids (`priority.elderly`, `date.monday`); `docs/translations.md`
says how to add one.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    return gettext.translation("messages", CATALOGUE, languages=[lang])


def text(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The text of `key` in `lang` ("en"; anything else reads as Indonesian, the default).

    Raises KeyError when the catalogue has no such key: a typo must never reach a patient
    as the key itself."""
    said = _catalogue("en" if lang == "en" else DEFAULT_LANGUAGE).gettext(key)
    if said == key:
        raise KeyError(f"no text {key!r} in the catalogue ({CATALOGUE})")
    return said
