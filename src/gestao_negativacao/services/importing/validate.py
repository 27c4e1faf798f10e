"""Validation of one row of an export into typed values, with every problem reported as
(line, column, message). Values that repeat across rows (company, sale, people) are
parsed once per distinct text, which keeps a million-row file fast."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from gestao_negativacao.domain.address import UFS
from gestao_negativacao.domain.documents import InvalidDocument, parse_document
from gestao_negativacao.domain.enums import PersonKind
from gestao_negativacao.domain.ibge import city_code
from gestao_negativacao.domain.money import format_brl, from_cents
from gestao_negativacao.services.importing import columns as C
from gestao_negativacao.services.importing.parsing import (
    decimal_vote,
    normalise_cep,
    normalise_phone,
    parse_cents,
    parse_date,
    parse_flag,
    parse_installment_number,
    parse_situation,
)


class _Absent:
    """The file has no such column: the stored value stays as it is."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT: Any = _Absent()


@dataclass(frozen=True, slots=True)
class Issue:
    line: int
    column: str
    message: str

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column, "message": self.message}


# A person as read: document, kind, then the customer columns in PERSON_ATTRS order.
PERSON_ATTRS = (
    "name",
    "birth_date",
    "email",
    "phone",
    "cep",
    "street",
    "number",
    "complement",
    "district",
    "city",
    "uf",
)
INSTALLMENT_ATTRS = (
    "due_date",
    "extended_due_date",
    "principal",
    "adjusted",
    "paid",
    "payment_date",
    "disputed",
)
_TEXT_LIMITS = {
    "name": 150,
    "email": 150,
    "phone": 30,
    "street": 150,
    "number": 20,
    "complement": 80,
    "district": 80,
    "city": 80,
}


@dataclass(frozen=True, slots=True)
class Person:
    document: str
    kind: PersonKind
    values: tuple  # PERSON_ATTRS, each a value, None (empty cell) or ABSENT
    # (column, message) warnings, reported once per customer, not on every row
    address_defects: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class ParsedRow:
    line: int
    company_cnpj: str
    company_name: Any  # str or ABSENT
    enterprise: Any  # code, None (no enterprise) or ABSENT
    sale: str
    situation: Any  # SaleSituation or ABSENT
    situation_date: Any  # date, None or ABSENT
    holder: Person
    guarantor: Person | None
    installment: int
    values: tuple  # INSTALLMENT_ATTRS, each a value (money in cents), None or ABSENT


def detect_decimal_separator(rows: Sequence[tuple[int, list[str]]], indexes: list[int]) -> str:
    """The separator most money cells prove; Brazilian comma when none proves anything."""
    votes = {",": 0, ".": 0}
    for _, cells in rows:
        for index in indexes:
            if index < len(cells) and cells[index]:
                vote = decimal_vote(cells[index])
                if vote:
                    votes[vote] += 1
        if votes[","] + votes["."] >= 2000:
            break
    return "." if votes["."] > votes[","] else ","


