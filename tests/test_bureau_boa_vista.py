"""SPC Boa Vista (distributor SOAP model) against the sandbox over real HTTP."""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import httpx
import pytest
from defusedxml.ElementTree import fromstring

from gestao_negativacao.bureaus.base import Address, Debtor, InclusionRequest, RecordRef
from gestao_negativacao.bureaus.boa_vista import NAMESPACE, BoaVistaAdapter
from gestao_negativacao.bureaus.errors import (
    AlreadyDone,
    AuthFailed,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.bureaus.sandbox.faults import FaultPlan

PAST = date.today() - timedelta(days=50)
ADDRESS = Address("80010000", "Rua XV de Novembro", "500", "", "Centro", "Curitiba", "PR")
ANA = Debtor("41224824458", "F", "Ana Xavier", ADDRESS, date(1980, 5, 1), None, "41998765432")
AVAL = Debtor("61983914509", "F", "Bia Xavier", ADDRESS)


def request(**kwargs):
    values = {"debtor": ANA, "role": "holder", "contract": "V-3-004", "installment": 4, "due_date": PAST,
              "value": Decimal("320.10"), "nature_code": "1"}  # fmt: skip
    values.update(kwargs)
    return InclusionRequest(**values)


@pytest.fixture
def sandbox():
    with running_sandbox() as server:
        yield server


def adapter(sandbox, secret="sandbox", timeout=5):
    # the integration keeps host and port apart, as Boa Vista's configuration does
    parts = urlsplit(sandbox.boa_vista_url)
    url = f"{parts.scheme}://{parts.hostname}{parts.path}"
    return BoaVistaAdapter(url, "CHAVE-01", secret, port=parts.port, timeout=timeout)


def test_register_duplicate_remove_and_error_37(sandbox):
    bv = adapter(sandbox)
    outcome = bv.include(request())
    assert outcome.bureau_id.startswith("BV") and outcome.confirmed
    with pytest.raises(AlreadyDone) as info:
        bv.include(request())
    assert info.value.bureau_id == outcome.bureau_id
    ref = RecordRef(ANA.document, "F", "V-3-004", PAST, bureau_id=outcome.bureau_id)
    bv.remove(ref, "1")
    with pytest.raises(AlreadyDone) as info:
        bv.remove(ref, "1")
    assert info.value.code == "37"
    (record,) = httpx.get(f"{sandbox.url}/_sandbox/state").json()["boa_vista"]["records"]
    assert (record["inclusions"], record["removals"], record["active"]) == (2, 2, False)


def test_bad_data_and_bad_key(sandbox):
    with pytest.raises(Rejected, match="natureza"):
        adapter(sandbox).include(request(nature_code="9"))
    with pytest.raises(Rejected, match="não vencido"):
        adapter(sandbox).include(request(due_date=date.today() + timedelta(days=1)))
    with pytest.raises(AuthFailed) as info:
        adapter(sandbox, secret="chave-errada-5").include(request())
    assert "chave-errada-5" not in str(info.value)


@pytest.mark.parametrize("fault", ["http500", "malformed", "timeout"])
def test_faults_are_transient(fault):
    with running_sandbox(faults=FaultPlan({fault: 1.0}), timeout_hold=1.0) as sandbox:
        with pytest.raises(Transient):
            adapter(sandbox, timeout=0.4).include(request())


def test_lists_connection_and_unsupported(sandbox):
    bv = adapter(sandbox)
    assert [n.code for n in bv.list_natures()] == ["1", "2", "3"]
    assert "chave de acesso válida" in bv.test_connection()
    with pytest.raises(AuthFailed):
        adapter(sandbox, secret="x").test_connection()
    with pytest.raises(NotSupported):
        bv.fetch_status(["BV1"])


def test_the_exact_envelope_with_a_co_obligor(sandbox):
    sent = []
    bv = adapter(sandbox)
    bv.client.event_hooks["request"].append(sent.append)
    bv.include(request(co_debtor=AVAL))
    (req,) = sent
    assert req.url.port == urlsplit(sandbox.boa_vista_url).port
    assert req.headers["SOAPAction"] == f'"{NAMESPACE}Incluir"'
    operation = fromstring(req.content).find(
        f"{{http://schemas.xmlsoap.org/soap/envelope/}}Body/{{{NAMESPACE}}}Incluir"
    )
    assert (
        operation.findtext("p_autenticacao/CHAVE") == "CHAVE-01"
        and operation.findtext("p_autenticacao/KEY") == "sandbox"
    )
    data = operation.find("p_inclusao")
    assert [data.findtext(t) for t in ("DataVencimento", "ValorTitulo", "IdNatureza", "NumeroContratoCliente",
                                       "NumeroDocumento", "TipoPessoa", "CEP", "UF", "Ddd", "Telefone",
                                       "IsIncluirCoobrigado", "NumeroDocumentoCoobrigado")] == [
        PAST.isoformat(), "320.10", "1", "V-3-004", "41224824458", "F", "80010000", "PR", "41", "998765432",
        "true", "61983914509"]  # fmt: skip


def test_csr60_request_layout(sandbox):
    line = adapter(sandbox).csr60_request("412.248.244-58")
    assert line == "CSR60" + "CHAVE-01" + "sandbox " + "00000001" + "CPF " + "00041224824458" + "\r"
    assert len(line) == 48


def test_credit_query_reads_every_chunk_and_keeps_the_raw_answer(sandbox):
    bv = adapter(sandbox)
    bv.include(request())
    report = bv.query_credit("41224824458")
    assert isinstance(report.score, int) and report.recent_queries == 1
    assert [(r.value, r.date) for r in report.restrictions] == [(Decimal("320.10"), PAST)]
    assert report.raw.count("CSR61") == 2  # two chunks: "1" then "0" at byte 40
    with pytest.raises(Rejected, match="documento"):
        bv.query_credit("41224824459")
    with pytest.raises(AuthFailed):
        adapter(sandbox, secret="outra").query_credit("41224824458")
