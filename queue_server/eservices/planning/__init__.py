"""The planning-to-delivery chain (issue 18): what neighbourhoods ask for becomes a budget
line, a work package, a tender, a contract with payments, and monthly progress the city
watches; the contracting part published in the Open Contracting Data Standard (OCDS 1.1.5).

Six e-services in one module, loaded in the chain's order (each reads the one before):
- `musrenbang`: the yearly cycle, the catalogue (kamus usulan), RW proposals within
  ceilings, verified by kelurahan, kecamatan forum and office; ranking; public pages.
- `budgeting`: budget lines from accepted proposals and programmes, standard costs, flags.
- `project`: work packages of a line (method from thresholds, schedule, payment plan).
- `procurement`: tenders (draft → published), bids, evaluation, blacklist, sanggah,
  direct procurement, imported SPSE results.
- `delivery`: award letter → contract → notice to proceed → handover; termins, invoices,
  payments.
- `controlling`: monthly progress with photos approved by the PPK; the dashboard.
- `ocds`: the releases of every change and the records, `/api/v1/ocds/…`.
"""

from __future__ import annotations

import importlib

from flask import Flask

MODULE = "planning"
# The chain's parts in the order they load (a part's demo data builds on the one before).
PARTS = ("musrenbang", "budgeting", "project", "procurement", "delivery", "controlling", "ocds")


def load(app: Flask) -> None:
    """Register each part's tables, routes, pages, hooks and demo data with `app`, in the
    chain's order; a part without a `load(app)` yet is skipped."""
    for part in PARTS:
        package = importlib.import_module(f"{__name__}.{part}")
        loader = getattr(package, "load", None)
        if loader is not None:
            loader(app)
