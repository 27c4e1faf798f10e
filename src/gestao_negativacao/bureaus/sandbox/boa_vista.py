"""SPC Boa Vista as the sandbox answers it: the distributor-style SOAP service
(tempuri.org, key pair in the body, ``sucesso`` / ``idRegistro`` / ``codigoErro``), and the
CSR60 credit query over TCP (and its HTTP variant).

No easier than the distributor: only elements qualified with its namespace are read (ASMX
takes an unqualified one for a missing parameter), a SOAPAction other than the operation's
is a client fault, an empty or unreadable DateTime faults the whole request, the city must
carry its IBGE code, and a guarantor exists only as the co-obligor of its holder's record.
``Incluir`` only queues the record: ``Consultar(p_idRegistro)`` says "not yet sent" until the
batch runs (``process``), then registered (return code 32) or refused."""

from __future__ import annotations

import asyncio
import time
from datetime import date
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from gestao_negativacao.bureaus import csr60
from gestao_negativacao.bureaus.boa_vista import (
    CODE_ALREADY_REMOVED,
    CODE_AUTH,
    CODE_NOT_FOUND,
    NAMESPACE,
    NATURES,
    REMOVAL_REASONS,
)
from gestao_negativacao.bureaus.sandbox.common import (
    Fields,
    Refused,
    asmx_datetime,
    asmx_fault,
    asmx_response,
    escape,
    record_by_bureau_id,
    soap_operation,
    wrong_soap_action,
)
from gestao_negativacao.bureaus.sandbox.state import Record, SandboxState, sandbox_score
from gestao_negativacao.bureaus.soap import local
from gestao_negativacao.domain.address import UFS
from gestao_negativacao.domain.documents import InvalidDocument, parse_document
from gestao_negativacao.domain.ibge import is_code_of

F = Fields(NAMESPACE)
BATCH_LIMIT = Decimal("1000000.00")  # the plan's limit: above it Boa Vista refuses
REGISTERED_CODE = "32"
REFUSED_CODE = "99"
DATETIME_FIELDS = ("DataInclusao", "DataEmissao", "DataVencimento", "DataNascimento",
                   "DataNascimentoCoobrigado")  # fmt: skip


def _answer(operation: str, ok: bool, record_id: str = "", code: str = "", message: str = "",
            extra: str = "") -> bytes:  # fmt: skip
    inner = (
        f"<sucesso>{'true' if ok else 'false'}</sucesso><idRegistro>{record_id}</idRegistro>"
        f"<codigoErro>{code}</codigoErro><mensagem>{escape(message)}</mensagem>{extra}"
    )
    return asmx_response(NAMESPACE, operation, inner)


def _refuse_batch(record: Record) -> str | None:
    return "valor acima do limite do plano" if record.value > BATCH_LIMIT else None


