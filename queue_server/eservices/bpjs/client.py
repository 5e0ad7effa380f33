"""The outbound client to BPJS's Antrean Online web service (antreanrs): signed calls
(signature.py), answers in BPJS's envelope with the `response` decrypted and
decompressed (crypto.py) under the timestamp the call was signed with.

Network failures, timeouts, 5xx and answers that cannot be read raise BpjsUnavailable
(the sender retries later); every other answer, refusals included, is an Answer. Log
lines carry the path, the answer's code and the duration only: bodies hold NIK, card
numbers and phone numbers and are never logged. One client per thread (a
requests.Session is not shared between threads)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import requests

from .crypto import UndecryptableAnswer, decrypt
from .signature import headers

log = logging.getLogger("antrian.bpjs.client")


class BpjsUnavailable(Exception):
    """BPJS could not be asked or its answer not read; `reason` is short and holds no
    personal data ("timeout", "connection", "http 503", "undecryptable: wrong_key" …)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Answer:
    """One answer of BPJS: `code` from `metadata.code` (200 ok, 201 refused with a
    reason, 208 already there, 401 signature refused), `message` (BPJS's words),
    `response` already decrypted, decompressed and parsed (None when absent),
    `http_status`."""

    code: int
    message: str
    response: Any
    http_status: int

    @property
    def accepted(self) -> bool:
        """True for 200 (done) and 208 (already there: a resend is done too)."""
        return self.code in (200, 208)


class BpjsClient:
    """Signed calls to one BPJS antrean web service at `base_url` (e.g.
    `https://apijkn.bpjs-kesehatan.go.id/antreanrs`); `timeout` in seconds for connecting
    and for reading; `clock` gives Unix seconds for `X-timestamp`."""

    def __init__(self, base_url: str, cons_id: str, secret: str, user_key: str,
                 timeout: float = 10.0, clock: Callable[[], float] = time.time) -> None:
        self.base_url = base_url.rstrip("/")
        self.cons_id, self.secret, self.user_key = cons_id, secret, user_key
        self.timeout, self.clock = timeout, clock
        self.session = requests.Session()

    def add(self, body: dict[str, Any]) -> Answer:
        """`antrean/add`: a booking or walk-in (kodebooking, jenispasien, nomorkartu, nik,
        nohp, kodepoli, namapoli, pasienbaru, norm, tanggalperiksa, kodedokter,
        namadokter, jampraktek, jeniskunjungan, nomorreferensi, nomorantrean,
        angkaantrean, estimasidilayani (epoch ms), quota fields, keterangan)."""
        return self._call("POST", "antrean/add", body)

    def update_time(self, kodebooking: str, taskid: int, waktu_ms: int) -> Answer:
        """`antrean/updatewaktu`: task `taskid` (1-7, 99) of a booking happened at
        `waktu_ms` (epoch milliseconds). 208 means BPJS has it already."""
        return self._call("POST", "antrean/updatewaktu",
                          {"kodebooking": kodebooking, "taskid": taskid, "waktu": waktu_ms})

    def cancel(self, kodebooking: str, keterangan: str) -> Answer:
        """`antrean/batal` with the reason in `keterangan`."""
        return self._call("POST", "antrean/batal",
                          {"kodebooking": kodebooking, "keterangan": keterangan})

    def tasks_of(self, kodebooking: str) -> Answer:
        """`antrean/getlisttask`: the task times BPJS accepted for a booking."""
        return self._call("POST", "antrean/getlisttask", {"kodebooking": kodebooking})

    def dashboard(self, day: date, waktu: str = "server") -> Answer:
        """BPJS's waiting-time dashboard of `day`, per poli `jumlah_antrean`,
        `waktu_task1..6` and `avg_waktu_task1..6` (seconds); `waktu` "rs" (the times we
        sent) or "server" (when BPJS received them)."""
        return self._call("GET", f"dashboard/waktutunggu/tanggal/{day.isoformat()}/waktu/{waktu}")

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Answer:
        timestamp = int(self.clock())
        signed = headers(self.cons_id, self.secret, self.user_key, timestamp)
        started = time.monotonic()
        try:
            reply = self.session.request(method, f"{self.base_url}/{path}", json=body,
                                         headers=signed, timeout=self.timeout)
        except requests.Timeout:
            raise self._unavailable(path, "timeout", started) from None
        except requests.RequestException as error:
            raise self._unavailable(path, f"connection: {type(error).__name__}",
                                    started) from None
        if reply.status_code >= 500:
            raise self._unavailable(path, f"http {reply.status_code}", started)
        answer = self._read(reply, timestamp, path, started)
        log.info("bpjs %s %s: http %s code %s in %.0f ms", method, path,
                 answer.http_status, answer.code, (time.monotonic() - started) * 1000)
        return answer

    def _read(self, reply: requests.Response, timestamp: int, path: str,
              started: float) -> Answer:
        try:
            data = reply.json()
            metadata = data.get("metadata") or data.get("metaData") or {}
            if not isinstance(metadata, dict):
                raise ValueError("metadata")
        except (ValueError, AttributeError):
            raise self._unavailable(path, f"http {reply.status_code}: not BPJS's envelope",
                                    started) from None
        response = data.get("response")
        if isinstance(response, str) and response:
            try:
                response = _parsed(decrypt(self.cons_id, self.secret, timestamp, response))
            except UndecryptableAnswer as error:
                raise self._unavailable(path, f"undecryptable: {error.reason}",
                                        started) from None
        return Answer(code=_code(metadata.get("code"), reply.status_code),
                      message=str(metadata.get("message") or ""), response=response,
                      http_status=reply.status_code)

    def _unavailable(self, path: str, reason: str, started: float) -> BpjsUnavailable:
        log.warning("bpjs %s unavailable: %s after %.0f ms", path, reason,
                    (time.monotonic() - started) * 1000)
        return BpjsUnavailable(reason)


def _code(value: Any, fallback: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return fallback


def _parsed(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def client_from_config(config: Mapping[str, Any]) -> BpjsClient | None:
    """A client from app config `BPJS_BASE_URL`, `BPJS_CONS_ID`, `BPJS_SECRET`,
    `BPJS_USER_KEY` (and `BPJS_TIMEOUT_SECONDS`, default 10); None when any is missing."""
    names = ("BPJS_BASE_URL", "BPJS_CONS_ID", "BPJS_SECRET", "BPJS_USER_KEY")
    base_url, cons_id, secret, user_key = (str(config.get(name) or "").strip()
                                           for name in names)
    if not (base_url and cons_id and secret and user_key):
        return None
    timeout = float(config.get("BPJS_TIMEOUT_SECONDS") or 10.0)
    return BpjsClient(base_url, cons_id, secret, user_key, timeout=timeout)
