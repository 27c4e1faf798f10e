"""``scheduler``: run what is due (for the Windows Task Scheduler or cron), run
continuously, print or register the scheduled task, add and list schedules and ERP
sources."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from gestao_negativacao.cli import support
from gestao_negativacao.cli.support import EXIT_DATA_ERRORS, EXIT_OK, CliError
from gestao_negativacao.domain.enums import RunStatus, ScheduleAction
from gestao_negativacao.domain.schedule import LOCAL
from gestao_negativacao.services.database import Database

TASK_NAME = r"GestaoNegativacao\Agendador"
ERP_PASSWORD_ENV = "GESTAO_NEGATIVACAO_ERP_PASSWORD"


def _now(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=LOCAL)
    except ValueError:
        raise CliError(f"Data e hora inválidas: {text!r}. Use AAAA-MM-DDTHH:MM.") from None


def cmd_run_due(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.bureau_setup import credentials
    from gestao_negativacao.services.scheduling.notify import send_summary
    from gestao_negativacao.services.scheduling.runner import run_due

    if not credentials.store_reachable():
        print(
            "Aviso: o cofre de senhas desta conta não está acessível (tarefa agendada sem a "
            "senha do usuário guardada?). Envios e e-mails que precisam de senha vão falhar; "
            "registre a tarefa com `scheduler install-task`, que guarda a senha da conta.",
            file=sys.stderr,
        )
    now = _now(args.now)
    runs = run_due(db.session_factory, now, as_user=_server_runner(db))
    today = (now or datetime.now(LOCAL)).astimezone(LOCAL).date()
    try:
        emailed = send_summary(db.session_factory, runs, today)
    except (OSError, ValueError) as exc:  # the SMTP server down or refused: runs recorded
        print(f"Não foi possível enviar o e-mail de resumo: {exc}", file=sys.stderr)
        emailed = False
    if args.json:
        print(
            json.dumps(
                {
                    "runs": [
                        {
                            "schedule": r.schedule,
                            "action": r.action,
                            "slot": r.slot_at.astimezone(LOCAL).isoformat(),
                            "status": r.status,
                            "found": r.found,
                            "queued": r.queued,
                            "sent": r.sent,
                            "already": r.already,
                            "rejected": r.rejected,
                            "pending": r.pending,
                            "errors": list(r.errors),
                        }
                        for r in runs
                    ],
                    "emailed": emailed,
                },
                ensure_ascii=False,
            )
        )
    else:
        if not runs:
            print("Nada a executar agora.")
        for r in runs:
            print(
                f"{r.schedule}: {r.status} — encontrados {r.found}, na fila {r.queued}, "
                f"enviados {r.sent}, já constavam {r.already}, recusados {r.rejected}, "
                f"pendentes {r.pending}"
            )
            for error in r.errors[:10]:
                print(f"  {error}")
    return EXIT_DATA_ERRORS if any(r.status == RunStatus.ERROR for r in runs) else EXIT_OK


def _server_runner(db: Database) -> int | None:
    """On a server, the user this runner is logged in as (``--user``): it runs that user's
    schedules only. The local file's runner runs them all."""
    if not db.is_server:
        return None
    return support.acting_user(db, None).user_id


