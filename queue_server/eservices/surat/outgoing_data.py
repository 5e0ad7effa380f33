"""e-Surat outgoing letters' data: the letter templates (templates.yaml) and the unit
code of each office for letter numbers (units.yaml), read once; filling a template."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from queue_server.services.yaml_text import read_yaml

from .outgoing_errors import NoUnitCode, TemplateFieldsMissing, TemplateUnknown

HERE = Path(__file__).parent
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
FIELD_MAX = 500  # characters of one template field


@dataclass(frozen=True)
class TemplateField:
    """A field the drafter fills: its placeholder `name` and its label in both languages."""

    name: str
    label: str
    label_en: str


@dataclass(frozen=True)
class LetterTemplate:
    """A letter template: `code`, title in both languages, default classification code,
    its fields, and the body with `{placeholders}` (paragraphs split by a blank line)."""

    code: str
    title: str
    title_en: str
    classification: str
    fields: tuple[TemplateField, ...]
    body: str

    def as_dict(self) -> dict[str, Any]:
        """The template as the API lists it."""
        return {"code": self.code, "title": self.title, "title_en": self.title_en,
                "classification": self.classification, "body": self.body,
                "fields": [{"name": f.name, "label": f.label, "label_en": f.label_en}
                           for f in self.fields]}


@cache
def templates() -> tuple[LetterTemplate, ...]:
    """Every template of templates.yaml, in its order."""
    data = read_yaml(HERE / "templates.yaml")
    return tuple(LetterTemplate(
        code=item["code"], title=item["title"], title_en=item["title_en"],
        classification=str(item["classification"]), body=item["body"].strip(),
        fields=tuple(TemplateField(f["name"], f["label"], f["label_en"])
                     for f in item["fields"])) for item in data)


def template(code: str) -> LetterTemplate:
    """The template of `code`. Raises TemplateUnknown (422)."""
    found = next((t for t in templates() if t.code == code), None)
    if found is None:
        raise TemplateUnknown(code, ", ".join(t.code for t in templates()))
    return found


def fill(chosen: LetterTemplate, values: dict[str, str]) -> str:
    """`chosen`'s body with its placeholders replaced by `values` (each stripped, at most
    FIELD_MAX characters). Raises TemplateFieldsMissing (422) naming the empty ones."""
    clean = {f.name: str(values.get(f.name) or "").strip()[:FIELD_MAX]
             for f in chosen.fields}
    missing = [name for name, value in clean.items() if not value]
    if missing:
        raise TemplateFieldsMissing(", ".join(missing))
    return PLACEHOLDER.sub(lambda m: clean.get(m.group(1), m.group(0)), chosen.body)


@cache
def _units() -> dict[str, str]:
    data = read_yaml(HERE / "units.yaml") or {}
    return {str(code): str(unit) for code, unit in data.items()}


def unit_of(office_code: str) -> str:
    """The unit code of the office `office_code` in its letter numbers (units.yaml,
    e.g. dsdabm → 436.7.5). Raises NoUnitCode (422)."""
    unit = _units().get(office_code)
    if unit is None:
        raise NoUnitCode(office_code)
    return unit


def paragraphs(body: str) -> list[str]:
    """The body's paragraphs (split by blank lines, each on one line)."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", body) if part.strip()]
