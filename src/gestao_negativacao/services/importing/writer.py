"""Set-based write of an aggregated file: compare with what the database holds (by natural
keys), then bulk-insert what is new and bulk-update what changed, in chunks.

The comparison reads only, so a dry run reports exactly what an import would do without
taking a write lock. Re-importing the same file finds nothing changed and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, select

from gestao_negativacao.db.models import (
    Company,
    Customer,
    Enterprise,
    Installment,
    Sale,
    SaleGuarantor,
)
from gestao_negativacao.domain.enums import SaleSituation
from gestao_negativacao.services.importing.plan import Portfolio
from gestao_negativacao.services.importing.validate import ABSENT, INSTALLMENT_ATTRS, PERSON_ATTRS

ENTITIES = ("companies", "enterprises", "customers", "sales", "guarantors", "installments")
IN_CHUNK = 2000
WRITE_CHUNK = 20_000
ZERO = Decimal("0.00")

companies_t: Table = Company.__table__  # type: ignore[assignment]
enterprises_t: Table = Enterprise.__table__  # type: ignore[assignment]
customers_t: Table = Customer.__table__  # type: ignore[assignment]
sales_t: Table = Sale.__table__  # type: ignore[assignment]
guarantors_t: Table = SaleGuarantor.__table__  # type: ignore[assignment]
installments_t: Table = Installment.__table__  # type: ignore[assignment]


def chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _merge(new: Sequence, old: Sequence) -> tuple:
    """A field the file does not have keeps the stored value."""
    return tuple(o if n is ABSENT else n for n, o in zip(new, old, strict=True))


def _installment_defaults(values: tuple) -> tuple:
    """§9 defaults for an empty cell: adjusted = principal, paid = 0, not disputed."""
    due, ext, principal, adjusted, paid, payment, disputed = values
    if adjusted is None:
        adjusted = principal
    if paid is None:
        paid = ZERO
    if disputed is None:
        disputed = False
    return (due, ext, principal, adjusted, paid, payment, disputed)


def _new_installment(values: tuple) -> tuple:
    """A new installment: a column the file lacks takes the layout's default."""
    due, ext, principal, adjusted, paid, payment, disputed = values
    return (
        due,
        None if ext is ABSENT else ext,
        principal,
        principal if adjusted is ABSENT else adjusted,
        ZERO if paid is ABSENT else paid,
        None if payment is ABSENT else payment,
        False if disputed is ABSENT else disputed,
    )


@dataclass
class Changes:
    """What an import will do, with natural keys (ids of new rows are not known yet)."""

    company_inserts: list[dict] = field(default_factory=list)
    company_updates: list[dict] = field(default_factory=list)
    enterprise_inserts: list[tuple[str, str]] = field(default_factory=list)
    customer_inserts: list[dict] = field(default_factory=list)
    customer_updates: list[dict] = field(default_factory=list)
    sale_inserts: list[tuple] = field(default_factory=list)
    sale_updates: list[tuple] = field(default_factory=list)
    guarantor_inserts: list[tuple[tuple[str, str], str]] = field(default_factory=list)
    guarantor_deletes: list[tuple[int, int]] = field(default_factory=list)
    installment_inserts: list[tuple] = field(default_factory=list)
    installment_updates: list[dict] = field(default_factory=list)
    # natural key -> id of what exists already
    company_ids: dict[str, int] = field(default_factory=dict)
    enterprise_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    customer_ids: dict[str, int] = field(default_factory=dict)
    sale_ids: dict[tuple[str, str], int] = field(default_factory=dict)

    def counts(self) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        created = {
            "companies": len(self.company_inserts),
            "enterprises": len(self.enterprise_inserts),
            "customers": len(self.customer_inserts),
            "sales": len(self.sale_inserts),
            "guarantors": len(self.guarantor_inserts),
            "installments": len(self.installment_inserts),
        }
        updated = {
            "companies": len(self.company_updates),
            "enterprises": 0,
            "customers": len(self.customer_updates),
            "sales": len(self.sale_updates),
            "guarantors": 0,
            "installments": len(self.installment_updates),
        }
        removed = {name: 0 for name in ENTITIES}
        removed["guarantors"] = len(self.guarantor_deletes)
        return created, updated, removed


