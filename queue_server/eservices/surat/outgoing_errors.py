"""e-Surat outgoing letters' named errors (templates, the review chain, the signer, the
delivery): each says one thing, in both languages (queue_server/domain/errors.py)."""

from __future__ import annotations

from queue_server.domain.errors import DomainError, Forbidden, InvalidInput, NotFound, Words


class TemplateUnknown(InvalidInput):
    code = "surat_template_unknown"
    text_id = "Templat surat {template} tidak ada. Templat yang ada: {known}."
    text_en = "There is no letter template {template}. Templates: {known}."

    def __init__(self, template: str, known: str):
        super().__init__(template=template, known=known)


class TemplateFieldsMissing(InvalidInput):
    code = "surat_template_fields_missing"
    text_id = "Isian templat belum lengkap: {fields}."
    text_en = "The template's fields are not all filled: {fields}."

    def __init__(self, fields: str):
        super().__init__(fields=fields)


class DraftOfficeNeeded(InvalidInput):
    code = "surat_office_needed"
    text_id = "Pilih kantor (office) tempat Anda menyusun surat: {offices}."
    text_en = "Say which office (office) you draft the letter for: {offices}."

    def __init__(self, offices: str):
        super().__init__(offices=offices)


class NotDraftingMember(Forbidden):
    code = "surat_not_member"
    text_id = "Hanya pegawai kantor {office} yang boleh menyusun surat keluarnya."
    text_en = "Only members of the office {office} may draft its outgoing letters."

    def __init__(self, office: str):
        super().__init__(office=office)


class NoUnitCode(InvalidInput):
    code = "surat_no_unit_code"
    text_id = "Kantor {office} belum punya kode unit untuk nomor surat (units.yaml)."
    text_en = "The office {office} has no unit code for letter numbers (units.yaml)."

    def __init__(self, office: str):
        super().__init__(office=office)


class ReviewerInvalid(InvalidInput):
    code = "surat_reviewer_invalid"
    text_id = "Pemaraf {who} tidak sah: {why}."
    text_en = "The reviewer {who} is not valid: {why}."

    def __init__(self, who: str, why: str | Words):
        super().__init__(who=who, why=why)


class ChainEmpty(InvalidInput):
    code = "surat_chain_empty"
    text_id = "Surat keluar perlu paling sedikit satu pemaraf (review)."
    text_en = "An outgoing letter needs at least one reviewer (review)."


class SignerInvalid(InvalidInput):
    code = "surat_signer_invalid"
    text_id = "Penanda tangan {who} tidak sah: harus kepala kantor {office}."
    text_en = "The signer {who} is not valid: it must be the head of the office {office}."

    def __init__(self, who: str, office: str):
        super().__init__(who=who, office=office)


class NoHead(InvalidInput):
    code = "surat_no_head"
    text_id = "Kantor {office} belum punya kepala untuk menandatangani surat."
    text_en = "The office {office} has no head to sign letters."

    def __init__(self, office: str):
        super().__init__(office=office)


class DeliveryInvalid(InvalidInput):
    code = "surat_delivery_invalid"
    text_id = "Pengiriman tidak sah: {why}."
    text_en = "The delivery is not valid: {why}."

    def __init__(self, why: str | Words):
        super().__init__(why=why)


class NotDraft(DomainError):
    code = "surat_not_draft"
    text_id = "Surat ini sudah diajukan: hanya konsep yang bisa diubah."
    text_en = "This letter has been submitted: only a draft can be edited."


class NotDrafter(Forbidden):
    code = "surat_not_drafter"
    text_id = "Hanya konseptor surat ini yang boleh mengubahnya."
    text_en = "Only this letter's drafter may edit it."


class NotYourTurn(DomainError):
    """The caller is in the chain, but another step is current (409)."""

    code = "surat_not_your_turn"
    text_id = "Belum giliran Anda: surat ini menunggu {waiting}."
    text_en = "It is not your turn: this letter is waiting for {waiting}."

    def __init__(self, waiting: str):
        super().__init__(waiting=waiting)


class OutgoingNotFound(NotFound):
    code = "surat_outgoing_not_found"
    text_id = "Surat keluar {ref} tidak ditemukan."
    text_en = "No outgoing letter has the reference {ref}."

    def __init__(self, ref: str):
        super().__init__(ref=ref)
