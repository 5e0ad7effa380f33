"""Issue 13, point 7: the instance folder is 0700 and what it keeps 0600, whatever the
umask, including a folder and a key made by an older version."""

from __future__ import annotations

from pathlib import Path

import pytest

from queue_server.config import settings
from queue_server.persistence.files import private_file, private_folder, secure_sqlite
from tests.support.private_files import mode, process_umask


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_instance_folder_and_its_secret_key_are_private(
        tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    instance = tmp_path / "instance"
    with process_umask(umask):
        config = settings(str(instance))
    assert mode(instance) == 0o700
    assert mode(instance / "secret_key") == 0o600
    assert config["DATABASE_URL"] == f"sqlite:///{instance / 'antrian.db'}"


def test_an_instance_folder_left_open_is_closed(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    instance.chmod(0o755)
    (instance / "secret_key").write_text("kept")
    (instance / "secret_key").chmod(0o644)
    assert settings(str(instance))["SECRET_KEY"] == "kept"
    assert mode(instance) == 0o700 and mode(instance / "secret_key") == 0o600


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_a_new_file_is_private_from_its_first_byte(tmp_path: Path, umask: int) -> None:
    with process_umask(umask):
        private_file(tmp_path / "backup.db")
        private_folder(tmp_path / "a" / "b")
    assert mode(tmp_path / "backup.db") == 0o600
    assert mode(tmp_path / "a" / "b") == 0o700


def test_everything_beside_a_database_is_made_private(tmp_path: Path) -> None:
    database = tmp_path / "db" / "antrian.db"
    database.parent.mkdir(mode=0o755)
    database.parent.chmod(0o755)
    names = ["antrian.db", "antrian.db-wal", "antrian.db-shm", "antrian.db-journal",
             "antrian.db.serving", "antrian.db.replaced-20261123T080000"]
    for name in names:
        (database.parent / name).write_bytes(b"")
        (database.parent / name).chmod(0o644)
    (database.parent / "notes.txt").write_text("not ours")
    (database.parent / "notes.txt").chmod(0o644)
    secure_sqlite(database)
    assert mode(database.parent) == 0o700
    assert {name: mode(database.parent / name) for name in names} == dict.fromkeys(names, 0o600)
    assert mode(database.parent / "notes.txt") == 0o644


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_a_nested_folder_s_new_parents_are_private_too(
        tmp_path: Path, umask: int, caplog: pytest.LogCaptureFixture) -> None:
    """The signed documents' folder (`files/documents`) made first used to leave `files`
    0755 (mkdir's parents take the umask), and every case file store then warned."""
    with process_umask(umask):
        private_folder(tmp_path / "files" / "documents")
        private_folder(tmp_path / "files")
    assert mode(tmp_path / "files") == 0o700
    assert mode(tmp_path / "files" / "documents") == 0o700
    assert "open to other users" not in caplog.text
