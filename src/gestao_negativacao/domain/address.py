"""The notice-letter address the bureaus need (CDC art. 43 §2; LEGAL.md): an 8-digit CEP,
a street, a city and a valid UF. One definition, used by the importer's warnings, the SQL
guard and the "why not" explanation."""

from __future__ import annotations

UFS = frozenset(
    "AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO".split()
)
CEP_LENGTH = 8


def address_defects(
    cep: str | None, street: str | None, city: str | None, uf: str | None
) -> list[str]:
    """What is missing for the notice letter, in words; empty when the address is usable."""
    defects = []
    if not cep:
        defects.append("CEP ausente")
    elif len(cep) != CEP_LENGTH or not cep.isdigit():
        defects.append(f"CEP {cep} não tem 8 dígitos")
    if not street or not street.strip():
        defects.append("logradouro ausente")
    if not city or not city.strip():
        defects.append("cidade ausente")
    if not uf:
        defects.append("UF ausente")
    elif uf not in UFS:
        defects.append(f"UF {uf} inválida")
    return defects
