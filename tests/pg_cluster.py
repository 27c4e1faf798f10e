"""A throwaway PostgreSQL cluster that checks passwords (SCRAM-SHA-256) and offers TLS with
a certificate of its own authority: CI's server trusts every local login, so the tests that
must prove a wrong password is refused, or a link encrypted and verified, start this one
with the installed server's own initdb and pg_ctl (as the postgres OS user when the tests
run as root)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER_PASSWORD = "Cluster-de-teste-2026"


def _binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    root: Path
    port: int
    ca_file: Path
    bin_dir: Path
    owner: str | None  # the OS user that runs it ("postgres" when the tests are root)

    def url(self, user: str = "postgres", password: str = SUPERUSER_PASSWORD, db="postgres"):
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{db}"

    def _run(self, *args: str) -> None:
        command = [str(a) for a in args]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        try:
            self._run(self.bin_dir / "pg_ctl", "-D", self.root / "data", "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _certificates(folder: Path, owner: str | None) -> Path:
    """A certificate authority and a server certificate for 127.0.0.1 signed by it."""

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            "/CN=Autoridade de teste", "-keyout", "ca.key", "-out", "ca.pem")  # fmt: skip
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", "server.key", "-out", "server.csr")  # fmt: skip
    (folder / "san.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "2", "-extfile", "san.cnf", "-out", "server.crt")  # fmt: skip
    os.chmod(folder / "server.key", 0o600)
    if owner:
        shutil.chown(folder / "server.key", owner)
        shutil.chown(folder / "server.crt", owner)
    return folder / "ca.pem"


def start() -> Cluster | str:
    """The running cluster, or why it cannot run here (the tests then skip with it)."""
    bin_dir = _binaries()
    if bin_dir is None or not shutil.which("openssl"):
        return "initdb/pg_ctl ou openssl não encontrados nesta máquina"
    owner = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="gn-cluster-"))
    os.chmod(root, 0o755)
    if owner:
        shutil.chown(root, owner)
    port = _free_port()
    cluster = Cluster(root, port, root / "ca.pem", bin_dir, owner)
    try:
        ca = _certificates(root, owner)
        cluster.ca_file = ca
        pwfile = root / "pw"
        pwfile.write_text(SUPERUSER_PASSWORD + "\n")
        if owner:
            shutil.chown(pwfile, owner)
        cluster._run(bin_dir / "initdb", "-D", root / "data", "-U", "postgres",
                     "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8")  # fmt: skip
        with open(root / "data" / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = "
                f"'{root}'\nssl = on\nssl_cert_file = '{root / 'server.crt'}'\n"
                f"ssl_key_file = '{root / 'server.key'}'\npassword_encryption = scram-sha-256\n"
            )
        (root / "data" / "pg_hba.conf").write_text("host all all 127.0.0.1/32 scram-sha-256\n")
        cluster._run(bin_dir / "pg_ctl", "-D", root / "data", "-l", root / "log", "-w", "start")
    except (subprocess.SubprocessError, OSError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        return f"não foi possível iniciar um PostgreSQL de teste: {exc}"
    return cluster
