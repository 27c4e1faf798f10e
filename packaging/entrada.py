"""Entry point of the frozen program: the same as ``gestao-negativacao``."""

import sys

from gestao_negativacao.cli import main

if __name__ == "__main__":
    sys.exit(main())
