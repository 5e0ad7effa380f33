"""Files attached to cases (services/case_files.py): checked by their bytes, kept once by
their SHA-256 under the instance folder, the server user's alone (0700 folders, 0600
files, whatever the umask), recorded in `case_files`; a refused file leaves nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import Engine

from queue_server.domain.attachments import (
    PHOTO_TYPES,
    FileMissing,
    FileTooLarge,
    FileTypeRefused,
)
from queue_server.persistence.case_file_store import file_store
from queue_server.services import case_files
from queue_server.services.cases import find
from tests.support import images
from tests.support.cases import World, file_case, world
from tests.support.clock import FakeClock
from tests.support.private_files import mode, process_umask

pytestmark = pytest.mark.sqlite_only("files on disk: the database only keeps their rows")

PNG = images.png((200, 200))  # a real one (592 bytes): photos are decoded and saved again
LIMIT = 5 * 1024 * 1024


@pytest.fixture
def w(engine: Engine) -> World:
    return world(engine)


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_an_attached_photo_is_kept_once_and_private(w: World, clock: FakeClock,
                                                    tmp_path: Path, umask: int) -> None:
    code = file_case(w, clock)
    with process_umask(umask):
        store = file_store(tmp_path / "instance")
        folder = store.folder
        with w.uow() as uow:
            case = find(uow, code)
            row = case_files.attach(uow, clock, store, case, PNG, "photo", PHOTO_TYPES,
                                    LIMIT, name="jalan.jpg")
            again = case_files.attach(uow, clock, store, case, PNG, "photo", PHOTO_TYPES,
                                      LIMIT)
            uow.commit()
    digest = hashlib.sha256(PNG).hexdigest()
    assert (row.content_type, row.size, row.sha256, row.kind) == (
        "image/png", len(PNG), digest, "photo")
    assert row.created_at == clock.now() and row.event_id is None
    path = folder / "cases" / str(case.id) / digest
    assert mode(path) == 0o600
    assert mode(folder) == mode(folder / "cases") == mode(path.parent) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [digest]  # no temporary left
    assert case_files.read(store, row) == PNG == case_files.read(store, again)
    with w.uow() as uow:
        assert [f.id for f in uow.cases.files(case.id)] == [row.id, again.id]


def test_a_refused_file_leaves_no_row_and_no_bytes(w: World, clock: FakeClock,
                                                   tmp_path: Path) -> None:
    code = file_case(w, clock)
    store = file_store(tmp_path)
    folder = store.folder
    with w.uow() as uow:
        case = find(uow, code)
        with pytest.raises(FileTypeRefused):
            case_files.attach(uow, clock, store, case, b"GIF89a" + bytes(50), "photo",
                              PHOTO_TYPES, LIMIT)
        with pytest.raises(FileTooLarge):
            case_files.attach(uow, clock, store, case, PNG, "photo", PHOTO_TYPES, 100)
        uow.commit()
        assert list(uow.cases.files(case.id)) == []
    assert not (folder / "cases").exists()


def test_a_file_whose_bytes_are_gone_is_a_clear_404(w: World, clock: FakeClock,
                                                    tmp_path: Path) -> None:
    code = file_case(w, clock)
    store = file_store(tmp_path)
    with w.uow() as uow:
        row = case_files.attach(uow, clock, store, find(uow, code), PNG, "photo",
                                PHOTO_TYPES, LIMIT)
        uow.commit()
    store.forget(row.case_id)
    with pytest.raises(FileMissing) as gone:
        case_files.read(store, row)
    assert gone.value.kind == "not_found" and gone.value.code == "file_missing"


def test_the_size_limit_comes_from_the_configuration() -> None:
    assert case_files.max_bytes({}) == 5 * 1024 * 1024
    assert case_files.max_bytes({"CASE_FILE_MAX_BYTES": 1024}) == 1024