class BoaVistaSandbox:
    integrator = "boa_vista"

    def __init__(
        self,
        state: SandboxState,
        password: str,
        today: date | None = None,
        process_after: float | None = 5.0,
    ) -> None:
        self.state = state
        self.password = password
        self.today = today
        self.process_after = process_after

    def process(self, *, everything: bool = False) -> int:
        return self.state.process_pending(
            self.integrator, self.process_after, _refuse_batch, everything=everything
        )

    def handle(self, body: bytes, soap_action: str) -> tuple[int, bytes]:
        operation = soap_operation(body)
        if operation is None:
            return 500, asmx_fault("Client", "There is an error in the XML document.")
        name = local(operation.tag)
        handlers = {"Incluir": self._include, "Excluir": self._remove, "Consultar": self._query}
        if operation.tag != f"{{{NAMESPACE}}}{name}" or name not in handlers:
            return 500, asmx_fault("Client", f"Unable to handle request: {name}")
        wrong = wrong_soap_action(soap_action, f"{NAMESPACE}{name}")
        if wrong is not None:
            return 500, wrong
        for field in DATETIME_FIELDS:
            element = next((e for e in operation.iter() if local(e.tag) == field), None)
            text = None if element is None else (element.text or "")
            if not asmx_datetime(text)[0]:
                return 500, asmx_fault(
                    "Client",
                    f"There is an error in XML document. The string '{text}' is not a valid "
                    f"AllXsd value ({field}).",
                )
        auth = F.get(operation, "p_autenticacao")
        if not F.text(auth, "CHAVE") or F.text(auth, "KEY") != self.password:
            return 200, _answer(name, False, code=CODE_AUTH, message="chave de acesso inválida")
        try:
            record_id, message, extra = handlers[name](operation)
        except Refused as refused:
            return 200, _answer(name, False, refused.bureau_id, refused.code, refused.message)
        return 200, _answer(name, True, record_id, message=message, extra=extra)

    def _person(self, data: Element, suffix: str = "") -> str:
        number = "NumeroDocumento" + ("Coobrigado" if suffix else "")
        try:
            document = parse_document(F.text(data, number) or "").value
        except InvalidDocument:
            raise Refused("11", f"documento inválido em {number}") from None
        name = "NomeCoobrigado" if suffix else "NomeDevedor"
        if not F.text(data, name):
            raise Refused("12", f"{name} obrigatório")
        cep = F.text(data, "CepCoobrigado" if suffix else "CEP") or ""
        street = F.text(data, "EnderecoCoobrigado" if suffix else "Endereco")
        uf = F.text(data, "UFCoobrigado" if suffix else "UF") or ""
        if len(cep) != 8 or not cep.isdigit() or not street or uf not in UFS:
            raise Refused("13", "endereço incompleto para o comunicado")
        city = F.text(data, "IdCidadeCoobrigado" if suffix else "CodigoIBGECidade") or ""
        if not is_code_of(city, uf):
            raise Refused("18", f"código IBGE da cidade inválido para a UF {uf}: {city!r}")
        return document

    def _include(self, operation: Element) -> tuple[str, str, str]:
        data = F.get(operation, "p_inclusao")
        if data is None:
            raise Refused("10", "p_inclusao ausente")
        document = self._person(data)
        if F.text(data, "IdNatureza") not in {n.code for n in NATURES}:
            raise Refused("14", "natureza inválida")
        contract = F.text(data, "NumeroContratoCliente")
        try:
            due = date.fromisoformat((F.text(data, "DataVencimento") or "")[:10])
            value = Decimal(F.text(data, "ValorTitulo") or "")
        except (ValueError, InvalidOperation):
            raise Refused("15", "vencimento ou valor inválidos") from None
        if not contract or value <= 0:
            raise Refused("16", "contrato e valor maior que zero obrigatórios")
        if due >= (self.today or date.today()):
            raise Refused("17", "título ainda não vencido")
        co_obligor = ""
        if (F.text(data, "IsIncluirCoobrigado") or "").lower() == "true":
            co_obligor = self._person(data, "Coobrigado")
        key = (document, contract, due.isoformat())
        with self.state.lock:
            record = self.state.inclusion_received(
                self.integrator, key, document, contract, None, value, due.isoformat(), "BV"
            )
            if record.situation not in ("pendente", "ativa"):
                # the distributor answers a re-sent contract with the record it holds
                record.situation, record.active, record.value = "pendente", False, value
                record.received_at, record.co_obligor = time.monotonic(), co_obligor
            return record.bureau_id, "registro incluído na fila de envio", ""

    def _remove(self, operation: Element) -> tuple[str, str, str]:
        data = F.get(operation, "p_exclusao")
        record_id = F.text(data, "IdRegistro")
        if F.text(data, "IdMotivoBaixa") not in {r.code for r in REMOVAL_REASONS}:
            raise Refused("19", "motivo de baixa inválido", record_id or "")
        with self.state.lock:
            self.state.requests[self.integrator] += 1
            record = record_by_bureau_id(self.state, self.integrator, record_id)
            if record is None:
                raise Refused(CODE_NOT_FOUND, "registro não encontrado", record_id or "")
            record.removals += 1
            if record.situation in ("baixada", "erro"):
                raise Refused(CODE_ALREADY_REMOVED, "registro já excluído", record_id or "")
            record.situation, record.active = "baixada", False
            return record.bureau_id, "excluído", ""

    def _query(self, operation: Element) -> tuple[str, str, str]:
        self.process()
        record_id = F.text(operation, "p_idRegistro")
        with self.state.lock:
            record = record_by_bureau_id(self.state, self.integrator, record_id)
            if record is None:
                raise Refused(CODE_NOT_FOUND, "registro não encontrado")
            situation, message = record.situation, record.message
        sent = situation != "pendente"
        if not sent:
            message, code = "Registro ainda não enviado para Bvs", ""
        elif situation == "erro":
            code = REFUSED_CODE
        else:
            code, message = REGISTERED_CODE, message or "registrado"
        extra = (
            f"<isEnviado>{str(sent).lower()}</isEnviado>"
            f"<isSucesso>{str(sent and code == REGISTERED_CODE).lower()}</isSucesso>"
            f"<idRetorno>{code}</idRetorno>"
        )
        return record.bureau_id, message, extra


# -- CSR60 -----------------------------------------------------------------------------------


def _chunk(code: str, records: list[tuple[str, str]]) -> str:
    header = (csr60.ANSWER + csr60.VERSION).ljust(csr60.CODE_AT) + code
    return header + "".join(f"{len(data):03d}{kind}{data}" for kind, data in records)


def csr60_chunks(state: SandboxState, password: str, line: str) -> list[str]:
    """The answer to one CSR60 request line, in two chunks so that the continuation is
    exercised; answered from the records the sandbox holds, at any integrator."""
    line = line.rstrip("\r")
    if len(line) < 83 or not line.startswith(csr60.TRANSACTION):
        return [_chunk("9", [(csr60.RECORD_MESSAGE, "requisicao fora do layout CSR60")])]
    if not line[40:48].strip() or line[48:56].strip() != password[:8].strip():
        return [_chunk("9", [(csr60.RECORD_MESSAGE, "senha do operador invalida")])]
    kind = {"1": 11, "2": 14}.get(line[68])
    try:
        document = parse_document(line[69:83][-kind:] if kind else "").value
    except InvalidDocument:
        return [_chunk("9", [(csr60.RECORD_MESSAGE, "documento invalido")])]
    active = state.active_records_of(document)
    score = sandbox_score(document, len(active))
    first = [(csr60.RECORD_NAME, ""), (csr60.RECORD_SCORE, f"{score:04d}")]
    second = [
        (
            csr60.RECORD_DEBT,
            f"Contrato {r.contract} ({integrator})"[:40].ljust(40)
            + f"{int(r.value * 100):015d}"
            + r.due_date.replace("-", ""),
        )
        for integrator, r in active
    ]
    second += [(csr60.RECORD_CHEQUES, "00000"), (csr60.RECORD_QUERIES, f"{len(active):05d}")]
    return [_chunk("1", first), _chunk("0", second)]


async def serve_csr60_connection(
    state: SandboxState, password: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """One TCP client: a request line, then each chunk, the next sent after a CR."""
    try:
        line = (await reader.readuntil(b"\r")).decode("latin-1")
        chunks = csr60_chunks(state, password, line)
        for index, chunk in enumerate(chunks):
            writer.write(chunk.encode("latin-1") + b"\r")
            await writer.drain()
            if index + 1 < len(chunks):
                await reader.readuntil(b"\r")
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()
