"""The demo's month of complaints (demo.py files them): a city's usual mix over about
three months, across categories, offices and kelurahan of Surabaya. Each entry is
`(working days ago it was filed, category, kelurahan, description, flags, plan)`; the
plan is the steps taken after filing, each a few working days after the one before:
`verify`, `forward` (to the category's office, or `forward=CODE`), `accept`, `answer`,
`close`, `rate:N` (1-5, by the reporter), `reject`, `merge:N` (a duplicate of entry
N), `return`, `survey:N` (an SKM survey with every answer N, 1-4). Flags: `anonymous`,
`confidential`, and `channel` (web, api, or a channel the Media Center enters:
whatsapp, phone, email, social)."""

from __future__ import annotations

from typing import Any

Entry = tuple[int, str, str, str, dict[str, Any], str]

DONE = "verify forward accept answer"
REPORTS: list[Entry] = [
    (62, "jalan-rusak", "Tegalsari", "Jalan berlubang besar di depan SD Negeri Kedungdoro, "
     "sudah dua minggu dan motor sering terjatuh.", {}, f"{DONE} rate:5 survey:4"),
    (60, "sampah", "Wonokromo", "Sampah di TPS Jagir belum diangkut sejak Senin, baunya "
     "sampai ke rumah warga.", {"anonymous": True}, f"{DONE} rate:4"),
    (58, "lampu-pju", "Darmo", "Tiga lampu PJU mati di sepanjang Jalan Raya Darmo dekat "
     "taman, rawan di malam hari.", {}, f"{DONE} close survey:3"),
    (55, "saluran-banjir", "Keputran", "Saluran air di gang Keputran Kejambon tersumbat, "
     "tiap hujan air masuk rumah.", {"confidential": True}, f"{DONE} rate:3"),
    (54, "pohon-tumbang", "Dr. Soetomo", "Pohon besar di taman kota miring ke arah kabel "
     "listrik setelah angin kencang.", {"channel": "whatsapp"}, f"{DONE} rate:5 survey:4"),
    (51, "parkir-liar", "Genteng", "Parkir liar di depan pasar Genteng menutup separuh "
     "jalan setiap sore.", {}, f"{DONE} rate:2"),
    (49, "ktp-kk", "Ngagel", "Pengurusan KK di kelurahan sudah tiga minggu belum jadi, "
     "tiap ditanya disuruh kembali lagi.", {}, f"{DONE} rate:4 survey:3"),
    (47, "sampah", "Jagir", "Tumpukan sampah liar di bantaran sungai dekat jembatan, "
     "banyak lalat.", {}, "verify forward accept answer"),
    (44, "pkl", "Embong Kaliasin", "Pedagang kaki lima memakai seluruh trotoar di depan "
     "kantor pos, pejalan kaki turun ke jalan.", {"channel": "phone"}, f"{DONE} close"),
    (42, "dbd", "Sawunggaling", "Banyak nyamuk dan dua tetangga terkena DBD, mohon "
     "fogging di RW 03.", {}, f"{DONE} rate:5 survey:4"),
    (40, "lainnya", "Darmo", "Tes tes aplikasi saja, maaf.", {"channel": "api"}, "reject"),
    (38, "trotoar", "Kedungdoro", "Trotoar di Jalan Kedungdoro ambles dan keramiknya "
     "lepas, berbahaya untuk lansia.", {}, f"{DONE} rate:4"),
    (35, "bansos", "Wonokromo", "Nenek saya lansia sendirian belum pernah menerima "
     "bantuan sosial, mohon didata.", {"confidential": True}, DONE),
    (33, "lampu-pju", "Ngagel Rejo", "Lampu jalan di Jalan Ngagel Jaya Selatan mati "
     "berkedip sejak seminggu.", {"channel": "social"}, f"{DONE} rate:3 survey:3"),
    (30, "saluran-banjir", "Darmo", "Got di depan rumah meluap setiap hujan deras, airnya "
     "hitam.", {}, "verify forward=dlh return forward accept answer"),
    (26, "puskesmas", "Jagir", "Antrean di puskesmas lama sekali, loket baru buka jam "
     "delapan lewat.", {}, f"{DONE} rate:4"),
    (22, "jalan-rusak", "Sawunggaling", "Aspal mengelupas di tikungan dekat masjid, sudah "
     "ada pengendara jatuh.", {}, "verify forward accept"),
    (20, "jalan-rusak", "Sawunggaling", "Aspal di tikungan dekat masjid Sawunggaling "
     "rusak parah, tolong segera diperbaiki.", {}, "merge:16"),
    (18, "perizinan", "Genteng", "Izin usaha warung saya di OSS ditolak tanpa alasan yang "
     "jelas.", {"channel": "email"}, "verify forward accept"),
    (14, "rutilahu", "Jagir", "Atap rumah tetangga saya hampir roboh, keluarganya tidak "
     "mampu memperbaiki.", {}, "verify forward accept"),
    (9, "sampah", "Ngagel", "Truk sampah tidak lewat gang kami sejak dua minggu.", {},
     "verify forward accept answer"),
    (5, "pohon-tumbang", "Darmo", "Dahan pohon patah menggantung di atas jalan, rawan "
     "jatuh ke pengendara.", {}, "verify forward"),
    (3, "parkir-liar", "Embong Kaliasin", "Mobil parkir di trotoar depan sekolah setiap "
     "pagi jam masuk.", {}, "verify"),
    (1, "jalan-rusak", "Keputran", "Jalan paving rusak dan bergelombang di gang Keputran "
     "Pasar.", {"channel": "whatsapp"}, ""),
    (0, "dbd", "Tegalsari", "Genangan air di lahan kosong, banyak jentik nyamuk.",
     {"anonymous": True}, ""),
]

# what an office answers, per category (the demo's `answer` and `return` comments)
ANSWERS = {
    "jalan-rusak": "Lubang sudah ditambal oleh satgas jalan DSDABM.",
    "saluran-banjir": "Saluran sudah dibersihkan dan sedimennya diangkut.",
    "trotoar": "Trotoar sudah diperbaiki dan keramik diganti.",
    "sampah": "Sampah sudah diangkut; jadwal truk ditambah menjadi tiap hari.",
    "pohon-tumbang": "Pohon sudah dipangkas oleh petugas DLH.",
    "lampu-pju": "Lampu PJU sudah diganti dengan lampu LED.",
    "parkir-liar": "Petugas Dishub sudah menertibkan parkir dan memasang rambu.",
    "ktp-kk": "KK sudah selesai dicetak dan bisa diambil di kelurahan.",
    "pkl": "Satpol PP sudah menertibkan PKL dan mengarahkan ke sentra wisata kuliner.",
    "dbd": "Fogging dan pemeriksaan jentik sudah dilakukan di RW tersebut.",
    "bansos": "Warga sudah didata dan diusulkan sebagai penerima bantuan.",
    "puskesmas": "Jam buka loket sudah dipertegas dan petugas loket ditambah.",
}
RETURNED = "Bukan wewenang DLH: saluran kota ditangani DSDABM, mohon diteruskan ulang."
REJECTED = "Laporan tidak berisi keluhan yang bisa ditindaklanjuti."
MERGED = "Sama dengan laporan sebelumnya tentang aspal di tikungan dekat masjid."