def compare(conn: Connection, portfolio: Portfolio) -> Changes:
    """Read what exists and work out the changes. Reads only."""
    changes = Changes()
    _compare_companies(conn, portfolio, changes)
    _compare_enterprises(conn, portfolio, changes)
    _compare_customers(conn, portfolio, changes)
    _compare_sales(conn, portfolio, changes)
    _compare_installments(conn, portfolio, changes)
    return changes


def _compare_companies(conn: Connection, p: Portfolio, ch: Changes) -> None:
    existing: dict[str, tuple[int, str]] = {}
    for batch in chunks(p.companies, IN_CHUNK):
        query = select(companies_t.c.cnpj, companies_t.c.id, companies_t.c.name).where(
            companies_t.c.cnpj.in_(batch)
        )
        for cnpj, id_, name in conn.execute(query):
            existing[cnpj] = (id_, name)
    for cnpj, name in p.companies.items():
        if cnpj in existing:
            id_, old_name = existing[cnpj]
            ch.company_ids[cnpj] = id_
            if name is not ABSENT and (name or "") != old_name:
                ch.company_updates.append({"b_id": id_, "v_name": name or ""})
        else:
            ch.company_inserts.append({"cnpj": cnpj, "name": name or ""})


def _compare_enterprises(conn: Connection, p: Portfolio, ch: Changes) -> None:
    company_of = {id_: cnpj for cnpj, id_ in ch.company_ids.items()}
    for batch in chunks(company_of, IN_CHUNK):
        query = select(enterprises_t.c.company_id, enterprises_t.c.code, enterprises_t.c.id).where(
            enterprises_t.c.company_id.in_(batch)
        )
        for company_id, code, id_ in conn.execute(query):
            ch.enterprise_ids[(company_of[company_id], code)] = id_
    ch.enterprise_inserts = sorted(key for key in p.enterprises if key not in ch.enterprise_ids)


_CUSTOMER_COLUMNS = [customers_t.c[a] for a in PERSON_ATTRS]


def _compare_customers(conn: Connection, p: Portfolio, ch: Changes) -> None:
    for batch in chunks(p.customers, IN_CHUNK):
        query = select(
            customers_t.c.document, customers_t.c.id, customers_t.c.kind, *_CUSTOMER_COLUMNS
        ).where(customers_t.c.document.in_(batch))
        for document, id_, kind, *old in conn.execute(query):
            ch.customer_ids[document] = id_
            data = p.customers[document]
            merged = _merge(data.values, old)
            if merged != tuple(old) or kind != data.kind:
                row = {f"v_{a}": v for a, v in zip(PERSON_ATTRS, merged, strict=True)}
                row["v_kind"] = data.kind
                row["b_id"] = id_
                ch.customer_updates.append(row)
    for document, data in p.customers.items():
        if document not in ch.customer_ids:
            values = [None if v is ABSENT else v for v in data.values]
            row = dict(zip(PERSON_ATTRS, values, strict=True))
            row["name"] = row["name"] or ""
            row.update(document=document, kind=data.kind)
            ch.customer_inserts.append(row)


