"""The named errors of BPJS's outbox, sender and reconciliation (issue 19), imported
with the module so the API's error table lists them."""

from __future__ import annotations

from queue_server.domain.errors import InvalidInput


class UnknownTaskRole(InvalidInput):
    """A service's BPJS role is none of registration, poli, pharmacy (or none)."""

    code = "bpjs_unknown_role"
    text_id = "Peran layanan BPJS {role} tidak dikenal: pakai registration, poli, pharmacy."
    text_en = "Unknown BPJS service role {role}: use registration, poli or pharmacy."

    def __init__(self, role: str):
        super().__init__(role=role)


class HistoryOutOfOrder(InvalidInput):
    """A ticket's events are not in time order: the history cannot be read as a visit."""

    code = "bpjs_history_out_of_order"
    text_id = "Riwayat tiket {ticket} tidak urut waktu: waktu tugas BPJS tidak bisa dihitung."
    text_en = "Ticket {ticket}'s history is not in time order: BPJS task times cannot be made."

    def __init__(self, ticket: int):
        super().__init__(ticket=ticket)


__all__ = ["HistoryOutOfOrder", "UnknownTaskRole"]
