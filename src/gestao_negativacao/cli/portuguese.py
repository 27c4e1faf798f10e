"""The command line's own words in Portuguese: argparse writes its headings ("usage:",
"options"), its -h help and its errors through ``gettext`` at run time, in the default
domain, where no Portuguese catalogue exists on a clerk's Windows machine. Here the phrases
argparse uses are given in Portuguese before any parser is built, so that ``--help`` and a
mistyped command read as the rest of the product (a phrase not listed stays as argparse
wrote it: never an error)."""

from __future__ import annotations

import argparse

PHRASES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opções",
    "optional arguments": "opções",
    "show this help message and exit": "mostra esta ajuda e sai",
    "show program's version number and exit": "mostra a versão e sai",
    "%(prog)s: error: %(message)s\n": "%(prog)s: erro: %(message)s\n",
    "the following arguments are required: %s": "faltam os argumentos: %s",
    "unrecognized arguments: %s": "argumentos não reconhecidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "opção inválida: %(value)r (escolha entre %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "valor inválido (%(type)s): %(value)r",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "expected one argument": "esperava um valor",
    "expected at most one argument": "esperava no máximo um valor",
    "expected at least one argument": "esperava ao menos um valor",
    "not allowed with argument %s": "não combina com o argumento %s",
    "one of the arguments %s is required": "informe um dos argumentos %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "opção ambígua: %(option)s pode ser %(matches)s"
    ),
    "can't open '%(filename)s': %(error)s": "não foi possível abrir '%(filename)s': %(error)s",
}
PLURALS = {
    "expected %s argument": ("esperava %s valor", "esperava %s valores"),
}


def _gettext(message: str) -> str:
    return PHRASES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular in PLURALS:
        one, many = PLURALS[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


def install() -> None:
    """Make argparse speak Portuguese (idempotent)."""
    argparse._ = _gettext  # argparse looks these names up in its module when it writes
    argparse.ngettext = _ngettext
