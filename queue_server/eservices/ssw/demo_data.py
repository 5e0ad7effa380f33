"""The demo applications (demo.py): who applies for what, how many working days ago,
and the steps taken since (demo.py `_step` reads the words)."""

from __future__ import annotations

from dataclasses import dataclass

from .applications import Application


@dataclass(frozen=True)
class DemoApp:
    permit: str
    ago: int  # working days since it was filed
    application: Application
    steps: tuple[str, ...] = ()


def _person(number: int, permit: str, address: str, kelurahan: str,
            business: str | None = None) -> Application:
    return Application(permit, "business" if business else "person",
                       f"35780{number % 9 + 1}4{number % 9 + 1}0{number % 9 + 1}900{number:03d}",
                       f"+62813100{number:05d}", f"Pemohon Demo {number}", address,
                       kelurahan, business, f"91200{number:08d}" if business else None)


REKLAME_OK = ("accept", "review:dsdabm:ok", "review:dlh:ok", "inspect:pass")
DEMO: tuple[DemoApp, ...] = (
    DemoApp("tdup", 1, _person(1, "tdup", "Jalan Tunjungan 12", "Genteng", "Kafe Tunjungan")),
    DemoApp("reklame", 4, _person(2, "reklame", "Jalan Raya Darmo 88", "Darmo",
                                  "Toko Sepatu Darmo"), ("flag:foto-lokasi", "accept")),
    DemoApp("krk", 4, _person(3, "krk", "Jalan Kenjeran 201", "Tambakrejo"), ("accept",)),
    DemoApp("reklame", 3, _person(4, "reklame", "Jalan Basuki Rahmat 5", "Embong Kaliasin",
                                  "Optik Basra"), ("accept", "review:dsdabm:ok")),
    DemoApp("pbg", 9, _person(5, "pbg", "Jalan Ngagel Jaya 17", "Pucang Sawit"),
            ("accept", "review:dlh:object")),
    DemoApp("reklame", 6, _person(6, "reklame", "Jalan Diponegoro 150", "Darmo",
                                  "Apotek Sehat"), ("accept", "review:dsdabm:ok",
                                                    "review:dlh:ok")),
    DemoApp("reklame", 7, _person(7, "reklame", "Jalan Mayjen Sungkono 40", "Pakis",
                                  "Bengkel Sungkono"), REKLAME_OK),
    DemoApp("reklame", 8, _person(8, "reklame", "Jalan Pemuda 31", "Embong Kaliasin",
                                  "Warung Pemuda"), (*REKLAME_OK, "issue")),
    DemoApp("tdup", 5, _person(9, "tdup", "Jalan Kembang Jepun 60", "Bongkaran",
                               "Homestay Kembang Jepun"), ("accept", "issue")),
    DemoApp("tdup", 6, _person(10, "tdup", "Jalan Rungkut Industri 3", "Kali Rungkut",
                               "Karaoke Rungkut"), ("accept", "reject")),
    DemoApp("reklame", 12, _person(11, "reklame", "Jalan Ahmad Yani 100", "Ketintang",
                                   "Dealer Motor Yani"), (*REKLAME_OK, "issue", "revoke")),
)
