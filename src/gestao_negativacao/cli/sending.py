"""The sending commands (DESIGN §12): ``send``, ``sent`` and ``release``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from typing import TYPE_CHECKING

from gestao_negativacao.cli import support
from gestao_negativacao.cli.support import EXIT_DATA_ERRORS, EXIT_OK, CliError
from gestao_negativacao.domain.display import count_of
from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import Action, HoldOrigin, Processing
from gestao_negativacao.services.database import Database

if TYPE_CHECKING:  # the services are imported by the commands that use them (start-up time)
    from gestao_negativacao.services.sending.progress import Progress

INTEGRATORS = "spc_brasil, boa_vista, soa_serasa, credito_na_medida"


class _ProgressLine:
    """A progress line on stderr every few seconds, for a clerk watching a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < 2:
            return
        self.last = now
        print(
            f"  {progress.done}/{progress.total} processados, {progress.sent + progress.already}"
            f" enviados, {progress.rejected} recusados",
            file=sys.stderr,
            flush=True,
        )


def cmd_send(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.rules import get_rule
    from gestao_negativacao.services.sending.service import send
    from gestao_negativacao.services.sending.worker import SendOptions

    actor = support.acting_user(db, args.user)
    stored = get_rule(db.session_factory, args.rule) if args.rule else None
    as_of = support.as_of_date(args.as_of) or date.today()
    if args.concurrency < 1 or args.concurrency > 64:
        raise CliError("--concurrency deve estar entre 1 e 64.")
    outcome = send(
        db.session_factory,
        actor,
        action=args.action,
        rule=stored.rule if stored else None,
        rule_id=stored.id if stored else None,
        integrator=args.integrator,
        as_of=as_of,
        options=SendOptions(concurrency=args.concurrency),
        progress=_ProgressLine(not args.json and sys.stderr.isatty()),
    )
    report = outcome.report
    if args.json:
        document = {
            "action": args.action,
            "as_of": as_of.isoformat(),
            "rule": args.rule,
            "selected": outcome.enqueued.requested if outcome.enqueued else 0,
            "queued": outcome.enqueued.queued if outcome.enqueued else 0,
            **report.summary(),
            "problems": [
                {
                    "action": p.action,
                    "sale": p.sale,
                    "installment": p.installment,
                    "debtor_document": p.debtor_document,
                    "status": p.status,
                    "message": p.message,
                }
                for p in report.problems
            ],
        }
        print(json.dumps(document, ensure_ascii=False))
    else:
        _print_send_report(outcome)
    return (
        EXIT_DATA_ERRORS
        if report.rejected or report.pending or report.no_configuration
        else EXIT_OK
    )


def _print_send_report(outcome) -> None:
    for line in outcome.lines(terminal=True):
        print(line)
    report = outcome.report
    for line in outcome.problem_lines(limit=50):
        print(f"    {line}")
    if len(report.problems) > 50:
        print(f"    ... e mais {len(report.problems) - 50} (use --json para ver todos)")


def cmd_sent(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.sending.sent import SentFilter, list_sent

    actor = support.acting_user(db, args.user)
    if args.refresh:
        from gestao_negativacao.services.sending.follow_up import refresh_confirmations

        refreshed = refresh_confirmations(db.session_factory, actor)
        print(
            f"Situação atualizada no birô: {refreshed.activated} ativadas, {refreshed.failed} "
            f"com erro, {refreshed.still_pending} ainda em processamento.",
            file=sys.stderr,
        )
        for error in refreshed.errors:
            print(f"  {error}", file=sys.stderr)
    where = SentFilter(
        status=tuple(
            s.strip() for value in (args.status or []) for s in value.split(",") if s.strip()
        ),
        processing=args.processing,
        integrator=args.integrator,
        company_cnpj=args.company,
        customer_document=args.customer,
        since=support.as_of_date(args.since),
        until=support.as_of_date(args.until),
        to_check=args.to_check,
    )
    items = list_sent(db.session_factory, where, limit=args.limit)
    if args.json:
        print(json.dumps([item.as_json() for item in items], ensure_ascii=False))
        return EXIT_OK
    for item in items:
        when = item.included_at.astimezone().strftime("%d/%m/%Y %H:%M") if item.included_at else ""
        print(
            f"{item.integrator:17} {item.status:14} {item.processing:8} "
            f"{format_document(item.company_cnpj)} venda {item.sale} parcela {item.installment} "
            f"{format_document(item.debtor_document)} {when} {item.message or ''}".rstrip()
        )
    print(f"{len(items)} registros", file=sys.stderr)
    return EXIT_OK


def cmd_release(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.sending.release import release

    actor = support.acting_user(db, args.user)
    released = release(
        db.session_factory,
        actor,
        action=args.action,
        company_cnpj=args.company,
        integrator=args.integrator,
    )
    if args.json:
        print(json.dumps({"action": args.action, "released": released}))
    else:
        what = Action(args.action).label.lower()
        liberated = "liberado" if released == 1 else "liberados"
        print(f"{count_of(released, 'item', 'itens')} de {what} {liberated} da fila de envio.")
    return EXIT_OK


def cmd_hold_list(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.sending.holds import list_holds

    support.acting_user(db, args.user)
    holds = list_holds(db.session_factory)
    if args.json:
        print(json.dumps([h.as_json() for h in holds], ensure_ascii=False))
        return EXIT_OK
    if not holds:
        print("Nenhum bloqueio em vigor.")
    for h in holds:
        print(
            f"{format_document(h.company_cnpj)}:{h.sale} parcela {h.installment} — "
            f"{h.debtor_name} ({format_document(h.debtor_document)}): "
            f"{HoldOrigin(h.origin).label}, {h.reason}; "
            f"por {h.created_by} em {h.created_at:%d/%m/%Y}"
        )
    return EXIT_OK


def cmd_hold_lift(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.sending.holds import lift

    actor = support.acting_user(db, args.user)
    company, _, sale = args.sale.partition(":")
    if not sale:
        raise CliError("Informe a venda como CNPJ:VENDA (ex.: 29141777000158:V123).")
    lifted = lift(
        db.session_factory,
        actor,
        reason=args.reason,
        company_cnpj=company,
        sale=sale,
        installment=args.installment,
        debtor_document=args.document,
    )
    if not lifted:
        raise CliError("Nenhum bloqueio em vigor para essa parcela.")
    print(f"Bloqueio retirado ({lifted}).")
    return EXIT_OK


def cmd_hold_until(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.sending.holds import set_until

    actor = support.acting_user(db, args.user)
    company, _, sale = args.sale.partition(":")
    if not sale:
        raise CliError("Informe a venda como CNPJ:VENDA (ex.: 29141777000158:V123).")
    until = None if args.date.lower() in ("nenhuma", "none") else support.as_of_date(args.date)
    changed = set_until(
        db.session_factory,
        actor,
        until=until,
        reason=args.reason,
        company_cnpj=company,
        sale=sale,
        installment=args.installment,
        debtor_document=args.document,
    )
    if not changed:
        raise CliError("Nenhum bloqueio em vigor para essa parcela.")
    when = f"até {until:%d/%m/%Y}" if until else "até alguém retirar"
    print(f"Bloqueio ({changed}) vale {when}.")
    return EXIT_OK


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    send = sub.add_parser(
        "send", parents=[common], help="enfileirar o que a regra encontra e enviar ao birô"
    )
    send.add_argument("--action", required=True, choices=[Action.INCLUSION, Action.REMOVAL])
    send.add_argument(
        "--rule", metavar="NOME", help="regra (sem ela, só reenvia o que está na fila)"
    )
    send.add_argument("--integrator", metavar="NOME", help=INTEGRATORS)
    send.add_argument("--as-of", metavar="AAAA-MM-DD", help="data de referência (padrão: hoje)")
    send.add_argument(
        "--concurrency", type=int, default=16, metavar="N", help="chamadas simultâneas por operador"
    )
    send.add_argument("--json", action="store_true")
    send.set_defaults(handler=cmd_send)

    sent = sub.add_parser("sent", parents=[common], help="negativações enviadas e sua situação")
    sent.add_argument(
        "--status",
        metavar="S[,S]",
        action="append",
        help="pendente, ativa, baixada, baixada_manual, erro (vírgulas ou repetido)",
    )
    sent.add_argument("--processing", choices=[Processing.OK, Processing.PENDING])
    sent.add_argument("--integrator", metavar="NOME", help=INTEGRATORS)
    sent.add_argument("--company", metavar="CNPJ")
    sent.add_argument("--customer", metavar="CPF/CNPJ")
    sent.add_argument("--since", metavar="AAAA-MM-DD", help="enviadas a partir de")
    sent.add_argument("--until", metavar="AAAA-MM-DD", help="enviadas até")
    sent.add_argument("--limit", type=int, metavar="N")
    sent.add_argument(
        "--to-check",
        action="store_true",
        help="só as baixas que o birô disse não encontrar (conferir no site do birô)",
    )
    sent.add_argument(
        "--refresh",
        action="store_true",
        help="antes, perguntar ao birô a situação das aceitas aguardando confirmação",
    )
    sent.add_argument("--json", action="store_true")
    sent.set_defaults(handler=cmd_sent)

    rel = sub.add_parser("release", parents=[common], help="liberar parcelas presas na fila")
    rel.add_argument("--action", required=True, choices=[Action.INCLUSION, Action.REMOVAL])
    rel.add_argument("--company", metavar="CNPJ")
    rel.add_argument("--integrator", metavar="NOME", help=INTEGRATORS)
    rel.add_argument("--json", action="store_true")
    rel.set_defaults(handler=cmd_release)

    hold = sub.add_parser("hold", help="bloqueios depois de uma baixa (não incluir de novo)")
    holds = hold.add_subparsers(dest="hold_command", metavar="AÇÃO", required=True)
    listing = holds.add_parser("list", parents=[common], help="bloqueios em vigor")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_hold_list)
    lifting = holds.add_parser("lift", parents=[common], help="retirar um bloqueio, com motivo")
    lifting.add_argument("--sale", required=True, metavar="CNPJ:VENDA")
    lifting.add_argument("--installment", required=True, type=int, metavar="N")
    lifting.add_argument("--document", metavar="CPF/CNPJ", help="só o deste devedor")
    lifting.add_argument("--reason", required=True, metavar="TEXTO")
    lifting.set_defaults(handler=cmd_hold_lift)
    ending = holds.add_parser(
        "until", parents=[common], help="data final de um bloqueio (ou nenhuma), com motivo"
    )
    ending.add_argument("--sale", required=True, metavar="CNPJ:VENDA")
    ending.add_argument("--installment", required=True, type=int, metavar="N")
    ending.add_argument("--document", metavar="CPF/CNPJ", help="só o deste devedor")
    ending.add_argument(
        "--date", required=True, metavar="AAAA-MM-DD", help="último dia do bloqueio, ou nenhuma"
    )
    ending.add_argument("--reason", required=True, metavar="TEXTO")
    ending.set_defaults(handler=cmd_hold_until)