def _compare_sales(conn: Connection, p: Portfolio, ch: Changes) -> None:
    enterprise_key = {id_: key for key, id_ in ch.enterprise_ids.items()}
    customer_doc = {id_: doc for doc, id_ in ch.customer_ids.items()}
    existing: dict[tuple[str, str], tuple] = {}
    by_company: dict[str, list[str]] = {}
    for cnpj, number in p.sales:
        if cnpj in ch.company_ids:
            by_company.setdefault(cnpj, []).append(number)
    for cnpj, numbers in by_company.items():
        for batch in chunks(numbers, IN_CHUNK):
            query = select(
                sales_t.c.number,
                sales_t.c.id,
                sales_t.c.enterprise_id,
                sales_t.c.holder_id,
                sales_t.c.situation,
                sales_t.c.situation_date,
            ).where(sales_t.c.company_id == ch.company_ids[cnpj], sales_t.c.number.in_(batch))
            for number, id_, enterprise_id, holder_id, situation, situation_date in conn.execute(
                query
            ):
                existing[(cnpj, number)] = (
                    id_,
                    enterprise_id,
                    holder_id,
                    situation,
                    situation_date,
                )
    for key, sale in p.sales.items():
        cnpj = key[0]
        enterprise = (
            sale.enterprise
            if sale.enterprise is ABSENT
            else ((cnpj, sale.enterprise) if sale.enterprise else None)
        )
        if key not in existing:
            ch.sale_inserts.append(
                (
                    key,
                    enterprise or None,
                    sale.holder,
                    sale.situation or SaleSituation.ACTIVE,
                    sale.situation_date or None,
                )
            )
            continue
        id_, enterprise_id, holder_id, situation, situation_date = existing[key]
        ch.sale_ids[key] = id_
        old = (
            enterprise_key.get(enterprise_id) if enterprise_id else None,
            customer_doc.get(holder_id),
            situation,
            situation_date,
        )
        new = _merge((enterprise, sale.holder, sale.situation, sale.situation_date), old)
        if new != old:
            ch.sale_updates.append((id_, *new))


_INSTALLMENT_COLUMNS = [installments_t.c[a] for a in INSTALLMENT_ATTRS]


