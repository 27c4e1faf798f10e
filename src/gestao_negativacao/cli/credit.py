"""``credit``: requests from an ERP decided at once, the decisions since a date, and credit
queries to the bureaus (DESIGN §10)."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, time
from pathlib import Path

from gestao_negativacao.cli import support
from gestao_negativacao.cli.support import EXIT_OK, CliError
from gestao_negativacao.domain.credit import REASONS, RequestStatus
from gestao_negativacao.domain.schedule import LOCAL
from gestao_negativacao.services.database import Database


def cmd_request(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services import credit

    actor = support.acting_user(db, args.user)
    try:
        raw = json.loads(Path(args.file).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CliError(f"Não foi possível ler {args.file}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"JSON inválido na linha {exc.lineno}: {exc.msg}") from None
    documents = raw if isinstance(raw, list) else [raw]
    out = []
    for doc in documents:
        info, decision = credit.submit(db.session_factory, actor, credit.parse_request(doc))
        out.append(
            {
                "id": info.id,
                "sale": info.sale_number,
                "decision": decision.outcome.value,
                "decision_text": decision.outcome.label(info.decided_by),
                "reasons": list(decision.reasons),
                "reasons_text": [REASONS[r] for r in decision.reasons],
            }
        )
    if args.json:
        print(json.dumps(out if isinstance(raw, list) else out[0], ensure_ascii=False))
    else:
        for item in out:
            why = "; ".join(item["reasons_text"]) or "aprovada na hora"
            print(
                f"Solicitação {item['id']} (venda {item['sale']}): {item['decision_text']} — {why}"
            )
    return EXIT_OK


def cmd_decisions(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services import credit

    day = support.as_of_date(args.since)
    since = (
        datetime.combine(day, time.min, LOCAL).astimezone(UTC)
        if day
        else datetime.min.replace(tzinfo=UTC)
    )
    found = credit.decisions(db.session_factory, since)
    if args.json:
        print(json.dumps([d.as_json() for d in found], ensure_ascii=False))
    else:
        for d in found:
            print(
                f"{d.id} {d.customer_document} venda {d.sale_number} {d.amount}: "
                f"{RequestStatus(d.status).label(d.decided_by)} por {d.decided_by or '—'}"
            )
    return EXIT_OK


def cmd_query(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.credit.queries import query_credit

    actor = support.acting_user(db, args.user)
    result = query_credit(
        db.session_factory, actor, args.document, args.integrator, force=args.force
    )
    doc = {
        "id": result.id,
        "integrator": result.integrator,
        "at": result.at.isoformat(),
        "from_store": result.from_store,
        **result.report,
    }
    if args.json:
        print(json.dumps(doc, ensure_ascii=False))
    else:
        if result.from_store:
            print(
                f"Consulta recente de {result.at.astimezone(LOCAL):%d/%m/%Y %H:%M} reaproveitada "
                "(use --force para consultar de novo; consultas são cobradas)."
            )
        print(
            f"{doc['name'] or ''} score {doc['score']}; restrições: {len(doc['restrictions'])}, "
            f"protestos: {len(doc['protests'])}"
        )
    return EXIT_OK


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("credit", help="análise de crédito")
    actions = parser.add_subparsers(dest="credit_command", metavar="AÇÃO", required=True)
    request = actions.add_parser("request", parents=[common], help="solicitação de crédito (JSON)")
    request.add_argument("file", metavar="ARQUIVO.json")
    request.add_argument("--json", action="store_true")
    request.set_defaults(handler=cmd_request)
    decided = actions.add_parser("decisions", parents=[common], help="decisões desde uma data")
    decided.add_argument("--since", metavar="AAAA-MM-DD")
    decided.add_argument("--json", action="store_true")
    decided.set_defaults(handler=cmd_decisions)
    query = actions.add_parser("query", parents=[common], help="consultar um CPF/CNPJ no birô")
    query.add_argument("document", metavar="CPF/CNPJ")
    query.add_argument("--integrator", required=True, metavar="NOME")
    query.add_argument("--force", action="store_true", help="consultar mesmo havendo uma recente")
    query.add_argument("--json", action="store_true")
    query.set_defaults(handler=cmd_query)