# control characters a text cell never holds (tab, line feed and carriage return may: a
# quoted CSV cell can span lines)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RowValidator:
    """Validates rows of one file. ``column_index`` maps known column names to positions."""

    def __init__(self, column_index: dict[str, int], decimal_sep: str, today: date) -> None:
        self.index = column_index
        self.decimal_sep = decimal_sep
        self.today = today
        self._company_cache: dict[tuple, tuple] = {}
        self._person_cache: dict[tuple, tuple] = {}
        self._sale_cache: dict[tuple, tuple] = {}
        # Each row is stripped and padded once; a column the file lacks points at the
        # extra last cell, which holds None. Groups are then cut with itemgetter.
        self.width = max(column_index.values(), default=-1) + 1
        self._getters = {
            group: itemgetter(*[self.index.get(name, self.width) for name in names])
            for group, names in (
                ("company", C.COMPANY_COLUMNS),
                ("sale", C.SALE_COLUMNS),
                ("holder", C.HOLDER_COLUMNS),
                ("guarantor", C.GUARANTOR_COLUMNS),
                ("installment", C.INSTALLMENT_COLUMNS),
                ("head", C.COMPANY_COLUMNS + C.SALE_COLUMNS + C.HOLDER_COLUMNS),
            )
        }
        self._previous_head: tuple | None = None
        self._previous_parts: tuple = ()
        self._previous_issues: tuple = ((), ())

    def _prepare(self, cells: list[str]) -> list:
        """Pad or cut the row to the header's width; cells are stripped later, only where
        a value is parsed for the first time (most rows repeat their company and people)."""
        width = self.width
        if len(cells) == width:
            return [*cells, None]
        row: list = list(cells[:width])
        row.extend([""] * (width - len(row)))
        row.append(None)
        return row

    # -- groups ---------------------------------------------------------------------

    def _company(self, raw: tuple) -> tuple:
        cached = self._company_cache.get(raw)
        if cached is not None:
            return cached
        key, raw = raw, _stripped(raw)
        cnpj_text, name = raw
        problems: list[tuple[str, str]] = []
        cnpj = None
        if not cnpj_text:
            problems.append(("empresa_cnpj", "CNPJ da empresa não informado"))
        else:
            try:
                doc = parse_document(cnpj_text)
                if doc.kind is PersonKind.PERSON:
                    problems.append(
                        ("empresa_cnpj", f"esperado o CNPJ da empresa, veio um CPF: {cnpj_text}")
                    )
                else:
                    cnpj = doc.value
            except InvalidDocument as exc:
                problems.append(("empresa_cnpj", str(exc)))
        if name is not None and len(name) > 150:
            problems.append(("empresa_nome", "nome da empresa com mais de 150 caracteres"))
        result = (cnpj, ABSENT if name is None else name, tuple(problems))
        self._company_cache[key] = result
        return result

    def _sale(self, raw: tuple) -> tuple:
        cached = self._sale_cache.get(raw)
        if cached is not None:
            return cached
        key, raw = raw, _stripped(raw)
        enterprise, number, situation_text, situation_date_text = raw
        problems: list[tuple[str, str]] = []
        if not number:
            problems.append(("venda", "número da venda não informado"))
        elif len(number) > 40:
            problems.append(("venda", "número da venda com mais de 40 caracteres"))
        if enterprise is not None and len(enterprise) > 40:
            problems.append(
                ("empreendimento", "código do empreendimento com mais de 40 caracteres")
            )
        situation: Any = ABSENT
        if situation_text is not None:
            try:
                situation = parse_situation(situation_text)
            except ValueError as exc:
                problems.append(("venda_situacao", str(exc)))
        situation_date: Any = ABSENT
        if situation_date_text is not None:
            situation_date = None
            if situation_date_text:
                try:
                    situation_date = parse_date(situation_date_text)
                except ValueError as exc:
                    problems.append(("venda_data_situacao", str(exc)))
        enterprise_value = ABSENT if enterprise is None else (enterprise or None)
        result = (enterprise_value, number, situation, situation_date, tuple(problems))
        self._sale_cache[key] = result
        return result

    def _person(self, raw: tuple, prefix: str) -> tuple:
        """Returns (Person or None, errors, warnings) for the titular_/avalista_ columns."""
        key = (prefix, raw)
        cached = self._person_cache.get(key)
        if cached is not None:
            return cached
        raw = _stripped(raw)
        errors: list[tuple[str, str]] = []
        doc_text, name, birth, email, phone, cep, street, number, compl, district, city, uf = raw
        who = "titular" if prefix == "titular" else "avalista"
        document = kind = None
        if not doc_text:
            errors.append((f"{prefix}_documento", f"CPF/CNPJ do {who} não informado"))
        else:
            try:
                doc = parse_document(doc_text)
                document, kind = doc.value, doc.kind
            except InvalidDocument as exc:
                errors.append((f"{prefix}_documento", str(exc)))
        if name is not None and not name:
            errors.append((f"{prefix}_nome", f"nome do {who} não informado"))
        birth_date: Any = _opt(birth)
        if birth:
            try:
                birth_date = parse_date(birth)
                if birth_date > self.today or birth_date.year < 1900:
                    errors.append(
                        (f"{prefix}_nascimento", f"data de nascimento impossível: {birth}")
                    )
            except ValueError as exc:
                errors.append((f"{prefix}_nascimento", str(exc)))
            if kind is PersonKind.COMPANY:
                birth_date = None  # a company has no age
        values = (
            _opt(name),
            birth_date,
            _opt(email),
            _opt(phone, normalise_phone),
            _opt(cep, normalise_cep),
            _opt(street),
            _opt(number),
            _opt(compl),
            _opt(district),
            _opt(city),
            _opt(uf, str.upper),
        )
        for attr, limit in _TEXT_LIMITS.items():
            value = values[PERSON_ATTRS.index(attr)]
            if value and len(value) > limit:
                errors.append(
                    (f"{prefix}_{_COLUMN_OF[attr]}", f"texto com mais de {limit} caracteres")
                )
        warnings: list[tuple[str, str]] = []
        if email and ("@" not in email or "." not in email.split("@")[-1]):
            warnings.append((f"{prefix}_email", f"e-mail inválido: {email}"))
        defects = tuple(_address_defects(prefix, dict(zip(PERSON_ATTRS, values, strict=True))))
        person = None
        if document is not None and kind is not None:
            person = Person(document, kind, values, defects)
        result = (person, tuple(errors), tuple(warnings))
        self._person_cache[key] = result
        return result

    def _installment(self, raw: tuple) -> tuple[int | None, tuple, list[tuple[str, str]]]:
        """Fast path for a well-formed row; any problem re-reads the cells one by one to
        say exactly which is wrong. Every parser ignores surrounding spaces itself."""
        number_text, due, extended, principal, adjusted, paid, payment, disputed = raw
        sep = self.decimal_sep
        try:
            values = (
                parse_date(due),
                _opt_parse(extended, parse_date),
                parse_cents(principal, sep),
                ABSENT if adjusted is None else (parse_cents(adjusted, sep) if adjusted else None),
                ABSENT if paid is None else (parse_cents(paid, sep) if paid else None),
                _opt_parse(payment, parse_date),
                _opt_parse(disputed, parse_flag),
            )
            return parse_installment_number(number_text), values, []
        except (ValueError, AttributeError):
            return self._installment_checked(raw)

    def _installment_checked(self, raw: tuple) -> tuple[int | None, tuple, list[tuple[str, str]]]:
        number_text, due, extended, principal, adjusted, paid, payment, disputed = raw
        errors: list[tuple[str, str]] = []
        number = None
        if not number_text or number_text.isspace():
            errors.append(("parcela", "número da parcela não informado"))
        else:
            try:
                number = parse_installment_number(number_text)
            except ValueError as exc:
                errors.append(("parcela", str(exc)))
        due_date = None
        if not due or due.isspace():
            errors.append(("vencimento", "data de vencimento não informada"))
        else:
            try:
                due_date = parse_date(due)
            except ValueError as exc:
                errors.append(("vencimento", str(exc)))
        values: list[Any] = [due_date]
        values.append(self._optional(extended, "prorrogacao", parse_date, errors))
        principal_value = None
        if not principal or principal.isspace():
            errors.append(("valor_principal", "valor principal não informado"))
        else:
            principal_value = self._money(principal, "valor_principal", errors)
        values.append(principal_value)
        values.append(self._optional(adjusted, "valor_reajustado", self._parse_money, errors))
        values.append(self._optional(paid, "valor_pago", self._parse_money, errors))
        values.append(self._optional(payment, "data_pagamento", parse_date, errors))
        values.append(self._optional(disputed, "em_disputa", parse_flag, errors))
        return number, tuple(values), errors

    # -- helpers --------------------------------------------------------------------

    def _parse_money(self, text: str) -> int:
        return parse_cents(text, self.decimal_sep)

    def _money(self, text: str, column: str, errors: list) -> int | None:
        try:
            return parse_cents(text, self.decimal_sep)
        except ValueError as exc:
            errors.append((column, str(exc)))
            return None

    @staticmethod
    def _optional(text: str | None, column: str, parser, errors: list) -> Any:
        if text is None:
            return ABSENT
        if not text or text.isspace():
            return None
        try:
            return parser(text)
        except ValueError as exc:
            errors.append((column, str(exc)))
            return None

    # -- the row --------------------------------------------------------------------

    def _controls(self, line: int, cells: list[str]) -> list[Issue]:
        """A NUL or another control character in a cell (a broken export): named by line
        and column, so the row is refused here instead of breaking the database's write
        (PostgreSQL refuses NUL in text)."""
        names = {position: name for name, position in self.index.items()}
        issues = []
        for position, cell in enumerate(cells):
            found = _CONTROL.search(cell)
            if found:
                column = names.get(position, f"coluna {position + 1}")
                code = f"0x{ord(found.group()):02X}"
                issues.append(
                    Issue(
                        line,
                        column,
                        f"caractere de controle ({code}) no texto: corrija o cadastro no ERP "
                        "ou exporte de novo",
                    )
                )
        return issues

    def validate(
        self, line: int, cells: list[str]
    ) -> tuple[ParsedRow | None, list[Issue], list[Issue]]:
        if _CONTROL.search("".join(cells)):
            return None, self._controls(line, cells), []
        row = self._prepare(cells)
        get = self._getters
        # Rows of one sale are usually adjacent and repeat the same company, sale and holder
        # cells: comparing with the previous row is cheaper than hashing fresh strings.
        # (This runs a million times for a big file: lists are made only when needed.)
        head = get["head"](row)
        if head == self._previous_head:
            cnpj, company_name, enterprise, sale, situation, situation_date, holder = (
                self._previous_parts
            )
            head_errors, head_warnings = self._previous_issues
        else:
            cnpj, company_name, company_problems = self._company(get["company"](row))
            enterprise, sale, situation, situation_date, sale_problems = self._sale(
                get["sale"](row)
            )
            holder, holder_errors, head_warnings = self._person(get["holder"](row), "titular")
            head_errors = company_problems + sale_problems + holder_errors
            self._previous_head = head
            self._previous_parts = (
                cnpj, company_name, enterprise, sale, situation, situation_date, holder,
            )  # fmt: skip
            self._previous_issues = (head_errors, head_warnings)
        errors: list[tuple[str, str]] = list(head_errors)
        warnings: list[tuple[str, str]] = list(head_warnings)

        guarantor = None
        guarantor_raw = get["guarantor"](row)
        if guarantor_raw[0] and guarantor_raw[0].strip():  # avalista_documento filled
            guarantor, g_errors, g_warnings = self._person(guarantor_raw, "avalista")
            if g_errors:
                errors.extend(g_errors)
            if g_warnings:
                warnings.extend(g_warnings)
            if guarantor_raw[1] is None:
                errors.append(
                    (
                        "avalista_nome",
                        "há avalista nesta linha, mas o arquivo não tem avalista_nome",
                    )
                )
            if guarantor and holder and guarantor.document == holder.document:
                errors.append(("avalista_documento", "o avalista é o próprio titular da venda"))
        elif any(guarantor_raw[1:]) and any(v and v.strip() for v in guarantor_raw[1:]):
            errors.append(
                ("avalista_documento", "há dados de avalista nesta linha, mas falta o CPF/CNPJ")
            )

        number, values, inst_errors = self._installment(get["installment"](row))
        if inst_errors:
            errors.extend(inst_errors)
        else:
            overpaid = paid_more_than_owed(values)
            if overpaid:
                errors.append(("valor_pago", overpaid))
            due, extended, _principal, _adjusted, paid, payment, _disputed = values
            if extended and extended < due:
                warnings.append(("prorrogacao", "data de prorrogação anterior ao vencimento"))
            if paid and payment is None:
                warnings.append(("data_pagamento", _PAYMENT_WITHOUT_DATE))

        line_errors = [Issue(line, c, m) for c, m in errors] if errors else []
        line_warnings = [Issue(line, c, m) for c, m in warnings] if warnings else []
        if line_errors or cnpj is None or holder is None or number is None:
            return None, line_errors, line_warnings
        return (
            ParsedRow(
                line,
                cnpj,
                company_name,
                enterprise,
                sale,
                situation,
                situation_date,
                holder,
                guarantor,
                number,
                values,
            ),
            line_errors,
            line_warnings,
        )


