"""Whatever arrives, the importer answers with errors, never a crash, and writes nothing
from a file with errors."""

import csv
import io
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from gestao_negativacao.db.models import Installment
from gestao_negativacao.services.importing import import_file
from gestao_negativacao.services.importing.columns import KNOWN
from gestao_negativacao.services.importing.reader import FileFormat, Table
from gestao_negativacao.services.importing.service import import_table
from tests.helpers import base_row

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FAST
@given(content=st.binary(max_size=2000))
def test_random_bytes_never_crash(sqlite_db, system, tmp_path, content):
    path = tmp_path / "aleatorio.csv"
    path.write_bytes(content)
    report = import_file(sqlite_db.session_factory, system, path)
    if not report.written:
        assert report.errors or report.rows == 0
    for issue in report.errors:
        assert issue.message and isinstance(issue.line, int)


@FAST
@given(
    header=st.lists(st.sampled_from(sorted(KNOWN) + ["coluna_x"]), min_size=1, max_size=12),
    lines=st.lists(st.lists(st.text(string.printable + "ãçéÇ;,", max_size=15), max_size=12)),
)
def test_random_csv_text_never_crashes(sqlite_db, system, tmp_path, header, lines):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(lines)
    path = tmp_path / "texto.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    import_file(sqlite_db.session_factory, system, path)


cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "0", "-1", "1,5", "1.234,56", "31/02/2024", "2024-13-01", "S", "x",
                     "412.248.244-58", "111.111.111-11", "12ABC34501DE35", "01310100"]),
)  # fmt: skip


@FAST
@given(
    changes=st.lists(
        st.dictionaries(st.sampled_from(sorted(KNOWN)), cell, max_size=5), min_size=1, max_size=8
    )
)
def test_random_rows_yield_errors_or_a_consistent_write(sqlite_db, system, changes):
    rows = [base_row(parcela=str(i + 1), **{k: v for k, v in c.items() if k != "parcela"})
            for i, c in enumerate(changes)]  # fmt: skip
    columns = sorted({key for row in rows for key in row})
    table = Table(
        FileFormat("csv", encoding="utf-8", delimiter=";"),
        columns,
        [(n + 2, [row.get(c, "") for c in columns]) for n, row in enumerate(rows)],
    )
    with sqlite_db.session_factory() as s:
        before = s.scalar(select(func.count()).select_from(Installment))
    report = import_table(sqlite_db.session_factory, system, table, "hipotese")
    with sqlite_db.session_factory() as s:
        after = s.scalar(select(func.count()).select_from(Installment))
    if report.errors:
        assert not report.written and after == before
        assert all(1 <= e.line <= len(rows) + 1 for e in report.errors)  # 1: the header
    else:
        assert report.written
        assert after - before == report.created["installments"]
