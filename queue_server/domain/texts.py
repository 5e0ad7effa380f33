"""The one text catalogue (queue_server/translations), read by key with the standard
library's gettext parser, so rules and words of the domain stay free of Flask and Babel.

Keys are the catalogue's msgids (`priority.elderly`, `status.waiting`); `docs/translations.md`
says how to add one. The pages read the same compiled files through here too
(`queue_server.i18n.page_texts`); only Flask-Babel's `_()` in templates loads them itself.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

CATALOGUE = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


def language(lang: str | None) -> str:
    """`lang` as one of LANGUAGES: "en" stays English, anything else is Indonesian."""
    return "en" if lang == "en" else DEFAULT_LANGUAGE


@cache
def messages(lang: str) -> Mapping[str, str]:
    """Every key of the compiled catalogue of `lang` (one of LANGUAGES) → its text.

    Raises OSError when the `.mo` file is missing (`pybabel compile`, docs/translations.md)."""
    with open(CATALOGUE / language(lang) / "LC_MESSAGES" / "messages.mo", "rb") as compiled:
        parsed = gettext.GNUTranslations(compiled)
    # The standard library keeps the parsed messages in `_catalog` and lists them nowhere
    # else; the empty key is the file's header, tuple keys are plural forms (none here).
    catalog: dict[object, str] = vars(parsed)["_catalog"]
    return MappingProxyType({key: said for key, said in catalog.items()
                             if isinstance(key, str) and key})


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values: Any) -> str:
    """The text of `key` in `lang` ("en"; anything else reads as Indonesian, the default),
    with `{name}` fields filled from `values` when any are given.

    Raises KeyError when the catalogue has no such key: a typo must never reach a patient
    as the key itself."""
    said = messages(language(lang)).get(key)
    if said is None:
        raise KeyError(f"no text {key!r} in the catalogue ({CATALOGUE})")
    return said.format(**values) if values else said


def both(key: str, **values: Any) -> tuple[str, str]:
    """The text of `key` in Indonesian and in English, `(id, en)`, filled from `values`
    (for `errors.Words(*both(key))`). Raises KeyError as `text` does."""
    return text(key, "id", **values), text(key, "en", **values)
