"""Responsiveness of the window at scale (issue 7): on a demo database of N installments
(default 1,000,000), the Inclusão screen's "Buscar", scrolling through the result, and
sending 5,000 items to the sandbox (50 ms latency), while a 10 ms heartbeat timer measures
the longest stall of the event loop. Memory (RSS) is printed before and after scrolling.

Goals: the first page in about a second; the longest stall ≤ 100 ms.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_bench.py [--installments N] [--send N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402
import psutil  # noqa: E402
from keyrings.alt.file import PlaintextKeyring  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from send_bench import PASSWORD, portfolio, start_sandbox  # noqa: E402

from gestao_negativacao.domain.permissions import RoleCode  # noqa: E402
from gestao_negativacao.gui.context import Context  # noqa: E402
from gestao_negativacao.gui.main_window import MainWindow  # noqa: E402
from gestao_negativacao.gui.qt import (  # noqa: E402
    QApplication,
    QDate,
    QElapsedTimer,
    QThreadPool,
    QTimer,
)
from gestao_negativacao.services import demo_setup, rules, users  # noqa: E402
from gestao_negativacao.services.actor import Actor  # noqa: E402
from gestao_negativacao.services.database import open_database  # noqa: E402

AS_OF = date(2026, 11, 22)
RULE = {"name": "Atraso 1", "kind": "inclusion", "criteria": {"days_overdue": {"min": 1}}}


class Heartbeat:
    """A 10 ms timer; the longest gap between two ticks is the longest stall."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.reset()

    def reset(self) -> None:
        self.last = None
        self.longest = 0.0
        self.clock.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        if self.last is not None:
            self.longest = max(self.longest, now - self.last - 10)
        self.last = now

    def start(self) -> None:
        self.reset()
        self.timer.start()


def pump_until(app, condition, timeout: float) -> float:
    started = time.perf_counter()
    while not condition():
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - started > timeout:
            raise TimeoutError("tempo esgotado")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installments", type=int, default=1_000_000)
    parser.add_argument("--send", type=int, default=5000)
    parser.add_argument("--scroll-pages", type=int, default=25)  # 5,200 rows: enough to tick 5,000
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gui-bench-"))
    os.environ["GESTAO_NEGATIVACAO_HOME"] = str(folder)
    os.environ["XDG_DATA_HOME"] = str(folder / "xdg")
    keyring.set_keyring(PlaintextKeyring())
    app = QApplication([])
    db = open_database(f"sqlite:///{(folder / 'gui.db').as_posix()}")
    users.create_user(db.session_factory, Actor.system(), "admin", PASSWORD, RoleCode.ADMIN)
    admin = users.authenticate(db.session_factory, "admin", PASSWORD)
    started = time.perf_counter()
    portfolio(db, admin, args.installments)
    print(
        f"Carteira de {args.installments:,} parcelas importada em "
        f"{time.perf_counter() - started:.0f} s".replace(",", ".")
    )
    rules.import_rules(db.session_factory, admin, json.dumps([RULE]))
    sandbox, url = start_sandbox(50)
    try:
        demo_setup.ensure_sandbox_integrations(db.session_factory, admin, url)
        window = MainWindow(Context(db, admin))
        window.resize(1280, 800)
        window.show()
        heartbeat = Heartbeat()
        heartbeat.start()
        page = window.open_section("Inclusão")
        page.integrator.setCurrentIndex(page.integrator.findData("spc_brasil"))
        page.rule.setCurrentIndex(page.rule.findData(RULE["name"]))
        page.as_of.setDate(QDate(AS_OF.year, AS_OF.month, AS_OF.day))
        heartbeat.reset()
        page.search.click()
        first = pump_until(
            app,
            lambda: (
                page.found_grid is not None
                and not page.found_grid.model.loading
                and page.found_grid.model.rowCount() > 0
            ),
            120,
        )
        total = page.found_grid.model.total
        print(
            f"Buscar: {total:,} itens; primeira página em {first:.2f} s; "
            f"maior travamento {heartbeat.longest:.0f} ms".replace(",", ".")
        )
        rss_before = psutil.Process().memory_info().rss
        heartbeat.reset()
        model, view = page.found_grid.model, page.found_grid.table
        started = time.perf_counter()
        for _ in range(args.scroll_pages):
            rows = model.rowCount()
            view.scrollToBottom()  # the view asks for more (fetchMore) as a user's wheel would
            pump_until(
                app, lambda rows=rows: model.rowCount() > rows or model.rowCount() >= total, 60
            )
        scrolled = time.perf_counter() - started
        rss_after = psutil.Process().memory_info().rss
        print(
            f"Rolagem: {model.rowCount():,} linhas em {scrolled:.1f} s; maior travamento "
            f"{heartbeat.longest:.0f} ms; memória {rss_before / 2**20:.0f} → "
            f"{rss_after / 2**20:.0f} MiB".replace(",", ".")
        )
        # send a slice of the result: the first N rows ticked by hand
        page.select_all.setChecked(False)
        for row in range(min(args.send, model.rowCount())):
            model.setData(model.index(row, 0), 2, role=10)  # Qt.CheckStateRole
        page.confirm = lambda text: True
        heartbeat.reset()
        started = time.perf_counter()
        page.send.click()
        pump_until(app, lambda: hasattr(page, "last_report"), 600)
        elapsed = time.perf_counter() - started
        report = page.last_report
        print(
            f"Envio de {report.sent + report.already} itens em {elapsed:.1f} s "
            f"({(report.sent + report.already) / elapsed:.0f} itens/s); maior travamento "
            f"da janela {heartbeat.longest:.0f} ms"
        )
    finally:
        QThreadPool.globalInstance().waitForDone(30_000)
        sandbox.terminate()
        db.dispose()


if __name__ == "__main__":
    main()
