"""Every sentence the agent says, in Indonesian (the default) and English.

Patients read PATIENT; staff read STAFF in the ⚙ menu. Neither ever carries an exception
name or a printer URI: technical detail goes to the log and the heartbeat only.
"""

from __future__ import annotations

PATIENT = {
    "id": {
        "unreachable": "Server antrean tidak dapat dihubungi. Coba lagi sebentar lagi atau "
                       "hubungi petugas.",
        "server_error": "Permintaan belum dapat diproses. Coba lagi atau hubungi petugas.",
        "not_allowed": "Kiosk ini belum dapat mengambil nomor antrean. Silakan hubungi petugas.",
        "printer": "Printer sedang bermasalah. Foto kode QR di layar ini atau catat nomor "
                   "Anda; petugas dapat mencetak ulang tiket Anda.",
        "bad_request": "Permintaan tidak valid.",
        "no_code": "Ketik atau pindai kode booking Anda.",
        "code_too_long": "Kode booking terlalu panjang. Periksa kode Anda atau hubungi "
                         "petugas.",
        "unknown_job": "Tiket itu tidak dikenal.",
        "screen_out": "Kertas printer habis. Nomor antrean tetap dapat diambil: nomor dan "
                      "kode QR-nya tampil di layar.",
        "screen_offline": "Printer sedang tidak dapat mencetak. Nomor antrean tetap dapat "
                          "diambil: nomor dan kode QR-nya tampil di layar.",
        "refuse_out": "Kertas printer habis. Pengambilan nomor antrean dihentikan sementara; "
                      "silakan hubungi petugas.",
        "refuse_offline": "Printer sedang tidak dapat mencetak. Pengambilan nomor antrean "
                          "dihentikan sementara; silakan hubungi petugas.",
        "paper_low": "Kertas printer hampir habis.",
    },
    "en": {
        "unreachable": "The queue server cannot be reached. Try again shortly or ask the "
                       "staff.",
        "server_error": "Your request cannot be handled right now. Try again or ask the staff.",
        "not_allowed": "This kiosk cannot give numbers yet. Please ask the staff.",
        "printer": "The printer has a problem. Take a photo of the QR code on this screen or "
                   "note your number; the staff can reprint your ticket.",
        "bad_request": "Invalid request.",
        "no_code": "Type or scan your booking code.",
        "code_too_long": "That booking code is too long. Check your code or ask the staff.",
        "unknown_job": "That ticket is not known.",
        "screen_out": "The printer is out of paper. You can still take a number: it is shown "
                      "on the screen with its QR code.",
        "screen_offline": "The printer cannot print right now. You can still take a number: "
                          "it is shown on the screen with its QR code.",
        "refuse_out": "The printer is out of paper. Numbers are paused for now; please ask "
                      "the staff.",
        "refuse_offline": "The printer cannot print right now. Numbers are paused for now; "
                          "please ask the staff.",
        "paper_low": "Printer paper is running low.",
    },
}

# Why a print failed, in words (the `code` of PrinterUnavailable).
ERRORS = {
    "id": {"refused": "printer menolak sambungan (printer mati atau kabel jaringan lepas?)",
           "not_found": "printer tidak ditemukan (printer mati atau kabel lepas?)",
           "timeout": "printer tidak menjawab",
           "paper_out": "kertas printer habis",
           "offline": "printer melaporkan tidak siap (tutup terbuka atau kertas macet?)",
           "write": "pengiriman ke printer terputus",
           "other": "printer tidak dapat dipakai"},
    "en": {"refused": "the printer refused the connection (switched off or cable loose?)",
           "not_found": "the printer was not found (switched off or cable loose?)",
           "timeout": "the printer does not answer",
           "paper_out": "the printer is out of paper",
           "offline": "the printer says it is not ready (cover open or paper jam?)",
           "write": "the connection to the printer broke off",
           "other": "the printer cannot be used"},
}

