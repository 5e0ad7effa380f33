"""The workflow of an e-Surat case by its kind: incoming (workflow_incoming.yaml) or
outgoing (helper B's workflow_outgoing.yaml, through the case kinds the app registered)."""

from __future__ import annotations

from flask import current_app, has_app_context

from queue_server.domain.workflow import Workflow

from . import MODULE
from .incoming import WORKFLOW


def workflow_of(kind: str) -> Workflow:
    """The workflow of an e-Surat case of `kind` (incoming when no app says otherwise)."""
    if kind != WORKFLOW.kind and has_app_context():
        from queue_server.eservices import hooks
        from queue_server.services.case_kinds import kind_of

        entry = kind_of(hooks(current_app, "case_kinds"), MODULE, kind)
        if entry is not None:
            return entry.workflow
    return WORKFLOW
