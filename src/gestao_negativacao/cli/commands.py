"""Command line (DESIGN §12): the same services as the window, without it.

Errors go to stderr as a message a clerk can act on, with a non-zero exit code;
``--json`` prints exactly one JSON document on stdout.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from gestao_negativacao import __version__
from gestao_negativacao.cli import portuguese, support
from gestao_negativacao.cli.support import EXIT_DATA_ERRORS, EXIT_OK, EXIT_USAGE, CliError
from gestao_negativacao.config import PASSWORD_ENV
from gestao_negativacao.domain.enums import Action
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import RoleCode
from gestao_negativacao.domain.rules import RuleError
from gestao_negativacao.logs import configure_console_logging, configure_file_logging
from gestao_negativacao.services.admin import users
from gestao_negativacao.services.admin.connection import resolve_url
from gestao_negativacao.services.admin.connection import target as database_target
from gestao_negativacao.services.database import Database, open_database

EXIT_UNEXPECTED = 3  # a bug or an environment failure: the details are in the log


# -- commands ---------------------------------------------------------------------------


def cmd_user_add(db: Database, args: argparse.Namespace) -> int:
    actor = support.acting_user(db, args.user)
    password = support.new_password(args.login)
    info = users.create_user(
        db.session_factory, actor, args.login, password, RoleCode(args.role), args.name or ""
    )
    print(f"Usuário {info.login} criado com o perfil {info.role.value}.")
    return EXIT_OK


def cmd_user_unlock(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.admin.user_changes import unlock_login

    actor = support.acting_user(db, args.user)
    if unlock_login(db.session_factory, actor, args.login):
        print(f"Login {args.login} desbloqueado.")
    else:
        print(f"O login {args.login} não estava bloqueado.")
    return EXIT_OK


def cmd_import(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.importing import import_file

    actor = support.acting_user(db, args.user)
    report = import_file(
        db.session_factory,
        actor,
        Path(args.file),
        dry_run=args.dry_run,
        valid_only=args.valid_only,
        as_of=support.as_of_date(args.as_of),
    )
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        _print_import_report(report, args)
    if report.errors and not report.written:
        if args.json:
            print(
                f"{len(report.errors)} erro(s) no arquivo: nada foi gravado. Corrija o arquivo "
                "ou use --valid-only para importar só as linhas válidas.",
                file=sys.stderr,
            )
        return EXIT_DATA_ERRORS
    return EXIT_OK


def _print_import_report(report, args: argparse.Namespace) -> None:
    if report.format is not None:
        print(f"Formato: {report.format.describe()}")
    print(f"Linhas: {report.rows}")
    for issue in report.errors[:100]:
        print(f"  erro na linha {issue.line}, coluna {issue.column}: {issue.message}")
    if len(report.errors) > 100:
        print(f"  ... e mais {len(report.errors) - 100} erro(s) (use --json para ver todos)")
    for issue in report.warnings[:30]:
        print(f"  aviso na linha {issue.line}, coluna {issue.column}: {issue.message}")
    if len(report.warnings) > 30:
        print(f"  ... e mais {len(report.warnings) - 30} aviso(s)")
    names = {
        "companies": "empresas",
        "enterprises": "empreendimentos",
        "customers": "clientes",
        "sales": "vendas",
        "guarantors": "avalistas",
        "installments": "parcelas",
    }
    if report.written or (report.dry_run and (not report.errors or args.valid_only)):
        verb = "seriam" if report.dry_run else "foram"
        created = ", ".join(f"{n} {names[k]}" for k, n in report.created.items() if n)
        updated = ", ".join(f"{n} {names[k]}" for k, n in report.updated.items() if n)
        print(f"Novos ({verb} incluídos): {created or 'nenhum'}")
        print(f"Alterados: {updated or 'nenhum'}")
        if report.removed["guarantors"]:
            print(f"Avalistas desvinculados: {report.removed['guarantors']}")
    if report.written:
        print("Importação concluída.")
    elif report.dry_run:
        print("Simulação: nada foi gravado.")
    elif report.errors:
        print(
            "Nada foi gravado por causa dos erros. Corrija o arquivo ou use --valid-only "
            "para importar só as linhas válidas.",
            file=sys.stderr,
        )


def cmd_demo(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.bureau_setup.credentials import CredentialStoreUnavailable
    from gestao_negativacao.services.demo import setup as demo_setup

    actor = support.acting_user(db, args.user)
    asked: list[str] = []  # the new admin's password, when it was asked for

    def admin_password() -> str:
        asked.append(support.new_password("admin", acting_allowed=True))
        return asked[0]

    created_admin = not db.is_server and demo_setup.ensure_admin(
        db.session_factory, actor, admin_password
    )
    if created_admin:
        print("Usuário admin criado.")
        for login in demo_setup.ensure_demo_users(db.session_factory, actor, asked[0]):
            print(f"Usuário {login} criado (mesma senha do admin).")
    integrations, keyring_missing = demo_setup.ensure_sandbox_integrations(
        db.session_factory, actor, args.sandbox_url
    )
    for name in integrations:
        print(f"Integração criada: {name} -> {args.sandbox_url}")
    if keyring_missing:
        print(f"Aviso: {CredentialStoreUnavailable()}", file=sys.stderr)
    for name in demo_setup.ensure_demo_rules(db.session_factory, actor):
        print(f"Regra criada: {name}")
    if args.no_data:
        return EXIT_OK
    report = demo_setup.load_portfolio(
        db.session_factory, actor, args.installments, args.seed, support.as_of_date(args.as_of)
    )
    print(
        f"Carteira de demonstração: {report.created['installments']} parcelas novas, "
        f"{report.created['customers']} clientes, {report.created['sales']} vendas."
    )
    return EXIT_OK


def cmd_rules_import(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services import rules

    actor = support.acting_user(db, args.user)
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CliError(f"Não foi possível ler {args.file}: {exc.strerror}") from None
    counts = rules.import_rules(db.session_factory, actor, text)
    print(f"Regras importadas: {counts['created']} novas, {counts['updated']} alteradas.")
    return EXIT_OK


def cmd_rules_export(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services import rules

    text = json.dumps(rules.export_rules(db.session_factory), ensure_ascii=False, indent=2)
    if args.file:
        Path(args.file).write_text(text + "\n", encoding="utf-8")
        print(f"Regras exportadas para {args.file}.", file=sys.stderr)
    else:
        print(text)
    return EXIT_OK


def cmd_preview(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.rules import get_rule
    from gestao_negativacao.services.rules.preview import Preview

    actor = support.acting_user(db, args.user)
    rule = get_rule(db.session_factory, args.rule).rule
    as_of = support.as_of_date(args.as_of) or date.today()
    preview = Preview(db.session_factory, actor, args.action, rule, args.integrator, as_of)
    if rule.kind == Action.INCLUSION and (rule.criteria is None or not rule.criteria.skip_minors):
        from gestao_negativacao.domain.legal import MINORS_WARNING

        print(MINORS_WARNING, file=sys.stderr)  # stdout keeps the JSON document alone
    if args.json:
        items = [item.as_json() for item in preview.iterate()]
        excluded = [item.as_json(excluded=True) for item in preview.iterate(excluded=True)]
        document = {
            "action": args.action,
            "as_of": as_of.isoformat(),
            "integrator": preview.integrator,
            "count": len(items),
            "items": items,
            "excluded": excluded,
        }
        print(json.dumps(document, ensure_ascii=False))
        return EXIT_OK
    from gestao_negativacao.domain.documents import format_document
    from gestao_negativacao.domain.money import format_brl

    count, total = preview.totals()
    excluded_count = preview.count(excluded=True)
    print(f"Regra {rule.name!r} em {as_of:%d/%m/%Y}: {count} itens, {format_brl(total)} em aberto")
    for item in preview.page(limit=50):
        extra = f" gatilho {item.trigger}" if item.trigger else f" {item.days_overdue} dias"
        print(
            f"  {format_document(item.company_cnpj)} venda {item.sale_number} parcela "
            f"{item.installment_number} {item.debtor_role} {item.debtor_name} "
            f"{format_brl(item.amount)}{extra}"
        )
    if count > 50:
        print(f"  ... e mais {count - 50} (use --json para todos)")
    if excluded_count:
        print(f"Não incluídos: {excluded_count}")
        for item in preview.page(limit=20, excluded=True, order_by="reason"):
            where = f"venda {item.sale_number} parcela {item.installment_number}"
            print(f"  {where} {item.debtor_name}: {item.reason}")
    return EXIT_OK


def cmd_sandbox(args: argparse.Namespace) -> int:
    from gestao_negativacao.services.sandbox import start_sandbox

    server = start_sandbox(args.host, args.port, args.latency_ms, args.faults, args.seed)
    print(f"Birô de testes (sandbox) em {server.url}", flush=True)
    print(f"  SPC Brasil: {server.spc_url}", flush=True)
    print(f"  SPC Boa Vista: {server.boa_vista_url}", flush=True)
    print(f"  SPC Boa Vista, consulta CSR60: {server.csr60_address}", flush=True)
    print(f"  Serasa (SOA): {server.soa_url}", flush=True)
    print(f"  Crédito na Medida: {server.cnm_url}", flush=True)
    print(f"  estado: {server.url}/_sandbox/state   (Ctrl+C para sair)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def cmd_db_init(args: argparse.Namespace) -> int:
    from gestao_negativacao.services.admin import server_setup

    password = support.new_password(args.admin, acting_allowed=True)
    report = server_setup.initialize(resolve_url(args.database), args.admin, password,
                                     args.name or "")  # fmt: skip
    print(f"Banco {report.database} preparado (esquema {report.revision_after}): papéis, "
          "permissões, funções e auditoria no servidor.")  # fmt: skip
    if report.admin_created:
        print(f"Administrador {report.admin_created} criado (login do servidor).")
    else:
        print(f"O usuário {args.admin} já existia: nada mudou nele.")
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from gestao_negativacao.services.admin import server_setup

    report = server_setup.upgrade(resolve_url(args.database))
    if report.revision_before == report.revision_after:
        print(f"Banco {report.database} já estava no esquema {report.revision_after}; papéis, "
              "permissões e funções conferidos.")  # fmt: skip
    else:
        print(f"Banco {report.database} atualizado do esquema {report.revision_before} para "
              f"{report.revision_after}.")  # fmt: skip
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from gestao_negativacao.gui.app import run, smoke

    if args.smoke_test:
        return smoke(args.database)
    return run(args.database)


# -- parser -----------------------------------------------------------------------------


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="banco de dados (padrão: SQLite local; também GESTAO_NEGATIVACAO_DATABASE_URL)",
    )
    common.add_argument(
        "--user",
        metavar="LOGIN",
        default=argparse.SUPPRESS,
        help=f"usuário que executa (senha em {PASSWORD_ENV})",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    portuguese.install()  # usage, headings, -h and errors in Portuguese
    common = _common()
    parser = argparse.ArgumentParser(
        prog="gestao-negativacao",
        description="Gestão de Negativação: sem comando, abre o aplicativo.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="abrir a janela principal e sair (verificação da instalação)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMANDO")

    demo = sub.add_parser("demo", parents=[common], help="usuário admin e carteira de exemplo")
    demo.add_argument("--no-data", action="store_true", help="só o usuário admin, sem carteira")
    demo.add_argument("--installments", type=int, default=5000, metavar="N")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--as-of", metavar="AAAA-MM-DD")
    demo.add_argument(
        "--sandbox-url",
        default="http://127.0.0.1:8765",
        metavar="URL",
        help="birô de testes para as integrações de homologação",
    )
    demo.set_defaults(handler=cmd_demo)

    dbp = sub.add_parser("db", help="preparar ou atualizar um servidor compartilhado")
    db_sub = dbp.add_subparsers(dest="db_command", metavar="AÇÃO", required=True)
    init = db_sub.add_parser(
        "init",
        parents=[common],
        help="(servidor, endereço do dono) esquema, papéis, permissões e o primeiro admin",
    )
    init.add_argument("--admin", required=True, metavar="LOGIN", help="login do administrador")
    init.add_argument("--name", help="nome completo do administrador")
    init.set_defaults(handler=cmd_db_init, needs_database=False)
    upg = db_sub.add_parser(
        "upgrade", parents=[common], help="(servidor, endereço do dono) aplicar migrações novas"
    )
    upg.set_defaults(handler=cmd_db_upgrade, needs_database=False)

    user = sub.add_parser("user", help="usuários do aplicativo")
    user_sub = user.add_subparsers(dest="user_command", metavar="AÇÃO", required=True)
    add = user_sub.add_parser("add", parents=[common], help="criar usuário")
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=[r.value for r in RoleCode])
    add.add_argument("--name", help="nome completo")
    add.set_defaults(handler=cmd_user_add)
    unlock = user_sub.add_parser(
        "unlock", parents=[common], help="desbloquear um login após senhas erradas"
    )
    unlock.add_argument("login")
    unlock.set_defaults(handler=cmd_user_unlock)

    imp = sub.add_parser("import", parents=[common], help="importar a carteira do ERP")
    imp.add_argument("file", metavar="ARQUIVO", help="CSV ou XLSX no layout de importação")
    imp.add_argument("--dry-run", action="store_true", help="só verificar, sem gravar")
    imp.add_argument(
        "--valid-only", action="store_true", help="gravar as linhas válidas e pular as com erro"
    )
    imp.add_argument("--json", action="store_true", help="relatório em JSON")
    imp.add_argument("--as-of", metavar="AAAA-MM-DD", help="data de referência da validação")
    imp.set_defaults(handler=cmd_import)

    rules = sub.add_parser("rules", help="regras de inclusão e de baixa")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="AÇÃO", required=True)
    rimp = rules_sub.add_parser("import", parents=[common], help="importar arquivo de regras")
    rimp.add_argument("file", metavar="ARQUIVO.json")
    rimp.set_defaults(handler=cmd_rules_import)
    rexp = rules_sub.add_parser("export", parents=[common], help="exportar as regras")
    rexp.add_argument("file", metavar="ARQUIVO.json", nargs="?")
    rexp.set_defaults(handler=cmd_rules_export)

    prev = sub.add_parser("preview", parents=[common], help="o que uma regra encontra hoje")
    prev.add_argument("--action", required=True, choices=[Action.INCLUSION, Action.REMOVAL])
    prev.add_argument("--rule", required=True, metavar="NOME")
    prev.add_argument(
        "--integrator", metavar="NOME", help="spc_brasil, boa_vista, soa_serasa, credito_na_medida"
    )
    prev.add_argument("--as-of", metavar="AAAA-MM-DD", help="data de referência (padrão: hoje)")
    prev.add_argument("--json", action="store_true")
    prev.set_defaults(handler=cmd_preview)

    # each command group adds its own parsers (imported here: opening the window, with
    # no command, loads none of them)
    from gestao_negativacao.cli import (
        agreements,
        credit,
        data_subjects,
        notices,
        scheduler,
        sending,
    )

    for group in (sending, scheduler, credit, agreements, notices, data_subjects):
        group.add_parsers(sub, common)

    sandbox = sub.add_parser("sandbox", help="birô de testes local (homologação e demonstração)")
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int, default=8765)
    sandbox.add_argument("--latency-ms", type=float, default=0, metavar="N")
    sandbox.add_argument(
        "--faults", metavar="SPEC", help="ex.: timeout=0.1,http500=0.05,malformed=0.02,auth=0.01"
    )
    sandbox.add_argument("--seed", type=int, default=0, help="semente das falhas")
    sandbox.set_defaults(handler=cmd_sandbox, needs_database=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("database", "user"):
        if not hasattr(args, name):
            setattr(args, name, None)
    configure_console_logging()
    configure_file_logging()
    if args.command is None:
        return cmd_gui(args)
    if not getattr(args, "needs_database", True):
        try:
            return args.handler(args)
        except UserFacingError as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_USAGE
        except Exception as exc:  # the server down, refused the owner...
            from gestao_negativacao.services.errors import describe_database_error

            print(describe_database_error(exc), file=sys.stderr)
            return EXIT_USAGE
    try:
        # on a server the login is the database's: --user and its password open it
        url = resolve_url(args.database)
        on_server = database_target(url).is_server
        login = args.user if on_server else None
        password = support.password(f"Senha de {login}: ") if login else None
        db = open_database(url, login=login, password=password)
    except UserFacingError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # the server is down, the file is locked...
        from gestao_negativacao.services.errors import describe_database_error

        print(describe_database_error(exc), file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(db, args)
    except RuleError as exc:
        print("Regras inválidas; nada foi gravado:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_USAGE
    except UserFacingError as exc:  # every refusal a person can act on (domain.errors)
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Interrompido.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a pager or `head` that stopped reading
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return EXIT_OK
    except OSError as exc:  # a file or folder the system refused (--out, an export…)
        where = f" {exc.filename}" if exc.filename else ""
        print(f"Não foi possível usar o arquivo{where}: {exc.strerror or exc}.", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug or an environment failure: a message, not a traceback
        from gestao_negativacao.logs import log_file
        from gestao_negativacao.services.errors import describe_database_error, is_database_error

        logging.getLogger("gestao_negativacao.cli").exception("comando %s falhou", args.command)
        reason = describe_database_error(exc) if is_database_error(exc) else type(exc).__name__
        print(f"Erro inesperado: {reason}. Detalhes no log: {log_file()}", file=sys.stderr)
        return EXIT_UNEXPECTED
    finally:
        db.dispose()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
