"""The core never imports an e-service module: only the plugin host
(`queue_server.eservices`) knows them, by name (DESIGN.md, "the core never imports a
module")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from queue_server import eservices

ROOT = Path(__file__).resolve().parents[2]
CORE = [ROOT / "queue_server", ROOT / "mobile_api", ROOT / "display_board", ROOT / "kiosk"]
MODULES = ROOT / "queue_server" / "eservices"


def _core_files() -> list[Path]:
    files = [path for folder in CORE for path in folder.rglob("*.py")]
    return [path for path in files
            if not (path.is_relative_to(MODULES) and path.parent != MODULES)]


def _imported(path: Path) -> list[str]:
    """Every module name `path` imports, relative imports made absolute."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(path.relative_to(ROOT).parent.parts)
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names += [f"{base}.{alias.name}" for alias in node.names] + [base]
    return names


def test_no_core_file_imports_a_module() -> None:
    offenders = []
    for path in _core_files():
        for name in _imported(path):
            for module in eservices.available():
                if name == f"queue_server.eservices.{module}" or name.startswith(
                        f"queue_server.eservices.{module}."):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_the_host_finds_the_modules_present_and_reads_the_setting() -> None:
    assert "wadul" in eservices.available()
    assert eservices.chosen("all") == eservices.available()
    assert eservices.chosen(None) == eservices.available()
    assert eservices.chosen(" none ") == []
    assert eservices.chosen("wadul") == ["wadul"]
    with pytest.raises(eservices.UnknownModule, match="nosuch"):
        eservices.chosen("wadul,nosuch")
