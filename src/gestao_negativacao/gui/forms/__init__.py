"""Python classes generated from the Qt Designer forms of ``ui/`` by ``pyside6-uic``.

Generated files: never edit them by hand. After changing a ``.ui`` file, run
``python -m gestao_negativacao.gui.forms`` from the repository (a test checks that the
generated files match the forms).
"""
