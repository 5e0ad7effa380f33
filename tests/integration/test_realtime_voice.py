"""Names the board cannot say yet: `load-config` and the server's start-up list them."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

import pytest
import yaml

from queue_server import cli
from tests.support import factories

ROOMS = factories.facility(
    "pkm-bunga", name="Puskesmas Bunga",
    services=[factories.service("umum", "B", "Poli Umum")],
    counters=[factories.counter("melati", ["umum"], name="Ruang Melati"),
              factories.counter("lansia", ["umum"], name="Ruang Lansia Sehat"),
              factories.counter("ugd", ["umum"], name="UGD")])


def test_load_config_warns_about_words_without_clips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "rooms.yaml"
    config.write_text(yaml.safe_dump(ROOMS.config), encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'rooms.db'}")
    assert cli.cmd_load_config(argparse.Namespace(file=str(config))) == 0
    out = capsys.readouterr()
    assert "loaded: 1 facilities, 1 services, 3 counters" in out.out
    warnings = [line for line in out.err.splitlines() if line.startswith("warning:")]
    # Lansia and Sehat are recorded; UGD is spelled by rule; only "melati" is missing.
    assert warnings == [
        f"warning: no {lang} voice clips for: melati (spelled letter by letter; record "
        f"them with python -m display_board.make_sounds --config {config})"
        for lang in ("id", "en")]


def test_the_server_start_up_names_them_too(engine: Any,
                                            caplog: pytest.LogCaptureFixture) -> None:
    ROOMS.load(engine)
    with caplog.at_level(logging.WARNING, logger="queue_server.voice"):
        cli.warn_unspoken_names(engine)
    lines = [r.getMessage() for r in caplog.records if r.name == "queue_server.voice"]
    assert lines and all("melati" in line for line in lines)
    assert not any("lansia" in line or "ugd" in line for line in lines)
