"""SPC Boa Vista as the sandbox answers it: the distributor-style SOAP model (tempuri.org,
key pair in the body, ``sucesso`` / ``idRegistro`` / ``codigoErro``), error 37 for a removal
of what is already removed. Served at its own port-style path, like Boa Vista's URL + port."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from gestao_negativacao.bureaus.boa_vista import (
    CODE_ALREADY_INCLUDED,
    CODE_ALREADY_REMOVED,
    CODE_AUTH,
    NAMESPACE,
    NATURES,
)
from gestao_negativacao.bureaus.sandbox.common import (
    Refused,
    asmx_response,
    escape,
    record_by_bureau_id,
    soap_operation,
)
from gestao_negativacao.bureaus.sandbox.state import SandboxState, sandbox_score
from gestao_negativacao.bureaus.soap import find, local, text_of
from gestao_negativacao.domain.address import UFS
from gestao_negativacao.domain.documents import InvalidDocument, parse_document


def _answer(
    operation: str, ok: bool, record_id: str = "", code: str = "", message: str = ""
) -> bytes:
    inner = (
        f"<sucesso>{'true' if ok else 'false'}</sucesso><idRegistro>{record_id}</idRegistro>"
        f"<codigoErro>{code}</codigoErro><mensagem>{escape(message)}</mensagem>"
    )
    return asmx_response(NAMESPACE, operation, inner)


class BoaVistaSandbox:
    integrator = "boa_vista"

    def __init__(self, state: SandboxState, password: str, today: date | None = None) -> None:
        self.state = state
        self.password = password
        self.today = today

    def handle(self, body: bytes) -> tuple[int, bytes]:
        operation = soap_operation(body)
        if operation is None:
            return 500, b"<html>XML malformado</html>"
        name = local(operation.tag)
        auth = find(operation, "p_autenticacao")
        if auth is None or not text_of(auth, "CHAVE") or text_of(auth, "KEY") != self.password:
            return 200, _answer(name, False, code=CODE_AUTH, message="chave de acesso inválida")
        handlers = {"Incluir": self._include, "Excluir": self._remove, "Consultar": self._query}
        if name not in handlers:
            return 500, b"<html>operacao desconhecida</html>"
        try:
            record_id, message = handlers[name](operation)
        except Refused as refused:
            return 200, _answer(name, False, refused.bureau_id, refused.code, refused.message)
        return 200, _answer(name, True, record_id, message=message)

    def _include(self, operation: Element) -> tuple[str, str]:
        data = find(operation, "p_inclusao")
        if data is None:
            raise Refused("10", "p_inclusao ausente")
        try:
            document = parse_document(text_of(data, "NumeroDocumento") or "").value
        except InvalidDocument:
            raise Refused("11", "documento do devedor inválido") from None
        if not text_of(data, "NomeDevedor"):
            raise Refused("12", "nome do devedor obrigatório")
        cep = text_of(data, "CEP") or ""
        if (
            len(cep) != 8
            or not cep.isdigit()
            or not text_of(data, "Endereco")
            or text_of(data, "UF") not in UFS
        ):
            raise Refused("13", "endereço incompleto para o comunicado")
        if text_of(data, "IdNatureza") not in {n.code for n in NATURES}:
            raise Refused("14", "natureza inválida")
        contract = text_of(data, "NumeroContratoCliente")
        try:
            due = date.fromisoformat(text_of(data, "DataVencimento") or "")
            value = Decimal(text_of(data, "ValorTitulo") or "")
        except (ValueError, InvalidOperation):
            raise Refused("15", "vencimento ou valor inválidos") from None
        if not contract or value <= 0:
            raise Refused("16", "contrato e valor maior que zero obrigatórios")
        if due >= (self.today or date.today()):
            raise Refused("17", "título ainda não vencido")
        key = (document, contract, due.isoformat())
        with self.state.lock:
            record = self.state.inclusion_received(
                self.integrator, key, document, contract, None, value, due.isoformat(), "BV"
            )
            if record.active:
                raise Refused(CODE_ALREADY_INCLUDED, "registro já existente", record.bureau_id)
            record.active, record.value = True, value
            return record.bureau_id, "registrado"

    def _remove(self, operation: Element) -> tuple[str, str]:
        record_id = text_of(operation, "IdRegistro")
        with self.state.lock:
            self.state.requests[self.integrator] += 1
            record = record_by_bureau_id(self.state, self.integrator, record_id)
            if record is not None:
                record.removals += 1
            if record is None or not record.active:
                raise Refused(
                    CODE_ALREADY_REMOVED, "registro já excluído ou inexistente", record_id or ""
                )
            record.active = False
            return record.bureau_id, "excluído"

    def _query(self, operation: Element) -> tuple[str, str]:
        record_id = text_of(operation, "IdRegistro")
        with self.state.lock:
            record = record_by_bureau_id(self.state, self.integrator, record_id)
        if record is None:
            raise Refused("40", "registro não encontrado")
        return record.bureau_id, "ativo" if record.active else "excluído"


def _chunk(code: str, lines: list[str]) -> str:
    header = "CSR61".ljust(39) + code  # the return code sits at byte 40
    return header + "".join(f"{line}\n" for line in lines)


def csr60_answer(state: SandboxState, password: str, request: bytes) -> str:
    """The CSR60 credit query (HTTP variant), answered from the records the sandbox holds,
    in two chunks so that the continuation code is exercised."""
    text = request.decode("ascii", errors="replace")
    if len(text) < 47 or not text.startswith("CSR60"):
        return _chunk("9", ["requisição fora do layout CSR60"])
    if text[13:21].strip() != password[:8].strip():
        return _chunk("9", ["senha do operador inválida"])
    try:
        document = parse_document(
            text[33:47].lstrip("0").zfill(11 if text[29:33] == "CPF " else 14)
        ).value
    except InvalidDocument:
        return _chunk("9", ["documento inválido"])
    active = state.active_records_of(document)
    first = ["NOME ", f"SCORE {sandbox_score(document, len(active))}"]
    second = [f"PEND Contrato {r.contract} ({i});{r.value:.2f};{r.due_date}" for i, r in active]
    second += ["CHEQ 0", f"CONS {len(active)}"]
    return _chunk("1", first) + "\x1e" + _chunk("0", second)