_PAYMENT_WITHOUT_DATE = (
    "pagamento sem data: o prazo legal de baixa (5 dias úteis) não pode ser calculado"
)


def paid_more_than_owed(values: tuple) -> str | None:
    """Money here is in cents; None and ABSENT are told apart by identity (comparing them
    with ``==`` would be slower and mean nothing)."""
    _due, _ext, principal, adjusted, paid, _payment, _disputed = values
    owed = principal if adjusted is None or adjusted is ABSENT else adjusted
    if paid is not None and paid is not ABSENT and owed is not None and paid > owed:
        return (
            f"valor pago ({format_brl(from_cents(paid))}) maior que o valor devido "
            f"({format_brl(from_cents(owed))})"
        )
    return None


_COLUMN_OF = {
    "name": "nome",
    "email": "email",
    "phone": "telefone",
    "street": "logradouro",
    "number": "numero",
    "complement": "complemento",
    "district": "bairro",
    "city": "cidade",
}


def _stripped(raw: tuple) -> tuple:
    return tuple(v.strip() if v else v for v in raw)


def _opt_parse(text: str | None, parser) -> Any:
    if text is None:
        return ABSENT
    return parser(text) if text and not text.isspace() else None


def _opt(text: str | None, transform=None) -> Any:
    """An absent column stays ABSENT; an empty cell becomes None."""
    if text is None:
        return ABSENT
    if transform is not None:
        text = transform(text)
    return text or None


