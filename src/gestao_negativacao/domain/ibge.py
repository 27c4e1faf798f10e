"""IBGE municipality codes, looked up by city name and UF (Boa Vista's ``CodigoIBGECidade``).

The table is the one the maintained ``brutils`` package ships (every one of Brazil's 5,570
municipalities by UF); read once, offline. Names are compared without accents, case,
punctuation or doubled spaces, so "São Paulo", "SAO PAULO" and "sao  paulo" are one city,
and "Guajará-Mirim" / "Guajara Mirim" or "D'Oeste" / "Doeste" too.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache, lru_cache
from importlib.resources import files

# The two first digits of every code are the state's IBGE code: a code that does not start
# with its UF's digits is not of that state.
UF_CODES = {
    "RO": "11", "AC": "12", "AM": "13", "RR": "14", "PA": "15", "AP": "16", "TO": "17",
    "MA": "21", "PI": "22", "CE": "23", "RN": "24", "PB": "25", "PE": "26", "AL": "27",
    "SE": "28", "BA": "29", "MG": "31", "ES": "32", "RJ": "33", "SP": "35", "PR": "41",
    "SC": "42", "RS": "43", "MS": "50", "MT": "51", "GO": "52", "DF": "53",
}  # fmt: skip


def normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    kept = "".join(ch if ch.isalnum() else " " for ch in letters.replace("'", ""))
    return " ".join(kept.split())


def _compact(name: str) -> str:
    return normalise(name).replace(" ", "")


@cache
def _table() -> dict[str, dict[str, str]]:
    """UF → {name without spaces: code}: spacing and hyphens are how ERPs differ most."""
    raw = json.loads(files("brutils").joinpath("data/cities_code.json").read_text("utf-8"))
    return {
        uf: {_compact(name): code for name, code in cities.items()} for uf, cities in raw.items()
    }


@lru_cache(maxsize=16_384)  # a portfolio has few distinct cities; an import asks per person
def city_code(city: str | None, uf: str | None) -> str | None:
    """The 7-digit IBGE code of a municipality, or None when the name is not one of the
    UF's municipalities."""
    if not city or not uf:
        return None
    return _table().get(uf.strip().upper(), {}).get(_compact(city))


def is_code_of(code: str, uf: str) -> bool:
    return len(code) == 7 and code.isdigit() and code[:2] == UF_CODES.get(uf.upper())


def municipality_count() -> int:
    return sum(len(cities) for cities in _table().values())
