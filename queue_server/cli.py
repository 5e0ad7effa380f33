"""The command line: start the server, upgrade the schema, load a configuration file."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flask import Flask

from .cli_secrets import add_commands as add_secret_commands
from .cli_secrets import guard_secrets, weak_secret_warnings
from .config import settings
from .domain.errors import DomainError
from .logs import configure_logging, route_gevent_errors
from .persistence import backup
from .persistence.db import make_engine
from .persistence.migrate import upgrade
from .persistence.uow import SqlUnitOfWork
from .services import voice
from .services.configuration import counter_names, load_config, read_config
from .services.ports import Clock, SystemClock

DEMO_CONFIG = Path(__file__).resolve().parent.parent / "config" / "demo.yaml"


def _database_url() -> str:
    instance = Flask("queue_server").instance_path
    return settings(instance)["DATABASE_URL"]


def cmd_upgrade(_: argparse.Namespace) -> int:
    engine = make_engine(_database_url())
    upgrade(engine)
    engine.dispose()
    print("schema is up to date")
    return 0


def _load(path: Path) -> tuple[dict[str, int], list[str]]:
    """Load a configuration file; returns the counts and the counter names it defines."""
    engine = make_engine(_database_url())
    try:
        upgrade(engine)
        data = read_config(path)
        return load_config(SqlUnitOfWork(engine), data), counter_names(data)
    finally:
        engine.dispose()


def cmd_load_config(args: argparse.Namespace) -> int:
    """Load a configuration file; warn about counter-name words the board cannot say."""
    try:
        counts, names = _load(Path(args.file))
    except DomainError as exc:
        print(f"error: {exc.message_en}", file=sys.stderr)
        return 2
    print("loaded: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    for line in voice.warning_lines(names, args.file):
        print(line, file=sys.stderr)
    for line in weak_secret_warnings(_database_url()):
        print(line, file=sys.stderr)
    return 0


def warn_unspoken_names(engine: Any) -> None:
    """At start-up: say which words of the configured counter names have no voice clip."""
    for line in voice.warning_lines(voice.configured_counter_names(SqlUnitOfWork(engine))):
        logging.getLogger("queue_server.voice").warning(line.removeprefix("warning: "))


def _print_demo(host: str, port: int) -> None:
    password = os.environ.get("ANTRIAN_DEMO_PASSWORD", "demo")
    kiosk = os.environ.get("ANTRIAN_DEMO_KIOSK_TOKEN", "demo-kiosk")
    base = f"http://{host}:{port}"
    print(
        "\nantrian demo: Puskesmas Demo (pkm-demo)\n"
        f"  server        {base}   (board JSON: {base}/api/v1/facilities/pkm-demo/board)\n"
        f"  staff login   admin / {password} (admin), petugas / {password} (operator),\n"
        f"                kepala / {password} (facility admin), dinkes / {password} (city)\n"
        f"  offices (OPD) mediacenter / {password} (Media Center), opd / {password} "
        f"(DSDABM staff), kepala-opd / {password} (DSDABM head)\n"
        f"  e-Surat       tu-dsdabm, kabid-dsdabm, tu-dlh, dlh / {password} (/surat)\n"
        f"  SSW permits   dpmptsp, kepala-dpmptsp, pengawas / {password} (/ssw)\n"
        f"  Musrenbang    rw01, rw02 (RW chairs), kelurahan, kecamatan, bappeda (planning "
        f"agency) / {password} (/musrenbang)\n"
        f"  planning      ppk-dsdabm (commitment officer), pokja (UKPBJ), penyedia (provider),"
        f" bpkad (finance) / {password}\n"
        f"  kiosk token   {kiosk}\n"
        f"  try it        curl -X POST -H 'Authorization: Bearer {kiosk}' "
        f"-H 'Content-Type: application/json' -d '{{\"service\": \"pendaftaran\"}}' "
        f"{base}/api/v1/kiosk/tickets\n",
        flush=True,
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Upgrade the schema, load the demo if asked, warn about unspoken names, serve."""
    from . import create_app

    engine = make_engine(_database_url())
    upgrade(engine)
    if args.demo:
        _load(DEMO_CONFIG)
        _print_demo(args.host, args.port)
    if not guard_secrets(engine, args.demo):  # demo or weak secrets outside a demo
        engine.dispose()
        return 2
    warn_unspoken_names(engine)
    engine.dispose()
    app = create_app({"DEMO": True, "DEMO_ADDRESS": (args.host, args.port)} if args.demo else None)
    if args.demo:
        load_module_demos(app)
    app.extensions["antrian.serving"] = backup.hold_serving_lock(_database_url())
    settle_memory()
    socketio = app.extensions["socketio"]
    if socketio.async_mode == "gevent":
        _serve_gevent(app, args.host, args.port)
    else:
        socketio.run(app, host=args.host, port=args.port, use_reloader=False, log_output=True,
                     allow_unsafe_werkzeug=True)
    return 0


def load_module_demos(app: Any) -> None:
    """Each loaded e-service module's demo data (its "demo" hook: idempotent loaders
    called with the app), after the demo configuration (offices, users) is in."""
    from .eservices import hooks

    for loader in hooks(app, "demo"):
        loader(app)


def settle_memory() -> None:
    """Everything built at start-up lives as long as the process: move it out of the
    garbage collector's sight, so its full collections stay short (fewer latency spikes)."""
    import gc

    gc.collect()
    gc.freeze()
    # A young-generation collection walks every young object: at 50,000 (tried first) each
    # one paused the server 20-80 ms, the walk-in tail at 8 clients; at 5,000 a pause is a
    # few milliseconds and comes less often than the default 700's (docs/performance.md).
    gc.set_threshold(5_000, 20, 100)


