"""CPF and CNPJ (alphanumeric CNPJ included): normalisation, validation, masks.

Check digits are validated by validate-docbr (it implements the alphanumeric CNPJ of
IN RFB 2.229/2024). On top of it we refuse a CPF or CNPJ made of one repeated character,
which some libraries accept (python-stdnum 2.2 accepts ``11111111111``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from validate_docbr import CNPJ as _CNPJ
from validate_docbr import CPF as _CPF

from gestao_negativacao.domain.enums import PersonKind
from gestao_negativacao.domain.errors import UserFacingError

_cpf = _CPF()
_cnpj = _CNPJ()

_MASK_CHARS = re.compile(r"[.\-/\s]")
_CNPJ_SHAPE = re.compile(r"^[0-9A-Z]{12}[0-9]{2}$")


class InvalidDocument(UserFacingError, ValueError):
    """The text is not a valid CPF or CNPJ; ``str(exc)`` is a message for a clerk."""


@dataclass(frozen=True, slots=True)
class Document:
    """A validated CPF or CNPJ, stored bare: digits, or upper-case letters and digits."""

    value: str
    kind: PersonKind

    @property
    def masked(self) -> str:
        return format_document(self.value)

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.value


def strip_mask(text: str) -> str:
    return _MASK_CHARS.sub("", text).upper()


def _repeated(value: str) -> bool:
    return len(set(value)) == 1


def is_valid_cpf(value: str) -> bool:
    return len(value) == 11 and value.isdigit() and not _repeated(value) and _cpf.validate(value)


def is_valid_cnpj(value: str) -> bool:
    return (
        len(value) == 14
        and _CNPJ_SHAPE.match(value) is not None
        and not _repeated(value)
        and _cnpj.validate(value)
    )


@lru_cache(maxsize=262_144)
def parse_document(text: str) -> Document:
    """Accept a CPF or CNPJ masked or bare and return it validated.

    Spreadsheets drop leading zeros from documents typed as numbers, so a bare run of
    digits shorter than its kind is padded back, trying CPF first, then CNPJ.
    """
    raw = text.strip()
    if not raw:
        raise InvalidDocument("documento vazio")
    bare = strip_mask(raw)
    if not bare.isalnum() or not bare.isascii():
        raise InvalidDocument(f"documento com caracteres inválidos: {raw!r}")
    if bare.isdigit():
        if len(bare) == 11 and is_valid_cpf(bare):
            return Document(bare, PersonKind.PERSON)
        if len(bare) <= 14 and is_valid_cnpj(bare.zfill(14)):
            # an 11-digit CNPJ whose leading zeros were lost is still a CNPJ
            if len(bare) == 14 or not is_valid_cpf(bare.zfill(11)):
                return Document(bare.zfill(14), PersonKind.COMPANY)
        if len(bare) < 11 and is_valid_cpf(bare.zfill(11)):
            return Document(bare.zfill(11), PersonKind.PERSON)
        if len(bare) == 11:
            raise InvalidDocument(f"CPF inválido: {raw}")
        if len(bare) == 14:
            raise InvalidDocument(f"CNPJ inválido: {raw}")
        raise InvalidDocument(
            f"documento com {len(bare)} dígitos: um CPF tem 11 e um CNPJ tem 14 ({raw})"
        )
    if len(bare) == 14 and is_valid_cnpj(bare):
        return Document(bare, PersonKind.COMPANY)
    raise InvalidDocument(f"CNPJ inválido: {raw}")


def parse_cnpj(text: str) -> Document:
    doc = parse_document(text)
    if doc.kind is not PersonKind.COMPANY:
        raise InvalidDocument(f"esperado um CNPJ, recebido um CPF: {text.strip()}")
    return doc


# An anonymised person's document (LGPD): unique like a document, never a valid one (the
# hyphen is no document character), and shown as such rather than formatted
ANONYMISED_PREFIX = "ANON-"


def anonymised_document(customer_id: int) -> str:
    return f"{ANONYMISED_PREFIX}{customer_id}"


def format_document(value: str) -> str:
    """Mask a bare document the usual way: 123.456.789-09 or 12.ABC.345/01DE-35."""
    if value.startswith(ANONYMISED_PREFIX):
        return "(anonimizado)"
    if len(value) == 11:
        return f"{value[:3]}.{value[3:6]}.{value[6:9]}-{value[9:]}"
    if len(value) == 14:
        return f"{value[:2]}.{value[2:5]}.{value[5:8]}/{value[8:12]}-{value[12:]}"
    return value


def mask_for_log(value: str) -> str:
    """Hide most of a document for logs and messages (LGPD): ***.456.789-** style."""
    if len(value) == 11:
        return f"***.{value[3:6]}.{value[6:9]}-**"
    if len(value) == 14:
        return f"**.{value[2:5]}.{value[5:8]}/****-**"
    return "*" * len(value)
