"""Marshmallow fields for identifiers from outside, normalised once, at the edge.

Every schema takes NIK, BPJS and phone numbers, visit codes and facility, service and
counter codes through these fields (JSON bodies and query strings), and
`normalise_path_values` puts path parameters through the same fields; the Socket.IO
handlers call the same domain functions. So a rule, a rate-limit key, the database or a
log line only ever sees one spelling: full-width digits are read as digits, spaces and
dashes typed inside a number are dropped, and a character of another script (Arabic-Indic
digits, look-alike letters) is a 422 naming the field (`invalid_nik`, `invalid_facility`,
…), never a second spelling of the same patient. The rules about the value (a NIK has 16
digits …) stay in the domain, applied by the use cases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from marshmallow import ValidationError, fields

from queue_server.domain.codes import read_code
from queue_server.domain.errors import InvalidInput
from queue_server.domain.identity import normalise_identifier, normalise_reference


class FieldMessage(str):
    """A field's error message that carries its named error (code, English text), so the
    JSON answer can say `invalid_nik` rather than the generic `invalid_body`."""

    error: InvalidInput

    def __new__(cls, error: InvalidInput) -> FieldMessage:
        message = super().__new__(cls, error.message)
        message.error = error
        return message

    @property
    def code(self) -> str:
        return self.error.code

    @property
    def english(self) -> str:
        return self.error.message_en


class Normalised(fields.String):
    """A string read through a domain normaliser `(text, field) -> text`, which raises the
    field's named error (domain/identity.py: `invalid_{field}`, naming the field in both
    languages); the failure becomes this field's error."""

    error_field: ClassVar[str]  # the field's key in domain/identity.py
    normaliser: ClassVar[Callable[[str, str], str]]
    doc: ClassVar[str]  # for the OpenAPI document

    def __init__(self, **kwargs: Any):
        metadata = {"description": self.doc, **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return type(self).normaliser(text, self.error_field)
        except InvalidInput as exc:
            raise ValidationError(FieldMessage(exc)) from None


_NUMBER = ("full-width digits are read as digits; spaces and dashes are ignored; other "
           "scripts' digits are refused (422 `invalid_{field}`)")
_CODE = ("case and surrounding spaces do not matter, full-width letters are read as "
         "letters; anything but plain ASCII is refused (422 `invalid_{field}`)")


class Identifier(Normalised):
    """A number people type: NIK, BPJS card, phone (`normalise_identifier`)."""

    normaliser = staticmethod(normalise_identifier)


class Reference(Normalised):
    """A configured code: facility, service, counter (`normalise_reference`)."""

    normaliser = staticmethod(normalise_reference)


class Nik(Identifier):
    error_field = "nik"
    doc = "the patient's NIK, 16 digits; " + _NUMBER.format(field="nik")


class BpjsNumber(Identifier):
    error_field = "bpjs"
    doc = "the BPJS card number, 13 digits; " + _NUMBER.format(field="bpjs")


class Phone(Identifier):
    error_field = "phone"
    doc = "an Indonesian mobile number, 08… or +628…; " + _NUMBER.format(field="phone")


class FacilityCode(Reference):
    error_field = "facility"
    doc = "a facility's code, e.g. `pkm-demo`; " + _CODE.format(field="facility")


class ServiceCode(Reference):
    error_field = "service"
    doc = "a service's code, e.g. `umum`; " + _CODE.format(field="service")


class CounterCode(Reference):
    error_field = "counter"
    doc = "a counter's code, e.g. `loket-1`; " + _CODE.format(field="counter")


class VisitCode(Normalised):
    error_field, normaliser = "code", staticmethod(read_code)
    doc = ("a visit or booking code: bare, grouped (`ABCD-EFGH-JK`), lower case or the "
           "QR's whole `/t/{code}` address; letters of other scripts are refused (422 "
           "`invalid_code`)")


# Path parameters, by name, as every /api/v1 route names them.
PATH_FIELDS: dict[str, Normalised] = {
    "code": VisitCode(), "facility": FacilityCode(), "counter": CounterCode()}


def normalise_path_values(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """A URL value preprocessor: each known path parameter through its field, in place.

    Raises the field's named error (422 `invalid_code`, `invalid_facility`,
    `invalid_counter`)."""
    if not values:
        return
    for name, value in list(values.items()):
        field = PATH_FIELDS.get(name)
        if field is None or not isinstance(value, str):
            continue
        try:
            values[name] = field.deserialize(value)
        except ValidationError as exc:
            message = next(m for m in exc.messages if isinstance(m, FieldMessage))
            raise message.error from None


def coded_message(messages: Any) -> FieldMessage | None:
    """The first message in marshmallow's nested error messages that carries its own
    error code (an identifier field's), or None."""
    if isinstance(messages, FieldMessage):
        return messages
    items = messages.values() if isinstance(messages, dict) else (
        messages if isinstance(messages, list) else ())
    for item in items:
        found = coded_message(item)
        if found is not None:
            return found
    return None
