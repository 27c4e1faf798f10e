"""Main window: the navigation bar of DESIGN §11 grouped (Gerenciamento, Cadastros, Crédito,
Sistema), showing only the screens the user's permissions allow; the screen on the right,
built the first time it is opened; a status bar with the user, the database and whether
this workstation holds the secrets of the operators the user may use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from gestao_negativacao import __version__
from gestao_negativacao.domain.enums import Action
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.gui import look, settings
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.qt import (
    QCloseEvent,
    QEvent,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from gestao_negativacao.gui.tasks import run_task
from gestao_negativacao.services.bureau_setup import operators

GROUPS = ("Gerenciamento", "Cadastros", "Crédito", "Sistema")


@dataclass(frozen=True)
class Section:
    group: str
    title: str
    build: Callable[[Context], QWidget]
    permissions: frozenset[Perm] = frozenset()  # any of them; empty: everyone

    def allowed(self, context: Context) -> bool:
        return not self.permissions or any(context.actor.has(p) for p in self.permissions)


def _page(module: str, name: str, *arguments) -> Callable[[Context], QWidget]:
    """A screen built from its module, imported the first time the screen is opened: the
    window's start pays only for the screen it shows first (issue 16's start-up goal)."""

    def build(context: Context) -> QWidget:
        page_class = getattr(import_module(f"gestao_negativacao.gui.pages.{module}"), name)
        return page_class(context, *arguments)

    return build


def sections() -> list[Section]:
    return [
        Section("Gerenciamento", "Painel", _page("panel", "PanelPage")),
        Section(
            "Gerenciamento",
            "Inclusão",
            _page("sending", "SendingPage", Action.INCLUSION),
            frozenset({Perm.NEG_INCLUIR}),
        ),
        Section(
            "Gerenciamento",
            "Baixa",
            _page("sending", "SendingPage", Action.REMOVAL),
            frozenset({Perm.NEG_BAIXAR}),
        ),
        Section("Gerenciamento", "Enviados", _page("sent", "SentPage")),
        Section(
            "Gerenciamento",
            "Liberar parcelas",
            _page("release", "ReleasePage"),
            frozenset({Perm.NEG_LIBERAR}),
        ),
        Section("Gerenciamento", "Acordos", _page("agreements", "AgreementsPage")),
        Section(
            "Cadastros",
            "Regras de inclusão",
            _page("rules", "RulesPage", Action.INCLUSION),
            frozenset({Perm.NEG_REGRAS}),
        ),
        Section(
            "Cadastros",
            "Regras de baixa",
            _page("rules", "RulesPage", Action.REMOVAL),
            frozenset({Perm.NEG_REGRAS}),
        ),
        Section(
            "Cadastros", "Operadores", _page("operators", "OperatorsPage"),
            frozenset({Perm.NEG_CONFIG}),
        ),
        Section(
            "Cadastros", "Integrações", _page("integrations", "IntegrationsPage"),
            frozenset({Perm.NEG_CONFIG}),
        ),
        Section(
            "Cadastros", "Agendamentos", _page("schedules", "SchedulesPage"),
            frozenset({Perm.NEG_CONFIG}),
        ),
        Section(
            "Crédito",
            "Análise de crédito",
            _page("credit", "CreditPage"),
            frozenset({Perm.CREDITO_ANALISE, Perm.CREDITO_CONSULTA}),
        ),
        Section(
            "Crédito", "Consultas", _page("queries", "QueriesPage"),
            frozenset({Perm.CREDITO_CONSULTA}),
        ),
        Section(
            "Sistema", "Usuários e permissões", _page("users", "UsersPage"),
            frozenset({Perm.ADMIN_USUARIOS}),
        ),
        Section(
            "Sistema", "Importação", _page("importing", "ImportPage"),
            frozenset({Perm.DADOS_IMPORTAR}),
        ),
        Section(
            "Sistema", "Parâmetros", _page("parameters", "ParametersPage"),
            frozenset({Perm.ADMIN_PARAMETROS}),
        ),
        Section(
            "Sistema", "Titulares (LGPD)", _page("data_subjects", "DataSubjectsPage"),
            frozenset({Perm.LGPD_TITULAR}),
        ),
    ]  # fmt: skip


class MainWindow(QMainWindow):
    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(f"Gestão de Negativação {__version__}")
        self.sections = [s for s in sections() if s.allowed(context)]
        self.pages: dict[str, QWidget] = {}
        self.splitter = QSplitter(self)
        self.navigation = QTreeWidget(self.splitter)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Navegação")
        self.navigation.setHeaderHidden(True)
        self.navigation.setMinimumWidth(190)
        self.stack = QStackedWidget(self.splitter)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._items: dict[str, QTreeWidgetItem] = {}
        for group in GROUPS:
            members = [s for s in self.sections if s.group == group]
            if not members:
                continue
            parent = QTreeWidgetItem(self.navigation, [group])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for section in members:
                item = QTreeWidgetItem(parent, [section.title])
                item.setIcon(0, look.icon(look.SECTION_ICONS[section.title]))
                self._items[section.title] = item
        self.navigation.expandAll()
        # as wide as its longest title ("Usuários e permissões"): a page that asks for more
        # room never squeezes the navigation into "…"
        self.navigation.resizeColumnToContents(0)
        self.navigation.setMinimumWidth(
            max(190, self.navigation.columnWidth(0) + 2 * self.navigation.frameWidth() + 8)
        )
        self.navigation.currentItemChanged.connect(self._navigate)
        self._status()
        help_menu = self.menuBar().addMenu("&Ajuda")
        self.about_action = help_menu.addAction("&Sobre…")
        self.about_action.triggered.connect(self.show_about)
        self.resize(1200, 760)
        settings.restore_geometry(self, "main")
        if not settings.restore_splitter(self.splitter, "main"):
            self.splitter.setSizes([220, 980])
        self.open_section(self.sections[0].title)

    @property
    def titles(self) -> list[str]:
        return [s.title for s in self.sections]

    def open_section(self, title: str) -> QWidget:
        self.navigation.setCurrentItem(self._items[title])
        return self.pages[title]

    def _navigate(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None or item.text(0) not in self._items:
            return
        title = item.text(0)
        if title not in self.pages:
            section = next(s for s in self.sections if s.title == title)
            self.pages[title] = section.build(self.context)
            look.dress(self.pages[title])  # icons on the main actions, the primary marked
            self.stack.addWidget(self.pages[title])
            if hasattr(self.pages[title], "open_sent"):  # the Painel's counts open Enviados
                self.pages[title].open_sent.connect(self._open_sent)
                self.pages[title].open_to_check.connect(self._open_to_check)
        self.stack.setCurrentWidget(self.pages[title])

    def _open_sent(self, status: str, processing: str) -> None:
        if "Enviados" in self._items:
            self.open_section("Enviados").show_filtered(status=status, processing=processing)

    def _open_to_check(self) -> None:
        if "Enviados" in self._items:
            self.open_section("Enviados").show_filtered(to_check=True)

    def _status(self) -> None:
        actor = self.context.actor
        role = f" ({actor.role.label})" if actor.role else ""  # the profile, never its code
        self.user_label = QLabel(f"Usuário: {actor.login}{role}")
        self.database_label = QLabel(f"Banco: {self.context.db.description}")
        self.secrets_label = QLabel("Senhas nesta estação: …")
        for label in (self.user_label, self.database_label, self.secrets_label):
            self.statusBar().addPermanentWidget(label)
        self.refresh_secrets()

    def refresh_secrets(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor

        def show(counts: tuple[int, int]) -> None:
            here, total = counts
            if total == 0:
                text = "Senhas nesta estação: nenhum operador para este usuário"
            elif here == total:
                text = f"Senhas nesta estação: todas ({total} operador(es))"
            else:
                text = f"Senhas nesta estação: {here} de {total} operadores"
            self.secrets_label.setText(text)

        run_task(lambda task: operators.secrets_here(factory, actor), on_done=show)

    def show_about(self):
        from gestao_negativacao.gui.dialogs.about import show_about

        self.about_box = show_about(self, self.context.db)
        return self.about_box

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light ↔ dark: icons in the new ink
            for title, item in self._items.items():
                item.setIcon(0, look.icon(look.SECTION_ICONS[title]))
            for page in self.pages.values():
                look.dress(page, again=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        settings.save_geometry(self, "main")
        settings.save_splitter(self.splitter, "main")
        super().closeEvent(event)
