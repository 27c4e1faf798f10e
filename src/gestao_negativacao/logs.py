"""Logging set-up with personal documents masked (LGPD): whatever a message contains, a
CPF or CNPJ in it (masked or bare, alphanumeric CNPJ included) reaches no log in full."""

from __future__ import annotations

import logging
import re

from gestao_negativacao.domain.documents import mask_for_log, strip_mask

# masked CPF, masked CNPJ (digits or letters), then bare runs of 11 or 14 characters
_DOCUMENT = re.compile(
    r"(?<![0-9A-Za-z])(?:"
    r"\d{3}\.\d{3}\.\d{3}-\d{2}"
    r"|[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}/[0-9A-Z]{4}-\d{2}"
    r"|[0-9A-Z]{12}\d{2}"
    r"|\d{11}"
    r")(?![0-9A-Za-z])"
)


def mask_documents(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        bare = strip_mask(match.group(0))
        # a bare 14-character run must hold a digit to be taken for a CNPJ, not a word
        if len(bare) == 14 and bare.isalpha():
            return match.group(0)
        return mask_for_log(bare)

    return _DOCUMENT.sub(replace, text)


class DocumentMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_documents(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def configure_console_logging(level: int = logging.WARNING) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(DocumentMaskingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
