"""Set-based write of a file, a batch at a time: compare what a batch of rows brought for
the first time with what the database holds (by natural keys), then bulk-insert what is new
and bulk-update what changed; at the end, the customers' final values and the guarantors,
which only the whole file knows.

A batch is usually the whole file (one batch at the end, after every row was validated).
On a server the import writes a batch while the next rows are still being validated, so
that the database's work overlaps Python's (see ``service``). Either way it is one
transaction: nothing is kept unless the whole file is.

Without ``write`` the loader only compares (reads), so a dry run reports exactly what an
import would do without taking a write lock. Re-importing the same file finds nothing
changed and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import BigInteger, Connection, Table, bindparam, delete, select, type_coerce

from gestao_negativacao.db.models import (
    Company,
    Customer,
    Enterprise,
    Installment,
    Sale,
    SaleGuarantor,
)
from gestao_negativacao.domain.enums import SaleSituation
from gestao_negativacao.domain.money import from_cents
from gestao_negativacao.services.importing import packed
from gestao_negativacao.services.importing.bulk import BulkWriter, chunks
from gestao_negativacao.services.importing.plan import Batch, Portfolio, SaleKey
from gestao_negativacao.services.importing.validate import ABSENT, INSTALLMENT_ATTRS, PERSON_ATTRS

ENTITIES = ("companies", "enterprises", "customers", "sales", "guarantors", "installments")
IN_CHUNK = 2000
WRITE_CHUNK = 20_000
_MONEY_ATTRS = frozenset({"principal", "adjusted", "paid"})

companies_t: Table = Company.__table__  # type: ignore[assignment]
enterprises_t: Table = Enterprise.__table__  # type: ignore[assignment]
customers_t: Table = Customer.__table__  # type: ignore[assignment]
sales_t: Table = Sale.__table__  # type: ignore[assignment]
guarantors_t: Table = SaleGuarantor.__table__  # type: ignore[assignment]
installments_t: Table = Installment.__table__  # type: ignore[assignment]


def _merge(new: Sequence, old: Sequence) -> tuple:
    """A field the file does not have keeps the stored value."""
    return tuple(o if n is ABSENT else n for n, o in zip(new, old, strict=True))


def _installment_defaults(values: tuple) -> tuple:
    """§9 defaults for an empty cell: adjusted = principal, paid = 0, not disputed (money
    in cents)."""
    due, ext, principal, adjusted, paid, payment, disputed = values
    if adjusted is None:
        adjusted = principal
    if paid is None:
        paid = 0
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
        0 if paid is ABSENT else paid,
        None if payment is ABSENT else payment,
        False if disputed is ABSENT else disputed,
    )


def cents_of(column):
    """A money column as its stored integer cents (how the file's values are held)."""
    return type_coerce(column, BigInteger)


_CUSTOMER_COLUMNS = [customers_t.c[a] for a in PERSON_ATTRS]
_INSTALLMENT_COLUMNS = [
    cents_of(installments_t.c[a]) if a in _MONEY_ATTRS else installments_t.c[a]
    for a in INSTALLMENT_ATTRS
]
_CUSTOMER_INSERT_COLUMNS = ("document", "kind", *PERSON_ATTRS)
_SALE_INSERT_COLUMNS = (
    "company_id", "number", "enterprise_id", "holder_id", "situation", "situation_date",
)  # fmt: skip
_INSTALLMENT_INSERT_COLUMNS = ("sale_id", "number", *INSTALLMENT_ATTRS)


class Loader:
    """Compares (and with ``write`` writes) batches of one file, keeping what it learnt
    of the database between them: ids by natural key, and which sales and customers it
    created itself."""

    def __init__(self, conn: Connection, *, write: bool) -> None:
        self.conn = conn
        self.write = write
        self.bulk = BulkWriter(conn)
        self.created = dict.fromkeys(ENTITIES, 0)
        self.updated = dict.fromkeys(ENTITIES, 0)
        self.removed = dict.fromkeys(ENTITIES, 0)
        # natural key -> id (of what was there, or of what this import created)
        self.company_ids: dict[str, int] = {}
        self.enterprise_ids: dict[tuple[str, str], int] = {}
        self.customer_ids: dict[str, int] = {}
        self.sale_ids: dict[SaleKey, int] = {}
        self._enterprise_key: dict[int, tuple[str, str]] = {}
        self._created_customers: set[str] = set()
        self._created_sales: set[SaleKey] = set()

    def counts(self) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        return dict(self.created), dict(self.updated), dict(self.removed)

    # -- a batch --------------------------------------------------------------------------

    def load(self, batch: Batch, advance: Callable[[int], None] | None = None) -> None:
        self._companies(batch)
        self._enterprises(batch)
        self._customers(batch, advance)
        self._sales(batch, advance)
        self._installments(batch, advance)

    def _companies(self, batch: Batch) -> None:
        inserts, updates = [], []
        existing: dict[str, tuple[int, str]] = {}
        for keys in chunks(batch.companies, IN_CHUNK):
            query = select(companies_t.c.cnpj, companies_t.c.id, companies_t.c.name).where(
                companies_t.c.cnpj.in_(keys)
            )
            for cnpj, id_, name in self.conn.execute(query):
                existing[cnpj] = (id_, name)
        for cnpj, name in batch.companies.items():
            if cnpj in existing:
                id_, old_name = existing[cnpj]
                self.company_ids[cnpj] = id_
                if name is not ABSENT and (name or "") != old_name:
                    updates.append({"b_id": id_, "v_name": name or ""})
            else:
                inserts.append({"cnpj": cnpj, "name": name or ""})
        self.created["companies"] += len(inserts)
        self.updated["companies"] += len(updates)
        if not self.write:
            return
        _insert(self.conn, companies_t, inserts)
        _update(self.conn, companies_t, updates, ["name"])
        for cnpj, id_ in _read_ids(self.conn, companies_t, "cnpj", [r["cnpj"] for r in inserts]):
            self.company_ids[cnpj] = id_

    def _read_enterprises(self, company_ids: Iterable[int]) -> None:
        company_of = {id_: cnpj for cnpj, id_ in self.company_ids.items()}
        for keys in chunks(company_ids, IN_CHUNK):
            query = select(
                enterprises_t.c.company_id, enterprises_t.c.code, enterprises_t.c.id
            ).where(enterprises_t.c.company_id.in_(keys))
            for company_id, code, id_ in self.conn.execute(query):
                key = (company_of[company_id], code)
                self.enterprise_ids[key] = id_
                self._enterprise_key[id_] = key

    def _enterprises(self, batch: Batch) -> None:
        # every enterprise of a company new to this import: a sale's stored enterprise is
        # compared by its code
        fresh = [self.company_ids[c] for c in batch.companies if c in self.company_ids]
        self._read_enterprises(fresh)
        inserts = sorted(key for key in batch.enterprises if key not in self.enterprise_ids)
        self.created["enterprises"] += len(inserts)
        if not self.write or not inserts:
            return
        _insert(
            self.conn,
            enterprises_t,
            [{"company_id": self.company_ids[cnpj], "code": code} for cnpj, code in inserts],
        )
        self._read_enterprises({self.company_ids[cnpj] for cnpj, _ in inserts})

    def _customers(self, batch: Batch, advance) -> None:
        """New customers are created with the values known so far; ``finish`` compares
        every customer's final values (later rows may fill columns an earlier row lacked)."""
        for keys in chunks(batch.customers, IN_CHUNK):
            query = select(customers_t.c.document, customers_t.c.id).where(
                customers_t.c.document.in_(keys)
            )
            for document, id_ in self.conn.execute(query):
                self.customer_ids[document] = id_
        new = [
            (document, kind, values)
            for document, (kind, values) in batch.customers.items()
            if document not in self.customer_ids
        ]
        self.created["customers"] += len(new)
        self._created_customers.update(document for document, _, _ in new)
        if not self.write or not new:
            return
        day = self.bulk.day
        rows = []
        for document, kind, values in new:
            row = dict(zip(PERSON_ATTRS, (None if v is ABSENT else v for v in values), strict=True))
            row["name"] = row["name"] or ""
            row["birth_date"] = day(row["birth_date"])
            rows.append((document, kind, *(row[a] for a in PERSON_ATTRS)))
        if self.bulk.gives_ids:
            ids = self.bulk.new_ids(customers_t, len(rows))
            for id_, row in zip(ids, rows, strict=True):
                self.customer_ids[row[0]] = id_
            self.bulk.insert(
                customers_t,
                ("id", *_CUSTOMER_INSERT_COLUMNS),
                ((id_, *row) for id_, row in zip(ids, rows, strict=True)),
                advance,
            )
            return
        self.bulk.insert(customers_t, _CUSTOMER_INSERT_COLUMNS, rows, advance)
        for document, id_ in _read_ids(
            self.conn, customers_t, "document", [row[0] for row in rows]
        ):
            self.customer_ids[document] = id_

    def _sales(self, batch: Batch, advance) -> None:
        existing = self._stored_sales(batch.sales)
        customer_doc = {id_: doc for doc, id_ in self.customer_ids.items()}
        inserts, updates = [], []
        for key, sale in batch.sales.items():
            cnpj = key[0]
            enterprise = (
                sale.enterprise
                if sale.enterprise is ABSENT
                else ((cnpj, sale.enterprise) if sale.enterprise else None)
            )
            if key not in existing:
                inserts.append(
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
            self.sale_ids[key] = id_
            old = (
                self._enterprise_key.get(enterprise_id) if enterprise_id else None,
                customer_doc.get(holder_id),
                situation,
                situation_date,
            )
            new = _merge((enterprise, sale.holder, sale.situation, sale.situation_date), old)
            if new != old:
                updates.append((id_, *new))
        self.created["sales"] += len(inserts)
        self.updated["sales"] += len(updates)
        self._created_sales.update(key for key, *_ in inserts)
        if not self.write:
            return
        self._insert_sales(inserts, advance)
        _update(
            self.conn,
            sales_t,
            [
                {
                    "b_id": id_,
                    "v_enterprise_id": self._enterprise_id(enterprise),
                    "v_holder_id": self.customer_ids[holder],
                    "v_situation": str(situation),
                    "v_situation_date": situation_date,
                }
                for id_, enterprise, holder, situation, situation_date in updates
            ],
            ["enterprise_id", "holder_id", "situation", "situation_date"],
        )

    def _enterprise_id(self, key: Any) -> int | None:
        return self.enterprise_ids[key] if key else None

    def _stored_sales(self, sales: Iterable[SaleKey]) -> dict[SaleKey, tuple]:
        existing: dict[SaleKey, tuple] = {}
        by_company: dict[str, list[str]] = {}
        for cnpj, number in sales:
            if cnpj in self.company_ids:
                by_company.setdefault(cnpj, []).append(number)
        for cnpj, numbers in by_company.items():
            for keys in chunks(numbers, IN_CHUNK):
                query = select(
                    sales_t.c.number,
                    sales_t.c.id,
                    sales_t.c.enterprise_id,
                    sales_t.c.holder_id,
                    sales_t.c.situation,
                    sales_t.c.situation_date,
                ).where(sales_t.c.company_id == self.company_ids[cnpj], sales_t.c.number.in_(keys))
                for number, *stored in self.conn.execute(query):
                    existing[(cnpj, number)] = tuple(stored)
        return existing

    def _insert_sales(self, inserts: list[tuple], advance) -> None:
        day = self.bulk.day
        rows = [
            (
                self.company_ids[cnpj],
                number,
                self._enterprise_id(enterprise),
                self.customer_ids[holder],
                str(situation),
                day(situation_date),
            )
            for (cnpj, number), enterprise, holder, situation, situation_date in inserts
        ]
        if self.bulk.gives_ids:
            ids = self.bulk.new_ids(sales_t, len(rows))
            for id_, (key, *_) in zip(ids, inserts, strict=True):
                self.sale_ids[key] = id_
            self.bulk.insert(
                sales_t,
                ("id", *_SALE_INSERT_COLUMNS),
                ((id_, *row) for id_, row in zip(ids, rows, strict=True)),
                advance,
            )
            return
        self.bulk.insert(sales_t, _SALE_INSERT_COLUMNS, rows, advance)
        by_company: dict[str, list[str]] = {}
        for (cnpj, number), *_ in inserts:
            by_company.setdefault(cnpj, []).append(number)
        for cnpj, numbers in by_company.items():
            for keys in chunks(numbers, IN_CHUNK):
                query = select(sales_t.c.number, sales_t.c.id).where(
                    sales_t.c.company_id == self.company_ids[cnpj], sales_t.c.number.in_(keys)
                )
                for number, id_ in self.conn.execute(query):
                    self.sale_ids[(cnpj, number)] = id_

    def _installments(self, batch: Batch, advance) -> None:
        """Installments of sales this import created are all new (and are not listed
        again: they are read from the batch as they are written); those of stored sales
        are read a batch of sales at a time and compared."""
        created: list[SaleKey] = []
        new_of_stored: list[tuple[SaleKey, int, bytes]] = []
        updates: list[dict] = []
        stored_sales: list[tuple[int, SaleKey]] = []
        for key in batch.installments:
            if key in self._created_sales:
                created.append(key)
            else:
                stored_sales.append((self.sale_ids[key], key))
        for sales in chunks(stored_sales, IN_CHUNK // 2):
            key_of = dict(sales)
            stored: dict[int, dict[int, tuple]] = {id_: {} for id_ in key_of}
            query = select(
                installments_t.c.sale_id,
                installments_t.c.number,
                installments_t.c.id,
                *_INSTALLMENT_COLUMNS,
            ).where(installments_t.c.sale_id.in_(list(key_of)))
            for sale_id, number, id_, *old in self.conn.execute(query):
                stored[sale_id][number] = (id_, tuple(old))
            for sale_id, old_installments in stored.items():
                key = key_of[sale_id]
                for number, record in batch.installments[key]:
                    found = old_installments.get(number)
                    if found is None:
                        new_of_stored.append((key, number, record))
                        continue
                    values = _installment_defaults(packed.unpack(record)[0])
                    id_, old = found
                    merged = _merge(values, old)
                    if merged != old:
                        updates.append(_installment_update(id_, merged))
        self.created["installments"] += len(new_of_stored) + sum(
            len(batch.installments[key]) for key in created
        )
        self.updated["installments"] += len(updates)
        if not self.write:
            return
        of_created = (
            (key, number, record) for key in created for number, record in batch.installments[key]
        )
        self._insert_installments(chain(of_created, new_of_stored), advance)
        _update(self.conn, installments_t, updates, list(INSTALLMENT_ATTRS), advance)

    def _insert_installments(self, new: Iterable[tuple[SaleKey, int, bytes]], advance) -> None:
        """Unpacked one at a time as they are written."""
        day, flag, sale_ids = self.bulk.day, self.bulk.flag, self.sale_ids

        def rows():
            for key, number, record in new:
                values = _new_installment(_installment_defaults(packed.unpack(record)[0]))
                due, ext, principal, adjusted, paid, payment, disputed = values
                yield (
                    sale_ids[key],
                    number,
                    day(due),
                    day(ext),
                    principal,
                    adjusted,
                    paid,
                    day(payment),
                    flag(disputed),
                )

        self.bulk.insert(installments_t, _INSTALLMENT_INSERT_COLUMNS, rows(), advance)

    # -- the whole file -------------------------------------------------------------------

    def finish(self, p: Portfolio) -> None:
        """What only the whole file knows: each customer's final values, and each sale's
        set of guarantors."""
        self._final_customers(p)
        if p.guarantors is not None:
            self._guarantors(p)

    def _final_customers(self, p: Portfolio) -> None:
        updates = []
        stored_documents = [doc for doc in p.customers if doc in self.customer_ids]
        for keys in chunks(stored_documents, IN_CHUNK):
            query = select(
                customers_t.c.document, customers_t.c.id, customers_t.c.kind, *_CUSTOMER_COLUMNS
            ).where(customers_t.c.document.in_(keys))
            for document, id_, kind, *old in self.conn.execute(query):
                data = p.customers[document]
                merged = _merge(data.values, old)
                if merged != tuple(old) or kind != data.kind:
                    row = {f"v_{a}": v for a, v in zip(PERSON_ATTRS, merged, strict=True)}
                    row["v_kind"] = data.kind
                    row["b_id"] = id_
                    row["v_name"] = row["v_name"] or ""
                    updates.append((document, row))
        # a customer this import created and a later row completed is still "created"
        self.updated["customers"] += sum(
            1 for document, _ in updates if document not in self._created_customers
        )
        if self.write:
            _update(self.conn, customers_t, [row for _, row in updates], [*PERSON_ATTRS, "kind"])

    def _guarantors(self, p: Portfolio) -> None:
        assert p.guarantors is not None
        stored_sales = {
            self.sale_ids[key]: key
            for key in p.guarantors
            if key in self.sale_ids and key not in self._created_sales
        }
        stored_keys = set(stored_sales.values())
        existing: dict[SaleKey, set[int]] = {}
        for keys in chunks(stored_sales, IN_CHUNK):
            query = select(guarantors_t.c.sale_id, guarantors_t.c.customer_id).where(
                guarantors_t.c.sale_id.in_(keys)
            )
            for sale_id, customer_id in self.conn.execute(query):
                existing.setdefault(stored_sales[sale_id], set()).add(customer_id)
        inserts: list[tuple[SaleKey, str]] = []
        deletes: list[tuple[int, int]] = []
        for key, documents in p.guarantors.items():
            stored = existing.get(key, set())
            wanted_ids = set()
            for document in sorted(documents):
                customer_id = self.customer_ids.get(document)
                if customer_id is None or customer_id not in stored:
                    inserts.append((key, document))
                if customer_id is not None:
                    wanted_ids.add(customer_id)
            if key in stored_keys:
                deletes.extend((self.sale_ids[key], c) for c in stored - wanted_ids)
        self.created["guarantors"] += len(inserts)
        self.removed["guarantors"] += len(deletes)
        if not self.write:
            return
        self.bulk.insert(
            guarantors_t,
            ("sale_id", "customer_id"),
            ((self.sale_ids[key], self.customer_ids[doc]) for key, doc in inserts),
        )
        if deletes:
            statement = delete(guarantors_t).where(
                guarantors_t.c.sale_id == bindparam("b_sale"),
                guarantors_t.c.customer_id == bindparam("b_customer"),
            )
            self.conn.execute(statement, [{"b_sale": s, "b_customer": c} for s, c in deletes])


def _installment_update(id_: int, values: tuple) -> dict:
    row = {
        f"v_{a}": from_cents(v) if a in _MONEY_ATTRS else v
        for a, v in zip(INSTALLMENT_ATTRS, values, strict=True)
    }
    row["b_id"] = id_
    return row


def _insert(conn: Connection, table: Table, rows: list[dict]) -> None:
    for batch in chunks(rows, WRITE_CHUNK):
        conn.execute(table.insert(), batch)


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


__all__ = ["ENTITIES", "Loader"]