STAFF = {
    "id": {
        "printer_online": "Printer: siap", "printer_offline": "Printer: tidak terhubung",
        "printer_unknown": "Printer: belum diperiksa",
        "paper_ok": "Kertas: cukup", "paper_low": "Kertas: hampir habis, siapkan gulungan baru",
        "paper_out": "Kertas: habis, ganti gulungan kertas",
        "paper_unknown": "Kertas: printer ini tidak melaporkan sisa kertas",
        "jobs": "Tiket menunggu dicetak: {n}",
        "shown": "Tiket yang hanya tampil di layar (tidak tercetak): {n}",
        "qr": "Alamat di QR tiket: {url}",
        "qr_loopback": "Peringatan: {host} adalah alamat komputer ini sendiri; ponsel pasien "
                       "tidak dapat membukanya. Jalankan server dengan ANTRIAN_PUBLIC_URL atau "
                       "kiosk dengan --public-url.",
        "qr_private": "Peringatan: {host} adalah alamat jaringan lokal; ponsel hanya dapat "
                      "membukanya lewat Wi-Fi puskesmas. Pakai alamat publik "
                      "(ANTRIAN_PUBLIC_URL atau --public-url).",
        "mode_screen": "Bila printer tidak dapat mencetak: nomor tetap diberikan dan tampil "
                       "di layar",
        "mode_refuse": "Bila printer tidak dapat mencetak: pengambilan nomor dihentikan",
        "last_error": "Kesalahan terakhir ({at}): {words}",
        "no_error": "Tidak ada kesalahan printer",
        "server_ok": "Server antrean: terhubung",
        "server_down": "Server antrean: tidak dapat dihubungi",
        "wrong_pin": "PIN salah.", "no_pin": "Menu petugas belum diaktifkan (--staff-pin-file).",
        "throttled": "Terlalu banyak percobaan PIN. Coba lagi dalam {s} detik.",
        "nothing": "Belum ada tiket.", "unknown_job": "Tiket itu tidak ada dalam daftar.",
        "choose_job": "Pilih tiket yang akan dicetak ulang.",
        "reprinted": "Tiket {number} dicetak ulang.",
        "not_reprinted": "Tiket {number} belum dapat dicetak: {words}.",
    },
    "en": {
        "printer_online": "Printer: ready", "printer_offline": "Printer: not connected",
        "printer_unknown": "Printer: not checked yet",
        "paper_ok": "Paper: enough", "paper_low": "Paper: running low, have a new roll ready",
        "paper_out": "Paper: out, put in a new roll",
        "paper_unknown": "Paper: this printer does not report its paper",
        "jobs": "Tickets waiting to print: {n}",
        "shown": "Tickets shown on the screen only (not printed): {n}",
        "qr": "Address in the tickets' QR: {url}",
        "qr_loopback": "Warning: {host} is this computer's own address; patients' phones "
                       "cannot open it. Start the server with ANTRIAN_PUBLIC_URL or the kiosk "
                       "with --public-url.",
        "qr_private": "Warning: {host} is a local network address; phones reach it only on "
                      "the puskesmas Wi-Fi. Use the public address (ANTRIAN_PUBLIC_URL or "
                      "--public-url).",
        "mode_screen": "When the printer cannot print: numbers are still given, on the screen",
        "mode_refuse": "When the printer cannot print: numbers are paused",
        "last_error": "Last error ({at}): {words}",
        "no_error": "No printer error",
        "server_ok": "Queue server: connected",
        "server_down": "Queue server: cannot be reached",
        "wrong_pin": "Wrong PIN.", "no_pin": "The staff menu is not enabled (--staff-pin-file).",
        "throttled": "Too many PIN attempts. Try again in {s} seconds.",
        "nothing": "No ticket yet.", "unknown_job": "That ticket is not in the list.",
        "choose_job": "Choose the ticket to reprint.",
        "reprinted": "Ticket {number} reprinted.",
        "not_reprinted": "Ticket {number} cannot be printed yet: {words}.",
    },
}


def lang_of(value: object) -> str:
    """"en" for English, else "id": Indonesian is the default of every text."""
    return "en" if value == "en" else "id"
