"""Qt's chart module, apart from ``gui.qt``: loading it costs about 0.2 s, and only the
Painel draws charts, so the window's start does not pay for it (issue 16)."""

# ruff: noqa: F401
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
