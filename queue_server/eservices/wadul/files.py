"""A complaint's attached files for staff: whoever may read the complaint (the Media
Center, the admin, the office holding it: reading.staff_roles) may see its photos, which
were stripped of their metadata when they were kept (services/photos.py)."""

from __future__ import annotations

from queue_server.domain.attachments import FileNotFound
from queue_server.services import case_files
from queue_server.services.auth import Principal
from queue_server.services.port_cases import CaseWork, FileStore

from .reading import staff_roles
from .refs import locate


def staff_file(uow: CaseWork, store: FileStore, principal: Principal, key: str,
               file_id: int) -> tuple[str, bytes]:
    """The content type and bytes of the file `file_id` of the complaint `key` names (its
    public reference, or its tracking code: refs.locate), for the staff `principal`.
    Raises CaseNotFound/RefNotFound (404), WrongOffice or
    WadulForbidden (403: staff_roles), FileNotFound (404: not a file of this case),
    FileMissing (404: its bytes are not on disk)."""
    with uow:
        case = locate(uow, key, staff=True)
        staff_roles(uow, principal, case)
        row = uow.cases.file(case.id, file_id)
        if row is None:
            raise FileNotFound()
        return row.content_type, case_files.read(store, row)
