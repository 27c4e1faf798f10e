"""The pre-notice commands (DESIGN §4 ``notice_pending``): ``notice send`` e-mails the
debtors an inclusion rule waits on; ``notice list`` shows what was sent or tried."""

from __future__ import annotations

import argparse
import json
from datetime import date

from gestao_negativacao.cli import support
from gestao_negativacao.cli.support import EXIT_DATA_ERRORS, EXIT_OK, CliError
from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import Action
from gestao_negativacao.services.database import Database


def cmd_send(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.mail import MailNotConfigured
    from gestao_negativacao.services.rules import get_rule
    from gestao_negativacao.services.rules.preview import Preview
    from gestao_negativacao.services.sending.notices import send_notices

    actor = support.acting_user(db, args.user)
    stored = get_rule(db.session_factory, args.rule)
    if stored.rule.kind != Action.INCLUSION:
        raise CliError(f"A regra {args.rule!r} é de baixa: avisos prévios vêm antes de incluir.")
    as_of = support.as_of_date(args.as_of) or date.today()
    preview = Preview(
        db.session_factory, actor, Action.INCLUSION, stored.rule, args.integrator, as_of
    )
    try:
        report = send_notices(db.session_factory, actor, preview, as_of)
    except MailNotConfigured as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print(
            json.dumps(
                {
                    "as_of": as_of.isoformat(),
                    "rule": args.rule,
                    "debtors": report.debtors,
                    "sent": report.sent,
                    "installments": report.installments,
                    "no_email": report.no_email,
                    "failed": report.failed,
                    "errors": report.errors,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(report.summary())
    return EXIT_DATA_ERRORS if report.failed else EXIT_OK


def cmd_list(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.sending.notices import OUTCOME_LABELS, list_notices

    support.acting_user(db, args.user)
    found = list_notices(db.session_factory, debtor_document=args.document)
    if args.json:
        print(json.dumps([n.as_json() for n in found], ensure_ascii=False))
        return EXIT_OK
    if not found:
        print("Nenhum aviso prévio enviado.")
    for n in found:
        note = f" ({n.message})" if n.message and n.outcome != "enviado" else ""
        print(
            f"{n.sent_on:%d/%m/%Y}  {n.debtor_name} ({format_document(n.debtor_document)})  "
            f"venda {n.sale} parcela {n.installment}: {OUTCOME_LABELS[n.outcome]}{note}; "
            f"pode ser incluída a partir de {n.eligible_from:%d/%m/%Y}"
        )
    return EXIT_OK


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    notice = sub.add_parser("notice", help="aviso prévio ao devedor antes da inclusão")
    actions = notice.add_subparsers(dest="notice_command", metavar="AÇÃO", required=True)
    send = actions.add_parser(
        "send", parents=[common], help="enviar os avisos que a regra de inclusão espera"
    )
    send.add_argument("--rule", required=True, metavar="NOME")
    send.add_argument(
        "--integrator", metavar="NOME", help="spc_brasil, boa_vista, soa_serasa, credito_na_medida"
    )
    send.add_argument("--as-of", metavar="AAAA-MM-DD", help="data de referência (padrão: hoje)")
    send.add_argument("--json", action="store_true")
    send.set_defaults(handler=cmd_send)
    listing = actions.add_parser("list", parents=[common], help="avisos enviados ou tentados")
    listing.add_argument("--document", metavar="CPF/CNPJ", help="só os deste devedor")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)
