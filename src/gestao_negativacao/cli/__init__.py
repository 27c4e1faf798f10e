"""The command line (DESIGN §12): the same use cases as the window, without it. One
module per command group (``sending``, ``scheduler``, ``credit``, ``agreements``,
``notices``, ``data_subjects``), the general commands and the parser in ``commands``, the
helpers they share in ``support``. ``gestao-negativacao`` runs ``main``."""

from gestao_negativacao.cli.commands import build_parser, main

__all__ = ["build_parser", "main"]
