"""The demo's BPJS setup (config/demo.yaml's `pkm-demo`): which service plays which part
in a JKN visit, the BPJS poli codes and a demo doctor each, and the hosted web
service's account. The poli codes are BPJS's own (UMU poli umum, GIG poli gigi, KIA
kesehatan ibu dan anak); the kode PPK and the doctors are made up."""

from __future__ import annotations

DEMO_FACILITY = "pkm-demo"
DEMO_ACCOUNT = "mobilejkn"  # what the demo's Mobile JKN signs in with (password "demo")
DEMO_PPK = "0000R001"  # a made-up kode PPK (a real one is given by BPJS)
# The level the demo reports as: "fkrtl" so the whole task sequence (1–7, 99) shows,
# though a puskesmas is FKTP (README "BPJS Antrean Online" says what changes).
DEMO_LEVEL = "fkrtl"

# service code → (role, kodepoli, namapoli, kodedokter, namadokter)
DEMO_SERVICES: dict[str, tuple[str, str | None, str, int | None, str]] = {
    "pendaftaran": ("registration", None, "", None, ""),
    "umum": ("poli", "UMU", "Poli Umum", 301001, "dr. Ayu Lestari"),
    "gigi": ("poli", "GIG", "Poli Gigi", 301002, "drg. Bima Santoso"),
    "kia": ("poli", "KIA", "KIA", 301003, "dr. Citra Wulandari, Sp.OG"),
    "apotek": ("pharmacy", None, "", None, ""),
}


def demo_services() -> list[dict[str, object]]:
    """DEMO_SERVICES as the entries `PUT /api/v1/bpjs/facilities/{f}` takes."""
    return [{"service": code, "role": role, "kodepoli": kodepoli, "namapoli": namapoli,
             "kodedokter": kodedokter, "namadokter": namadokter}
            for code, (role, kodepoli, namapoli, kodedokter, namadokter)
            in DEMO_SERVICES.items()]