def cmd_serve(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.scheduling.notify import send_summary
    from gestao_negativacao.services.scheduling.runner import run_due

    print(f"Agendador em execução (a cada {args.interval} s; Ctrl+C para sair).", flush=True)
    while True:
        runs = run_due(db.session_factory, as_user=_server_runner(db))
        for r in runs:
            print(f"{datetime.now(LOCAL):%d/%m/%Y %H:%M} {r.schedule}: {r.status}", flush=True)
        if runs:
            try:
                send_summary(db.session_factory, runs, datetime.now(LOCAL).date())
            except OSError as exc:
                print(f"E-mail de resumo não enviado: {exc}", file=sys.stderr, flush=True)
        time.sleep(args.interval)


def task_command() -> list[str]:
    """The schtasks command that runs ``scheduler run-due`` every 15 minutes."""
    program = _program()
    action = f'"{program}" scheduler run-due'
    if program == sys.executable and not getattr(sys, "frozen", False):
        action = f'"{program}" -m gestao_negativacao scheduler run-due'
    # run as this account with its password stored ("/RP *" asks for it): a task that
    # stores no password (S4U) runs without the account's Credential Manager, and every
    # operator's secret would read as missing
    account = os.environ.get("USERNAME") or getpass.getuser()
    domain = os.environ.get("USERDOMAIN")
    return [
        "schtasks",
        "/Create",
        "/F",
        "/SC",
        "MINUTE",
        "/MO",
        "15",
        "/TN",
        TASK_NAME,
        "/TR",
        action,
        "/RU",
        f"{domain}\\{account}" if domain else account,
        "/RP",
        "*",
    ]


def cmd_install_task(args: argparse.Namespace) -> int:
    command = task_command()
    printable = subprocess.list2cmdline(command)
    if args.register:
        if os.name != "nt":
            raise CliError("--register só funciona no Windows; use o cron: " + _cron_line())
        subprocess.run(command, check=True)
        print(f"Tarefa {TASK_NAME} registrada no Agendador de Tarefas do Windows.")
        return EXIT_OK
    print("No Windows (Prompt de Comando, como o usuário que executa os envios):")
    print(f"  {printable}")
    print("No Linux (crontab -e):")
    print(f"  {_cron_line()}")
    return EXIT_OK


def _program() -> str:
    """What runs ``scheduler run-due``: in the installed (frozen) program, the console
    program beside this one — the window's program has no output and is not the command
    line; otherwise the ``gestao-negativacao`` script, or this Python."""
    if getattr(sys, "frozen", False):
        here = Path(sys.executable)
        console = here.with_name("gestao-negativacao" + here.suffix)
        return str(console if console.exists() else here)
    return shutil.which("gestao-negativacao") or sys.executable


def _cron_line() -> str:
    program = shlex.quote(_program())  # a folder with spaces (or accents) stays one word
    if _program() == sys.executable and not getattr(sys, "frozen", False):
        program = f"{shlex.quote(sys.executable)} -m gestao_negativacao"
    return f"*/15 * * * * {program} scheduler run-due"


def cmd_add(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.scheduling.schedules import save_schedule
    from gestao_negativacao.services.scheduling.sources import source_id_named

    actor = support.acting_user(db, args.user)
    source_id = None
    if args.source:
        source_id = source_id_named(db.session_factory, args.source)
        if source_id is None:
            raise CliError(f"Fonte do ERP {args.source!r} não encontrada (scheduler source-add).")
    info = save_schedule(
        db.session_factory,
        actor,
        args.name,
        args.action,
        rules=tuple(args.rule or ()),
        integrator=args.integrator,
        source_id=source_id,
        weekdays=args.days,
        times=tuple(t.strip() for t in args.times.split(",")),
        run_as=args.run_as,
        active=not args.inactive,
    )
    print(
        f"Agendamento {info.name} salvo ({info.action}, dias {info.weekdays}, "
        f"{', '.join(info.times)}, como {info.run_as})."
    )
    return EXIT_OK


def cmd_source_add(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.scheduling.sources import SourceError, save_source

    actor = support.acting_user(db, args.user)
    if args.sql_url and not args.query:
        raise CliError("Com --sql-url, informe --query (um SELECT com as colunas do layout).")
    try:
        save_source(
            db.session_factory,
            actor,
            args.name,
            folder=args.folder,
            sql_url=args.sql_url,
            query=args.query,
            password=os.environ.get(ERP_PASSWORD_ENV),
        )
    except SourceError as exc:
        raise CliError(str(exc)) from None
    print(f"Fonte do ERP {args.name} salva.")
    return EXIT_OK


def cmd_list(db: Database, args: argparse.Namespace) -> int:
    from gestao_negativacao.services.scheduling.schedules import list_schedules

    schedules = list_schedules(db.session_factory)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "name": s.name,
                        "action": s.action,
                        "rules": list(s.rules),
                        "integrator": s.integrator,
                        "weekdays": s.weekdays,
                        "times": list(s.times),
                        "run_as": s.run_as,
                        "active": s.active,
                        "last_slot": s.last_slot_at.astimezone(LOCAL).isoformat()
                        if s.last_slot_at
                        else None,
                    }
                    for s in schedules
                ],
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    for s in schedules:
        state = "ativo" if s.active else "inativo"
        print(
            f"{s.name}: {s.action} {', '.join(s.rules)} dias {s.weekdays} "
            f"{', '.join(s.times)} como {s.run_as} ({state})"
        )
    return EXIT_OK


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    scheduler = sub.add_parser("scheduler", help="agendamentos (envios automáticos)")
    actions = scheduler.add_subparsers(dest="scheduler_command", metavar="AÇÃO", required=True)
    due = actions.add_parser("run-due", parents=[common], help="executar o que está na hora e sair")
    due.add_argument("--now", metavar="AAAA-MM-DDTHH:MM", help="hora de Brasília a considerar")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=cmd_run_due)
    serve = actions.add_parser("serve", parents=[common], help="executar continuamente")
    serve.add_argument("--interval", type=int, default=60, metavar="SEGUNDOS")
    serve.set_defaults(handler=cmd_serve)
    task = actions.add_parser(
        "install-task", parents=[common], help="mostrar (ou registrar) a tarefa do Windows"
    )
    task.add_argument("--register", action="store_true", help="registrar com schtasks")
    task.set_defaults(handler=cmd_install_task, needs_database=False)
    add = actions.add_parser("add", parents=[common], help="criar ou alterar um agendamento")
    add.add_argument("name", metavar="NOME")
    add.add_argument(
        "--action",
        required=True,
        choices=[
            ScheduleAction.INCLUSION,
            ScheduleAction.REMOVAL,
            "legal",
            "sync",
            "follow_up",
            "lgpd",
        ],
    )
    add.add_argument("--rule", action="append", metavar="REGRA")
    add.add_argument("--integrator", metavar="NOME")
    add.add_argument("--source", metavar="FONTE", help="fonte do ERP (ação sync)")
    add.add_argument(
        "--days", default="0123456", help="dias da semana, 0 = segunda (padrão: todos)"
    )
    add.add_argument("--times", default="06:00", metavar="HH:MM[,HH:MM]")
    add.add_argument("--run-as", required=True, metavar="LOGIN")
    add.add_argument("--inactive", action="store_true")
    add.set_defaults(handler=cmd_add)
    source = actions.add_parser("source-add", parents=[common], help="fonte de dados do ERP")
    source.add_argument("name", metavar="NOME")
    source.add_argument("--folder", metavar="PASTA", help="pasta para onde o ERP exporta")
    source.add_argument(
        "--sql-url", metavar="URL", help=f"banco do ERP (senha em {ERP_PASSWORD_ENV})"
    )
    source.add_argument("--query", metavar="SELECT")
    source.set_defaults(handler=cmd_source_add)
    listing = actions.add_parser("list", parents=[common], help="listar os agendamentos")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)
