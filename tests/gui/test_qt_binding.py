"""The Qt binding itself: a release that miscounts references would crash the window
after some minutes of use, far from any test of a screen, so it is caught here."""

from __future__ import annotations

import sys

import pytest

from gestao_negativacao.gui.qt import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_calls_returning_nothing_keep_none_alive(qtbot):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on each call of a method
    that returns nothing (``setText``, ``update``…); Python aborts when the count reaches
    zero ("none_dealloc"), which the benchmark's window hit after a few thousand rows."""
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(1000):
        label.setText(str(n))
        label.update()
    assert sys.getrefcount(None) >= before - 50  # other objects may let go of a few
