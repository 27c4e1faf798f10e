"""Crédito na Medida — REST, client id + secret → token (shared/protocols/credito_na_medida.md).

The token is obtained on the first call, kept through ``TokenStore`` (the OS keyring, in the
product) and renewed once when the partner refuses it. There is no homologation environment:
the sandbox bureau is the only safe place to train.

No public client or documentation shows the API, so every path and field is a model, and
nothing is read from an HTTP status alone: "already there", "already removed" and "not
found" only from a recognised answer body. The partner sends the notice letter and
registers later, so an accepted inclusion waits as pending (``confirms_later``). Its credit
report is a PDF, kept as it came.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from gestao_negativacao.bureaus.base import (
    CreditReport,
    InclusionRequest,
    ListItem,
    Outcome,
    RecordRef,
    StatusAnswer,
)
from gestao_negativacao.bureaus.errors import (
    AlreadyDone,
    AuthFailed,
    BureauError,
    NotFound,
    NotSupported,
    Rejected,
    Transient,
)
from gestao_negativacao.bureaus.http import check_http_status, make_client, transport
from gestao_negativacao.domain.enums import NegativationStatus

NAME = "Crédito na Medida"

# ---- NOT CONFIRMED with Crédito na Medida (no public documentation; model of the protocol
# notes, to confirm at contract) -------------------------------------------------------------
TOKEN_PATH = "/oauth/token"
RESTRICTIONS_PATH = "/restricoes"  # ?tipo_pessoa=F|J → [{"codigo", "descricao"}]
NEGATIVATIONS_PATH = "/negativacoes"  # POST → 201 {"id", "status"}; 409 duplicate; 422 erros
REMOVAL_PATH = "/negativacoes/{id}/baixa"  # POST → 200 {"id", "status"}
STATUS_PATH = "/negativacoes/{id}"  # GET → {"id", "status", "mensagem"}
REPORT_PATH = "/consultas/{documento}"  # GET → the credit report, application/pdf
# the answer bodies that say something; a status without one of them says nothing
DUPLICATE_KEY = "id"  # 409 on an inclusion: {"id": <the existing record>, "erro": …}
CODE_NOT_FOUND = "NAO_ENCONTRADA"  # 404 {"codigo": …}: the partner has no such record
CODE_ALREADY_REMOVED = "JA_BAIXADA"  # 409 {"codigo": …} on a removal
STATUS_MAP = {
    "ativo": NegativationStatus.ACTIVE,
    "ativa": NegativationStatus.ACTIVE,
    "baixada": NegativationStatus.REMOVED,
    "erro": NegativationStatus.ERROR,
    "pendente": NegativationStatus.PENDING,
}
# ----------------------------------------------------------------------------------------------


@dataclass
class TokenStore:
    """Where the token lives between calls (and between runs)."""

    load: Callable[[], str | None]
    save: Callable[[str], None]


def _memory_store() -> TokenStore:
    box: dict[str, str] = {}
    return TokenStore(lambda: box.get("token"), lambda token: box.__setitem__("token", token))


class CreditoNaMedidaAdapter:
    integrator = "credito_na_medida"
    confirms_later = True

    def __init__(
        self,
        url: str,
        client_id: str,
        client_secret: str,
        *,
        tokens: TokenStore | None = None,
        timeout: httpx.Timeout | float | None = None,
        max_connections: int = 16,
    ) -> None:
        self.client = make_client(url.rstrip("/"), timeout=timeout, max_connections=max_connections)
        self._client_id = client_id
        self._client_secret = client_secret
        self.tokens = tokens or _memory_store()
        # One token for every thread that sends through this adapter: read from the store
        # once, renewed by one thread at a time (the keyring is not made for parallel use).
        self._token: str | None = None
        self._token_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    # -- token --------------------------------------------------------------------------

    def _new_token(self) -> str:
        with transport(NAME):
            response = self.client.post(
                TOKEN_PATH,
                data={
                    "grant_type": "client_credentials",
                    "client_id": self._client_id,
                    "client_secret": self._client_secret,
                },
            )
        if response.status_code in (400, 401, 403):
            raise AuthFailed(f"{NAME} recusou o client id ou o client secret")
        check_http_status(response, NAME)
        try:
            token = response.json()["access_token"]
        except (ValueError, KeyError, TypeError):
            raise Transient(f"resposta malformada de {NAME} ao pedir o token") from None
        self.tokens.save(token)
        return token

    def _current_token(self, refused: str | None = None) -> str:
        """The token to use; ``refused`` is one the bureau just refused: renew it, unless
        another thread renewed it meanwhile."""
        with self._token_lock:
            if self._token is None:
                self._token = self.tokens.load()
            if self._token is None or self._token == refused:
                self._token = self._new_token()
            return self._token

    def _request(self, method: str, path: str, **kwargs) -> httpx.Response:
        """Authenticated call; a refused token is renewed once, then it is AuthFailed."""
        token = self._current_token()
        for attempt in (1, 2):
            with transport(NAME):
                response = self.client.request(
                    method, path, headers={"Authorization": f"Bearer {token}"}, **kwargs
                )
            if response.status_code != 401:
                return response
            if attempt == 1:
                token = self._current_token(refused=token)
        raise AuthFailed(f"{NAME} recusou o token recém-obtido")

    @staticmethod
    def _json(response: httpx.Response) -> object:
        try:
            return response.json()
        except ValueError:
            raise Transient(f"resposta malformada de {NAME}") from None

    @staticmethod
    def _body(response: httpx.Response) -> dict:
        """The answer as a JSON object, or {} when it is none (a proxy's HTML page)."""
        try:
            body = response.json()
        except ValueError:
            return {}
        return body if isinstance(body, dict) else {}

    @staticmethod
    def _unexpected(response: httpx.Response) -> BureauError:
        """A status no recognised body explains. A success status, or the partner's JSON cut
        in transit, is retried: the re-send meets the partner's duplicate check. Any other
        (a wrong path's page gives exactly this) is refused with the status, never taken
        for success, so that the configuration is checked."""
        cut = "json" in response.headers.get("content-type", "")  # the partner's, unreadable
        if 200 <= response.status_code < 300 or cut:
            return Transient(f"resposta malformada de {NAME} (HTTP {response.status_code})")
        return Rejected(
            f"{NAME} respondeu HTTP {response.status_code} sem uma resposta reconhecida; "
            "confira o endereço da integração",
            code=str(response.status_code),
        )

    # -- operations ---------------------------------------------------------------------

    def include(self, request: InclusionRequest) -> Outcome:
        d = request.debtor
        payload = {
            "documento": d.document,
            "tipo_pessoa": d.kind,
            "nome": d.name,
            "endereco": {
                "cep": d.address.cep,
                "logradouro": d.address.street,
                "numero": d.address.number,
                "complemento": d.address.complement,
                "bairro": d.address.district,
                "cidade": d.address.city,
                "uf": d.address.uf,
            },
            "contrato": request.contract,
            "parcela": request.installment,
            "vencimento": request.due_date.isoformat(),
            "valor": f"{request.value:.2f}",
            "codigo_restricao": request.nature_code,
        }
        if not request.nature_code:
            raise Rejected(
                "a integração do Crédito na Medida não tem código de restrição para este tipo "
                "de pessoa; escolha um em Integrações (Buscar na integradora)"
            )
        response = self._request("POST", NEGATIVATIONS_PATH, json=payload)
        body = self._body(response)
        if response.status_code == 409 and body.get(DUPLICATE_KEY):
            raise AlreadyDone(
                "negativação já existe para este contrato e parcela",
                bureau_id=str(body[DUPLICATE_KEY]),
            )
        if response.status_code == 422 and isinstance(body.get("erros"), list):
            raise Rejected("; ".join(map(str, body["erros"])) or "dados recusados", code="422")
        check_http_status(response, NAME)
        if response.status_code not in (200, 201) or not body.get("id"):
            raise self._unexpected(response)
        message = "recebida; o Crédito na Medida envia a carta e registra depois"
        return Outcome(str(body["id"]), str(body["id"]), message, confirmed=False)

    def remove(self, ref: RecordRef, reason_code: str | None) -> Outcome:
        if not ref.bureau_id:
            raise Rejected("falta o id da negativação no Crédito na Medida para a baixa")
        response = self._request("POST", REMOVAL_PATH.format(id=ref.bureau_id))
        body = self._body(response)
        code = body.get("codigo")
        if response.status_code == 404 and code == CODE_NOT_FOUND:
            raise NotFound(str(body.get("erro") or "negativação não encontrada"), code=code)
        if response.status_code == 409 and code == CODE_ALREADY_REMOVED:
            raise AlreadyDone(str(body.get("erro") or "já baixada"), bureau_id=ref.bureau_id)
        check_http_status(response, NAME)
        if response.status_code != 200 or str(body.get("id")) != ref.bureau_id:
            raise self._unexpected(response)
        return Outcome(ref.bureau_id, None, NegativationStatus.REMOVED)

    def fetch_status(self, bureau_ids: list[str]) -> list[StatusAnswer]:
        answers = []
        for bureau_id in bureau_ids:
            response = self._request("GET", STATUS_PATH.format(id=bureau_id))
            check_http_status(response, NAME)
            body = self._body(response)
            if response.status_code != 200 or str(body.get("id")) != bureau_id:
                answers.append(StatusAnswer(bureau_id, NegativationStatus.PENDING))
                continue
            status = STATUS_MAP.get(str(body.get("status", "")).lower(), NegativationStatus.PENDING)
            answers.append(StatusAnswer(bureau_id, status, str(body.get("mensagem") or "")))
        return answers

    def list_natures(self, person_kind: str | None = None) -> list[ListItem]:
        items: list[ListItem] = []
        for kind in [person_kind] if person_kind else ["F", "J"]:
            response = self._request("GET", RESTRICTIONS_PATH, params={"tipo_pessoa": kind})
            check_http_status(response, NAME)
            body = self._json(response)
            for item in body if isinstance(body, list) else []:
                code = str(item.get("codigo", "")) if isinstance(item, dict) else ""
                if code and all(existing.code != code for existing in items):
                    items.append(ListItem(code, str(item.get("descricao", code))))
        return items

    def list_removal_reasons(self) -> list[ListItem]:
        raise NotSupported("o Crédito na Medida não pede código de baixa")

    def list_document_types(self) -> list[ListItem]:
        raise NotSupported("o Crédito na Medida não usa tipo de documento")

    def query_credit(self, document: str) -> CreditReport:
        """The partner's report is a PDF (what the ERPs that use it show): kept whole."""
        response = self._request("GET", REPORT_PATH.format(documento=document))
        if response.status_code == 422:
            raise Rejected("documento inválido para consulta", code="422")
        check_http_status(response, NAME)
        is_pdf = response.content.startswith(b"%PDF")
        if response.status_code != 200 or not is_pdf:
            raise self._unexpected(response)
        return CreditReport(document=document, name=None, score=None, pdf=response.content)

    def test_connection(self) -> str:
        self._new_token()
        return f"{NAME}: client id e secret válidos; token obtido"
