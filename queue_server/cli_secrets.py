"""The command line about secrets: `hash-password`, and the start-up refusal of demo or
weak secrets shared by `serve` and the WSGI entry (gunicorn)."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from .domain import credentials
from .domain.credentials import PasswordEmpty, PasswordsDiffer
from .domain.errors import InvalidInput, WeakSecretsInUse
from .persistence.db import make_engine
from .persistence.uow import SqlUnitOfWork
from .services.auth import hash_password
from .services.secret_check import (
    demo_on_purpose,
    find_weak_secrets,
    reason_text,
    refuse_weak_secrets,
)

log = logging.getLogger("queue_server.secrets")


def read_new_password(stdin: TextIO) -> str:
    """A new password: typed twice without echo at a terminal, else the first line of
    `stdin` (its line ending dropped). Raises PasswordsDiffer when the two differ,
    PasswordEmpty when it is empty."""
    if stdin.isatty():
        password = getpass.getpass("Kata sandi baru / New password: ")
        if getpass.getpass("Ulangi / Repeat: ") != password:
            raise PasswordsDiffer()
    else:
        password = stdin.readline().rstrip("\r\n")
    if not password:
        raise PasswordEmpty()
    return password


def cmd_hash_password(args: argparse.Namespace) -> int:
    """Print a password hash for a configuration file's `password_hash:`; a weak password
    is refused (exit 2) unless `--allow-weak`."""
    try:
        password = read_new_password(sys.stdin)
        if not args.allow_weak:
            credentials.require_strong_password(password, args.username)
    except InvalidInput as exc:
        print(f"error: {exc.message}\n       {exc.message_en}", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0


def add_commands(sub: Any) -> None:
    """Register `hash-password` on the command line's subparsers."""
    cmd = sub.add_parser("hash-password", help="make a password_hash for a configuration file")
    cmd.add_argument("--username", help="whose password (it must not equal the username)")
    cmd.add_argument("--allow-weak", action="store_true",
                     help="hash it even if it is weak (never for a real deployment)")
    cmd.set_defaults(func=cmd_hash_password)


def guard_secrets(engine: Any, demo: bool, environ: Mapping[str, str] = os.environ,
                  err: TextIO = sys.stderr) -> bool:
    """Whether a server may start on this database: always for `serve --demo`; with
    ANTRIAN_DEMO=1 too, saying so loudly; otherwise only while no active user or device
    has a demo or weak secret, else the refusal (who, how to fix it) goes to `err`."""
    if demo:
        return True
    if demo_on_purpose(environ):
        found = find_weak_secrets(SqlUnitOfWork(engine))
        banner = "!" * 78
        print(f"{banner}\nANTRIAN_DEMO=1: DEMO on purpose: demo and weak secrets are "
              f"allowed ({len(found)} in use).\nNever set ANTRIAN_DEMO in production.\n"
              f"{banner}", file=err, flush=True)
        log.warning("ANTRIAN_DEMO=1: running as a demo; %d demo or weak secrets allowed",
                    len(found))
        return True
    try:
        refuse_weak_secrets(SqlUnitOfWork(engine))
    except WeakSecretsInUse as exc:
        print(f"error: {exc.message}\n\n{exc.message_en}", file=err, flush=True)
        return False
    return True


def weak_secret_warnings(database_url: str) -> list[str]:
    """After `load-config`: a warning line for each active user or device whose secret
    would stop a real server from starting."""
    engine = make_engine(database_url)
    try:
        found = find_weak_secrets(SqlUnitOfWork(engine))
    finally:
        engine.dispose()
    return [f"warning: {w.kind} {w.name} has a demo or weak secret "
            f"({reason_text(w.reason, english=True)}): the server will not start without "
            "--demo (or ANTRIAN_DEMO=1) until it is changed" for w in found]
