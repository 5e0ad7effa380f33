"""Open Contracting identifiers: a contracting process's `ocid` is the city's registered
prefix and the work package's code (OCDS 1.1.5, "Open Contracting ID": a prefix assigned
by the Open Contracting Partnership, then a locally unique identifier)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# App config key and its default; `ANTRIAN_OCDS_PREFIX` in the environment overrides it.
PREFIX_KEY = "OCDS_PREFIX"
PREFIX_ENV = "ANTRIAN_OCDS_PREFIX"
DEFAULT_PREFIX = "ocds-sby000"


def ocid_of(config: Mapping[str, Any], code: str) -> str:
    """The ocid of the package `code`: `{OCDS_PREFIX}-{code}` (prefix from `config`,
    default `ocds-sby000`), e.g. `ocds-sby000-PKG-2026-0001`."""
    prefix = str(config.get(PREFIX_KEY) or DEFAULT_PREFIX)
    return f"{prefix}-{code}"


def award_id(code: str) -> str:
    """The id of the award of package `code` (one per process, stable across releases so
    a record compiles it as one)."""
    return f"{code}-award"


def contract_id(code: str) -> str:
    """The id of the contract of package `code` (stable across releases)."""
    return f"{code}-contract"
