"""One way to talk HTTP to a bureau: explicit timeouts, TLS verified, pooled connections,
and transport failures mapped to ``Transient``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from gestao_negativacao import __version__
from gestao_negativacao.bureaus.errors import AuthFailed, Transient

# connect 10 s, read 60 s: what public SPC clients use; the pipeline may pass shorter ones
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=30.0, pool=30.0)


def make_client(
    base_url: str,
    *,
    auth: httpx.Auth | tuple[str, str] | None = None,
    timeout: httpx.Timeout | float | None = None,
    max_connections: int = 16,
    verify: bool = True,
) -> httpx.Client:
    return httpx.Client(
        base_url=base_url,
        auth=auth,
        timeout=timeout if timeout is not None else DEFAULT_TIMEOUT,
        verify=verify,
        limits=httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        ),
        headers={"User-Agent": f"gestao-negativacao/{__version__}"},
    )


@contextmanager
def transport(what: str) -> Iterator[None]:
    """Network failures become Transient with a message that names no secret."""
    try:
        yield
    except httpx.TimeoutException:
        raise Transient(f"tempo esgotado ao falar com {what}") from None
    except httpx.TransportError as exc:
        raise Transient(f"falha de comunicação com {what} ({type(exc).__name__})") from None


def check_http_status(response: httpx.Response, what: str) -> None:
    """Statuses no protocol gives a meaning to: auth, throttling and server errors."""
    if response.status_code in (401, 403):
        raise AuthFailed(f"{what} recusou o operador ou a senha (HTTP {response.status_code})")
    if response.status_code in (408, 429) or response.status_code >= 500:
        raise Transient(f"{what} respondeu HTTP {response.status_code}; nova tentativa depois")
