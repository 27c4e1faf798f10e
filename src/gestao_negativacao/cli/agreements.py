"""The agreement commands (DESIGN §5.6): ``agreement owed``, ``agreement add``,
``agreement pay`` and ``agreement list``."""

from __future__ import annotations

import argparse
import json
from datetime import date
from decimal import Decimal

from gestao_negativacao.cli import support
from gestao_negativacao.cli.support import EXIT_OK, CliError
from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.money import format_brl
from gestao_negativacao.services.database import Database


def _as_of(args: argparse.Namespace) -> date:
    return support.as_of_date(args.as_of) or date.today()


def _installments(texts: list[str] | None) -> list[tuple[str, int]] | None:
    """``--installment VENDA/N``, repeated: the originals the agreement covers."""
    if not texts:
        return None
    chosen = []
    for text in texts:
        sale, _, number = text.rpartition("/")
        if not sale or not number.isdigit():
            raise CliError(f"Parcela inválida: {text!r}. Use VENDA/N, por exemplo V123/2.")
        chosen.append((sale, int(number)))
    return chosen


def cmd_owed(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.agreements import overdue_installments

    support.acting_user(db, args.user)
    owed = overdue_installments(db.session_factory, args.company, args.document, _as_of(args))
    if args.json:
        rows = [
            {
                "sale": o.sale,
                "installment": o.number,
                "due_date": o.due_date.isoformat(),
                "amount": str(o.open_amount),
            }
            for o in owed
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return EXIT_OK
    if not owed:
        print("Nenhuma parcela vencida em aberto fora de um acordo em dia.")
    for o in owed:
        print(f"{o.sale}/{o.number}  vencida em {o.due_date:%d/%m/%Y}  {format_brl(o.open_amount)}")
    if owed:
        total = sum((o.open_amount for o in owed), start=Decimal("0.00"))
        print(f"Total: {format_brl(total)} em {len(owed)} parcela(s).")
    return EXIT_OK


def cmd_add(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services import agreements

    actor = support.acting_user(db, args.user)
    as_of = _as_of(args)
    if args.plan:
        plan = agreements.parse_plan(args.plan)
    elif args.count and args.first_due:
        covered = agreements.overdue_installments(
            db.session_factory, args.company, args.document, as_of
        )
        wanted = _installments(args.installment)
        if wanted is not None:
            covered = [o for o in covered if (o.sale, o.number) in set(wanted)]
        total = sum((o.open_amount for o in covered), start=Decimal("0.00"))
        first = support.as_of_date(args.first_due)
        assert first is not None
        plan = agreements.even_plan(total, args.count, first)
    else:
        raise CliError(
            "Informe o plano: --plan AAAA-MM-DD:VALOR,... ou --count N --first-due AAAA-MM-DD "
            "(o total em aberto dividido em N parcelas mensais)."
        )
    info = agreements.make_agreement(
        db.session_factory,
        actor,
        company_cnpj=args.company,
        debtor_document=args.document,
        plan=plan,
        as_of=as_of,
        installments=_installments(args.installment),
        note=args.note or "",
    )
    print(
        json.dumps(info.as_json(), ensure_ascii=False) if args.json else agreements.describe(info)
    )
    return EXIT_OK


def cmd_pay(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services import agreements

    actor = support.acting_user(db, args.user)
    paid_on = support.as_of_date(args.on) or date.today()
    info = agreements.record_payment(db.session_factory, actor, args.id, args.number, paid_on)
    print(
        json.dumps(info.as_json(), ensure_ascii=False) if args.json else agreements.describe(info)
    )
    return EXIT_OK


def cmd_list(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services import agreements

    support.acting_user(db, args.user)
    found = agreements.list_agreements(
        db.session_factory, _as_of(args), debtor_document=args.document, only_kept=args.kept
    )
    if args.json:
        print(json.dumps([a.as_json() for a in found], ensure_ascii=False))
        return EXIT_OK
    if not found:
        print("Nenhum acordo registrado.")
    for a in found:
        print(
            f"nº {a.id}  {a.debtor_name} ({format_document(a.debtor_document)})  "
            f"{a.status}  {format_brl(a.paid)} pagos de {format_brl(a.total)}  "
            f"parcelas originais: {', '.join(a.originals)}"
        )
    return EXIT_OK


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    agreement = sub.add_parser(
        "agreement", help="acordos com o devedor (bloqueiam e baixam as parcelas do acordo)"
    )
    actions = agreement.add_subparsers(dest="agreement_command", metavar="AÇÃO", required=True)
    as_of = {"metavar": "AAAA-MM-DD", "help": "data de referência (padrão: hoje)"}

    owed = actions.add_parser(
        "owed", parents=[common], help="parcelas vencidas que um acordo pode cobrir"
    )
    owed.add_argument("--company", required=True, metavar="CNPJ")
    owed.add_argument("--document", required=True, metavar="CPF/CNPJ", help="do devedor")
    owed.add_argument("--as-of", **as_of)
    owed.add_argument("--json", action="store_true")
    owed.set_defaults(handler=cmd_owed)

    add = actions.add_parser("add", parents=[common], help="registrar um acordo")
    add.add_argument("--company", required=True, metavar="CNPJ")
    add.add_argument("--document", required=True, metavar="CPF/CNPJ", help="do devedor")
    add.add_argument(
        "--installment",
        action="append",
        metavar="VENDA/N",
        help="parcela original coberta (repetível; sem ela, todas as vencidas do devedor)",
    )
    add.add_argument("--plan", metavar="AAAA-MM-DD:VALOR,...", help="as parcelas do acordo")
    add.add_argument("--count", type=int, metavar="N", help="ou: N parcelas mensais iguais…")
    add.add_argument("--first-due", metavar="AAAA-MM-DD", help="…a partir desta data")
    add.add_argument("--note", metavar="TEXTO")
    add.add_argument("--as-of", **as_of)
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)

    pay = actions.add_parser("pay", parents=[common], help="registrar o pagamento de uma parcela")
    pay.add_argument("id", type=int, metavar="ACORDO")
    pay.add_argument("--number", required=True, type=int, metavar="N", help="parcela do acordo")
    pay.add_argument("--on", metavar="AAAA-MM-DD", help="data do pagamento (padrão: hoje)")
    pay.add_argument("--json", action="store_true")
    pay.set_defaults(handler=cmd_pay)

    listing = actions.add_parser("list", parents=[common], help="acordos e sua situação")
    listing.add_argument("--document", metavar="CPF/CNPJ", help="só os deste devedor")
    listing.add_argument("--kept", action="store_true", help="só os em dia")
    listing.add_argument("--as-of", **as_of)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)
