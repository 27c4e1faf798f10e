"""The LGPD commands (permission ``LGPD_TITULAR``): ``subject report`` writes the Relatório
do titular of a CPF/CNPJ as PDF and JSON; ``subject anonymise`` anonymises one person who
has nothing open; ``subject anonymise-due`` everyone past the retention period (what the
``lgpd`` schedule does); ``subject due`` counts them without changing anything."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from gestao_negativacao.cli import support
from gestao_negativacao.cli.support import EXIT_OK
from gestao_negativacao.services.database import Database


def cmd_report(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.data_subjects.report import save_report

    actor = support.acting_user(db, args.user)
    saved = save_report(db.session_factory, actor, args.document, Path(args.out))
    if args.json:
        print(
            json.dumps(
                {"json": str(saved.json_path), "pdf": str(saved.pdf_path), "found": saved.found},
                ensure_ascii=False,
            )
        )
    else:
        if not saved.found:
            print("Nada consta: nenhum dado desta pessoa nesta aplicação.")
        print(f"Relatório do titular gravado em {saved.pdf_path} e {saved.json_path}.")
    return EXIT_OK


def cmd_anonymise(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.data_subjects.anonymise import anonymise_one

    actor = support.acting_user(db, args.user)
    as_of = support.as_of_date(args.as_of) or date.today()
    anonymise_one(db.session_factory, actor, args.document, as_of)
    print("Dados do titular anonimizados.")
    return EXIT_OK


def cmd_anonymise_due(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.data_subjects.anonymise import anonymise_due

    actor = support.acting_user(db, args.user)
    as_of = support.as_of_date(args.as_of) or date.today()
    report = anonymise_due(db.session_factory, actor, as_of)
    if args.json:
        print(json.dumps({"as_of": as_of.isoformat(), "anonymised": report.anonymised}))
    else:
        print(report.summary())
    return EXIT_OK


def cmd_due(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.data_subjects.anonymise import count_due

    actor = support.acting_user(db, args.user)
    as_of = support.as_of_date(args.as_of) or date.today()
    due = count_due(db.session_factory, actor, as_of)
    if args.json:
        print(json.dumps({"as_of": as_of.isoformat(), "due": due}))
    else:
        print(f"{due} titular(es) podem ser anonimizados em {as_of:%d/%m/%Y}.")
    return EXIT_OK


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    subject = sub.add_parser("subject", help="direitos do titular de dados (LGPD)")
    actions = subject.add_subparsers(dest="subject_command", metavar="AÇÃO", required=True)
    report = actions.add_parser(
        "report", parents=[common], help="relatório do titular (PDF e JSON) de um CPF/CNPJ"
    )
    report.add_argument("document", metavar="CPF/CNPJ")
    report.add_argument("--out", required=True, metavar="PASTA", help="pasta dos arquivos")
    report.add_argument("--json", action="store_true")
    report.set_defaults(handler=cmd_report)
    one = actions.add_parser(
        "anonymise", parents=[common], help="anonimizar um titular sem pendência"
    )
    one.add_argument("document", metavar="CPF/CNPJ")
    one.add_argument("--as-of", metavar="AAAA-MM-DD", help="data de referência (padrão: hoje)")
    one.set_defaults(handler=cmd_anonymise)
    due = actions.add_parser(
        "anonymise-due",
        parents=[common],
        help="anonimizar todos os titulares sem pendência após o prazo de guarda",
    )
    due.add_argument("--as-of", metavar="AAAA-MM-DD", help="data de referência (padrão: hoje)")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=cmd_anonymise_due)
    count = actions.add_parser(
        "due", parents=[common], help="quantos titulares podem ser anonimizados (nada muda)"
    )
    count.add_argument("--as-of", metavar="AAAA-MM-DD", help="data de referência (padrão: hoje)")
    count.add_argument("--json", action="store_true")
    count.set_defaults(handler=cmd_due)
