"""How the application looks: Qt's own Windows 11 style on Windows, Fusion elsewhere with
the system's light or dark colours; the icons of navigation and main actions from
Phosphor (MIT licence, drawn by ``qtawesome`` from its font, sharp at any DPI); a page's
main action (Buscar, Enviar, Salvar…) stands out from the others. Colour never says a
thing alone: every status also has its word."""

from __future__ import annotations

from gestao_negativacao.gui.qt import (
    QAbstractButton,
    QApplication,
    QColor,
    QIcon,
    QPalette,
    QStyleFactory,
    Qt,
    QWidget,
)

# navigation: one icon per section of the main window
SECTION_ICONS = {
    "Painel": "ph.gauge",
    "Inclusão": "ph.arrow-circle-up",
    "Baixa": "ph.arrow-circle-down",
    "Enviados": "ph.paper-plane-tilt",
    "Liberar parcelas": "ph.lock-open",
    "Acordos": "ph.handshake",
    "Regras de inclusão": "ph.funnel",
    "Regras de baixa": "ph.funnel",
    "Operadores": "ph.identification-card",
    "Integrações": "ph.globe",
    "Agendamentos": "ph.clock",
    "Análise de crédito": "ph.credit-card",
    "Consultas": "ph.magnifying-glass-plus",
    "Usuários e permissões": "ph.users",
    "Importação": "ph.file-arrow-up",
    "Parâmetros": "ph.sliders",
    "Titulares (LGPD)": "ph.shield-check",
}
# main actions, by the button's words (without the & of the shortcut)
ACTION_ICONS = {
    "Buscar": "ph.magnifying-glass",
    "Enviar": "ph.paper-plane-tilt",
    "Exportar…": "ph.export",
    "Salvar": "ph.floppy-disk",
    "Excluir": "ph.trash",
    "Atualizar": "ph.arrows-clockwise",
    "Atualizar situação": "ph.arrows-clockwise",
    "Limpar filtros": "ph.eraser",
    "Por que não?": "ph.question",
    "Liberar parcelas": "ph.lock-open",
    "Consultar": "ph.magnifying-glass",
    "Consultar de novo": "ph.arrows-clockwise",
    "Importar tudo": "ph.upload-simple",
    "Escolher arquivo…": "ph.folder-open",
    "Pré-visualizar": "ph.eye",
    "Aprovar": "ph.check",
    "Bloquear…": "ph.prohibit",
}
PRIMARY = {"Buscar", "Enviar", "Salvar", "Liberar parcelas", "Consultar", "Importar tudo"}
STYLE_SHEET = """
QPushButton[primary="true"] { font-weight: 600; }
QTreeWidget#navigation { font-size: 10pt; }
"""


# the colours that carry a meaning (always beside a word), for a light and a dark window:
# each reads at 4.5:1 or more on the window's background of its scheme (WCAG AA)
TONES = {
    "error": ("#b00020", "#ff8a80"),
    "success": ("#1b5e20", "#81c784"),
    "warning": ("#8a4b00", "#ffb74d"),
    "pending": ("#7a5f00", "#ffd54f"),
    "muted": ("#455a64", "#b0bec5"),
}


def is_dark() -> bool:
    """Whether the window is drawn light on dark (the system's scheme, or a palette set)."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightnessF() < 0.5


def tone(name: str) -> str:
    """The colour of a meaning ("error", "success"…) for the scheme shown now."""
    light, dark = TONES[name]
    return dark if is_dark() else light


def dark_palette() -> QPalette:
    """Fusion's colours for a dark window, where the platform says "dark" but hands Qt a
    light palette (some Linux desktops): the same roles Windows 11's dark scheme sets."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202020"),
        (roles.WindowText, "#f3f3f3"),
        (roles.Base, "#2b2b2b"),
        (roles.AlternateBase, "#323232"),
        (roles.Text, "#f3f3f3"),
        (roles.Button, "#2d2d2d"),
        (roles.ButtonText, "#f3f3f3"),
        (roles.ToolTipBase, "#2b2b2b"),
        (roles.ToolTipText, "#f3f3f3"),
        (roles.PlaceholderText, "#a0a0a0"),
        (roles.Highlight, "#4cc2ff"),
        (roles.HighlightedText, "#000000"),
        (roles.Link, "#4cc2ff"),
    ):
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, QColor("#7a7a7a"))
    return palette


_platform_palette: QPalette | None = None  # the light one, while ours is the dark one


def follow_scheme(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Light or dark as the system says (``scheme``, or asked of Qt), even where the
    platform's palette does not follow."""
    global _platform_palette
    dark = (scheme or app.styleHints().colorScheme()) == Qt.ColorScheme.Dark
    if dark and not is_dark():
        _platform_palette = QApplication.palette()  # given back when the system is light
        palette = dark_palette()
    elif not dark and _platform_palette is not None:
        palette, _platform_palette = _platform_palette, None
    else:
        return  # the platform's palette already follows the system
    app.setPalette(palette)
    # with a style sheet set, widgets already shown keep the colours they were polished
    # with: setting the sheet again polishes them all in the new palette
    sheet = app.styleSheet()
    if sheet:
        app.setStyleSheet("")
        app.setStyleSheet(sheet)


def apply(app: QApplication) -> None:
    """The style and colours, once, before the first window; the scheme followed after."""
    styles = {name.lower(): name for name in QStyleFactory.keys()}
    app.setStyle(styles.get("windows11") or styles.get("fusion") or app.style().name())
    app.setStyleSheet(STYLE_SHEET)
    follow_scheme(app)
    app.styleHints().colorSchemeChanged.connect(lambda scheme: follow_scheme(app, scheme))


def icon(name: str) -> QIcon:
    """An icon of the set by its name (a test draws every name used here)."""
    import qtawesome  # its font is read on the first icon, not at start-up

    # drawn in the text's colour: dark on a light window, light on a dark one
    text = QApplication.palette().color(QPalette.ColorRole.ButtonText)
    return qtawesome.icon(name, color=text.name())


def dress(page: QWidget, *, again: bool = False) -> None:
    """Icons on a page's main actions and the primary one marked (its words say which);
    ``again`` draws them anew (the scheme changed: light icons on dark, or back)."""
    for button in page.findChildren(QAbstractButton):
        words = button.text().replace("&", "").strip()
        if words in ACTION_ICONS and (again or button.icon().isNull()):
            button.setIcon(icon(ACTION_ICONS[words]))
        if words in PRIMARY:
            button.setProperty("primary", True)