def _upgrade_ends_connection() -> type:
    """gevent's request handler, but a connection that became a WebSocket is closed
    when the socket ends: read on as HTTP, the client's last frames were logged as bad
    request lines (and its close waited 3 s for an answer)."""
    from gevent import pywsgi

    class Handler(pywsgi.WSGIHandler):  # type: ignore[misc]
        def run_application(self) -> None:
            try:
                super().run_application()
            finally:
                if self.environ.get("HTTP_UPGRADE", "").lower() == "websocket":
                    self.close_connection = True

    return Handler


def _serve_gevent(app: Flask, host: str, port: int) -> None:
    """gevent's WSGI server on a listener with Nagle off (headers and body go out as two
    writes; with Nagle on, each keep-alive reply waits ~40 ms for the client's ACK)."""
    import signal
    import socket

    import gevent
    from gevent import pywsgi

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # inherited on accept
    listener.bind((host, port))
    listener.listen(1024)
    # No access log (ours is logs.py's); its error lines (bad request lines carry the
    # path) and greenlets' errors go through the masking formatter, not to stderr.
    server = pywsgi.WSGIServer(listener, app, log=None, handler_class=_upgrade_ends_connection(),
                               error_log=logging.getLogger("gevent.pywsgi"))
    route_gevent_errors()

    def stop() -> None:  # finish requests in flight, then leave
        server.stop(timeout=10)

    gevent.signal_handler(signal.SIGTERM, stop)
    gevent.signal_handler(signal.SIGINT, stop)
    server.serve_forever()


def cmd_backup(args: argparse.Namespace) -> int:
    """A consistent copy while the server runs: SQLite's online backup, or pg_dump."""
    url = _database_url()
    target = Path(args.file)
    if target.exists() and not args.force:
        print(f"error: {target} exists (use --force to overwrite)", file=sys.stderr)
        return 2
    try:
        backup.backup(url, target)
    except backup.BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"backup written to {target} ({target.stat().st_size // 1024} KiB, readable by "
          "this user only: it holds personal data)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put a checked SQLite backup in place of the database (the server must be stopped);
    says where the replaced database was kept."""
    try:
        done = backup.restore(Path(args.file), _database_url(), force=args.force)
    except backup.BackupError as exc:
        print(f"error: {exc}; the database was not changed", file=sys.stderr)
        return 2
    if done.aside is not None:
        print(f"the replaced database was kept as {done.aside} (to undo: restore it)")
    if not done.current:
        print(f"the backup has an older schema ({done.revision}): "
              "run python -m queue_server upgrade (serve does it on its own)")
    print("restored; start the server again")
    return 0


def cmd_new_epoch(_: argparse.Namespace) -> int:
    """After restoring a database by other means (pg_restore): every live client resyncs."""
    count = backup.renew_epochs(_database_url())
    print(f"new epoch for {count} facilities; boards and consoles resync on their own")
    return 0


def _clock() -> Clock:
    """The time `close-day` closes at (a test replaces it)."""
    return SystemClock()


def cmd_close_day(args: argparse.Namespace) -> int:
    """Close the service days that have ended (one facility's, one date's when given), as
    the server's background loop does; idempotent, safe next to running servers."""
    from .realtime import servers_notifier
    from .services.day_close import close_ended_days

    config = settings(Flask("queue_server").instance_path)
    engine = make_engine(config["DATABASE_URL"])
    grace = timedelta(minutes=config["DAY_CLOSE_GRACE_MINUTES"])
    notifier = servers_notifier(config.get("SOCKETIO_MESSAGE_QUEUE"))  # boards hear it
    try:
        report = close_ended_days(lambda: SqlUnitOfWork(engine, notifier), _clock(), grace,
                                  args.facility, args.date, limit=sys.maxsize)
    except DomainError as exc:
        print(f"error: {exc.message_en}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    lines = [f"closed {day.facility}/{day.service} {day.day.isoformat()}: {day.tickets} "
             "open tickets closed" for day in report.closed]
    lines += [f"not closed: {refusal.message_en}" for refusal in report.not_over]
    print("\n".join(lines) or "nothing to close")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    configure_logging()
    parser = argparse.ArgumentParser(prog="python -m queue_server", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the server (migrations are applied first)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    serve.add_argument("--demo", action="store_true", help="load the demo puskesmas (idempotent)")
    serve.set_defaults(func=cmd_serve)
    up = sub.add_parser("upgrade", help="bring the database schema up to date")
    up.set_defaults(func=cmd_upgrade)
    load = sub.add_parser("load-config", help="load facilities, services, counters, users")
    load.add_argument("file")
    load.set_defaults(func=cmd_load_config)
    save = sub.add_parser("backup", help="copy the database while serving")
    save.add_argument("file")
    save.add_argument("--force", action="store_true", help="overwrite an existing file")
    save.set_defaults(func=cmd_backup)
    back = sub.add_parser("restore", help="replace the (SQLite) database with a backup")
    back.add_argument("file")
    back.add_argument("--force", action="store_true", help="replace an existing database")
    back.set_defaults(func=cmd_restore)
    epoch = sub.add_parser("new-epoch", help="after pg_restore: make every board resync")
    epoch.set_defaults(func=cmd_new_epoch)
    close = sub.add_parser("close-day", help="close the service days that have ended")
    close.add_argument("--facility", help="only this facility (its code)")
    close.add_argument("--date", type=date.fromisoformat, help="only this date (YYYY-MM-DD)")
    close.set_defaults(func=cmd_close_day)
    add_secret_commands(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))
