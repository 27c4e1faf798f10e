"""Issue 20, the look: every colour that means something reads on a light and on a dark
window (WCAG AA, 4.5:1), the icons are drawn in the text's colour, the charts follow the
scheme, and a system that says "dark" gets a dark window even where the platform's palette
stays light."""

import pytest

from gestao_negativacao.gui import look
from gestao_negativacao.gui.qt import QApplication, QColor, QPalette, Qt
from tests.helpers import shot


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def scheme(qapp):
    """Set a palette for one test; the one before comes back after it."""
    before = QApplication.palette()
    yield lambda palette: QApplication.setPalette(palette)
    QApplication.setPalette(before)


@pytest.mark.parametrize("dark", [False, True], ids=["claro", "escuro"])
def test_every_meaning_reads_on_its_scheme(qapp, scheme, dark):
    scheme(look.dark_palette() if dark else qapp.style().standardPalette())
    assert look.is_dark() is dark
    palette = QApplication.palette()
    for name in look.TONES:
        colour = QColor(look.tone(name))
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            ratio = contrast(colour, palette.color(role))
            assert ratio >= 4.5, (name, role, round(ratio, 2))


def test_icons_are_drawn_in_the_text_colour(qapp, scheme):
    scheme(look.dark_palette())
    image = look.icon("ph.gauge").pixmap(32, 32).toImage()
    inked = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert inked and min(c.lightnessF() for c in inked) > 0.8  # light on the dark window


def test_a_dark_system_gets_a_dark_window_and_dark_charts(qtbot, qapp, scheme, day):
    window, _sandbox, _db = day
    qapp.setStyleSheet(look.STYLE_SHEET)  # as the application has it (look.apply)
    qtbot.wait(50)
    look.follow_scheme(qapp, Qt.ColorScheme.Dark)  # as Qt tells it when the system changes
    assert look.is_dark()
    heading = window.pages["Painel"].ui.heading
    assert heading.palette().color(QPalette.ColorRole.WindowText).lightnessF() > 0.8
    panel = window.open_section("Painel")
    panel.refresh()
    qtbot.waitUntil(lambda: panel.months_chart.chart() is not None and panel.board is not None)
    qtbot.wait(200)
    assert (
        panel.months_chart.chart().theme() == panel.months_chart.chart().ChartTheme.ChartThemeDark
    )
    nav_icon = window._items["Painel"].icon(0).pixmap(24, 24).toImage()
    inked = [
        nav_icon.pixelColor(x, y)
        for x in range(24)
        for y in range(24)
        if nav_icon.pixelColor(x, y).alpha() > 200
    ]
    assert min(c.lightnessF() for c in inked) > 0.8  # drawn again in the dark's ink
    shot(window, "escuro_painel")
    look.follow_scheme(qapp, Qt.ColorScheme.Light)
    assert not look.is_dark()
    assert heading.palette().color(QPalette.ColorRole.WindowText).lightnessF() < 0.5
    qapp.setStyleSheet("")


def test_count_axes_show_whole_round_numbers():
    from gestao_negativacao.gui.pages.panel import axis_top

    assert [axis_top(n) for n in (0, 1, 2, 3, 7, 298, 1499, 40_001)] == [
        2, 2, 2, 4, 10, 300, 2000, 50000,
    ]  # fmt: skip
