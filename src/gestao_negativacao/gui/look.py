"""How the application looks: Qt's own Windows 11 style on Windows, Fusion elsewhere with
the system's light or dark colours; the icons of navigation and main actions from
Phosphor (MIT licence, drawn by ``qtawesome`` from its font, sharp at any DPI); a page's
main action (Buscar, Enviar, Salvar…) stands out from the others. Colour never says a
thing alone: every status also has its word."""

from __future__ import annotations

from gestao_negativacao.gui.qt import QAbstractButton, QApplication, QIcon, QStyleFactory, QWidget

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


def apply(app: QApplication) -> None:
    """The style and colours, once, before the first window."""
    styles = {name.lower(): name for name in QStyleFactory.keys()}
    app.setStyle(styles.get("windows11") or styles.get("fusion") or app.style().name())
    app.setStyleSheet(STYLE_SHEET)


def icon(name: str) -> QIcon:
    """An icon of the set by its name (a test draws every name used here)."""
    import qtawesome  # its font is read on the first icon, not at start-up

    return qtawesome.icon(name)


def dress(page: QWidget) -> None:
    """Icons on a page's main actions and the primary one marked (its words say which)."""
    for button in page.findChildren(QAbstractButton):
        words = button.text().replace("&", "").strip()
        if words in ACTION_ICONS and button.icon().isNull():
            button.setIcon(icon(ACTION_ICONS[words]))
        if words in PRIMARY:
            button.setProperty("primary", True)
