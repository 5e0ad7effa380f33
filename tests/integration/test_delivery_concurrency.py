"""Payments never add up to more than the contract's value, whatever the threads do at
once (the contract's row is locked while a payment is recorded), on SQLite and
PostgreSQL."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select, update

from queue_server.domain.errors import DomainError
from queue_server.eservices.planning.delivery import payments
from queue_server.eservices.planning.delivery.models import DeliveryContract, DeliveryPayment
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.auth import Principal
from tests.integration.procurement_support import C, approve_progress, caller, signed


def _bpkad(engine: Any) -> Principal:
    with SqlUnitOfWork(engine) as uow:
        user = uow.staff.user_by_username("bpkad")
        return Principal("staff", user.id, user.username, user.role, None)


def test_payments_under_threads_never_exceed_the_contract_value(
        client: Any, engine: Any, clock: Any) -> None:
    code = signed(client, engine, clock)
    approve_progress(engine, code, 100, "2027-05")
    penyedia, ppk = caller(client, "penyedia"), caller(client, "ppk-dsdabm")
    for number in (1, 2, 3):
        penyedia.post(f"{C}/{code}/invoices", {"termin": number, "number": f"INV-{number}"})
    view = ppk.get(f"{C}/{code}").get_json()
    for item in view["invoices"]:
        ppk.post(f"{C}/{code}/invoices/{item['id']}/decision", {"approve": True})
    amounts = [item["amount"] for item in view["invoices"]]
    # The value cut below the three termins: at most two can be paid, whichever first.
    value = sum(amounts) - min(amounts)
    with SqlUnitOfWork(engine) as uow:
        uow.session.execute(update(DeliveryContract).values(value=value))
        uow.commit()
    who, start = _bpkad(engine), threading.Barrier(6)
    outcomes: list[str] = []

    def pay(invoice: int) -> None:
        start.wait()
        try:
            payments.pay(SqlUnitOfWork(engine), clock, who, code, invoice, "SP2D")
            outcomes.append("paid")
        except DomainError as error:
            outcomes.append(error.code)

    ids = [item["id"] for item in view["invoices"]] * 2  # each invoice paid twice at once
    threads = [threading.Thread(target=pay, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with SqlUnitOfWork(engine) as uow:
        paid = list(uow.session.scalars(select(DeliveryPayment.amount)))
    assert sum(paid) <= value and len(paid) == outcomes.count("paid") == 2
    assert set(outcomes) <= {"paid", "delivery_payment_above_value",
                             "delivery_invoice_wrong_state"}
    assert "delivery_payment_above_value" in outcomes
