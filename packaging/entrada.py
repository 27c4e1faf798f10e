"""Entry point of both frozen programs (the same as ``gestao-negativacao``): the windowed
``GestaoNegativacao`` the shortcuts open, and the console ``gestao-negativacao`` for the
command line and the scheduled task. A windowed program on Windows has no standard output
or error (they are None): writes to them go nowhere instead of failing."""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run

from gestao_negativacao.cli import main  # noqa: E402 - after the streams exist

if __name__ == "__main__":
    sys.exit(main())
