"""The import use case: one file, one transaction, a report in the shape of DESIGN §12."""

from __future__ import annotations

import gc
import logging
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.engine import sqlite_reads_unmapped
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.importing import columns as C
from gestao_negativacao.services.importing import writer
from gestao_negativacao.services.importing.plan import PortfolioBuilder
from gestao_negativacao.services.importing.reader import (
    FileFormat,
    Table,
    UnreadableFile,
    read_table,
)
from gestao_negativacao.services.importing.validate import (
    Issue,
    RowValidator,
    detect_decimal_separator,
)

log = logging.getLogger(__name__)

# progress(stage, done, total); stages: "lendo", "validando", "comparando", "gravando"
DETECTION_ROWS = 5000
# installments per batch written while the next rows are validated (servers only)
BATCH_ROWS = 20_000
CHECK_ROWS = 5_000  # progress, cancel and batches are looked at every so many rows
Progress = Callable[[str, int, int], None]


class ImportCancelled(Exception):
    """The user cancelled; nothing of the file was written."""


@dataclass
class ImportReport:
    rows: int = 0
    written: bool = False
    dry_run: bool = False
    format: FileFormat | None = None
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(writer.ENTITIES, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(writer.ENTITIES, 0))
    removed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(writer.ENTITIES, 0))
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    invalid_rows: int = 0

    def as_json(self) -> dict:
        """DESIGN §12's document; ``warnings`` and ``removed`` are additions."""
        return {
            "rows": self.rows,
            "written": self.written,
            "created": self.created,
            "updated": self.updated,
            "removed": self.removed,
            "errors": [issue.as_json() for issue in self.errors],
            "warnings": [issue.as_json() for issue in self.warnings],
        }


def _map_columns(table: Table, report: ImportReport) -> dict[str, int] | None:
    index: dict[str, int] = {}
    for position, header in enumerate(table.headers):
        name = C.normalise_header(header)
        if not name:
            continue
        if name in index:
            report.errors.append(Issue(1, name, f"coluna repetida no cabeçalho: {name}"))
        elif name in C.KNOWN:
            index[name] = position
        else:
            report.warnings.append(
                Issue(1, header.strip(), f"coluna desconhecida ignorada: {header.strip()}")
            )
    for name in C.REQUIRED:
        if name not in index:
            report.errors.append(Issue(1, name, f"coluna obrigatória ausente: {name}"))
    if "titular_cep" not in index:
        report.warnings.append(
            Issue(
                1,
                "titular_cep",
                "o arquivo não tem as colunas de endereço: clientes novos ficam sem endereço "
                "e não podem ser negativados até ele ser informado",
            )
        )
    return None if report.errors else index


