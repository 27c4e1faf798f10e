"""Windows realities (issue 18, item 11), with a stand-in that behaves as Windows does: the
Credential Manager refuses a secret over 2,560 bytes (1,280 UTF-16 characters) — keyring's
backend then fails with error 1783, "The stub received bad data" — and a Crédito na Medida
token can be longer."""

import keyring
import pytest

from gestao_negativacao.services.bureau_setup import credentials
from tests.conftest import MemoryKeyring


class WindowsLikeKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        if len(password.encode("utf-16-le")) > 2560:
            raise OSError(1783, "The stub received bad data.")
        super().set_password(service, username, password)


@pytest.fixture
def windows():
    previous = keyring.get_keyring()
    backend = WindowsLikeKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_a_long_token_is_kept_in_parts_and_read_back_whole(windows):
    token = "eyJ" + "ção-" * 2_000  # 8,003 characters, accents included
    credentials.set_named("token-cnm", token)
    assert credentials.get_named("token-cnm") == token
    assert max(len(v.encode("utf-16-le")) for v in windows.secrets.values()) <= 2560
    assert len(windows.secrets) == 10  # the head and nine parts of 1,000
    credentials.set_named("token-cnm", "curto")  # a short one replaces it, parts and all
    assert credentials.get_named("token-cnm") == "curto" and len(windows.secrets) == 1


def test_a_missing_part_reads_as_no_secret(windows):
    credentials.set_named("token-cnm", "x" * 3_000)
    del windows.secrets[(credentials.SERVICE, "token-cnm#2")]
    assert credentials.get_named("token-cnm") is None  # asked for again, never half a token


def test_run_due_says_plainly_when_the_secret_store_is_out_of_reach(sqlite_db):
    """A scheduled task registered without the account's password has no Credential
    Manager: the runner says so instead of every send failing for "no password"."""
    import contextlib
    import io

    from gestao_negativacao.cli.scheduler import cmd_run_due

    class Unreachable(MemoryKeyring):
        def get_password(self, service, username):
            raise keyring.errors.KeyringLocked("sem acesso ao cofre")

    previous = keyring.get_keyring()
    keyring.set_keyring(Unreachable())
    try:
        assert not credentials.store_reachable()
        args = type("Args", (), {"now": "2026-11-23T07:00", "json": True, "user": None})()
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            assert cmd_run_due(sqlite_db, args) == 0
    finally:
        keyring.set_keyring(previous)
    assert "cofre de senhas desta conta não está acessível" in err.getvalue()


def test_a_data_folder_with_accents_and_spaces_works(tmp_path):
    """C:\\Users\\João Araújo\\…: the database, the log and an export live there."""
    import json

    from tests.conftest import SAMPLE
    from tests.helpers import run

    home = tmp_path / "João Araújo" / "Área de Trabalho"
    env = {"GESTAO_NEGATIVACAO_HOME": str(home)}
    imported = run("import", str(SAMPLE), "--json", env_extra=env)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["written"] is True
    assert any(home.rglob("*.db")) and any(home.rglob("gestao_negativacao.log"))
    exported = home / "regras exportadas ç.json"
    assert run("rules", "export", str(exported), env_extra=env).returncode == 0
    assert exported.exists()
