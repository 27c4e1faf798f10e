"""Every benchmark on every database this machine reaches, and ``benchmarks/RESULTS.md``
written from their figures (issue 16): one table per benchmark, one column per database,
each figure beside its baseline and its goal, and the machine it ran on.

    python benchmarks/run_all.py [--installments 1000000] [--only import,rules,send,gui]
                                 [--databases sqlite,postgresql,mariadb]

Each benchmark runs as its own process (``<name>_bench.py --database … --json …``); the
figures are kept in ``benchmarks/out/<name>_<database>.json``, so a table can be written
again from the last run with ``--report-only``. Nothing here asserts a time: the goals are
printed beside the figures for a person to read.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import KINDS, OUT, machine, reachable  # noqa: E402

HERE = Path(__file__).resolve().parent
BENCHES = ("import", "rules", "send", "gui")
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mariadb": "MariaDB"}


def run_bench(bench: str, database: str, installments: int) -> Path:
    target = OUT / f"{bench}_{database}.json"
    command = [sys.executable, str(HERE / f"{bench}_bench.py"), "--database", database]
    command += ["--json", str(target)]
    if bench in ("import", "rules", "gui"):
        command += ["--installments", str(installments)]
    print(f"== {bench} em {NAMES[database]}", flush=True)
    subprocess.run(command, check=True)
    return target


def load(bench: str, databases: list[str]) -> dict[str, dict]:
    figures = {}
    for database in databases:
        path = OUT / f"{bench}_{database}.json"
        if path.exists():
            figures[database] = json.loads(path.read_text(encoding="utf-8"))
    return figures


def number(value, digits: int = 2) -> str:
    """Brazilian notation: 1.234,56."""
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 1) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def import_section(figures: dict[str, dict]) -> list[str]:
    if not figures:
        return []
    databases = list(figures)
    some = next(iter(figures.values()))
    lines = [
        "## Importação — `import_bench.py`",
        "",
        f"{number(some['installments'])} parcelas = {number(some['rows'])} linhas de CSV "
        f"({some['megabytes']} MB, Windows-1252). Cada etapa num processo próprio (pico de "
        "memória dele). Bases medidas na mesma execução: `executemany` simples e a carga "
        "bruta do banco (COPY no PostgreSQL, INSERT de várias linhas no MariaDB, "
        "`executemany` numa transação no SQLite), sem validar nada — o limite físico.",
        "",
    ]
    labels = {
        "executemany": "base: csv + `executemany`",
        "bulk": "limite: carga bruta",
        "product": "**produto** (valida, compara, grava, audita)",
        "reimport": "reimportação (nada muda)",
    }
    rows = []
    for stage, label in labels.items():
        rows.append(
            [label]
            + [
                f"{number(f[stage]['seconds'], 1)} s · {number(f[stage]['rows_per_s'])} l/s · "
                f"{number(f[stage]['peak_mb'], 0)} MB"
                for f in figures.values()
            ]
        )
    ratio = lambda f, base: f["product"]["rows_per_s"] / f[base]["rows_per_s"]  # noqa: E731
    rows.append(
        ["produto ÷ `executemany` (meta PostgreSQL ≥ 2)"]
        + [number(ratio(f, "executemany")) for f in figures.values()]
    )
    rows.append(
        ["produto ÷ carga bruta (meta PostgreSQL ≥ 0,5)"]
        + [number(ratio(f, "bulk")) for f in figures.values()]
    )
    lines += table(["", *(NAMES[d] for d in databases)], rows)
    lines += ["", "Meta de memória: pico ≤ 500 MB para 1 milhão de parcelas.", ""]
    return lines


def rules_section(figures: dict[str, dict]) -> list[str]:
    if not figures:
        return []
    databases = list(figures)
    lines = [
        "## Regras — `rules_bench.py`",
        "",
        "“Buscar”: a regra avaliada uma vez (contagem e as chaves de todos os itens, em ordem) "
        "e a primeira página de 200; ao lado, SQL escrito à mão para a mesma regra no dialeto "
        "de cada banco, no mesmo processo (o script confere que as contagens são iguais). "
        "Metas: ≤ 1 s no SQLite e no PostgreSQL, ≤ 2 s no MariaDB; razão produto ÷ à mão ≤ 1,5.",
        "",
    ]
    rules = list(next(iter(figures.values()))["rules"])
    rows = []
    for rule in rules:
        cells = []
        for f in figures.values():
            r = f["rules"][rule]
            cells.append(
                f"{number(r['product_s'], 3)} s (à mão {number(r['hand_s'], 3)} s; "
                f"razão {number(r['product_s'] / r['hand_s'])}) · {number(r['items'])} itens"
            )
        rows.append([rule, *cells])
    lines += table(["regra", *(NAMES[d] for d in databases)], rows)
    lines += ["", "Versões: " + "; ".join(f["version"] for f in figures.values()) + ".", ""]
    return lines


def send_section(figures: dict[str, dict]) -> list[str]:
    if not figures:
        return []
    databases = list(figures)
    some = next(iter(figures.values()))
    lines = [
        "## Envio — `send_bench.py`",
        "",
        f"{number(some['items'])} inclusões ao sandbox (processo próprio) que responde após "
        f"{number(some['latency_ms'], 0)} ms, concorrência {some['concurrency']} por operador. "
        "Ideal: concorrência ÷ latência. Base: os mesmos pedidos SOAP, montados antes, "
        "postados por um cliente httpx simples. Meta: produto ≥ 0,85 do ideal; enfileirar "
        "100.000 itens ≤ 5 s.",
        "",
    ]
    rows = [
        ["ideal (itens/s)"] + [number(f["ideal_per_s"], 1) for f in figures.values()],
        ["base: HTTP puro (itens/s)"]
        + [number(f["plain_http_per_s"], 1) for f in figures.values()],
        ["**produto**: fila → birô → banco (itens/s)"]
        + [number(f["product_per_s"], 1) for f in figures.values()],
        ["produto ÷ ideal"] + [number(f["of_ideal"]) for f in figures.values()],
        ["enfileirar (INSERT … SELECT)"]
        + [f"{number(f['queued'])} itens em {number(f['queue_s'])} s" for f in figures.values()],
    ]
    lines += table(["", *(NAMES[d] for d in databases)], rows)
    return [*lines, ""]


def gui_section(figures: dict[str, dict]) -> list[str]:
    if not figures:
        return []
    databases = list(figures)
    lines = ["## Janela — `gui_bench.py`", ""]
    startup = figures.get("sqlite", {}).get("startup")
    if startup:
        lines += [
            "Início do programa real (SQLite, a instalação padrão), do lançamento à janela de "
            "login e do “Entrar” à janela principal. Frio: sem nenhum bytecode compilado "
            "(o cache de arquivos do sistema não pode ser esvaziado sem privilégios); morno: "
            "mediana de três inícios comuns. Metas: ≤ 2 s frio, ≤ 1 s morno.",
            "",
            *table(
                ["", "frio", "morno"],
                [
                    [
                        "até a janela de login",
                        f"{number(startup['cold_login_s'])} s",
                        f"{number(startup['warm_login_s'])} s",
                    ],
                    [
                        "login até a janela principal",
                        f"{number(startup['cold_main_s'])} s",
                        f"{number(startup['warm_main_s'])} s",
                    ],
                ],
            ),
            "",
        ]
    lines += [
        "Inclusão com a regra “1 dia de atraso” na carteira de 1 milhão: “Buscar” até a "
        "primeira página na tela, e cada página pedida pela tabela ao rolar até ela (meta "
        "≤ 100 ms), com o maior travamento da janela medido por um relógio de 10 ms. O envio "
        "de 5.000 itens marcados à mão usa uma carteira menor, própria.",
        "",
    ]
    rows = [
        ["itens encontrados"] + [number(f["found"]) for f in figures.values()],
        ["Buscar: primeira página"] + [f"{number(f['search_s'])} s" for f in figures.values()],
        ["Buscar: maior travamento"] + [f"{f['search_stall_ms']} ms" for f in figures.values()],
    ]
    for depth in ("1", "50", "última"):
        rows.append(
            [f"página na profundidade {depth}"]
            + [f"{number(f['page_ms'][depth], 0)} ms" for f in figures.values()]
        )
    rows.append(
        ["páginas: maior travamento"] + [f"{f['page_stall_ms']} ms" for f in figures.values()]
    )
    if all("sent" in f for f in figures.values()):
        rows.append(
            ["envio pela janela"]
            + [
                f"{number(f['sent'])} em {number(f['send_s'], 1)} s "
                f"(travamento {f['send_stall_ms']} ms)"
                for f in figures.values()
            ]
        )
    lines += table(["", *(NAMES[d] for d in databases)], rows)
    return [*lines, ""]


def write_results(databases: list[str]) -> Path:
    m = machine()
    lines = [
        "# Resultados dos benchmarks",
        "",
        f"Escrito por `python benchmarks/run_all.py` em {date.today():%d/%m/%Y}, nesta máquina: "
        f"{m['cores']} núcleos, {number(m['memory_gib'], 1)} GiB de memória, {m['system']}, "
        f"Python {m['python']}, SQLAlchemy {m['sqlalchemy']}. Servidores locais (127.0.0.1) "
        "com a configuração de fábrica. Carteira de demonstração (`demo`, semente 7, data "
        "de referência 22/11/2026). Cada script imprime os próprios números e as metas; "
        "nenhum teste afirma um tempo.",
        "",
    ]
    lines += import_section(load("import", databases))
    lines += rules_section(load("rules", databases))
    lines += send_section(load("send", databases))
    lines += gui_section(load("gui", databases))
    target = HERE / "RESULTS.md"
    target.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installments", type=int, default=1_000_000)
    parser.add_argument("--only", default=",".join(BENCHES))
    parser.add_argument("--databases", default=",".join(KINDS))
    parser.add_argument("--report-only", action="store_true")
    args = parser.parse_args()
    wanted = [d for d in args.databases.split(",") if d]
    databases = [d for d in wanted if reachable(d)]
    for missing in sorted(set(wanted) - set(databases)):
        print(f"{NAMES.get(missing, missing)} não está acessível: fica de fora.")
    OUT.mkdir(exist_ok=True)
    if not args.report_only:
        for bench in [b for b in args.only.split(",") if b]:
            for database in databases:
                run_bench(bench, database, args.installments)
    print(f"Escrito {write_results(databases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