def import_file(
    session_factory: sessionmaker[Session],
    actor: Actor,
    path: Path,
    *,
    dry_run: bool = False,
    valid_only: bool = False,
    as_of: date | None = None,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> ImportReport:
    """Import (or with ``dry_run`` only check) one export file.

    Nothing of a file with errors is written unless ``valid_only``: then every row with an
    error is left out and the others are written. The file is one transaction.
    """
    actor.require(Perm.DADOS_IMPORTAR)
    if progress:
        progress("lendo", 0, 0)
    try:
        table = read_table(Path(path))
    except UnreadableFile as exc:
        report = ImportReport(dry_run=dry_run)
        report.errors.append(Issue(1, "", str(exc)))
        return report
    return import_table(
        session_factory,
        actor,
        table,
        Path(path).name,
        dry_run=dry_run,
        valid_only=valid_only,
        as_of=as_of,
        progress=progress,
        is_cancelled=is_cancelled,
    )


def import_table(
    session_factory: sessionmaker[Session],
    actor: Actor,
    table: Table,
    source_name: str,
    *,
    dry_run: bool = False,
    valid_only: bool = False,
    as_of: date | None = None,
    progress: Progress | None = None,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> ImportReport:
    """Import rows already read (from a file, a SQL query of the ERP or the demo)."""
    actor.require(Perm.DADOS_IMPORTAR)
    report = ImportReport(dry_run=dry_run)
    notify = progress or (lambda stage, done, total: None)
    report.format = table.format
    index = _map_columns(table, report)
    if index is None:
        return report
    rows = iter(table.rows)
    # The decimal separator is decided on the first rows; the rest streams by.
    try:
        with _collector_paused():
            head = list(islice(rows, DETECTION_ROWS))
    except UnreadableFile as exc:  # the file breaks down midway (a stray quote...)
        report.errors.append(Issue(1, "", str(exc)))
        return report
    if not head:
        report.errors.append(
            Issue(1, "", "o arquivo só tem o cabeçalho: nenhuma parcela para importar")
        )
        return report
    money_indexes = [index[c] for c in C.MONEY_COLUMNS if c in index]
    table.format.decimal_separator = detect_decimal_separator(head, money_indexes)
    validator = RowValidator(index, table.format.decimal_separator, as_of or date.today())
    estimate = _estimate_rows(table, head)
    # On a server, batches are written while the next rows are validated (the server
    # works on another core meanwhile); on SQLite the file is written after the last row
    # is read, so that the write lock other workstations' senders wait for is short.
    with _import_session(session_factory) as session:
        early = not dry_run and session.get_bind().dialect.name != "sqlite"
        builder = PortfolioBuilder(
            has_guarantor_columns="avalista_documento" in index, in_batches=early
        )
        validation = _Validation(chain(head, rows), estimate, validator, builder, report)
        loader = writer.Loader(session.connection(), write=not dry_run)
        pipeline = _Pipeline(loader) if early else None

        def on_rows() -> None:
            if pipeline is None:
                return
            if report.errors and not valid_only:
                pipeline.stop()  # nothing will be kept: stop writing, go on finding errors
            elif builder.pending >= BATCH_ROWS:
                pipeline.submit(builder.take_batch())

        try:
            with _collector_paused(), _quick_switching(pipeline is not None):
                validation.run(notify, is_cancelled, on_rows)
        except UnreadableFile as exc:
            _abandon(session, pipeline)
            report.errors.append(Issue(1, "", str(exc)))
            return report
        except BaseException:
            _abandon(session, pipeline)
            raise
        report.warnings.extend(builder.warnings)
        report.warnings.sort(key=lambda issue: issue.line)
        if report.errors and not valid_only:
            _abandon(session, pipeline)
            return report

        def on_write(done: int, total_rows: int) -> None:
            notify("gravando", done, total_rows)
            if is_cancelled():
                raise ImportCancelled()

        try:
            with _collector_paused():
                if pipeline is not None:
                    notify("gravando", 0, 0)
                    pipeline.close()
                else:
                    notify("comparando", 0, 0)
                batch = builder.take_batch()
                written = 0

                def advance(count: int) -> None:
                    nonlocal written
                    written += count
                    on_write(written, batch.rows)

                loader.load(batch, advance if not dry_run else None)
                loader.finish(builder.portfolio)
            report.created, report.updated, report.removed = loader.counts()
            if dry_run:
                session.rollback()
                return report
            audit.record(
                session,
                actor,
                "importacao",
                entity="arquivo",
                entity_key=source_name,
                details={
                    "linhas": report.rows,
                    "linhas_com_erro": report.invalid_rows,
                    "criados": report.created,
                    "alterados": report.updated,
                    "removidos": report.removed,
                },
            )
            session.commit()
        except BaseException:
            _abandon(session, pipeline)
            raise
    report.written = True
    log.info("importação de %s: %s linhas, criados %s", source_name, report.rows, report.created)
    return report


@contextmanager
def _import_session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """The import's session on one connection from start to end, which on SQLite reads the
    stored portfolio around the memory map (``sqlite_reads_unmapped``)."""
    engine = session_factory.kw["bind"]
    with (
        engine.connect() as conn,
        sqlite_reads_unmapped(conn),
        session_factory(bind=conn) as session,
    ):
        yield session


def _abandon(session: Session, pipeline: _Pipeline | None) -> None:
    """Nothing of the file is kept: stop the writing thread, then roll back."""
    if pipeline is not None:
        pipeline.stop()
    session.rollback()


class _Pipeline:
    """Writes batches on a thread of its own while the main thread validates the next rows.

    The thread only waits for the database most of the time (the driver lets go of the
    interpreter meanwhile), so Python's validation and the server's work (indexes,
    constraints, its log) run side by side. At most two batches wait, so memory stays
    flat when the server is the slower one. A failure in the thread is raised in the main
    thread at the next batch or at the end.
    """

    def __init__(self, loader: writer.Loader) -> None:
        self.loader = loader
        self.error: BaseException | None = None
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._skip = False  # set by ``stop``: what still waits is not written
        self._ended = False
        self._thread = threading.Thread(target=self._run, name="importacao-gravacao", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self.error is None and not self._skip:
                try:
                    self.loader.load(batch)
                except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                    self.error = exc

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def _end(self) -> None:
        if not self._ended:
            self._ended = True
            self._queue.put(None)
            self._thread.join()

    def submit(self, batch) -> None:
        self._raise()
        if not self._ended:
            self._queue.put(batch)

    def close(self) -> None:
        """Wait until every batch submitted is written; raise what failed."""
        self._end()
        self._raise()

    def stop(self) -> None:
        """Write nothing more (what is written is rolled back by the caller)."""
        self._skip = True
        self._end()


@contextmanager
def _quick_switching(on: bool) -> Iterator[None]:
    """While a batch is written beside the validation, the writing thread mostly waits for
    the server, and each time the server answers it needs the interpreter back. By default
    it would wait up to 5 ms for the validating thread to let go, every time (the "convoy"
    effect), and the server would sit idle; switching every 0.5 ms keeps it busy."""
    previous = sys.getswitchinterval()
    if on:
        sys.setswitchinterval(0.0005)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Parsing a big file creates millions of small tuples that live until the end; the
    cyclic garbage collector would rescan them over and over (a third of the time on a
    million rows) and can find no cycle among them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _estimate_rows(table: Table, head: list[tuple[int, list[str]]]) -> int:
    """Rows expected in the file, from the size of the first ones (for the progress bar)."""
    if len(head) < DETECTION_ROWS or not table.size_hint:
        return len(head)
    sampled = sum(len(cells) + sum(len(c) for c in cells) for _, cells in head)
    return max(len(head), table.size_hint * len(head) // max(sampled, 1))


class _Validation:
    def __init__(
        self,
        rows: Iterable[tuple[int, list[str]]],
        estimate: int,
        validator: RowValidator,
        builder: PortfolioBuilder,
        report: ImportReport,
    ) -> None:
        self.rows, self.estimate = rows, estimate
        self.validator, self.builder, self.report = validator, builder, report

    def run(
        self, notify: Progress, is_cancelled: Callable[[], bool], on_rows: Callable[[], None]
    ) -> None:
        """Every row validated and added to the portfolio; ``on_rows`` every few thousand
        rows (a batch may be written meanwhile)."""
        report, validate, add = self.report, self.validator.validate, self.builder.add
        count = 0
        for count, (line, cells) in enumerate(self.rows, start=1):
            row, errors, warnings = validate(line, cells)
            if row is not None:
                errors = add(row)
            if errors:
                report.errors.extend(errors)
                report.invalid_rows += 1
            if warnings:
                report.warnings.extend(warnings)
            if count % CHECK_ROWS == 0:
                notify("validando", count, max(self.estimate, count))
                if is_cancelled():
                    raise ImportCancelled()
                on_rows()
        report.rows = count
