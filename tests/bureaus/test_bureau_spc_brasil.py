"""The SPC Brasil adapter against the sandbox over real HTTP on loopback: every error
class, and the exact request checked against what working public clients send
(shared/protocols/spc_brasil.md, "What working public clients show"); answers shaped as the
real service gives them come from a canned loopback server."""

import base64
from datetime import date, timedelta
from decimal import Decimal

import httpx
import pytest
from defusedxml.ElementTree import fromstring

from gestao_negativacao.bureaus.base import Address, Debtor, InclusionRequest, RecordRef
from gestao_negativacao.bureaus.errors import (
    AlreadyDone,
    AuthFailed,
    NotFound,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.bureaus.sandbox.faults import FaultPlan, FaultSpecError
from gestao_negativacao.bureaus.spc_brasil import CREDIT_NAMESPACE, NAMESPACE, SpcBrasilAdapter
from tests.canned_bureau import canned_bureau, soap_body, soap_fault

PAST = date.today() - timedelta(days=40)
ADDRESS = Address("01310100", "Avenida Paulista", "1000", "apto 5", "Bela Vista", "São Paulo", "SP")
ANA = Debtor(
    "41224824458", "F", "Antônio Brandão", ADDRESS, date(1978, 1, 7), "a@b.com.br", "11987654321"
)
LOJA = Debtor("29141777000158", "J", "Loja Silva Ltda", ADDRESS)


def request(debtor=ANA, contract="V-001-003", value="150.00", due=PAST, role="holder", **kwargs):
    return InclusionRequest(
        debtor, role, contract, 3, due, Decimal(value), nature_code="1", **kwargs
    )


def ref(debtor=ANA, contract="V-001-003", due=PAST):
    return RecordRef(debtor.document, debtor.kind, contract, due, debtor_name=debtor.name)


@pytest.fixture
def sandbox():
    with running_sandbox() as server:
        yield server


@pytest.fixture
def spc(sandbox):
    adapter = SpcBrasilAdapter(sandbox.spc_url, "OPER01", "sandbox", timeout=5)
    yield adapter
    adapter.close()


def records(sandbox):
    return httpx.get(f"{sandbox.url}/_sandbox/state").json()["spc_brasil"]["records"]


def test_include_then_duplicate_then_remove_then_unknown_removal(sandbox, spc):
    outcome = spc.include(request())
    assert outcome.confirmed and outcome.protocol
    with pytest.raises(AlreadyDone, match="já existe") as info:
        spc.include(request())
    assert info.value.code == "IE_SPC001.E09"
    (record,) = records(sandbox)
    assert record == {**record, "document": "41224824458", "contract": "V-001-003",
                      "installment": 3, "value": "150.00", "active": True, "inclusions": 2}  # fmt: skip
    spc.remove(ref(), "1")
    # "não encontrado" is never "already removed": the pipeline marks it for a check
    with pytest.raises(NotFound) as info:
        spc.remove(ref(), "1")
    assert info.value.code == "IE_SPC005.E10"
    (record,) = records(sandbox)
    assert (record["active"], record["removals"]) == (False, 2)


def test_a_company_debtor(sandbox, spc):
    spc.include(request(LOJA, contract="V-9-1"))
    assert records(sandbox)[0]["document"] == "29141777000158"
    spc.remove(ref(LOJA, contract="V-9-1"), "1")
    assert records(sandbox)[0]["active"] is False


def test_a_removal_shaped_otherwise_than_the_inclusion_is_not_found_and_the_record_stays(
    sandbox, spc
):
    """The old shape (``cpf`` directly under ``excluir``), sent as it was: SPC finds no
    record with it, and the sandbox answers exactly so."""
    spc.include(request())
    old = (
        f'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
        f'xmlns:web="{NAMESPACE}"><soapenv:Body><web:excluirSpc><excluir>'
        '<tipo-pessoa>F</tipo-pessoa><cpf numero="41224824458"/>'
        f"<data-vencimento>{PAST.isoformat()}T00:00:00</data-vencimento>"
        "<numero-contrato>V-001-003</numero-contrato><motivo-exclusao><id>1</id></motivo-exclusao>"
        "</excluir></web:excluirSpc></soapenv:Body></soapenv:Envelope>"
    )
    answer = httpx.post(sandbox.spc_url, content=old.encode(), auth=("OPER01", "sandbox"))
    assert answer.status_code == 500 and b"IE_SPC005.E10" in answer.content
    assert records(sandbox)[0]["active"] is True


def test_a_removal_needs_its_reason_and_none_is_sent_without_one(sandbox, spc):
    spc.include(request())
    with pytest.raises(Rejected, match="motivo de baixa"):
        spc.remove(ref(), None)
    assert records(sandbox)[0]["removals"] == 0


def test_an_answer_without_the_success_text_is_not_a_success():
    with canned_bureau() as (url, canned):
        adapter = SpcBrasilAdapter(url, "OPER01", "x", timeout=5)
        canned.answer(200, soap_body(f'<ns2:incluirSpcResponse xmlns:ns2="{NAMESPACE}"/>'))
        with pytest.raises(Transient, match="sem confirmar"):
            adapter.include(request())
        canned.answer(200, soap_body(
            f'<ns2:excluirSpcResponse xmlns:ns2="{NAMESPACE}"><sucesso></sucesso>'
            "</ns2:excluirSpcResponse>"))  # fmt: skip
        with pytest.raises(Transient):
            adapter.remove(ref(), "1")
        canned.answer(200, soap_body(
            f'<ns2:excluirSpcResponse xmlns:ns2="{NAMESPACE}"><sucesso>Registro removido com '
            "sucesso!</sucesso></ns2:excluirSpcResponse>"))  # fmt: skip
        assert "removido" in adapter.remove(ref(), "1").message
        adapter.close()


@pytest.mark.parametrize(
    ("change", "code"),
    [({"debtor": Debtor("41224824459", "F", "X", ADDRESS)}, "IE_SB002.E01"),
     ({"value": "0.00"}, "IE_SB003.E03"),
     ({"due": date.today() + timedelta(days=3)}, "IE_SB003.E01"),
     ({"debtor": Debtor("41224824458", "F", "X", Address("1234", "R", "1", "", "B", "C", "SP"))}, "IE_SB004.E02"),
     ({"debtor": Debtor("41224824458", "F", "X", Address("01310100", "R", "1", "", "B", "C", "XX"))}, "IE_SB004.E03")],
)  # fmt: skip
def test_bad_data_is_rejected_with_the_bureaus_code_and_message(sandbox, spc, change, code):
    with pytest.raises(Rejected) as info:
        spc.include(request(**change))
    assert info.value.code == code and info.value.message
    assert records(sandbox) == []


def test_wrong_password_is_auth_failed_and_never_echoed(sandbox):
    adapter = SpcBrasilAdapter(sandbox.spc_url, "OPER01", "segredo-errado-42", timeout=5)
    with pytest.raises(AuthFailed) as info:
        adapter.include(request())
    assert "segredo-errado-42" not in str(info.value)
    adapter.close()


@pytest.mark.parametrize("fault", ["http500", "malformed", "timeout"])
def test_faults_are_transient_and_a_resend_is_harmless(fault):
    with running_sandbox(faults=FaultPlan({fault: 1.0}), timeout_hold=1.0) as sandbox:
        adapter = SpcBrasilAdapter(sandbox.spc_url, "OPER01", "sandbox", timeout=0.4)
        with pytest.raises(Transient):
            adapter.include(request())
        sandbox.faults.rates.clear()  # the bureau recovers
        try:
            adapter.include(request())
        except AlreadyDone:
            assert fault in ("malformed", "timeout")  # the first one had been processed
        state = records(sandbox)
        adapter.close()
    assert len(state) == 1 and state[0]["active"]


def test_unreachable_bureau_is_transient():
    with running_sandbox() as sandbox:
        url = sandbox.spc_url
    adapter = SpcBrasilAdapter(url, "OPER01", "sandbox", timeout=1)
    with pytest.raises(Transient, match="falha de comunicação"):
        adapter.include(request())


def test_lists_and_test_connection(spc):
    assert [i.code for i in spc.list_removal_reasons()] == ["1", "2", "3", "4"]
    assert any(i.description == "Atraso de pagamento" for i in spc.list_natures())
    assert "conexão e operador válidos" in spc.test_connection()
    with pytest.raises(NotSupported):  # SPC has no document type (C/A is the debtor's role)
        spc.list_document_types()
    with pytest.raises(NotSupported):
        spc.fetch_status(["x"])


def test_the_exact_request_follows_the_protocol(sandbox):
    sent: list[httpx.Request] = []
    adapter = SpcBrasilAdapter(sandbox.spc_url, "OPER01", "sandbox", timeout=5)
    adapter.client.event_hooks["request"].append(sent.append)
    adapter.include(request(role="guarantor"))
    adapter.remove(ref(), "2")
    adapter.close()
    include, remove = sent
    assert (
        include.method == "POST" and include.url.path == "/spc/remoting/ws/insumo/spc/spcWebService"
    )
    assert include.headers["Content-Type"] == "text/xml;charset=UTF-8"
    assert include.headers["SOAPAction"] == ""
    assert (
        include.headers["Authorization"] == "Basic " + base64.b64encode(b"OPER01:sandbox").decode()
    )
    root = fromstring(include.content)
    body = root.find("{http://schemas.xmlsoap.org/soap/envelope/}Body")
    operation = body[0]
    assert operation.tag == f"{{{NAMESPACE}}}incluirSpc"
    insumo = operation.find("insumoSpc")
    assert insumo.findtext("tipo-pessoa") == "F"
    assert insumo.find("dados-pessoa-fisica/cpf").get("numero") == "41224824458"
    assert insumo.findtext("dados-pessoa-fisica/nome") == "Antônio Brandão"
    assert insumo.findtext("dados-pessoa-fisica/data-nascimento") == "1978-01-07T00:00:00"
    phone = insumo.find("dados-pessoa-fisica/telefone")
    assert (phone.get("numero-ddd"), phone.get("numero")) == ("11", "987654321")
    assert insumo.findtext("data-vencimento") == f"{PAST.isoformat()}T00:00:00"
    assert insumo.findtext("codigo-tipo-devedor") == "A"
    assert insumo.findtext("numero-contrato") == "V-001-003"
    assert insumo.findtext("valor-debito") == "150.00"
    assert insumo.findtext("natureza-inclusao/id") == "1"
    assert insumo.findtext("data-compra") <= insumo.findtext("data-vencimento")
    address = insumo.find("endereco-pessoa")
    # the order public clients write: cep, logradouro, bairro, numero, complemento, cidade
    assert [child.tag for child in address] == [
        "cep", "logradouro", "bairro", "numero", "complemento", "cidade"]  # fmt: skip
    assert [address.findtext(t) for t in ("cep", "logradouro", "bairro", "numero", "complemento")] == [
        "01310100", "Avenida Paulista", "Bela Vista", "1000", "apto 5"]  # fmt: skip
    assert address.find("cidade").get("nome") == "São Paulo"
    assert address.find("cidade/estado").get("sigla-uf") == "SP"
    excluir = fromstring(remove.content).find(f".//{{{NAMESPACE}}}excluirSpc/excluir")
    # the removal names the debtor with the very block of the inclusion
    assert [child.tag for child in excluir] == [
        "tipo-pessoa", "dados-pessoa-fisica", "data-vencimento", "numero-contrato",
        "motivo-exclusao"]  # fmt: skip
    assert excluir.find("cpf") is None
    assert excluir.find("dados-pessoa-fisica/cpf").get("numero") == "41224824458"
    assert excluir.findtext("dados-pessoa-fisica/nome") == "Antônio Brandão"
    assert [excluir.findtext(t) for t in ("tipo-pessoa", "data-vencimento", "numero-contrato")] == [
        "F", f"{PAST.isoformat()}T00:00:00", "V-001-003"]  # fmt: skip
    assert excluir.findtext("motivo-exclusao/id") == "2"


def test_a_company_is_named_by_razao_social_and_nome_comercial_in_both_directions(sandbox):
    sent: list[httpx.Request] = []
    adapter = SpcBrasilAdapter(sandbox.spc_url, "OPER01", "sandbox", timeout=5)
    adapter.client.event_hooks["request"].append(sent.append)
    adapter.include(request(LOJA, contract="V-9-1"))
    adapter.remove(ref(LOJA, contract="V-9-1"), "1")
    adapter.close()
    for sent_request, root in zip(sent, ("insumoSpc", "excluir"), strict=True):
        block = fromstring(sent_request.content).find(f".//{root}/dados-pessoa-juridica")
        assert block.find("cnpj").get("numero") == "29141777000158"
        assert (
            block.findtext("razao-social") == block.findtext("nome-comercial") == "Loja Silva Ltda"
        )


def test_fault_specs_are_parsed_and_seeded():
    plan = FaultPlan.parse("timeout=0.1,http500=0.05,malformed=0.02,auth=0.01", seed=7)
    assert plan.rates == {"timeout": 0.1, "http500": 0.05, "malformed": 0.02, "auth": 0.01}
    draws = [plan.draw() for _ in range(2000)]
    again = FaultPlan.parse("timeout=0.1,http500=0.05,malformed=0.02,auth=0.01", seed=7)
    assert draws == [again.draw() for _ in range(2000)]
    assert 100 < draws.count("timeout") < 300
    for bad in ("lentidao=0.1", "timeout=2", "timeout=x", "timeout=0.7,http500=0.6"):
        with pytest.raises(FaultSpecError):
            FaultPlan.parse(bad)


def test_credit_query_is_normalised_and_keeps_the_raw_answer(sandbox, spc):
    sent = []
    spc.client.event_hooks["request"].append(sent.append)
    clean = spc.query_credit("619.839.145-09")
    assert clean.restrictions == () and isinstance(clean.score, int)
    spc.include(request())
    report = spc.query_credit("41224824458")
    assert [(r.value, r.date) for r in report.restrictions] == [(Decimal("150.00"), PAST)]
    assert report.recent_queries == 1 and "detalhe-spc" in report.raw
    assert sent[0].url.path == "/spc/remoting/ws/consulta/consultaWebService"
    assert sent[0].headers["Authorization"].startswith("Basic ")
    # the body holds web:filtro itself, no wrapper; its fields unqualified
    body = fromstring(sent[0].content).find("{http://schemas.xmlsoap.org/soap/envelope/}Body")
    (filtro,) = list(body)
    assert filtro.tag == f"{{{CREDIT_NAMESPACE}}}filtro"
    assert [(c.tag, c.text) for c in filtro] == [
        ("codigo-produto", "325"), ("tipo-consumidor", "F"), ("documento-consumidor", "61983914509")]  # fmt: skip
    with pytest.raises(Rejected):
        spc.query_credit("41224824459")
    with pytest.raises(AuthFailed):
        SpcBrasilAdapter(sandbox.spc_url, "OPER01", "errada", timeout=5).query_credit("41224824458")


# an answer as the consulta service gives it: everything in attributes
REAL_ANSWER = f"""<ns2:resultado xmlns:ns2="{CREDIT_NAMESPACE}" restricao="true"
  data="2026-11-30T10:11:12-03:00"><protocolo numero="987" digito="1"/>
  <consumidor><consumidor-pessoa-fisica nome="JOSE DA SILVA" data-nascimento="1970-01-01T00:00:00">
  <cpf numero="41224824458"/></consumidor-pessoa-fisica></consumidor>
  <spc><resumo quantidade-total="2" valor-total="350.50"/>
  <detalhe-spc nome-associado="LOJA A" valor="100.50" data-inclusao="2025-03-02T00:00:00-03:00"/>
  <detalhe-spc nome-associado="LOJA B" valor="250,00" data-inclusao="2025-04-05T00:00:00-03:00"/>
  </spc><protesto><resumo quantidade-total="1"/><detalhe-protesto cartorio="1 TABELIAO" valor="80.00"
  data-protesto="2024-01-10T00:00:00"/></protesto><ccf><resumo quantidade-total="3"/></ccf>
  <consulta-realizada><resumo quantidade-total="4"/></consulta-realizada>
  <spc-score-12-meses><resumo quantidade-total="1"/><detalhe-spc-score-12-meses score="412"
  classe="E"/></spc-score-12-meses></ns2:resultado>"""


def test_a_report_shaped_as_spc_gives_it_is_read_from_its_attributes():
    with canned_bureau() as (url, canned):
        canned.answer(200, soap_body(REAL_ANSWER))
        report = SpcBrasilAdapter(url, "OPER01", "x", timeout=5).query_credit("41224824458")
    assert (report.name, report.score) == ("JOSE DA SILVA", 412)
    assert [(r.creditor, r.value, r.date) for r in report.restrictions] == [
        ("LOJA A", Decimal("100.50"), date(2025, 3, 2)),
        ("LOJA B", Decimal("250.00"), date(2025, 4, 5))]  # fmt: skip
    assert [(p.creditor, p.value) for p in report.protests] == [("1 TABELIAO", Decimal("80.00"))]
    assert (report.bounced_cheques, report.recent_queries) == (3, 4)


@pytest.mark.parametrize(
    ("code", "error"),
    [("CN_INT005.E2.3", AuthFailed), ("CN_INT005.E3", AuthFailed),
     ("CN_INT005.E8.2", Rejected), ("CN_INT005.E4", Rejected), ("CN_GER001.E", Transient)],
)  # fmt: skip
def test_consulta_faults_are_classified_by_their_code(code, error):
    with canned_bureau() as (url, canned):
        canned.answer(500, soap_fault(code, "mensagem do SPC"))
        with pytest.raises(error):
            SpcBrasilAdapter(url, "OPER01", "x", timeout=5).query_credit("41224824458")


def test_a_reply_that_is_not_xml_is_said_in_portuguese():
    """Issue 20: "syntax error: line 1, column 0" reached the clerk from the XML parser."""
    from gestao_negativacao.bureaus.errors import Transient
    from gestao_negativacao.bureaus.soap import parse

    with pytest.raises(Transient) as info:
        parse(b"<html>Bad Gateway", "SPC Brasil")
    text = str(info.value)
    assert "não respondeu em XML válido" in text and "syntax" not in text and "linha" in text
