"""Schemas of /api/v1/documents (issue 17): issued, signed documents."""

from __future__ import annotations

from marshmallow import fields, validate

from .schemas import Strict

_STATUS = "`valid`, `revoked` or `replaced` (by `replaced_by`)"


class DocumentListIn(Strict):
    module = fields.String(load_default=None, validate=validate.Length(min=1, max=20),
                           metadata={"description": "only this module's (`surat`, `ssw`)"})
    before = fields.Integer(load_default=None, validate=validate.Range(min=1),
                            metadata={"description": "the `next_before` of the page before"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class DocumentItem(Strict):
    code = fields.String(metadata={"description": "verification code (in the QR)",
                                   "example": "ABCD2345EFGH"})
    title = fields.String()
    number = fields.String(allow_none=True, metadata={"example": "500.1/17/436.7.5/2026"})
    kind = fields.String(metadata={"example": "letter"})
    module = fields.String(metadata={"example": "surat"})
    status = fields.String(metadata={"description": _STATUS})
    issued_at = fields.String(metadata={"description": "ISO 8601, the city's offset"})
    pdf_url = fields.String(metadata={"description": "path of the signed PDF"})
    verify_url = fields.String(metadata={"description": "the public page, absolute (the "
                                         "address printed in the QR)"})


class DocumentListOut(Strict):
    items = fields.List(fields.Nested(DocumentItem))
    next_before = fields.Integer(allow_none=True, metadata={
        "description": "pass as `before` for the next page; null on the last"})


class DocumentFact(Strict):
    label = fields.String(metadata={"example": "Pemegang izin"})
    value = fields.String(metadata={"example": "Toko Budi (NIB 9120000000001)"})


class DocumentFactsOut(Strict):
    code = fields.String()
    number = fields.String(allow_none=True, metadata={"description": "null when confidential"})
    title = fields.String(allow_none=True, metadata={"description": "null when confidential"})
    issuer = fields.String()
    confidential = fields.Boolean()
    kind = fields.String()
    module = fields.String()
    issued_at = fields.String(metadata={"description": "ISO 8601, the city's offset"})
    status = fields.String(metadata={"description": _STATUS})
    status_at = fields.String(allow_none=True)
    replaced_by = fields.String(allow_none=True, metadata={
        "description": "the code of the document that replaced it"})
    sha256 = fields.String(metadata={"description": "hex SHA-256 of the signed PDF"})
    size = fields.Integer(metadata={"description": "bytes"})
    signer = fields.String(metadata={"description": "`local` (the server's own "
                                     "certificate, not a BSrE TTE) or `bsre`"})
    facts = fields.List(fields.Nested(DocumentFact), metadata={
        "description": "the public facts the issuer printed (a permit: holder, NIB, "
                       "address, valid until), in the document's words; empty when "
                       "confidential"})


class DocumentPdfIn(Strict):
    case = fields.String(load_default=None, validate=validate.Length(min=1, max=80),
                         metadata={"description": "the tracking code of the document's "
                                   "case: its owner reads the PDF without logging in"})


class SignatureOut(Strict):
    intact = fields.Boolean(metadata={"description": "the signed bytes are unchanged"})
    valid = fields.Boolean(metadata={"description": "the signature matches its certificate"})
    trusted = fields.Boolean(metadata={"description": "by this server's certificate"})
    whole = fields.Boolean(metadata={"description": "nothing was appended after signing"})
    ok = fields.Boolean(metadata={"description": "all four"})
    signer = fields.String(metadata={"description": "the certificate's subject"})


class DocumentCheckOut(Strict):
    matches = fields.Boolean(metadata={"description": "the very bytes issued (SHA-256)"})
    sha256 = fields.String(metadata={"description": "of the uploaded file"})
    signature = fields.Nested(SignatureOut, allow_none=True, metadata={
        "description": "the file's first signature; null when it has none"})
    other_code = fields.String(allow_none=True, metadata={
        "description": "when the file is another document issued here: its code (its "
                       "signature is that document's); null otherwise"})


class DocumentRevokeIn(Strict):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=300),
                           metadata={"description": "kept with the document, not shown "
                                     "in public"})