def _compare_installments(conn: Connection, p: Portfolio, ch: Changes) -> None:
    sale_key = {id_: key for key, id_ in ch.sale_ids.items()}
    existing: dict[tuple[str, str, int], tuple] = {}
    for batch in chunks(sale_key, IN_CHUNK // 2):
        query = select(
            installments_t.c.sale_id,
            installments_t.c.number,
            installments_t.c.id,
            *_INSTALLMENT_COLUMNS,
        ).where(installments_t.c.sale_id.in_(batch))
        for sale_id, number, id_, *old in conn.execute(query):
            cnpj, sale = sale_key[sale_id]
            existing[(cnpj, sale, number)] = (id_, tuple(old))
    for key, values in p.installments.items():
        found = existing.get(key)
        values = _installment_defaults(values)
        if found is None:
            ch.installment_inserts.append((key, _new_installment(values)))
            continue
        id_, old = found
        merged = _merge(values, old)
        if merged != old:
            row = {f"v_{a}": v for a, v in zip(INSTALLMENT_ATTRS, merged, strict=True)}
            row["b_id"] = id_
            ch.installment_updates.append(row)
    if p.guarantors is not None:
        _compare_guarantors(conn, p, ch)


def _compare_guarantors(conn: Connection, p: Portfolio, ch: Changes) -> None:
    assert p.guarantors is not None
    sale_key = {id_: key for key, id_ in ch.sale_ids.items()}
    existing: dict[tuple[str, str], set[int]] = {}
    for batch in chunks(sale_key, IN_CHUNK):
        query = select(guarantors_t.c.sale_id, guarantors_t.c.customer_id).where(
            guarantors_t.c.sale_id.in_(batch)
        )
        for sale_id, customer_id in conn.execute(query):
            existing.setdefault(sale_key[sale_id], set()).add(customer_id)
    for key, documents in p.guarantors.items():
        stored = existing.get(key, set())
        wanted_ids = set()
        for document in sorted(documents):
            customer_id = ch.customer_ids.get(document)
            if customer_id is None or customer_id not in stored:
                ch.guarantor_inserts.append((key, document))
            if customer_id is not None:
                wanted_ids.add(customer_id)
        if key in ch.sale_ids:
            for customer_id in stored - wanted_ids:
                ch.guarantor_deletes.append((ch.sale_ids[key], customer_id))


def apply(
    conn: Connection, ch: Changes, progress: Callable[[int, int], None] | None = None
) -> None:
    """Write the changes. Ids of new rows are read back by natural key between steps."""
    total = (
        len(ch.installment_inserts)
        + len(ch.installment_updates)
        + len(ch.customer_inserts)
        + len(ch.sale_inserts)
    )
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, total)

    _insert(conn, companies_t, ch.company_inserts)
    _update(conn, companies_t, ch.company_updates, ["name"])
    for cnpj, id_ in _read_ids(conn, companies_t, "cnpj", [r["cnpj"] for r in ch.company_inserts]):
        ch.company_ids[cnpj] = id_

    _insert(
        conn,
        enterprises_t,
        [
            {"company_id": ch.company_ids[cnpj], "code": code}
            for cnpj, code in ch.enterprise_inserts
        ],
    )
    if ch.enterprise_inserts:
        company_of = {ch.company_ids[cnpj]: cnpj for cnpj, _ in ch.enterprise_inserts}
        for batch in chunks(company_of, IN_CHUNK):
            query = select(
                enterprises_t.c.company_id, enterprises_t.c.code, enterprises_t.c.id
            ).where(enterprises_t.c.company_id.in_(batch))
            for company_id, code, id_ in conn.execute(query):
                ch.enterprise_ids[(company_of[company_id], code)] = id_

    customer_columns = ("document", "kind", *PERSON_ATTRS)
    day = _Storage(conn).day
    _driver_insert(
        conn,
        customers_t,
        customer_columns,
        (
            tuple(day(r[c]) if c == "birth_date" else r[c] for c in customer_columns)
            for r in ch.customer_inserts
        ),
        advance,
    )
    _update(conn, customers_t, ch.customer_updates, [*PERSON_ATTRS, "kind"])
    new_docs = [r["document"] for r in ch.customer_inserts]
    for document, id_ in _read_ids(conn, customers_t, "document", new_docs):
        ch.customer_ids[document] = id_

    def enterprise_id(key: Any) -> int | None:
        return ch.enterprise_ids[key] if key else None

    _insert(
        conn,
        sales_t,
        [
            {
                "company_id": ch.company_ids[cnpj],
                "number": number,
                "enterprise_id": enterprise_id(enterprise),
                "holder_id": ch.customer_ids[holder],
                "situation": str(situation),
                "situation_date": situation_date,
            }
            for (cnpj, number), enterprise, holder, situation, situation_date in ch.sale_inserts
        ],
        advance,
    )
    _update(
        conn,
        sales_t,
        [
            {
                "b_id": id_,
                "v_enterprise_id": enterprise_id(enterprise),
                "v_holder_id": ch.customer_ids[holder],
                "v_situation": str(situation),
                "v_situation_date": situation_date,
            }
            for id_, enterprise, holder, situation, situation_date in ch.sale_updates
        ],
        ["enterprise_id", "holder_id", "situation", "situation_date"],
    )
    _read_new_sale_ids(conn, ch)

    _insert(
        conn,
        guarantors_t,
        [
            {"sale_id": ch.sale_ids[key], "customer_id": ch.customer_ids[doc]}
            for key, doc in ch.guarantor_inserts
        ],
    )
    if ch.guarantor_deletes:
        statement = delete(guarantors_t).where(
            guarantors_t.c.sale_id == bindparam("b_sale"),
            guarantors_t.c.customer_id == bindparam("b_customer"),
        )
        conn.execute(statement, [{"b_sale": s, "b_customer": c} for s, c in ch.guarantor_deletes])

    _insert_installments(conn, ch, advance)
    _update(conn, installments_t, ch.installment_updates, list(INSTALLMENT_ATTRS), advance)


_INSTALLMENT_INSERT_COLUMNS = ("sale_id", "number", *INSTALLMENT_ATTRS)


