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
SQLITE_FILE_NAME = "gestao_negativacao.db"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


def data_dir() -> Path:
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = _home()
    path = home / "logs" if home else Path(platformdirs.user_log_dir(APP_DIR_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    return f"sqlite:///{(data_dir() / SQLITE_FILE_NAME).as_posix()}"
