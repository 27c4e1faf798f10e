"""Serasa through SOA against the sandbox over real HTTP: the asynchronous life of a
negativation, batched status, every error class, and the exact envelope as SOA's other
services and a client generated from its own description write it (namespace
``SOAWebServices``, SOAPAction ``SOAWebServices/<Op>``)."""

from datetime import date, timedelta
from decimal import Decimal

import httpx
import pytest
from defusedxml.ElementTree import fromstring

from gestao_negativacao.bureaus.base import Address, Debtor, InclusionRequest, RecordRef
from gestao_negativacao.bureaus.errors import (
    AuthFailed,
    NotFound,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.bureaus.sandbox.faults import FaultPlan
from gestao_negativacao.bureaus.soa_serasa import NAMESPACE, SoaSerasaAdapter
from tests.canned_bureau import canned_bureau, soap_body

PAST = date.today() - timedelta(days=30)
LONG = "Avenida Presidente Juscelino Kubitschek de Oliveira"  # 51 characters
ADDRESS = Address("01310100", LONG, "1000", "", "Jardim Paulistano Novo", "São Paulo", "SP")
ANA = Debtor("41224824458", "F", "Maria " * 15, ADDRESS)
BIA = Debtor("61983914509", "F", "Bia", ADDRESS)
NS = f"{{{NAMESPACE}}}"


def request(value="150.00", contract="V-1-001", **kwargs):
    return InclusionRequest(
        ANA, "holder", contract, 1, PAST, Decimal(value), nature_code="AD", **kwargs
    )


@pytest.fixture
def sandbox():
    with running_sandbox(process_after=None) as server:
        yield server


@pytest.fixture
def soa(sandbox):
    adapter = SoaSerasaAdapter(sandbox.soa_url, "cobranca@empresa.com.br", "sandbox", timeout=5)
    yield adapter
    adapter.close()


def process(sandbox):
    return httpx.post(f"{sandbox.url}/_sandbox/process").json()["processed"]


def test_accepted_is_pending_until_the_batch_then_active_or_error(sandbox, soa):
    ok = soa.include(request())
    too_big = soa.include(request("2000000.00", "V-1-002"))
    assert not ok.confirmed and ok.bureau_id.startswith("SOA")
    assert [s.status for s in soa.fetch_status([ok.bureau_id, too_big.bureau_id])] == [
        "pendente",
        "pendente",
    ]
    assert process(sandbox) == 2
    answers = soa.fetch_status([ok.bureau_id, too_big.bureau_id])
    assert [(a.status, a.message) for a in answers] == [
        ("ativa", "registrado"),
        ("erro", "valor acima do limite do plano"),
    ]


def test_status_is_asked_in_batches_not_item_by_item(sandbox, soa):
    sent = []
    ids = [soa.include(request(contract=f"V-1-{n:03d}")).bureau_id for n in range(1, 21)]
    process(sandbox)
    soa.client.event_hooks["request"].append(sent.append)
    assert {a.status for a in soa.fetch_status(ids)} == {"ativa"}
    assert len(sent) == 3  # one Lista per situation, whatever the number of items


def test_duplicates_removal_and_unknown_removal(sandbox, soa):
    from gestao_negativacao.bureaus.errors import AlreadyDone

    first = soa.include(request())
    with pytest.raises(AlreadyDone) as info:
        soa.include(request())
    assert info.value.bureau_id == first.bureau_id
    process(sandbox)
    ref = RecordRef(ANA.document, "F", "V-1-001", PAST, bureau_id=first.bureau_id)
    assert soa.remove(ref, "01").confirmed
    with pytest.raises(NotFound, match="já excluída"):  # never silently "already removed"
        soa.remove(ref, "01")
    with pytest.raises(Rejected, match="código de baixa"):  # refused before sending
        soa.remove(ref, "")
    (record,) = httpx.get(f"{sandbox.url}/_sandbox/state").json()["soa_serasa"]["records"]
    assert (record["inclusions"], record["removals"], record["situation"]) == (2, 2, "baixada")


def test_invalid_document_and_bad_data_are_rejected(soa):
    with pytest.raises(Rejected) as info:
        soa.include(
            InclusionRequest(
                Debtor("41224824459", "F", "X", ADDRESS),
                "holder",
                "V-1",
                1,
                PAST,
                Decimal("1"),
                nature_code="AD",
            )
        )
    assert info.value.code == "G000M003"
    with pytest.raises(Rejected, match="código de restrição"):
        soa.include(InclusionRequest(ANA, "holder", "V-1", 1, PAST, Decimal("1"), nature_code="ZZ"))
    with pytest.raises(Rejected, match="código de restrição"):  # empty: refused before sending
        soa.include(InclusionRequest(ANA, "holder", "V-1", 1, PAST, Decimal("1")))
    with pytest.raises(Rejected, match="CoObrigado"):  # a guarantor never goes alone
        soa.include(InclusionRequest(BIA, "guarantor", "V-1", 1, PAST, Decimal("1"),
                                     nature_code="AD"))  # fmt: skip


def test_wrong_password_is_auth_failed(sandbox):
    with pytest.raises(AuthFailed) as info:
        SoaSerasaAdapter(sandbox.soa_url, "cobranca@empresa.com.br", "senha-errada-9").include(
            request()
        )
    assert info.value.code == "G000M000" and "senha-errada-9" not in str(info.value)


@pytest.mark.parametrize("fault", ["http500", "malformed", "timeout", "auth"])
def test_faults(fault):
    with running_sandbox(faults=FaultPlan({fault: 1.0}), timeout_hold=1.0) as sandbox:
        adapter = SoaSerasaAdapter(sandbox.soa_url, "c@e", "sandbox", timeout=0.4)
        with pytest.raises(AuthFailed if fault == "auth" else Transient):
            adapter.include(request())


def test_lists_and_unsupported(soa):
    assert [i.code for i in soa.list_removal_reasons()] == ["01", "02", "03"]
    assert [i.code for i in soa.list_natures()] == ["AD", "CT"]
    with pytest.raises(NotSupported):
        soa.list_document_types()


def test_the_exact_envelope(soa):
    sent = []
    soa.client.event_hooks["request"].append(sent.append)
    soa.include(request(co_debtor=BIA))
    (include,) = sent
    assert include.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert NAMESPACE == "SOAWebServices"
    assert include.headers["SOAPAction"] == '"SOAWebServices/Incluir"'
    operation = fromstring(include.content).find(
        f"{{http://schemas.xmlsoap.org/soap/envelope/}}Body/{NS}Incluir"
    )
    assert all(e.tag.startswith(NS) for e in operation.iter()), "an unqualified element"
    assert operation.findtext(f"{NS}Credenciais/{NS}Email") == "cobranca@empresa.com.br"
    assert operation.findtext(f"{NS}Credenciais/{NS}Senha") == "sandbox"
    principal, co = operation.findall(f"{NS}InclusaoNegativacao/{NS}Devedores/{NS}Devedor")
    assert (
        principal.findtext(f"{NS}TipoDevedor") == "Principal"
        and co.findtext(f"{NS}TipoDevedor") == "CoObrigado"
    )
    assert principal.findtext(f"{NS}Documento") == "41224824458"
    assert len(principal.findtext(f"{NS}Nome")) == 70  # Serasa's field sizes: cut, not refused
    assert principal.findtext(f"{NS}Endereco/{NS}Logradouro") == LONG[:45]
    assert principal.findtext(f"{NS}Endereco/{NS}Bairro") == "Jardim Paulistano No"
    restriction = operation.find(f"{NS}InclusaoNegativacao/{NS}Restricao")
    assert [restriction.findtext(f"{NS}{t}") for t in ("CodigoRestricao", "Contrato", "DataVencimento", "Valor")] == [
        "AD", "V-1-001", f"{PAST.isoformat()}T00:00:00", "150.00"]  # fmt: skip


def test_the_sandbox_refuses_what_soa_would(sandbox):
    def raw(body: str, action: str) -> httpx.Response:
        envelope = (
            '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
            f'xmlns:s="{NAMESPACE}"><soap:Body>{body}</soap:Body></soap:Envelope>'
        )
        return httpx.post(sandbox.soa_url, content=envelope.encode(),
                          headers={"SOAPAction": action, "Content-Type": "text/xml"})  # fmt: skip

    credentials = "<s:Credenciais><s:Email>a@b</s:Email><s:Senha>sandbox</s:Senha></s:Credenciais>"
    # another SOAPAction (the old http://www.soawebservices.com.br/ one): a client fault
    answer = raw(f"<s:CodigosBaixa>{credentials}</s:CodigosBaixa>",
                 '"http://www.soawebservices.com.br/CodigosBaixa"')  # fmt: skip
    assert answer.status_code == 500 and b"soap:Client" in answer.content
    # unqualified credentials are null for ASMX
    answer = raw("<s:CodigosBaixa><Credenciais><Email>a</Email><Senha>sandbox</Senha>"
                 "</Credenciais></s:CodigosBaixa>", '"SOAWebServices/CodigosBaixa"')  # fmt: skip
    assert b"G000M000" in answer.content
    # a CoObrigado without its Principal
    devedor = ("<s:Devedor><s:TipoDevedor>CoObrigado</s:TipoDevedor><s:Documento>61983914509"
               "</s:Documento><s:Endereco><s:CEP>01310100</s:CEP><s:Logradouro>Rua</s:Logradouro>"
               "</s:Endereco></s:Devedor>")  # fmt: skip
    answer = raw(f"<s:Incluir>{credentials}<s:InclusaoNegativacao><s:Devedores>{devedor}"
                 "</s:Devedores></s:InclusaoNegativacao></s:Incluir>",
                 '"SOAWebServices/Incluir"')  # fmt: skip
    assert b"<Status>false</Status>" in answer.content and b"principal" in answer.content


def test_a_client_fault_is_a_rejection_and_not_retried_for_ever():
    fault = soap_body(
        "<soap:Fault xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><faultcode>soap:Client"
        "</faultcode><faultstring>Server did not recognize the value of HTTP Header SOAPAction: "
        "x.</faultstring></soap:Fault>"
    )
    with canned_bureau() as (url, canned):
        canned.answer(500, fault)
        with pytest.raises(Rejected, match="SOAPAction"):
            SoaSerasaAdapter(url, "c@e", "s", timeout=5).include(request())
        canned.answer(500, fault.replace("soap:Client", "soap:Server"))
        with pytest.raises(Transient):
            SoaSerasaAdapter(url, "c@e", "s", timeout=5).include(request())


def test_status_is_read_at_its_own_path():
    """``Status`` of the Result, not the first element of that name (``Transacao/Status``
    comes first in this answer)."""
    with canned_bureau() as (url, canned):
        canned.answer(200, soap_body(
            f'<ExcluirResponse xmlns="{NAMESPACE}"><ExcluirResult><Transacao><Status>true</Status>'
            "<CodigoStatus>G009</CodigoStatus><CodigoStatusDescricao>recusada</CodigoStatusDescricao>"
            "</Transacao><Status>false</Status></ExcluirResult></ExcluirResponse>"))  # fmt: skip
        ref = RecordRef(ANA.document, "F", "V-1-001", PAST, bureau_id="SOA1")
        with pytest.raises(Rejected, match="recusada"):
            SoaSerasaAdapter(url, "c@e", "s", timeout=5).remove(ref, "01")


def test_credit_query_is_the_soap_concentre_service(sandbox, soa):
    sent = []
    soa.client.event_hooks["request"].append(sent.append)
    clean = soa.query_credit("61983914509")
    assert clean.restrictions == () and isinstance(clean.score, int)
    assert sent[0].url.path == "/soa/webservices/serasa/concentre.asmx"
    assert sent[0].headers["SOAPAction"] == '"SOAWebServices/Concentre"'
    soa.include(request())
    process(sandbox)
    report = soa.query_credit("41224824458")
    assert [(r.value, r.date, r.bureau) for r in report.restrictions] == [
        (Decimal("150.00"), PAST, "Serasa")
    ]
    assert "PendenciasFinanceiras" in report.raw
    with pytest.raises(Rejected) as info:
        soa.query_credit("41224824459")
    assert info.value.code == "G000M003"
    with pytest.raises(AuthFailed):
        SoaSerasaAdapter(sandbox.soa_url, "c@e", "errada").query_credit("41224824458")


def test_credit_service_sits_beside_the_configured_one():
    from gestao_negativacao.bureaus.soa_serasa import credit_url

    assert (
        credit_url("https://www.soawebservices.com.br/webservices/producao/serasa/negativacao.asmx")
        == "https://www.soawebservices.com.br/webservices/producao/serasa/concentre.asmx"
    )
    assert (
        credit_url("http://127.0.0.1:8765/soa/webservices/serasa/negativacao.asmx")
        == "http://127.0.0.1:8765/soa/webservices/serasa/concentre.asmx"
    )
