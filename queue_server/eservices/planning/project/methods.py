"""Procurement methods from value thresholds kept in configuration (methods.yaml: Perpres
12/2021's limits for pengadaan langsung); e-Procurement asks `needs_tender`."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from queue_server.services.yaml_text import read_yaml

from .errors import MethodNotAllowed, UnknownCategory, UnknownMethod

CATEGORIES = ("works", "goods", "services", "consulting")
DIRECT, TENDER, E_PURCHASING = "direct", "tender", "e_purchasing"


@cache
def rules() -> dict[str, Any]:
    """methods.yaml as loaded: `direct_limits` (category → rupiah) and `methods`."""
    data: dict[str, Any] = read_yaml(Path(__file__).with_name("methods.yaml"))
    return data


def direct_limit(category: str) -> int:
    """The highest value (rupiah) of a `category` package bought directly (pengadaan
    langsung); `UnknownCategory` (422) for a category not in methods.yaml."""
    limits: dict[str, int] = rules()["direct_limits"]
    if category not in limits:
        raise UnknownCategory(category)
    return int(limits[category])


def suggest(value: int, category: str) -> str:
    """The method the thresholds suggest for a package of `value` rupiah: `direct` up to
    the category's limit (Rp 200 juta; consulting Rp 100 juta), `tender` above."""
    return DIRECT if value <= direct_limit(category) else TENDER


def needs_tender(method: str) -> bool:
    """Whether `method` runs a tender with bids (`tender`) or takes one offer (`direct`,
    `e_purchasing`); `UnknownMethod` (422) otherwise."""
    known: dict[str, dict[str, Any]] = rules()["methods"]
    if method not in known:
        raise UnknownMethod(method)
    return bool(known[method].get("tender"))


def check(method: str, value: int, category: str) -> str:
    """`method` if the thresholds allow it for `value` and `category` (None or empty:
    the suggested one); `MethodNotAllowed` (422) for direct procurement above the limit."""
    if not method:
        return suggest(value, category)
    needs_tender(method)
    limit = direct_limit(category)
    if method == DIRECT and value > limit:
        raise MethodNotAllowed(method, value, limit)
    return method
