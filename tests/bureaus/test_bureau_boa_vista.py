"""SPC Boa Vista against the sandbox over real HTTP (and TCP for CSR60): the distributor's
SOAP service as its one public client sends it (shared/protocols/boa_vista.md), confirm
later through ``Consultar``, the co-obligor in the holder's record, and the CSR60 query."""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import httpx
import pytest
from defusedxml.ElementTree import fromstring

from gestao_negativacao.bureaus import csr60
from gestao_negativacao.bureaus.base import Address, Debtor, InclusionRequest, RecordRef
from gestao_negativacao.bureaus.boa_vista import NAMESPACE, BoaVistaAdapter
from gestao_negativacao.bureaus.errors import (
    AlreadyDone,
    AuthFailed,
    NotFound,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.bureaus.sandbox.faults import FaultPlan
from tests.canned_bureau import canned_bureau, soap_body

PAST = date.today() - timedelta(days=50)
ADDRESS = Address("80010000", "Rua XV de Novembro", "500", "", "Centro", "Curitiba", "PR")
ANA = Debtor("41224824458", "F", "Ana Xavier", ADDRESS, date(1980, 5, 1), None, "41998765432")
AVAL = Debtor("61983914509", "F", "Bia Xavier", Address("01310100", "Av. Paulista", "9", "",
              "Bela Vista", "São Paulo", "SP"))  # fmt: skip
LOJA = Debtor("29141777000158", "J", "Loja Silva Ltda", ADDRESS, date(2001, 1, 1))
NS = f"{{{NAMESPACE}}}"
ENV = "{http://schemas.xmlsoap.org/soap/envelope/}"


def request(**kwargs):
    values = {"debtor": ANA, "role": "holder", "contract": "V-3-004", "installment": 4, "due_date": PAST,
              "value": Decimal("320.10"), "nature_code": "1"}  # fmt: skip
    values.update(kwargs)
    return InclusionRequest(**values)


@pytest.fixture
def sandbox():
    with running_sandbox(process_after=None) as server:
        yield server


def adapter(sandbox, secret="sandbox", timeout=5, query=True):
    # the integration keeps host and port apart, as Boa Vista's configuration does
    parts = urlsplit(sandbox.boa_vista_url)
    url = f"{parts.scheme}://{parts.hostname}{parts.path}"
    credentials = csr60.Credentials(sandbox.csr60_address, "00001234", "sandbox") if query else None
    return BoaVistaAdapter(
        url, "CHAVE-01", secret, port=parts.port, timeout=timeout, query=credentials
    )


def state(sandbox):
    return httpx.get(f"{sandbox.url}/_sandbox/state").json()["boa_vista"]["records"]


def test_incluir_only_queues_and_consultar_confirms_later(sandbox):
    bv = adapter(sandbox)
    queued = bv.include(request())
    too_big = bv.include(request(contract="V-3-005", value=Decimal("2000000.00")))
    assert not queued.confirmed and queued.bureau_id.startswith("BV")
    answers = bv.fetch_status([queued.bureau_id, too_big.bureau_id])
    assert [(a.status, a.message) for a in answers] == [
        ("pendente", "Registro ainda não enviado para Bvs")
    ] * 2
    sandbox.process()
    answers = bv.fetch_status([queued.bureau_id, too_big.bureau_id])
    assert [(a.status, a.message) for a in answers] == [
        ("ativa", "registrado"), ("erro", "valor acima do limite do plano")]  # fmt: skip
    # a re-sent contract meets the record the distributor holds
    assert bv.include(request()).bureau_id == queued.bureau_id
    assert state(sandbox)[0]["inclusions"] == 2


def test_removal_already_removed_and_unknown(sandbox):
    bv = adapter(sandbox)
    record_id = bv.include(request()).bureau_id
    sandbox.process()
    ref = RecordRef(ANA.document, "F", "V-3-004", PAST, bureau_id=record_id)
    assert bv.remove(ref, "1").confirmed
    with pytest.raises(AlreadyDone) as info:
        bv.remove(ref, "1")
    assert info.value.code == "37"
    with pytest.raises(NotFound):
        bv.remove(RecordRef(ANA.document, "F", "V-3-004", PAST, bureau_id="BV99999999"), "1")
    with pytest.raises(Rejected, match="motivo de baixa"):
        bv.remove(ref, None)
    (record,) = state(sandbox)
    assert (record["inclusions"], record["removals"], record["active"]) == (1, 2, False)


def test_every_element_is_qualified_and_the_co_obligor_rides_in_the_holders_record(sandbox):
    sent = []
    bv = adapter(sandbox)
    bv.client.event_hooks["request"].append(sent.append)
    bv.include(request(co_debtor=AVAL))
    (req,) = sent
    assert req.url.port == urlsplit(sandbox.boa_vista_url).port
    assert req.headers["SOAPAction"] == f'"{NAMESPACE}Incluir"'
    operation = fromstring(req.content).find(f"{ENV}Body/{NS}Incluir")
    assert all(e.tag.startswith(NS) for e in operation.iter()), "an unqualified element"
    assert operation.findtext(f"{NS}p_autenticacao/{NS}CHAVE") == "CHAVE-01"
    assert operation.findtext(f"{NS}p_autenticacao/{NS}KEY") == "sandbox"
    data = operation.find(f"{NS}p_inclusao")
    fields = {e.tag[len(NS) :]: e.text for e in data}
    assert {k: fields[k] for k in ("DataVencimento", "DataNascimento", "ValorTitulo", "IdNatureza",
                                   "NumeroContratoCliente", "NumeroDocumento", "TipoPessoa", "CEP",
                                   "UF", "CodigoIBGECidade", "Ddd", "Telefone")} == {
        "DataVencimento": f"{PAST.isoformat()}T00:00:00", "DataNascimento": "1980-05-01T00:00:00",
        "ValorTitulo": "320.10", "IdNatureza": "1", "NumeroContratoCliente": "V-3-004",
        "NumeroDocumento": "41224824458", "TipoPessoa": "F", "CEP": "80010000", "UF": "PR",
        "CodigoIBGECidade": "4106902", "Ddd": "41", "Telefone": "998765432"}  # fmt: skip
    assert fields["DataInclusao"][10] == "T" and fields["DataEmissao"] <= fields["DataVencimento"]
    assert {k: fields[k] for k in ("IsIncluirCoobrigado", "NumeroDocumentoCoobrigado",
                                   "NomeCoobrigado", "CepCoobrigado", "IdCidadeCoobrigado",
                                   "UFCoobrigado")} == {
        "IsIncluirCoobrigado": "true", "NumeroDocumentoCoobrigado": "61983914509",
        "NomeCoobrigado": "Bia Xavier", "CepCoobrigado": "01310100",
        "IdCidadeCoobrigado": "3550308", "UFCoobrigado": "SP"}  # fmt: skip
    assert "DataNascimentoCoobrigado" not in fields  # unknown date: left out, never empty
    (record,) = state(sandbox)
    assert (record["document"], record["co_obligor"]) == ("41224824458", "61983914509")


def test_a_company_sends_no_birth_date(sandbox):
    sent = []
    bv = adapter(sandbox)
    bv.client.event_hooks["request"].append(sent.append)
    bv.include(request(debtor=LOJA))
    data = fromstring(sent[0].content).find(f"{ENV}Body/{NS}Incluir/{NS}p_inclusao")
    assert data.find(f"{NS}DataNascimento") is None and data.findtext(f"{NS}TipoPessoa") == "J"


def test_refused_before_sending(sandbox):
    sent = []
    bv = adapter(sandbox)
    bv.client.event_hooks["request"].append(sent.append)
    with pytest.raises(Rejected, match="coobrigado"):
        bv.include(request(debtor=AVAL, role="guarantor"))
    nowhere = Address("80010000", "Rua A", "1", "", "Centro", "Cidade Que Não Existe", "PR")
    with pytest.raises(Rejected, match="IBGE"):
        bv.include(request(debtor=Debtor("41224824458", "F", "Ana", nowhere)))
    with pytest.raises(Rejected, match="natureza"):
        bv.include(request(nature_code=None))
    assert sent == []


def _raw(sandbox, body: str, action: str) -> httpx.Response:
    envelope = (
        '<?xml version="1.0" encoding="utf-8"?><soap:Envelope '
        f'xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tem="{NAMESPACE}">'
        f"<soap:Body>{body}</soap:Body></soap:Envelope>"
    )
    return httpx.post(sandbox.boa_vista_url, content=envelope.encode(),
                      headers={"SOAPAction": action, "Content-Type": "text/xml"})  # fmt: skip


def test_the_sandbox_refuses_what_the_distributor_would(sandbox):
    auth = "<p_autenticacao><CHAVE>C</CHAVE><KEY>sandbox</KEY></p_autenticacao>"
    # unqualified children are null parameters for ASMX: the key is not seen
    answer = _raw(sandbox, f"<tem:Consultar>{auth}<p_idRegistro>1</p_idRegistro></tem:Consultar>",
                  f"{NAMESPACE}Consultar")  # fmt: skip
    assert answer.status_code == 200 and b"<codigoErro>01</codigoErro>" in answer.content
    qualified = "<tem:p_autenticacao><tem:CHAVE>C</tem:CHAVE><tem:KEY>sandbox</tem:KEY></tem:p_autenticacao>"
    answer = _raw(sandbox, f"<tem:Consultar>{qualified}<tem:p_idRegistro>1</tem:p_idRegistro>"
                  "</tem:Consultar>", "http://outro/Consultar")  # fmt: skip
    assert answer.status_code == 500 and b"soap:Client" in answer.content
    answer = _raw(sandbox, f"<tem:Incluir>{qualified}<tem:p_inclusao><tem:DataNascimento>"
                  "</tem:DataNascimento></tem:p_inclusao></tem:Incluir>",
                  f"{NAMESPACE}Incluir")  # fmt: skip
    assert answer.status_code == 500 and b"not a valid AllXsd value" in answer.content


def test_a_client_fault_is_a_rejection_not_a_retry():
    with canned_bureau() as (url, canned):
        canned.answer(500, soap_body(
            "<soap:Fault xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><faultcode>"
            "soap:Client</faultcode><faultstring>Server did not recognize the value of HTTP "
            "Header SOAPAction</faultstring></soap:Fault>"))  # fmt: skip
        with pytest.raises(Rejected, match="SOAPAction"):
            BoaVistaAdapter(url, "C", "K", timeout=5).include(request())
        canned.answer(500, "<html>erro interno</html>", "text/html")
        with pytest.raises(Transient):
            BoaVistaAdapter(url, "C", "K", timeout=5).include(request())


def test_connection_test_passes_only_a_valid_key(sandbox):
    assert "chave de acesso válida" in adapter(sandbox).test_connection()
    with pytest.raises(AuthFailed):
        adapter(sandbox, secret="x").test_connection()
    with canned_bureau() as (url, canned):  # any other refusal is no pass either
        canned.answer(200, soap_body(
            f'<ConsultarResponse xmlns="{NAMESPACE}"><ConsultarResult><sucesso>false</sucesso>'
            "<codigoErro>77</codigoErro><mensagem>serviço suspenso</mensagem></ConsultarResult>"
            "</ConsultarResponse>"))  # fmt: skip
        with pytest.raises(Rejected, match="suspenso"):
            BoaVistaAdapter(url, "C", "K", timeout=5).test_connection()


def test_lists_and_unsupported(sandbox):
    bv = adapter(sandbox)
    assert [n.code for n in bv.list_natures()] == ["1", "2", "3"]
    assert [r.code for r in bv.list_removal_reasons()] == ["1", "2", "3"]
    with pytest.raises(NotSupported):
        bv.list_document_types()


@pytest.mark.parametrize("fault", ["http500", "malformed", "timeout"])
def test_faults_are_transient(fault):
    with running_sandbox(faults=FaultPlan({fault: 1.0}), timeout_hold=1.0) as sandbox:
        with pytest.raises(Transient):
            adapter(sandbox, timeout=0.4).include(request())


def test_csr60_request_layout():
    line = csr60.request(csr60.Credentials("tcp://h:1", "1234", "segredo", "391"), "412.248.244-58")
    assert line.endswith("\r") and len(line) == 84
    assert line[0:8] == "CSR60   " and line[8:10] == "01" and line[10:40] == " " * 30
    assert (line[40:48], line[48:56], line[56:64]) == ("00001234", "segredo ", "00000391")
    assert (line[64:66], line[68], line[69:83]) == ("01", "1", "00041224824458")
    assert csr60.request(csr60.Credentials("tcp://h:1", "1", "s"), "29141777000158")[68] == "2"


@pytest.mark.parametrize("variant", ["tcp", "http"])
def test_csr60_query_reads_every_chunk(sandbox, variant):
    bv = adapter(sandbox)
    bv.include(request())
    sandbox.process()
    if variant == "http":
        bv._query = csr60.Credentials(f"{sandbox.url}/boavista/csr60", "00001234", "sandbox")
    report = bv.query_credit("41224824458")
    assert isinstance(report.score, int) and report.recent_queries == 1
    assert [(r.value, r.date) for r in report.restrictions] == [(Decimal("320.10"), PAST)]
    assert report.raw.count("CSR61") == 2  # two chunks: "1" then "0" at offset 59
    with pytest.raises(Rejected, match="documento"):
        bv.query_credit("41224824459")


def test_csr60_uses_its_own_credentials(sandbox):
    with pytest.raises(Rejected, match="código e uma senha próprios"):
        adapter(sandbox, query=False).query_credit("41224824458")
    wrong = BoaVistaAdapter("http://127.0.0.1", "CHAVE-01", "sandbox", query=csr60.Credentials(
        sandbox.csr60_address, "00001234", "errada"))  # fmt: skip
    with pytest.raises(AuthFailed):
        wrong.query_credit("41224824458")


def test_csr60_unreachable_is_transient():
    with running_sandbox() as sandbox:
        address = sandbox.csr60_address
    with pytest.raises(Transient):
        csr60.query(csr60.Credentials(address, "1", "s"), "41224824458", timeout=2)
