"""Paged, sorted, filtered reading of a list for the grids (DESIGN §11): the database does
the counting, the ORDER BY and the paging; the window keeps only what is on screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, or_, select
from sqlalchemy.orm import Session, sessionmaker


@dataclass(frozen=True)
class Column:
    """One column of a list, declared once: what the database selects (``expr``) and how
    the grid and the export show it. ``expr`` is None for lists computed in Python."""

    key: str  # the column's label in the query and the row's attribute name
    title: str  # the grid's header, in Portuguese
    expr: Any = None  # the SQL expression selected under ``key``
    kind: str = "text"  # text | money | date | datetime | document | number | bool
    searchable: bool = False  # matched by the grid's filter field

    def __post_init__(self) -> None:
        if isinstance(self.expr, str):  # Column(key, title, "money") meant kind="money"
            raise TypeError(f"coluna {self.key}: a expressão veio como texto ({self.expr!r})")


def labelled(columns: list[Column]) -> list[ColumnElement]:
    """A list's declared columns as the SELECT names them: each expression under its key."""
    return [column.expr.label(column.key) for column in columns]


def selecting(columns: list[Column]) -> Select:
    """The SELECT of a list's declared columns; the caller adds the joins and the WHERE."""
    return select(*labelled(columns))


class Row(tuple):
    """One row of a list: by position for the grid, by key for the screens (``row.sale``),
    and ``item`` for what the row stands for when it is not a database row."""

    keys: tuple[str, ...] = ()
    item: Any = None

    @classmethod
    def of(cls, keys: tuple[str, ...], values, item: Any = None) -> Row:
        row = cls(values)
        row.keys = keys
        row.item = item
        return row

    def __getattr__(self, name: str) -> Any:
        try:
            return self[self.keys.index(name)]
        except ValueError:
            raise AttributeError(name) from None


@dataclass
class PagedQuery:
    """``query`` selects one column per ``Column``, labelled with its key; the first is a
    unique id (the last sort key, so that paging is stable)."""

    session_factory: sessionmaker[Session]
    query: Select
    columns: list[Column]
    default_order: str | None = None
    _by_key: dict[str, ColumnElement] = field(init=False)

    def __post_init__(self) -> None:
        selected = {c.key: c for c in self.query.selected_columns}
        missing = [c.key for c in self.columns if c.key not in selected]
        if missing:
            raise ValueError(f"colunas ausentes na consulta: {missing}")
        self._by_key = {c.key: selected[c.key] for c in self.columns}
        # rows come out in the columns' order, whatever order the query was written in
        # (a column added to one and not in the same place in the other showed the dates
        # of one under the title of another)
        self.query = self.query.with_only_columns(
            *(self._by_key[c.key] for c in self.columns), maintain_column_froms=True
        )

    def _filtered(self, text: str) -> Select:
        text = text.strip()
        if not text:
            return self.query
        # what the clerk typed is text: % and _ are matched as themselves (autoescape)
        needle = text.lower()
        digits = "".join(ch for ch in text if ch.isalnum())
        matches = []
        for column in self.columns:
            if not column.searchable:
                continue
            expr = func.lower(cast(self._by_key[column.key], String))
            matches.append(expr.contains(needle, autoescape=True))
            if column.kind == "document" and digits and digits != text:
                matches.append(expr.like(f"%{digits.lower()}%"))  # typed with the mask
        return self.query.where(or_(*matches)) if matches else self.query

    def count(self, text: str = "") -> int:
        inner = self._filtered(text).order_by(None).subquery()
        with self.session_factory() as session:
            return int(session.scalar(select(func.count()).select_from(inner)) or 0)

    def page(
        self,
        offset: int,
        limit: int,
        *,
        order_by: str | None = None,
        descending: bool = False,
        text: str = "",
    ) -> list[Row]:
        query = self._filtered(text)
        key = order_by or self.default_order
        order = []
        if key is not None:
            expr = self._by_key[key]
            order.append(expr.desc() if descending else expr.asc())
        order.append(self._by_key[self.columns[0].key])
        query = query.order_by(None).order_by(*order).offset(offset).limit(limit)
        keys = tuple(column.key for column in self.columns)
        with self.session_factory() as session:
            return [Row.of(keys, row) for row in session.execute(query)]

    def all_rows(self, *, order_by=None, descending=False, text="", chunk=5000):
        """Every row, in pages (exports): never the whole list in memory at once."""
        offset = 0
        while True:
            rows = self.page(offset, chunk, order_by=order_by, descending=descending, text=text)
            yield from rows
            if len(rows) < chunk:
                return
            offset += chunk
