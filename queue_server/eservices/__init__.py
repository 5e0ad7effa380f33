"""The e-service modules (e-Wadul, e-Surat, SSW, …): each a package here with a
`load(app)` that registers its blueprints (pages, `/api/v1/<name>/` routes in the one
OpenAPI document) and its hooks, switched on by `ANTRIAN_MODULES`.

This package is the plugin host: `create_app` asks it which modules are on and loads them
by name; nothing else in the core imports a module. A module uses the core's services
(offices, cases and their workflow, citizen checks, files, the survey) and keeps its
tables in its own Alembic revisions (`<name>/migrations/versions/`).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any

from flask import Flask

from queue_server.settings_read import BadSetting


class UnknownModule(BadSetting):
    """ANTRIAN_MODULES names a module that is not installed (a setting the server cannot
    use: the start stops, naming it)."""


def available() -> list[str]:
    """Every module package present, by name."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg)


def chosen(setting: str | None) -> list[str]:
    """The modules `setting` switches on: "all" (or unset) every one present, "none" or ""
    none, else the comma-separated names. Raises UnknownModule naming an absent one."""
    text = (setting if setting is not None else "all").strip().lower()
    if text == "all":
        return available()
    if text in ("", "none"):
        return []
    names = [name.strip() for name in text.split(",") if name.strip()]
    missing = [name for name in names if name not in available()]
    if missing:
        raise UnknownModule("ANTRIAN_MODULES", setting or "",
                            f'"all", "none" or names among {available()} (unknown: {missing})')
    return names


def _import_whole(name: str) -> ModuleType:
    """The module `name` and every file of its package but its migrations: each named
    error a module defines is registered before the API document (and its error table)
    is built, wherever in the module it lives."""
    package = importlib.import_module(f"{__name__}.{name}")
    for found in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        if ".migrations" not in found.name:
            importlib.import_module(found.name)
    return package


def import_modules(app: Flask) -> list[ModuleType]:
    """Import the modules switched on, whole (see `_import_whole`); kept in
    `app.extensions["antrian.modules"]` by name."""
    modules = {name: _import_whole(name) for name in chosen(app.config.get("MODULES"))}
    app.extensions["antrian.modules"] = modules
    return list(modules.values())


def load_modules(app: Flask) -> None:
    """Call each imported module's `load(app)`, in name order."""
    for module in app.extensions.get("antrian.modules", {}).values():
        module.load(app)


def hooks(app: Flask, name: str) -> list[Any]:
    """What the loaded modules registered under `name` (e.g. "demo": demo data loaders,
    "case_kinds": public case views), in load order."""
    found: list[Any] = app.extensions.setdefault("antrian.hooks", {}).get(name, [])
    return found


def register(app: Flask, name: str, hook: Any) -> None:
    """A module adds `hook` under `name` (see `hooks`)."""
    app.extensions.setdefault("antrian.hooks", {}).setdefault(name, []).append(hook)
