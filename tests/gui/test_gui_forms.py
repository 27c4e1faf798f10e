"""The generated form classes match the Designer files (``python -m
gestao_negativacao.gui.forms`` regenerates them after a change to ``ui/``)."""

import pytest

from gestao_negativacao.gui.forms.__main__ import forms, generate, target

FORMS = forms()


def _body(text: str) -> list[str]:
    # the header names uic's version, which may differ between machines
    return [
        line for line in text.splitlines() if "Created by: Qt User Interface Compiler" not in line
    ]


def test_every_form_is_compiled():
    assert FORMS, "no .ui files found"
    for form in FORMS:
        assert target(form).exists(), f"{form.name}: run python -m gestao_negativacao.gui.forms"


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_generated_code_is_up_to_date(form):
    assert _body(generate(form)) == _body(target(form).read_text(encoding="utf-8")), (
        f"{form.name} changed: run python -m gestao_negativacao.gui.forms"
    )
