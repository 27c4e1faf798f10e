"""The Crédito na Medida adapter against the sandbox over real HTTP: the token obtained on
the first call and renewed when refused, every error class, the exact requests, confirm
later, the PDF report — and nothing read from an HTTP status alone."""

import json
from datetime import date, timedelta
from decimal import Decimal

import httpx
import pytest

from gestao_negativacao.bureaus.base import Address, Debtor, InclusionRequest, RecordRef
from gestao_negativacao.bureaus.credito_na_medida import CreditoNaMedidaAdapter, TokenStore
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
from gestao_negativacao.services.bureau_setup import credentials, operators
from gestao_negativacao.services.bureau_setup import integrations as config
from tests.canned_bureau import canned_bureau

PAST = date.today() - timedelta(days=30)
ADDRESS = Address("30140071", "Rua da Bahia", "10", "", "Centro", "Belo Horizonte", "MG")
ANA = Debtor("41224824458", "F", "Ana Conceição", ADDRESS)


def request(debtor=ANA, value="99.90", code="PF01", installment=2):
    return InclusionRequest(
        debtor, "holder", "V-7-002", installment, PAST, Decimal(value), nature_code=code
    )


class Tokens:
    def __init__(self):
        self.value, self.saved = None, []

    def store(self):
        return TokenStore(lambda: self.value, self._save)

    def _save(self, token):
        self.value = token
        self.saved.append(token)


@pytest.fixture
def sandbox():
    with running_sandbox(process_after=None) as server:
        yield server


def adapter(sandbox, tokens=None, secret="sandbox", sent=None):
    a = CreditoNaMedidaAdapter(
        sandbox.cnm_url, "cliente-123", secret, tokens=tokens.store() if tokens else None, timeout=5
    )
    if sent is not None:
        a.client.event_hooks["request"].append(sent.append)
    return a


def test_token_on_first_call_then_reused(sandbox):
    tokens, sent = Tokens(), []
    cnm = adapter(sandbox, tokens, sent=sent)
    cnm.list_natures("F")
    cnm.list_natures("J")
    assert len(tokens.saved) == 1
    token_calls = [r for r in sent if r.url.path.endswith("/oauth/token")]
    assert len(token_calls) == 1
    form = dict(httpx.QueryParams(token_calls[0].content.decode()))
    assert form == {
        "grant_type": "client_credentials",
        "client_id": "cliente-123",
        "client_secret": "sandbox",
    }
    assert all(
        r.headers["Authorization"] == f"Bearer {tokens.value}"
        for r in sent
        if "restricoes" in r.url.path
    )


def test_a_refused_token_is_renewed_once(sandbox):
    tokens = Tokens()
    cnm = adapter(sandbox, tokens)
    cnm.list_natures()
    httpx.post(f"{sandbox.url}/_sandbox/expire-tokens")
    cnm.include(request())
    assert len(tokens.saved) == 2 and tokens.saved[0] != tokens.saved[1]


def test_wrong_secret_is_auth_failed_and_never_echoed(sandbox):
    with pytest.raises(AuthFailed) as info:
        adapter(sandbox, secret="segredo-errado-77").include(request())
    assert "segredo-errado-77" not in str(info.value)


def test_include_duplicate_remove_and_status(sandbox):
    cnm, sent = None, []
    cnm = adapter(sandbox, sent=sent)
    outcome = cnm.include(request())
    assert outcome.bureau_id.startswith("CNM")
    body = json.loads(next(r for r in sent if r.url.path.endswith("/negativacoes")).content)
    assert body == {
        "documento": "41224824458", "tipo_pessoa": "F", "nome": "Ana Conceição",
        "endereco": {"cep": "30140071", "logradouro": "Rua da Bahia", "numero": "10", "complemento": "",
                     "bairro": "Centro", "cidade": "Belo Horizonte", "uf": "MG"},
        "contrato": "V-7-002", "parcela": 2, "vencimento": PAST.isoformat(), "valor": "99.90",
        "codigo_restricao": "PF01",
    }  # fmt: skip
    assert not outcome.confirmed  # the partner sends the letter and registers later
    with pytest.raises(AlreadyDone) as info:
        cnm.include(request())
    assert info.value.bureau_id == outcome.bureau_id
    assert [s.status for s in cnm.fetch_status([outcome.bureau_id])] == ["pendente"]
    sandbox.process()
    assert [s.status for s in cnm.fetch_status([outcome.bureau_id])] == ["ativa"]
    ref = RecordRef("41224824458", "F", "V-7-002", PAST, bureau_id=outcome.bureau_id)
    cnm.remove(ref, None)
    with pytest.raises(AlreadyDone):  # the body says JA_BAIXADA
        cnm.remove(ref, None)
    with pytest.raises(NotFound):  # the body says NAO_ENCONTRADA
        cnm.remove(RecordRef("41224824458", "F", "V-7-002", PAST, bureau_id="CNM999"), None)
    assert [s.status for s in cnm.fetch_status([outcome.bureau_id])] == ["baixada"]
    state = httpx.get(f"{sandbox.url}/_sandbox/state").json()["credito_na_medida"]["records"]
    assert [(r["installment"], r["inclusions"], r["removals"], r["active"]) for r in state] == [
        (2, 2, 2, False)
    ]