class _Storage:
    """Values in the form the driver stores them, so that bulk inserts can skip
    SQLAlchemy's per-value processing (which costs more than the database itself here):
    money as cents, and on SQLite dates as ISO text and booleans as 0/1, exactly as
    SQLAlchemy's own SQLite types write them."""

    def __init__(self, conn: Connection) -> None:
        self.sqlite = conn.dialect.name == "sqlite"
        marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        self.quote = conn.dialect.identifier_preparer.quote
        self.marker = marker

    def day(self, value: date | None) -> object:
        return value.isoformat() if self.sqlite and value is not None else value

    def flag(self, value: bool) -> object:
        return int(value) if self.sqlite else bool(value)

    def insert_sql(self, table: Table, columns: Sequence[str]) -> str:
        names = ", ".join(self.quote(c) for c in columns)
        marks = ", ".join([self.marker] * len(columns))
        return f"INSERT INTO {self.quote(table.name)} ({names}) VALUES ({marks})"


def _driver_insert(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[tuple],
    advance: Callable[[int], None] | None = None,
) -> None:
    sql = _Storage(conn).insert_sql(table, columns)
    for batch in chunks(rows, WRITE_CHUNK):
        conn.exec_driver_sql(sql, batch)
        if advance:
            advance(len(batch))


def _insert_installments(conn: Connection, ch: Changes, advance: Callable[[int], None]) -> None:
    store = _Storage(conn)
    day, flag, sale_ids = store.day, store.flag, ch.sale_ids
    rows = (
        (
            sale_ids[(cnpj, sale)],
            number,
            day(due),
            day(ext),
            int(principal * 100),
            int(adjusted * 100),
            int(paid * 100),
            day(payment),
            flag(disputed),
        )
        for (cnpj, sale, number), (due, ext, principal, adjusted, paid, payment, disputed) in (
            ch.installment_inserts
        )
    )
    _driver_insert(conn, installments_t, _INSTALLMENT_INSERT_COLUMNS, rows, advance)


def _insert(
    conn: Connection, table: Table, rows: list[dict], advance: Callable[[int], None] | None = None
) -> None:
    for batch in chunks(rows, WRITE_CHUNK):
        conn.execute(table.insert(), batch)
        if advance:
            advance(len(batch))


def _update(
    conn: Connection,
    table: Table,
    rows: list[dict],
    attrs: list[str],
    advance: Callable[[int], None] | None = None,
) -> None:
    if not rows:
        return
    statement = (
        table.update()
        .where(table.c.id == bindparam("b_id"))
        .values({a: bindparam(f"v_{a}") for a in attrs})
    )
    for batch in chunks(rows, WRITE_CHUNK):
        conn.execute(statement, batch)
        if advance:
            advance(len(batch))


def _read_ids(conn: Connection, table: Table, column: str, keys: list[str]) -> Iterator[tuple]:
    for batch in chunks(keys, IN_CHUNK):
        yield from conn.execute(
            select(table.c[column], table.c.id).where(table.c[column].in_(batch))
        )


def _read_new_sale_ids(conn: Connection, ch: Changes) -> None:
    by_company: dict[int, list[str]] = {}
    cnpj_of: dict[int, str] = {}
    for (cnpj, number), *_ in ch.sale_inserts:
        company_id = ch.company_ids[cnpj]
        cnpj_of[company_id] = cnpj
        by_company.setdefault(company_id, []).append(number)
    for company_id, numbers in by_company.items():
        for batch in chunks(numbers, IN_CHUNK):
            query = select(sales_t.c.number, sales_t.c.id).where(
                sales_t.c.company_id == company_id, sales_t.c.number.in_(batch)
            )
            for number, id_ in conn.execute(query):
                ch.sale_ids[(cnpj_of[company_id], number)] = id_


__all__ = ["ENTITIES", "Changes", "apply", "compare"]
