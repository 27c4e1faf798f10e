"""What a client needs to know of a running sandbox, asked over HTTP."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx


def csr60_address_of(sandbox_url: str) -> str:
    """Where the sandbox's CSR60 query listens: it says so at ``/_sandbox/info``; a sandbox
    not running yet is the ``sandbox`` command's default, the port after the HTTP one."""
    base = sandbox_url.rstrip("/")
    try:
        return str(httpx.get(f"{base}/_sandbox/info", timeout=2).json()["csr60"])
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        parts = urlsplit(base)
        return f"tcp://{parts.hostname}:{(parts.port or 80) + 1}"
