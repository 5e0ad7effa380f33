"""Liveness and readiness: does the process answer, does its database answer."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .runtime import current

bp = Blueprint("health", __name__)


def _database_ok() -> bool:
    try:
        with current().engine.execution_options(sqlite_begin="DEFERRED").connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        return False


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    if _database_ok():
        return jsonify(status="ok", database="ok")
    return jsonify(error={"code": "database_unavailable",
                          "message": "Basis data tidak menjawab."}), 503


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    return healthz()
