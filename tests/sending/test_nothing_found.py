"""Why a Buscar found nothing at all, in words a clerk can act on, on every database."""

from datetime import timedelta

from gestao_negativacao.domain.enums import Action
from gestao_negativacao.services.importing import import_file
from gestao_negativacao.services.sending.nothing_found import why_nothing
from tests.rules_helpers import AS_OF
from tests.sending_helpers import admin_actor, write_portfolio_csv


def test_each_cause_in_turn(any_db, tmp_path):
    factory = any_db.session_factory
    said = why_nothing(factory, Action.INCLUSION, "spc_brasil", AS_OF)
    assert "a carteira está vazia" in said and "Importação" in said
    path = write_portfolio_csv(tmp_path / "carteira.csv", 2, 2)
    assert import_file(factory, admin_actor(any_db), path).written
    early = AS_OF - timedelta(days=60)  # before the first due date
    said = why_nothing(factory, Action.INCLUSION, "spc_brasil", early)
    assert said == f"Nada a enviar: nenhuma parcela vencida e em aberto em {early:%d/%m/%Y}."
    said = why_nothing(factory, Action.INCLUSION, "spc_brasil", AS_OF)
    assert "atende à regra ou aos filtros" in said
    said = why_nothing(factory, Action.REMOVAL, "boa_vista", AS_OF)
    assert said == "Nada a baixar: nenhuma negativação ativa na SPC Boa Vista."
