"""SPC Boa Vista (Equifax BoaVista) — registration through the distributor-style SOAP
service of shared/protocols/boa_vista.md, at the URL *and port* the integration is
configured with (seed 004); the credit query through the CSR60 string protocol.

What the one public client of the distributor shows, and this adapter does:
- every element, down to each field, is qualified with ``http://tempuri.org/`` (ASMX
  takes an unqualified element for a missing parameter);
- ``Incluir`` only *queues* the record at the distributor: the answer's ``idRegistro`` is
  kept and ``Consultar(p_idRegistro)`` later says whether Boa Vista registered it
  (``confirms_later``);
- a guarantor travels inside its holder's ``Incluir`` (``IsIncluirCoobrigado``), never as
  its own principal record;
- ``DataNascimento`` is left out for companies and unknown dates; ``CodigoIBGECidade`` is
  the municipality's IBGE code, looked up by city and UF.

Low confidence overall: everything to confirm in homologation is in the marked block.
"""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit
from xml.etree.ElementTree import Element

import httpx

from gestao_negativacao.bureaus import csr60, soap
from gestao_negativacao.bureaus.base import (
    CreditReport,
    Debtor,
    InclusionRequest,
    ListItem,
    Outcome,
    RecordRef,
    StatusAnswer,
)
from gestao_negativacao.bureaus.errors import (
    AlreadyDone,
    AuthFailed,
    NotFound,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.http import make_client
from gestao_negativacao.domain.enums import DebtorRole, NegativationStatus
from gestao_negativacao.domain.ibge import city_code

NAME = "SPC Boa Vista"
NAMESPACE = "http://tempuri.org/"
CODE_ALREADY_REMOVED = "37"  # public, and on Excluir only
# Consultar: "registered" return codes (public client); any other code is an error
REGISTERED = frozenset({"32", "48", "41", "89", "100", "34", "29", "5182", "5164"})

# ---- NOT CONFIRMED with Boa Vista (distributor model; confirm in homologation) ------------
CODE_AUTH = "01"  # a refused CHAVE/KEY
CODE_NOT_FOUND = "40"  # Consultar of an idRegistro the distributor does not know
INCLUSION_REASON = "1"  # IdMotivoInclusao: "atraso de pagamento"
# Boa Vista keeps these lists with the integration, not in the service:
NATURES = [
    ListItem("1", "Dívida vencida"),
    ListItem("2", "Contrato em atraso"),
    ListItem("3", "Cheque devolvido"),
]
REMOVAL_REASONS = [
    ListItem("1", "Pagamento"),
    ListItem("2", "Renegociação"),
    ListItem("3", "Ordem judicial"),
]
# ------------------------------------------------------------------------------------------


def _with_port(url: str, port: int | None) -> str:
    if port is None:
        return url.rstrip("/")
    parts = urlsplit(url.rstrip("/"))
    host = parts.hostname or ""
    return urlunsplit((parts.scheme, f"{host}:{port}", parts.path, parts.query, parts.fragment))


def _stamp(value: date | datetime) -> str:
    """ASMX DateTime: ``YYYY-MM-DDT00:00:00`` for a day."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return f"{value.isoformat()}T00:00:00"


def _ibge(debtor: Debtor) -> str:
    code = city_code(debtor.address.city, debtor.address.uf)
    if code is None:
        raise Rejected(
            f"a cidade {debtor.address.city or '(vazia)'}/{debtor.address.uf or '?'} do devedor "
            f"{debtor.name} não está na tabela de municípios do IBGE; a Boa Vista exige o "
            "código do município: corrija a cidade no cadastro do ERP e importe de novo"
        )
    return code


class BoaVistaAdapter:
    integrator = "boa_vista"
    confirms_later = True

    def __init__(
        self,
        url: str,
        key: str,
        secret: str,
        *,
        port: int | None = None,
        timeout: httpx.Timeout | float | None = None,
        max_connections: int = 16,
        query: csr60.Credentials | None = None,
    ) -> None:
        self.url = _with_port(url, port)
        self.client = make_client("", timeout=timeout, max_connections=max_connections)
        self._key, self._secret = key, secret
        self._query = query
        self._timeout = timeout

    def close(self) -> None:
        self.client.close()

    # -- transport ------------------------------------------------------------------------

    def _add(self, parent: Element, name: str, text: str | None = None) -> Element:
        return soap.qualified(parent, NAMESPACE, name, text)

    def _operation(self, name: str) -> Element:
        operation = Element(f"{{{NAMESPACE}}}{name}")
        auth = self._add(operation, "p_autenticacao")
        self._add(auth, "CHAVE", self._key)
        self._add(auth, "KEY", self._secret)
        return operation

    def _call(self, operation: Element) -> Element:
        """The Result when ``sucesso`` is true; a refusal as the taxonomy's error."""
        name = soap.local(operation.tag)
        result = soap.call_result(self.client, self.url, operation, NAME, f"{NAMESPACE}{name}")
        if (soap.direct_text(result, "sucesso") or "").lower() == "true":
            return result
        code = soap.direct_text(result, "codigoErro") or ""
        message = soap.direct_text(result, "mensagem") or f"recusado pela Boa Vista (código {code})"
        if code == CODE_AUTH:
            raise AuthFailed(f"{NAME} recusou a chave de acesso", code=code)
        if name == "Excluir" and code == CODE_ALREADY_REMOVED:
            raise AlreadyDone(message, code=code, bureau_id=soap.direct_text(result, "idRegistro"))
        if name == "Excluir" and code == CODE_NOT_FOUND:
            raise NotFound(message, code=code)
        raise Rejected(message, code=code or None)

    # -- operations -----------------------------------------------------------------------

    def _person(self, data: Element, debtor: Debtor) -> None:
        a = debtor.address
        fields = [
            ("NumeroDocumento", debtor.document),
            ("NomeDevedor", debtor.name),
            # an empty DateTime faults: a company or an unknown date sends none
            ("DataNascimento", _stamp(debtor.birth_date)
             if debtor.birth_date and debtor.kind == "F" else None),
            ("TipoPessoa", debtor.kind),
            ("Endereco", a.street),
            ("NumeroEndereco", a.number or "S/N"),
            ("Bairro", a.district),
            ("Complemento", a.complement),
            ("CEP", a.cep),
            ("UF", a.uf),
            ("CodigoIBGECidade", _ibge(debtor)),
            ("Ddd", (debtor.phone or "")[:2]),
            ("Telefone", (debtor.phone or "")[2:]),
            ("Email", debtor.email),
        ]  # fmt: skip
        for name, value in fields:
            if value:
                self._add(data, name, value)

    def _co_obligor(self, data: Element, debtor: Debtor) -> None:
        a = debtor.address
        fields = [
            ("NumeroDocumentoCoobrigado", debtor.document),
            ("DataNascimentoCoobrigado", _stamp(debtor.birth_date)
             if debtor.birth_date and debtor.kind == "F" else None),
            ("NomeCoobrigado", debtor.name),
            ("EnderecoCoobrigado", a.street),
            ("NumeroEnderecoCoobrigado", a.number or "S/N"),
            ("BairroCoobrigado", a.district),
            ("IdCidadeCoobrigado", _ibge(debtor)),
            ("UFCoobrigado", a.uf),
            ("CepCoobrigado", a.cep),
            ("EmailCoobrigado", debtor.email),
            ("DddCoobrigado", (debtor.phone or "")[:2]),
            ("TelefoneCoobrigado", (debtor.phone or "")[2:]),
        ]  # fmt: skip
        for name, value in fields:
            if value:
                self._add(data, name, value)

    def include(self, request: InclusionRequest) -> Outcome:
        if request.role != DebtorRole.HOLDER:
            raise Rejected(
                "na Boa Vista o avalista vai no registro do titular (coobrigado), nunca sozinho"
            )
        if not request.nature_code:
            raise Rejected("a integração da Boa Vista não tem natureza; escolha uma em Integrações")
        operation = self._operation("Incluir")
        data = self._add(operation, "p_inclusao")
        self._add(data, "DataInclusao", _stamp(datetime.now()))
        issued = min(request.contract_date or request.due_date, request.due_date)
        self._add(data, "DataEmissao", _stamp(issued))
        self._add(data, "DataVencimento", _stamp(request.due_date))
        self._add(data, "ValorTitulo", f"{request.value:.2f}")
        self._add(data, "IdNatureza", request.nature_code)
        self._add(data, "NumeroContratoCliente", request.contract)
        self._add(data, "IdMotivoInclusao", INCLUSION_REASON)
        self._person(data, request.debtor)
        self._add(data, "IsIncluirCoobrigado", "true" if request.co_debtor else "false")
        if request.co_debtor is not None:
            self._co_obligor(data, request.co_debtor)
        result = self._call(operation)
        record_id = soap.direct_text(result, "idRegistro")
        if not record_id or record_id == "0":
            raise Transient(f"{NAME} aceitou sem devolver o idRegistro")
        return Outcome(
            record_id, record_id, "recebido pela distribuidora; aguardando a Boa Vista",
            confirmed=False,
        )  # fmt: skip

    def remove(self, ref: RecordRef, reason_code: str | None) -> Outcome:
        if not ref.bureau_id:
            raise Rejected("falta o idRegistro da Boa Vista para a exclusão")
        if not reason_code:
            raise Rejected("a integração da Boa Vista não tem motivo de baixa configurado")
        operation = self._operation("Excluir")
        data = self._add(operation, "p_exclusao")
        self._add(data, "IdRegistro", ref.bureau_id)
        self._add(data, "IdMotivoBaixa", reason_code)
        self._call(operation)
        return Outcome(ref.bureau_id, ref.bureau_id, "excluído")

    def _consult(self, record_id: str) -> Element:
        operation = self._operation("Consultar")
        self._add(operation, "p_idRegistro", record_id)
        return self._call(operation)

    def fetch_status(self, bureau_ids: list[str]) -> list[StatusAnswer]:
        """``Consultar`` takes one id: one call each, from the scheduled follow-up only."""
        answers = []
        for record_id in bureau_ids:
            try:
                result = self._consult(record_id)
            except Rejected as refused:
                answers.append(StatusAnswer(record_id, NegativationStatus.ERROR, refused.message))
                continue
            sent = (soap.direct_text(result, "isEnviado") or "").lower() == "true"
            code = soap.direct_text(result, "idRetorno") or ""
            message = soap.direct_text(result, "mensagem") or ""
            if not sent:
                answers.append(StatusAnswer(record_id, NegativationStatus.PENDING, message))
            elif code in REGISTERED:
                answers.append(
                    StatusAnswer(record_id, NegativationStatus.ACTIVE, message or "registrado")
                )
            else:
                text = message or f"a Boa Vista recusou o registro (retorno {code or '?'})"
                answers.append(StatusAnswer(record_id, NegativationStatus.ERROR, text))
        return answers

    def list_natures(self, person_kind: str | None = None) -> list[ListItem]:
        return list(NATURES)

    def list_removal_reasons(self) -> list[ListItem]:
        return list(REMOVAL_REASONS)

    def list_document_types(self) -> list[ListItem]:
        raise NotSupported("a Boa Vista não usa tipo de documento no registro")

    def query_credit(self, document: str) -> CreditReport:
        if self._query is None:
            raise Rejected(
                "a consulta da Boa Vista (CSR60) usa um código e uma senha próprios: "
                "informe-os no operador, em Operadores"
            )
        timeout = self._timeout if isinstance(self._timeout, int | float) else 60.0
        return csr60.query(self._query, document, timeout=timeout)

    def test_connection(self) -> str:
        """A ``Consultar`` of record 0: "not found" proves the key was accepted; a refused
        key, or any other refusal, fails the test."""
        try:
            self._consult("0")
        except Rejected as refused:
            if refused.code != CODE_NOT_FOUND:
                raise
        return f"{NAME}: chave de acesso válida"
