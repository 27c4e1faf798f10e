"""What the window remembers on this workstation (STYLE habit 7), declared once: the last
login, window geometry, splitter sizes and column widths. Kept in an INI file in the data
folder (so ``GESTAO_NEGATIVACAO_HOME`` isolates tests), never a password."""

from __future__ import annotations

from gestao_negativacao.config import data_dir
from gestao_negativacao.gui.qt import QByteArray, QHeaderView, QSettings, QSplitter, QWidget


def _store() -> QSettings:
    return QSettings(str(data_dir() / "interface.ini"), QSettings.Format.IniFormat)


def last_login() -> str:
    return str(_store().value("login/last", "") or "")


def set_last_login(login: str) -> None:
    _store().setValue("login/last", login)


def _restore(key: str) -> QByteArray | None:
    value = _store().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_geometry(widget: QWidget, key: str) -> None:
    _store().setValue(f"geometry/{key}", widget.saveGeometry())


def restore_geometry(widget: QWidget, key: str) -> bool:
    state = _restore(f"geometry/{key}")
    return bool(state) and widget.restoreGeometry(state)


def save_header(header: QHeaderView, key: str) -> None:
    _store().setValue(f"columns/{key}", header.saveState())


def restore_header(header: QHeaderView, key: str) -> bool:
    state = _restore(f"columns/{key}")
    return bool(state) and header.restoreState(state)


def save_splitter(splitter: QSplitter, key: str) -> None:
    _store().setValue(f"splitter/{key}", splitter.saveState())


def restore_splitter(splitter: QSplitter, key: str) -> bool:
    state = _restore(f"splitter/{key}")
    return bool(state) and splitter.restoreState(state)
