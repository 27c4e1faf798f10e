"""The import use case: one file, one transaction, a report in the shape of DESIGN §12."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

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
    builder = PortfolioBuilder(has_guarantor_columns="avalista_documento" in index)
    estimate = _estimate_rows(table, head)
    try:
        with _collector_paused():
            _validate_rows(
                chain(head, rows), estimate, validator, builder, report, notify, is_cancelled
            )
    except UnreadableFile as exc:
        report.errors.append(Issue(1, "", str(exc)))
        return report
    report.warnings.extend(builder.warnings)
    report.warnings.sort(key=lambda issue: issue.line)
    if report.errors and not valid_only:
        return report

    notify("comparando", 0, 0)
    with session_factory() as session:
        connection = session.connection()
        with _collector_paused():
            changes = writer.compare(connection, builder.portfolio)
        report.created, report.updated, report.removed = changes.counts()
        if dry_run:
            session.rollback()
            return report

        def on_write(done: int, total_rows: int) -> None:
            notify("gravando", done, total_rows)
            if is_cancelled():
                raise ImportCancelled()

        try:
            with _collector_paused():
                writer.apply(connection, changes, on_write)
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
        except (ImportCancelled, IntegrityError, OperationalError):
            session.rollback()
            raise
    report.written = True
    log.info("importação de %s: %s linhas, criados %s", source_name, report.rows, report.created)
    return report


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


def _validate_rows(
    rows: Iterable[tuple[int, list[str]]],
    estimate: int,
    validator: RowValidator,
    builder: PortfolioBuilder,
    report: ImportReport,
    notify: Progress,
    is_cancelled: Callable[[], bool],
) -> None:
    count = 0
    for count, (line, cells) in enumerate(rows, start=1):
        row, errors, warnings = validator.validate(line, cells)
        if row is not None:
            errors = builder.add(row)
        if errors:
            report.errors.extend(errors)
            report.invalid_rows += 1
        if warnings:
            report.warnings.extend(warnings)
        if count % 20_000 == 0:
            notify("validando", count, max(estimate, count))
            if is_cancelled():
                raise ImportCancelled()
    report.rows = count