@pytest.mark.parametrize(
    ("status", "error"), [(404, Rejected), (409, Rejected), (200, Transient), (201, Transient)]
)
def test_no_status_alone_is_read_as_done(status, error):
    """A wrong route answers 404 with a page, not the partner's body: never "removed"; a
    success status without the partner's body is tried again, never taken for done."""
    with canned_bureau() as (url, canned):
        cnm = CreditoNaMedidaAdapter(url, "c", "s", timeout=5)
        cnm._token = "t"  # the token call is not what is tried here
        canned.answer(status, "<html>Not Found</html>", "text/html")
        ref = RecordRef("41224824458", "F", "V-7-002", PAST, bureau_id="CNM1")
        with pytest.raises(error):
            cnm.remove(ref, None)
        with pytest.raises(error):
            cnm.include(request())


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [({"value": "0.00"}, "maior que zero"), ({"code": "PJ01"}, "código de restrição"),
     ({"debtor": Debtor("41224824458", "F", "Ana", Address("", "R", "1", "", "B", "C", "MG"))}, "CEP")],
)  # fmt: skip
def test_bad_data_is_rejected_with_the_partners_errors(sandbox, kwargs, fragment):
    with pytest.raises(Rejected, match=fragment):
        adapter(sandbox).include(request(**kwargs))


@pytest.mark.parametrize("fault", ["http500", "malformed", "timeout"])
def test_faults_are_transient(fault):
    with running_sandbox(faults=FaultPlan({fault: 1.0}), timeout_hold=1.0) as sandbox:
        cnm = CreditoNaMedidaAdapter(sandbox.cnm_url, "c", "sandbox", timeout=0.4)
        with pytest.raises(Transient):
            cnm.include(request())


def test_lists_and_unsupported(sandbox):
    cnm = adapter(sandbox)
    assert [i.code for i in cnm.list_natures()] == ["PF01", "PF02", "PJ01"]
    with pytest.raises(NotSupported):
        cnm.list_removal_reasons()
    assert "token obtido" in cnm.test_connection()


def test_credit_report_is_the_partners_pdf(sandbox):
    cnm = adapter(sandbox)
    report = cnm.query_credit("61983914509")
    assert report.pdf.startswith(b"%PDF") and report.document == "61983914509"
    with pytest.raises(Rejected):
        cnm.query_credit("11111111111")


def test_the_service_keeps_the_token_in_the_keyring(sqlite_db, system, sandbox):
    operator = operators.create_operator(
        sqlite_db.session_factory, system, "credito_na_medida", "cliente-123"
    )
    integration = config.create_integration(
        sqlite_db.session_factory,
        system,
        "CnM (sandbox)",
        "credito_na_medida",
        sandbox.cnm_url,
        operator_ids=(operator.id,),
    )
    operators.set_operator_secret(sqlite_db.session_factory, system, operator.id, "sandbox")
    cnm = config.adapter_for(sqlite_db.session_factory, integration.id, operator.id)
    cnm.list_natures()
    where = config.place(sqlite_db.session_factory, integration, operator.id)
    first = credentials.get(where, "token")
    assert first
    httpx.post(f"{sandbox.url}/_sandbox/expire-tokens")
    cnm.list_natures()
    assert credentials.get(where, "token") not in (None, first)
    cnm.close()
