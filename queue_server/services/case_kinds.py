"""What a module tells the core about its cases (registered by its `load(app)` under the
"case_kinds" hook, see queue_server/eservices): its workflow, its intake office, and how
its case reads on the shared page `/c/{code}` of the tracking code's holder (the case's
owner: the code is their secret, never listed in public). The core never imports a module:
it finds these through the hook."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.workflow import Workflow
from .port_cases import CaseRow, CaseWork

# (unit of work, case) → the module's fields of the case as its owner reads them on
# `/c/{code}` (never the owner's identity), or None when the module shows nothing of its
# content there: `title`, `summary`, `fields` (label → value pairs, Indonesian), `photos`
# (file ids shown), `office` (name), optionally `links` (label, address pairs: SSW's
# re-upload page and signed PDF). A module's public lists and pages are its own.
PublicView = Callable[[CaseWork, CaseRow], "dict[str, Any] | None"]
# (unit of work, case) → what the module tells the case's owner on `/c/{code}`:
# `rating` (the one given, or None) and `spent` (citizen actions no longer offered
# although the workflow allows them from the state, e.g. `rate` once rated).
OwnerFacts = Callable[[CaseWork, CaseRow], "dict[str, Any]"]


@dataclass(frozen=True)
class CaseKind:
    """One module's cases: `module` (the cases' module column), its workflow, the code of
    its intake office (the `desk` role; None when it has none), its public view, its name
    in both languages, and the route citizens' actions go to."""

    module: str
    workflow: Workflow
    desk_office: str | None
    public_view: PublicView
    title_id: str = ""
    title_en: str = ""
    # Where a citizen's action on a case is posted (JSON `{action, comment, rating?}`),
    # `{code}` filled with the tracking code: the module's own route.
    actions_path: str = ""
    owner_facts: OwnerFacts | None = None
    # The staff page of a case (`{ref}` filled with its public reference: staff never get
    # the tracking code), linked from an escalation message.
    staff_path: str = ""
    # The cases' `kind` column this entry covers, when a module has several kinds with
    # their own workflows (e-Surat: incoming and outgoing letters); None: every kind.
    kind: str | None = None


def kind_of(kinds: Sequence[CaseKind], module: str, kind: str | None = None
            ) -> CaseKind | None:
    """The registered entry of `module` for a case of `kind` (the entry naming that kind,
    else the module's entry for every kind), or None (its module switched off)."""
    of_module = [entry for entry in kinds if entry.module == module]
    exact = next((entry for entry in of_module if kind and entry.kind == kind), None)
    return exact or next((entry for entry in of_module if entry.kind is None), None)
