"""Where the application keeps its files, declared once.

``GESTAO_NEGATIVACAO_HOME`` moves everything (database, logs, backups) under one folder:
tests and a development profile use it so that they never touch a user's real data.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "GestaoNegativacao"
APP_AUTHOR = "GestaoNegativacao"
HOME_ENV = "GESTAO_NEGATIVACAO_HOME"
DATABASE_URL_ENV = "GESTAO_NEGATIVACAO_DATABASE_URL"
PASSWORD_ENV = "GESTAO_NEGATIVACAO_PASSWORD"
NEW_PASSWORD_ENV = "GESTAO_NEGATIVACAO_NEW_PASSWORD"  # of the user being created
SQLITE_FILE_NAME = "gestao_negativacao.db"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


def private_dir(path: Path) -> Path:
    """A folder only this account may enter: the local database, its backups and the logs
    belong to the OS account that uses them (DESIGN §8). POSIX gets 0700; on Windows the
    user's %LOCALAPPDATA% is already private to the account (its ACL grants the user,
    SYSTEM and Administrators only), and new folders inherit that."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def data_dir() -> Path:
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR))
    return private_dir(path)


def log_dir() -> Path:
    home = _home()
    path = home / "logs" if home else Path(platformdirs.user_log_dir(APP_DIR_NAME, APP_AUTHOR))
    return private_dir(path)


def default_database_url() -> str:
    return f"sqlite:///{(data_dir() / SQLITE_FILE_NAME).as_posix()}"
