"""SOAP 1.1 envelopes built with ElementTree and answers parsed with defusedxml (a bureau's
answer is untrusted input). Elements are matched by local name: the bureaus' namespaces on
inner elements vary between versions of their services."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError, SubElement, tostring

from defusedxml.ElementTree import fromstring

from gestao_negativacao.bureaus.errors import Rejected, Transient
from gestao_negativacao.bureaus.http import check_http_status, transport

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"


def envelope(operation: Element) -> bytes:
    env = Element(f"{{{SOAP_ENV}}}Envelope")
    SubElement(env, f"{{{SOAP_ENV}}}Header")
    body = SubElement(env, f"{{{SOAP_ENV}}}Body")
    body.append(operation)
    return b'<?xml version="1.0" encoding="UTF-8"?>' + tostring(env, encoding="unicode").encode(
        "utf-8"
    )


def child(parent: Element, tag: str, text: str | None = None, **attrib: str) -> Element:
    element = SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrib.items()})
    if text is not None:
        element.text = text
    return element


def qualified(parent: Element, namespace: str, tag: str, text: str | None = None) -> Element:
    """A child in ``namespace``: .asmx services read only elements qualified with their
    namespace and take an unqualified one for a missing (null) parameter."""
    return child(parent, f"{{{namespace}}}{tag}", text)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse(content: bytes, what: str) -> Element:
    try:
        return fromstring(content)
    except (ParseError, ValueError) as exc:
        # the parser's own words are English ("syntax error: line 1, column 0"): say it
        where = getattr(exc, "position", None)
        at = f" (linha {where[0]}, coluna {where[1]})" if where else ""
        raise Transient(
            f"resposta malformada de {what}: o birô não respondeu em XML válido{at}"
        ) from None


def body_of(root: Element, what: str) -> Element:
    for element in root.iter():
        if local(element.tag) == "Body":
            return element
    raise Transient(f"resposta de {what} sem corpo SOAP")


def find(element: Element, name: str) -> Element | None:
    for item in element.iter():
        if local(item.tag) == name:
            return item
    return None


def find_all(element: Element, name: str) -> list[Element]:
    return [item for item in element.iter() if local(item.tag) == name]


def direct(element: Element, name: str) -> Element | None:
    """A direct child by local name: a field read at its own path, never a namesake deeper
    in the answer (an .asmx Result has ``Status`` and ``Transacao/Status``)."""
    return next((item for item in element if local(item.tag) == name), None)


def direct_text(element: Element, name: str) -> str | None:
    found = direct(element, name)
    return None if found is None or found.text is None else found.text.strip()


def text_of(element: Element, name: str) -> str | None:
    found = find(element, name)
    return None if found is None or found.text is None else found.text.strip()


def fault(root: Element) -> tuple[str, str] | None:
    """(faultcode, faultstring) of a SOAP fault, or None."""
    found = find(root, "Fault")
    if found is None:
        return None
    code = text_of(found, "faultcode") or ""
    return code.rsplit(":", 1)[-1], text_of(found, "faultstring") or ""


def as_text(element: Element) -> str:
    """An answer as text, kept with a credit report."""
    return tostring(element, encoding="unicode")


def raise_asmx_fault(code: str, message: str, what: str) -> None:
    """An .asmx fault: ``soap:Client`` means the service could not accept this request
    (wrong SOAPAction, data it cannot read) — sending it again cannot help, so it is a
    rejection with the message; ``soap:Server`` and anything else may pass: retry."""
    text = message or "erro SOAP sem mensagem"
    if code.split(".", 1)[0] == "Client":
        raise Rejected(f"{what} recusou a requisição: {text}", code=f"soap:{code}")
    raise Transient(f"{what} respondeu com erro SOAP: {text}", code=f"soap:{code}")


def call_result(client, url: str, operation: Element, what: str, soap_action: str) -> Element:
    """Post an envelope to a service that answers ``<op>Response/<op>Result`` (the .asmx
    style) and return the Result. Transport, HTTP and SOAP-fault failures come out as the
    taxonomy's errors; what the Result says is left to the adapter. ASMX answers a request
    it refuses with HTTP 500 *and* a fault: the fault is read first, so that a client
    fault is a rejection and not a transient 5xx."""
    name = local(operation.tag)
    with transport(what):
        response = client.post(
            url,
            content=envelope(operation),
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{soap_action}"'},
        )
    root = None
    if response.content and "xml" in response.headers.get("content-type", ""):
        try:
            root = fromstring(response.content)
        except (ParseError, ValueError):
            root = None
    if root is not None and response.status_code in (200, 500):
        found = fault(root)
        if found is not None:
            raise_asmx_fault(*found, what)
    check_http_status(response, what)
    if root is None:
        root = parse(response.content, what)
    result = find(body_of(root, what), f"{name}Result")
    if result is None:
        raise Transient(f"resposta de {what} sem {name}Result")
    return result
