"""Pieces every protocol of the sandbox uses."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml.ElementTree import fromstring

from gestao_negativacao.bureaus.sandbox.state import Record, SandboxState
from gestao_negativacao.bureaus.soap import SOAP_ENV, find


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def soap_operation(body: bytes) -> Element | None:
    """The operation element inside a SOAP request, or None when the XML is unusable."""
    try:
        root = fromstring(body)
    except (ParseError, ValueError):
        return None
    body_element = find(root, "Body")
    return None if body_element is None else next(iter(body_element), None)


def record_by_bureau_id(
    state: SandboxState, integrator: str, bureau_id: str | None
) -> Record | None:
    """Call with ``state.lock`` held."""
    return next((r for r in state.records[integrator].values() if r.bureau_id == bureau_id), None)


def asmx_response(namespace: str, operation: str, inner: str) -> bytes:
    """``<op>Response/<op>Result`` in a SOAP envelope, the .asmx style of SOA and Boa Vista."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP_ENV}"><soap:Body>'
        f'<{operation}Response xmlns="{namespace}"><{operation}Result>{inner}</{operation}Result>'
        f"</{operation}Response></soap:Body></soap:Envelope>"
    ).encode()


class Refused(Exception):
    """A bureau's refusal inside a successful HTTP answer (code, message, record id)."""

    def __init__(self, code: str, message: str, bureau_id: str = "") -> None:
        self.code, self.message, self.bureau_id = code, message, bureau_id
