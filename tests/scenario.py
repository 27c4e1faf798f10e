"""A small portfolio written straight into the database, for rule tests that need exact
dates and values (the importer has its own tests)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from gestao_negativacao.db.models import (
    Company,
    Customer,
    Enterprise,
    Installment,
    Negativation,
    Sale,
    SaleGuarantor,
    SendQueueEntry,
)
from gestao_negativacao.services.database import Database

# valid documents that belong to nobody
CNPJS = ["29141777000158", "12ABC34501DE35", "11222333000181", "0SHE6K11000109"]
CPFS = [
    "41224824458",
    "61983914509",
    "01610339622",
    "86570704990",
    "97298150626",
    "84847513509",
    "83101222842",
    "12345678909",
    "52998224725",
    "11144477735",
]
ADDRESS = {"cep": "01310100", "street": "Avenida Paulista", "city": "São Paulo", "uf": "SP"}


@dataclass
class Scenario:
    db: Database
    ids: dict[str, int] = field(default_factory=dict)
    _docs: itertools.count = field(default_factory=itertools.count)

    def _session(self) -> Session:
        return self.db.session_factory()

    def company(self, key: str = "c1", cnpj: str | None = None) -> int:
        if key in self.ids:
            return self.ids[key]
        with self._session() as s:
            company = Company(
                cnpj=cnpj or CNPJS[len([k for k in self.ids if k.startswith("c")])], name=key
            )
            s.add(company)
            s.commit()
            self.ids[key] = company.id
        return company.id

    def customer(
        self,
        key: str,
        *,
        kind: str = "F",
        birth: date | None = date(1980, 1, 1),
        document: str | None = None,
        **address,
    ) -> int:
        values = {**ADDRESS, **address}
        with self._session() as s:
            used = len([k for k in self.ids if k.startswith("p:")])
            doc = document or (CPFS[used] if kind == "F" else CNPJS[-1 - used % 2])
            customer = Customer(document=doc, kind=kind, name=key, birth_date=birth, **values)
            s.add(customer)
            s.commit()
            self.ids[f"p:{key}"] = customer.id
        return customer.id

    def document(self, key: str) -> str:
        with self._session() as s:
            return s.get(Customer, self.ids[f"p:{key}"]).document

    def sale(
        self,
        key: str,
        holder: str,
        *,
        guarantors: tuple[str, ...] = (),
        company: str = "c1",
        enterprise: str | None = None,
        situation: str = "ativa",
    ) -> int:
        company_id = self.company(company)
        with self._session() as s:
            enterprise_id = None
            if enterprise:
                ent = Enterprise(company_id=company_id, code=enterprise)
                s.add(ent)
                s.flush()
                enterprise_id = ent.id
            sale = Sale(
                company_id=company_id,
                number=key,
                holder_id=self.ids[f"p:{holder}"],
                enterprise_id=enterprise_id,
                situation=situation,
            )
            s.add(sale)
            s.flush()
            for g in guarantors:
                s.add(SaleGuarantor(sale_id=sale.id, customer_id=self.ids[f"p:{g}"]))
            s.commit()
            self.ids[f"s:{key}"] = sale.id
        return sale.id

    def installment(
        self,
        sale: str,
        number: int,
        due: date,
        value: str = "100.00",
        *,
        extended: date | None = None,
        adjusted: str | None = None,
        paid: str = "0.00",
        disputed: bool = False,
        payment_date: date | None = None,
    ) -> int:
        with self._session() as s:
            inst = Installment(
                sale_id=self.ids[f"s:{sale}"],
                number=number,
                due_date=due,
                extended_due_date=extended,
                principal=Decimal(value),
                adjusted=Decimal(adjusted or value),
                paid=Decimal(paid),
                payment_date=payment_date,
                disputed=disputed,
            )
            s.add(inst)
            s.commit()
            self.ids[f"i:{sale}:{number}"] = inst.id
        return inst.id

    def negativation(
        self,
        sale: str,
        number: int,
        customer: str,
        *,
        integrator: str = "spc_brasil",
        status: str = "ativa",
        processing: str = "ok",
        role: str = "holder",
        included_on: date | None = None,
        rule_id: int | None = None,
        queued: str | None = None,
    ) -> int:
        with self._session() as s:
            neg = Negativation(
                installment_id=self.ids[f"i:{sale}:{number}"],
                customer_id=self.ids[f"p:{customer}"],
                debtor_role=role,
                integrator=integrator,
                status=status,
                processing=processing,
                included_on=included_on,
                rule_id=rule_id,
            )
            s.add(neg)
            s.flush()
            if queued:
                s.add(
                    SendQueueEntry(negativation_id=neg.id, integrator=neg.integrator, action=queued)
                )
            s.commit()
            return neg.id

    def key(
        self, sale: str, number: int, customer: str, role: str = "holder"
    ) -> tuple[int, int, str]:
        return (self.ids[f"i:{sale}:{number}"], self.ids[f"p:{customer}"], role)
