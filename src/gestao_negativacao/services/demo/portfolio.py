"""A realistic synthetic portfolio for demonstrations, training and benchmarks.

It is produced as an ERP export would be (the DESIGN §9 layout, Brazilian formats) and
goes through the ordinary importer, so the demo exercises the same path as real data.
Deterministic for a given seed and ``as_of``.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from validate_docbr import CNPJ, CPF

from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import SaleSituation
from gestao_negativacao.services.importing.reader import FileFormat, Table

HEADERS = [
    "empresa_cnpj", "empresa_nome", "empreendimento", "venda", "venda_situacao",
    "venda_data_situacao", "titular_documento", "titular_nome", "titular_nascimento",
    "titular_email", "titular_telefone", "titular_cep", "titular_logradouro", "titular_numero",
    "titular_complemento", "titular_bairro", "titular_cidade", "titular_uf",
    "avalista_documento", "avalista_nome", "avalista_nascimento", "avalista_cep",
    "avalista_logradouro", "avalista_numero", "avalista_complemento", "avalista_bairro",
    "avalista_cidade", "avalista_uf", "parcela", "vencimento", "prorrogacao",
    "valor_principal", "valor_reajustado", "valor_pago", "data_pagamento", "em_disputa",
]  # fmt: skip

FIRST_NAMES = (
    "Ana", "Antônio", "Beatriz", "Bruno", "Camila", "Carlos", "Cecília", "Cláudio", "Daniela",
    "Débora", "Eduardo", "Elaine", "Fábio", "Fernanda", "Flávia", "Gabriel", "Gustavo",
    "Helena", "Inês", "Isabela", "João", "José", "Júlia", "Lúcia", "Luís", "Márcia",
    "Marcos", "Maria", "Mônica", "Otávio", "Patrícia", "Paulo", "Rafael", "Renata",
    "Sebastião", "Sérgio", "Simone", "Tânia", "Thiago", "Vinícius", "Vitória", "Wagner",
)  # fmt: skip
SURNAMES = (
    "Almeida", "Araújo", "Assunção", "Barbosa", "Brandão", "Cardoso", "Conceição", "Correia",
    "Costa", "Fagundes", "Ferreira", "Gonçalves", "Guimarães", "Lima", "Magalhães", "Melo",
    "Nascimento", "Oliveira", "Pereira", "Ribeiro", "Rocha", "Santos", "Silva", "Simões",
    "Sousa", "Teixeira", "Vieira", "Xavier",
)  # fmt: skip
STREETS = (
    "Rua das Acácias", "Avenida Brasil", "Rua São João", "Rua Tiradentes", "Avenida Paulista",
    "Rua Sete de Setembro", "Rua Dom Pedro II", "Travessa da Conceição", "Rua Marechal Deodoro",
    "Avenida Getúlio Vargas", "Rua Barão do Rio Branco", "Rua Quinze de Novembro",
)  # fmt: skip
DISTRICTS = ("Centro", "Jardim América", "Vila Nova", "Boa Vista", "Santa Mônica", "São José")
# (UF, city, first three digits of its CEPs)
PLACES = (
    ("SP", "São Paulo", (10, 59)),
    ("SP", "Campinas", (130, 131)),
    ("RJ", "Rio de Janeiro", (200, 239)),
    ("MG", "Belo Horizonte", (300, 319)),
    ("BA", "Salvador", (400, 419)),
    ("PE", "Recife", (500, 529)),
    ("CE", "Fortaleza", (600, 611)),
    ("PR", "Curitiba", (800, 829)),
    ("SC", "Florianópolis", (880, 882)),
    ("RS", "Porto Alegre", (900, 919)),
    ("GO", "Goiânia", (740, 749)),
    ("DF", "Brasília", (700, 727)),
    ("PA", "Belém", (660, 668)),
    ("AM", "Manaus", (690, 690)),
    ("ES", "Vitória", (290, 290)),
)
COMPANY_NAMES = (
    "Incorporadora Araújo Ltda", "Construtora Horizonte S.A.", "Loteadora Boa Esperança Ltda",
    "Residencial Ipê Empreendimentos Ltda", "Urbanizadora São Francisco Ltda",
    "Imobiliária Conceição & Filhos Ltda", "Vila Serena Empreendimentos S.A.",
    "Construtora Guimarães Ltda",
)  # fmt: skip
TERM_CHOICES = (6, 12, 12, 24, 24, 36, 48, 60)


@contextmanager
def _seeded_library_random(rng: random.Random) -> Iterator[None]:
    """validate-docbr draws from the module-level random; seed it from ours for the
    duration so that the demo is reproducible, then give the caller its state back."""
    state = random.getstate()
    random.seed(rng.getrandbits(64))
    try:
        yield
    finally:
        random.setstate(state)


@dataclass
class _Person:
    document: str
    name: str
    birth: date | None
    email: str
    phone: str
    address: tuple[
        str, str, str, str, str, str, str
    ]  # cep, street, number, compl, district, city, uf


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _br(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


class DemoPortfolio:
    def __init__(self, installments: int, seed: int, as_of: date) -> None:
        self.target = installments
        self.rng = random.Random(seed)
        self.as_of = as_of
        self._cpf, self._cnpj = CPF(), CNPJ()
        self.customers: list[_Person] = []
        self.used_documents: set[str] = set()

    def _document(self, company: bool, alphanumeric: bool = False) -> str:
        while True:
            if company:
                doc = self._cnpj.generate(digits_only=not alphanumeric)
            else:
                doc = self._cpf.generate()
            if doc not in self.used_documents and len(set(doc)) > 1:
                self.used_documents.add(doc)
                return doc

    def _person(self, *, minor_chance: float) -> _Person:
        rng = self.rng
        is_company = rng.random() < 0.05
        if is_company:
            document = self._document(True, alphanumeric=rng.random() < 0.3)
            name = (
                f"{rng.choice(SURNAMES)} {rng.choice(('Comércio', 'Serviços', 'Transportes'))} Ltda"
            )
            birth = None
        else:
            document = self._document(False)
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
            if rng.random() < minor_chance:
                birth = date(rng.randint(2007, 2010), rng.randint(1, 12), rng.randint(1, 28))
            elif rng.random() < 0.03:
                birth = None
            else:
                birth = date(rng.randint(1945, 2004), rng.randint(1, 12), rng.randint(1, 28))
        uf, city, (low, high) = rng.choice(PLACES)
        cep = f"{rng.randint(low, high):03d}{rng.randint(0, 99999):05d}"
        street = rng.choice(STREETS)
        roll = rng.random()
        if roll < 0.03:
            cep = ""  # the ERP never had it
        elif roll < 0.04:
            street = ""
        complement = rng.choice(("", "", "apto 12", "casa 2"))
        number = str(rng.randint(1, 3000))
        address = (cep, street, number, complement, rng.choice(DISTRICTS), city, uf)
        slug = name.split()[0].lower().encode("ascii", "ignore").decode() or "cliente"
        email = f"{slug}{rng.randint(1, 9999)}@exemplo.com.br" if rng.random() < 0.7 else ""
        phone = (
            f"{rng.randint(11, 99)}9{rng.randint(10000000, 99999999)}" if rng.random() < 0.8 else ""
        )
        return _Person(document, name, birth, email, phone, address)

    def _customer(self, *, minor_chance: float = 0.01) -> _Person:
        if self.customers and self.rng.random() < 0.08:
            return self.rng.choice(self.customers)  # a customer with several sales
        person = self._person(minor_chance=minor_chance)
        self.customers.append(person)
        return person

    def _doc_text(self, document: str) -> str:
        return format_document(document) if self.rng.random() < 0.5 else document

    def table(self) -> Table:
        with _seeded_library_random(self.rng):
            rows = list(self._rows())
        numbered = [(line, cells) for line, cells in enumerate(rows, start=2)]
        return Table(FileFormat("csv", encoding="utf-8", delimiter=";"), list(HEADERS), numbered)

    def _rows(self) -> Iterator[list[str]]:
        rng = self.rng
        company_count = max(2, min(len(COMPANY_NAMES), self.target // 25_000 + 2))
        companies = []
        for index in range(company_count):
            cnpj = self._document(True, alphanumeric=index % 3 == 1)
            enterprises = [f"EMP{n:02d}" for n in rng.sample(range(1, 40), rng.randint(2, 5))]
            companies.append((cnpj, COMPANY_NAMES[index], enterprises))
        made = 0
        sale_number = 0
        while made < self.target:
            cnpj, company_name, enterprises = rng.choice(companies)
            sale_number += 1
            holder = self._customer()
            guarantors = [
                self._customer(minor_chance=0.08) for _ in range(rng.choice((0, 0, 0, 1, 1, 2)))
            ]
            guarantors = [
                g for g in {g.document: g for g in guarantors}.values() if g is not holder
            ]
            term = min(rng.choice(TERM_CHOICES), self.target - made)
            first_due = self.as_of - timedelta(days=rng.randint(-60, 5 * 365 + 200))
            behaviour = rng.choices(("good", "late", "defaulter"), weights=(65, 20, 15))[0]
            stops_at = rng.randint(1, term) if behaviour == "defaulter" else term + 1
            situation = rng.choices(
                tuple(SaleSituation),  # ativa, distrato normal, administrativo, renegociada
                weights=(88, 4, 3, 5),
            )[0]
            situation_date = None
            if situation != SaleSituation.ACTIVE:
                situation_date = min(self.as_of, first_due + timedelta(days=rng.randint(30, 900)))
            base = Decimal(rng.randint(20_000, 300_000)) / 100
            sale_cells = [
                self._doc_text(cnpj), company_name, rng.choice(enterprises), f"V{sale_number:07d}",
                situation, _br(situation_date),
            ]  # fmt: skip
            holder_cells = self._person_cells(holder, with_contact=True)
            for number in range(1, term + 1):
                due = _add_months(first_due, number - 1)
                extended = (
                    due + timedelta(days=rng.randint(10, 60)) if rng.random() < 0.05 else None
                )
                principal = (base * Decimal(rng.uniform(0.9, 1.1))).quantize(Decimal("0.01"))
                years = max(0, (self.as_of - due).days) / 365
                adjusted = None
                if rng.random() < 0.6:
                    adjusted = (principal * Decimal(1 + 0.05 * years)).quantize(Decimal("0.01"))
                owed = adjusted or principal
                paid, paid_on = self._payment(behaviour, number, stops_at, extended or due, owed)
                disputed = "S" if rng.random() < 0.003 else ""
                inst_cells = [
                    str(number), _br(due), _br(extended), _money(principal), _money(adjusted),
                    _money(paid), _br(paid_on), disputed,
                ]  # fmt: skip
                for guarantor in guarantors or [None]:
                    guarantor_cells = self._person_cells(guarantor, with_contact=False)
                    yield sale_cells + holder_cells + guarantor_cells + inst_cells
            made += term

    def _payment(
        self, behaviour: str, number: int, stops_at: int, due: date, owed: Decimal
    ) -> tuple[Decimal | None, date | None]:
        rng = self.rng
        if due >= self.as_of or number >= stops_at:
            return None, None
        delay = {"good": rng.randint(-5, 3), "late": rng.randint(0, 75)}.get(
            behaviour, rng.randint(0, 30)
        )
        paid_on = due + timedelta(days=delay)
        if paid_on >= self.as_of:
            return None, None
        if rng.random() < (0.12 if behaviour == "late" else 0.03):
            return (owed * Decimal(rng.uniform(0.2, 0.9))).quantize(Decimal("0.01")), paid_on
        return owed, paid_on

    def _person_cells(self, person: _Person | None, *, with_contact: bool) -> list[str]:
        if person is None:
            return [""] * 10
        cells = [self._doc_text(person.document), person.name, _br(person.birth)]
        if with_contact:
            cells += [person.email, person.phone]
        return cells + list(person.address)


def demo_table(installments: int = 5000, seed: int = 2026, as_of: date | None = None) -> Table:
    return DemoPortfolio(installments, seed, as_of or date.today()).table()