_ADDRESS_BLOCKED = "a inclusão nos birôs fica bloqueada até o endereço ser corrigido"


def _address_defects(prefix: str, values: dict[str, Any]) -> list[tuple[str, str]]:
    """Warnings only: the row imports, and the address guard holds back its inclusion."""
    defects = []
    cep = values["cep"]
    if cep is not ABSENT:
        if not cep:
            defects.append((f"{prefix}_cep", f"CEP não informado: {_ADDRESS_BLOCKED}"))
        elif len(cep) != 8:
            defects.append(
                (f"{prefix}_cep", f"CEP com {len(cep)} dígitos (deve ter 8): {_ADDRESS_BLOCKED}")
            )
    if values["street"] is None:
        defects.append((f"{prefix}_logradouro", f"logradouro não informado: {_ADDRESS_BLOCKED}"))
    if values["city"] is None:
        defects.append((f"{prefix}_cidade", f"cidade não informada: {_ADDRESS_BLOCKED}"))
    uf = values["uf"]
    if uf is None:
        defects.append((f"{prefix}_uf", f"UF não informada: {_ADDRESS_BLOCKED}"))
    elif uf is not ABSENT and uf not in UFS:
        defects.append((f"{prefix}_uf", f"UF inválida: {uf!r}: {_ADDRESS_BLOCKED}"))
    city = values["city"]
    if city not in (None, ABSENT) and uf in UFS and city_code(city, uf) is None:
        defects.append(
            (
                f"{prefix}_cidade",
                f"cidade {city!r} não está na tabela de municípios do IBGE para {uf}: a Boa "
                "Vista exige o código do município e recusará o envio até a cidade ser corrigida",
            )
        )
    return defects
