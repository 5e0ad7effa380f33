"""The suite's shared databases: the demo configuration loaded once a run (SQLite and
PostgreSQL), and `reset` between tests (what the queue wrote goes, the configuration
stays)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from queue_server.persistence.db import make_engine
from queue_server.persistence.migrate import upgrade
from queue_server.services.configuration import read_config
from tests.support import factories

DEMO = Path(__file__).resolve().parents[2] / "config" / "demo.yaml"
DEMO_RUNNING_TEXT = read_config(DEMO)["facilities"][0]["running_text"]

# Tables that the queue writes while running; configuration stays loaded between tests.
RUNTIME_TABLES = (# BPJS Antrean Online (issue 19): its rows name visits and services
                  "bpjs_calls", "bpjs_bookings", "bpjs_cursor", "bpjs_accounts",
                  "bpjs_services", "bpjs_facilities", "bpjs_patients",
                  "booking_holds", "notifications", "idempotency_keys", "ticket_events",
                  "tickets", "daily_sequences", "day_closes", "visits", "auth_tokens",
                  "login_attempts", "security_events", "report_days",
                  # e-services (issue 16): a module's rows before the shared case rows
                  "wadul_reports", "open311_keys",
                  "surat_people", "surat_reviews", "surat_dispositions", "surat_letters",
                  "ssw_inspections", "ssw_reviews", "ssw_documents", "ssw_applications",
                  # the planning chain (issue 18), from its end back to its start
                  "ocds_releases", "controlling_photos", "controlling_reports",
                  "delivery_payments", "delivery_invoices", "delivery_termins",
                  "delivery_contracts", "procurement_complaints", "procurement_bids",
                  "procurement_tenders", "procurement_blacklist", "procurement_providers",
                  "project_packages", "budget_lines", "budget_office_ceilings",
                  "budget_standard_costs", "musrenbang_minutes", "musrenbang_proposals",
                  "musrenbang_ceilings", "musrenbang_areas", "musrenbang_items",
                  "musrenbang_cycles",
                  # issued documents (issue 17), after the modules' rows naming them
                  "documents", "number_sequences",
                  "case_files", "case_checks", "case_events", "surveys", "cases")


def prepared_engine(url: str) -> Engine:
    """An engine on `url`'s database made anew (PostgreSQL: its public schema dropped),
    migrated, with config/demo.yaml loaded: a worker's shared database for a run."""
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    factories.load(engine, read_config(DEMO))
    return engine


# One round trip naming the runtime tables that hold a row (TRUNCATE of all fifty took
# ~70 ms a test on PostgreSQL; most tests write to a handful).
_ANY_ROW = " UNION ALL ".join(f"SELECT '{table}' WHERE EXISTS (SELECT 1 FROM {table})"
                             for table in RUNTIME_TABLES)


def _used_tables(conn: Any) -> list[str]:
    """The runtime tables with a row, or whose id sequence moved (a rolled-back insert
    leaves an empty table with its next id taken): those need TRUNCATE … RESTART."""
    with_rows = set(conn.execute(text(_ANY_ROW)).scalars())
    moved = {name.removesuffix("_id_seq") for name in conn.execute(text(
        "SELECT sequencename FROM pg_sequences WHERE last_value IS NOT NULL")).scalars()}
    return [table for table in RUNTIME_TABLES if table in with_rows or table in moved]


def reset(engine: Engine) -> None:
    """Forget every ticket, visit and login, and what staff and devices changed while
    running (paused counters, running texts, heartbeats); keep the configuration."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            used = _used_tables(conn)
            if used:
                conn.execute(text(f"TRUNCATE {', '.join(used)} RESTART IDENTITY CASCADE"))
        else:
            for table in RUNTIME_TABLES:
                conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(text("UPDATE counters SET paused = :f"), {"f": False})
        conn.execute(text("UPDATE facilities SET event_seq = 0"))
        conn.execute(text("UPDATE facilities SET running_text = :t WHERE code = 'pkm-demo'"),
                     {"t": DEMO_RUNNING_TEXT})
        conn.execute(text("UPDATE devices SET last_seen_at = NULL, status = :s"), {"s": "{}"})
