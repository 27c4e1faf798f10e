"""Logging set-up with personal documents masked (LGPD): whatever a message contains, a
CPF or CNPJ in it (masked or bare, alphanumeric CNPJ included) reaches no log in full."""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from gestao_negativacao.config import log_dir
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


class MaskingFormatter(logging.Formatter):
    """The whole record masked, traceback included: an exception's text carries what the
    code was handling (a CPF in a validation message, a row in a driver error)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_documents(super().format(record))


class BriefFormatter(MaskingFormatter):
    """The terminal gets the message only; the traceback goes to the log file."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info = record.exc_text = record.stack_info = None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def quiet_libraries() -> None:
    """httpx and httpcore log every bureau call at INFO: thousands of lines a send, which
    pushed a week of the application's own log out of the rotation in minutes."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def configure_console_logging(level: int = logging.WARNING) -> None:
    quiet_libraries()
    handler = logging.StreamHandler()
    handler.setFormatter(BriefFormatter("%(levelname)s %(name)s: %(message)s"))
    handler.setLevel(level)  # the file may take more (INFO); the terminal only this
    handler.addFilter(DocumentMaskingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


LOG_FILE_NAME = "gestao_negativacao.log"
# 10 files of 10 MB: with the libraries quiet, a busy day (a 100,000-item send, the
# scheduler's runs, a few errors with tracebacks) writes well under 10 MB, so the rotation
# keeps more than a week of them
LOG_FILE_BYTES = 10 * 1024 * 1024
LOG_FILE_COUNT = 10


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def configure_file_logging(level: int = logging.INFO) -> Path:
    """The application's log in the user log folder, rotated (10 files of 10 MB), personal
    documents masked. Kept alongside whatever console handler is there."""
    path = log_file()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    quiet_libraries()
    handler = RotatingFileHandler(
        path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_COUNT, encoding="utf-8"
    )
    handler.setFormatter(
        MaskingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s")
    )
    handler.addFilter(DocumentMaskingFilter())
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.WARNING, level))
    return path
