"""Pieces every protocol of the sandbox uses."""

from __future__ import annotations

from datetime import date
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


def asmx_fault(code: str, message: str) -> bytes:
    """What ASMX answers (with HTTP 500) to a request it cannot accept."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP_ENV}">'
        f"<soap:Body><soap:Fault><faultcode>soap:{code}</faultcode>"
        f"<faultstring>{escape(message)}</faultstring></soap:Fault></soap:Body></soap:Envelope>"
    ).encode()


def wrong_soap_action(received: str, expected: str) -> bytes | None:
    """ASMX routes by the SOAPAction header: any other value is a client fault."""
    if received.strip().strip('"') == expected:
        return None
    return asmx_fault(
        "Client",
        f"Server did not recognize the value of HTTP Header SOAPAction: {received.strip()}.",
    )


class Fields:
    """Reads an .asmx request the way ASMX does: only elements in the service's namespace
    count; an unqualified one is as good as absent (a null parameter)."""

    def __init__(self, namespace: str) -> None:
        self.ns = namespace

    def get(self, parent: Element | None, *path: str) -> Element | None:
        element = parent
        for name in path:
            if element is None:
                return None
            element = element.find(f"{{{self.ns}}}{name}")
        return element

    def text(self, parent: Element | None, *path: str) -> str | None:
        element = self.get(parent, *path)
        if element is None or element.text is None:
            return None
        return element.text.strip()

    def all(self, parent: Element | None, name: str) -> list[Element]:
        return [] if parent is None else parent.findall(f"{{{self.ns}}}{name}")


def asmx_datetime(text: str | None) -> tuple[bool, str | None]:
    """(readable, the day) of an xs:dateTime as ASMX reads it: absent is fine (None); an
    empty or malformed value cannot be read, and ASMX faults on the whole request."""
    if text is None:
        return True, None
    try:
        if len(text) < 10:
            raise ValueError(text)
        return True, date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return False, None
