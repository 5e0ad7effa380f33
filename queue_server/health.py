"""Liveness and readiness: does the process answer, does its database answer."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
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


@bp.get("/ping")
def ping() -> ResponseReturnValue:
    """The process answers (nothing else is checked): the floor for any request's cost."""
    return jsonify(pong=True)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    if _database_ok():
        return jsonify(status="ok", database="ok")
    return jsonify(error={"code": "database_unavailable",
                          "message": "Basis data tidak menjawab."}), 503


def _redis_ok(url: str) -> bool:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except redis.RedisError:
        return False


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    """Ready for traffic: the database answers, and Redis too when events go through it."""
    checks = {"database": "ok" if _database_ok() else "down"}
    queue_url = current_app.config.get("SOCKETIO_MESSAGE_QUEUE")
    if queue_url:
        checks["redis"] = "ok" if _redis_ok(queue_url) else "down"
    if all(v == "ok" for v in checks.values()):
        return jsonify(status="ready", **checks)
    down = ", ".join(k for k, v in checks.items() if v != "ok")
    return jsonify(error={"code": "not_ready", "message": f"Belum siap: {down} tidak menjawab.",
                          "checks": checks}), 503
