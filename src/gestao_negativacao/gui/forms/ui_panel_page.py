# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'panel_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_PanelForm(object):
    def setupUi(self, PanelForm):
        if not PanelForm.objectName():
            PanelForm.setObjectName(u"PanelForm")
        PanelForm.resize(1140, 720)
        self.mainLayout = QVBoxLayout(PanelForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.headRow = QHBoxLayout()
        self.headRow.setObjectName(u"headRow")
        self.heading = QLabel(PanelForm)
        self.heading.setObjectName(u"heading")

        self.headRow.addWidget(self.heading)

        self.headSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headRow.addItem(self.headSpacer)

        self.updated = QLabel(PanelForm)
        self.updated.setObjectName(u"updated")

        self.headRow.addWidget(self.updated)

        self.refreshButton = QPushButton(PanelForm)
        self.refreshButton.setObjectName(u"refreshButton")

        self.headRow.addWidget(self.refreshButton)


        self.mainLayout.addLayout(self.headRow)

        self.cards = QHBoxLayout()
        self.cards.setObjectName(u"cards")
        self.active = QLabel(PanelForm)
        self.active.setObjectName(u"active")

        self.cards.addWidget(self.active)

        self.pending = QPushButton(PanelForm)
        self.pending.setObjectName(u"pending")

        self.cards.addWidget(self.pending)

        self.errors = QPushButton(PanelForm)
        self.errors.setObjectName(u"errors")

        self.cards.addWidget(self.errors)

        self.toCheck = QPushButton(PanelForm)
        self.toCheck.setObjectName(u"toCheck")

        self.cards.addWidget(self.toCheck)

        self.unconfirmed = QPushButton(PanelForm)
        self.unconfirmed.setObjectName(u"unconfirmed")
        self.unconfirmed.setVisible(False)

        self.cards.addWidget(self.unconfirmed)

        self.owed = QLabel(PanelForm)
        self.owed.setObjectName(u"owed")

        self.cards.addWidget(self.owed)

        self.failedRuns = QLabel(PanelForm)
        self.failedRuns.setObjectName(u"failedRuns")

        self.cards.addWidget(self.failedRuns)

        self.cardsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.cards.addItem(self.cardsSpacer)


        self.mainLayout.addLayout(self.cards)

        self.grid = QGridLayout()
        self.grid.setObjectName(u"grid")
        self.integratorBox = QGroupBox(PanelForm)
        self.integratorBox.setObjectName(u"integratorBox")
        self.integratorLayout = QVBoxLayout(self.integratorBox)
        self.integratorLayout.setObjectName(u"integratorLayout")
        self.byIntegrator = QTableWidget(self.integratorBox)
        if (self.byIntegrator.columnCount() < 3):
            self.byIntegrator.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.byIntegrator.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.byIntegrator.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.byIntegrator.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.byIntegrator.setObjectName(u"byIntegrator")
        self.byIntegrator.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.byIntegrator.horizontalHeader().setStretchLastSection(True)
        self.byIntegrator.verticalHeader().setVisible(False)

        self.integratorLayout.addWidget(self.byIntegrator)


        self.grid.addWidget(self.integratorBox, 0, 0, 1, 1)

        self.companyBox = QGroupBox(PanelForm)
        self.companyBox.setObjectName(u"companyBox")
        self.companyLayout = QVBoxLayout(self.companyBox)
        self.companyLayout.setObjectName(u"companyLayout")
        self.byCompany = QTableWidget(self.companyBox)
        if (self.byCompany.columnCount() < 3):
            self.byCompany.setColumnCount(3)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.byCompany.setHorizontalHeaderItem(0, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.byCompany.setHorizontalHeaderItem(1, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.byCompany.setHorizontalHeaderItem(2, __qtablewidgetitem5)
        self.byCompany.setObjectName(u"byCompany")
        self.byCompany.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.byCompany.horizontalHeader().setStretchLastSection(True)
        self.byCompany.verticalHeader().setVisible(False)

        self.companyLayout.addWidget(self.byCompany)


        self.grid.addWidget(self.companyBox, 0, 1, 1, 1)

        self.removalsBox = QGroupBox(PanelForm)
        self.removalsBox.setObjectName(u"removalsBox")
        self.removalsLayout = QVBoxLayout(self.removalsBox)
        self.removalsLayout.setObjectName(u"removalsLayout")
        self.removals = QTableWidget(self.removalsBox)
        if (self.removals.columnCount() < 7):
            self.removals.setColumnCount(7)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.removals.setHorizontalHeaderItem(0, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.removals.setHorizontalHeaderItem(1, __qtablewidgetitem7)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.removals.setHorizontalHeaderItem(2, __qtablewidgetitem8)
        __qtablewidgetitem9 = QTableWidgetItem()
        self.removals.setHorizontalHeaderItem(3, __qtablewidgetitem9)
        __qtablewidgetitem10 = QTableWidgetItem()
        self.removals.setHorizontalHeaderItem(4, __qtablewidgetitem10)
        __qtablewidgetitem11 = QTableWidgetItem()
        self.removals.setHorizontalHeaderItem(5, __qtablewidgetitem11)
        __qtablewidgetitem12 = QTableWidgetItem()
        self.removals.setHorizontalHeaderItem(6, __qtablewidgetitem12)
        self.removals.setObjectName(u"removals")
        self.removals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.removals.horizontalHeader().setStretchLastSection(True)
        self.removals.verticalHeader().setVisible(False)

        self.removalsLayout.addWidget(self.removals)


        self.grid.addWidget(self.removalsBox, 1, 0, 1, 2)

        self.monthsBox = QGroupBox(PanelForm)
        self.monthsBox.setObjectName(u"monthsBox")
        self.monthsLayout = QVBoxLayout(self.monthsBox)
        self.monthsLayout.setObjectName(u"monthsLayout")
        self.monthsHolder = QWidget(self.monthsBox)
        self.monthsHolder.setObjectName(u"monthsHolder")
        self.monthsHolderLayout = QVBoxLayout(self.monthsHolder)
        self.monthsHolderLayout.setObjectName(u"monthsHolderLayout")
        self.monthsHolderLayout.setContentsMargins(0, 0, 0, 0)

        self.monthsLayout.addWidget(self.monthsHolder)


        self.grid.addWidget(self.monthsBox, 2, 0, 1, 1)

        self.recoveryBox = QGroupBox(PanelForm)
        self.recoveryBox.setObjectName(u"recoveryBox")
        self.recoveryLayout = QVBoxLayout(self.recoveryBox)
        self.recoveryLayout.setObjectName(u"recoveryLayout")
        self.recoveryHolder = QWidget(self.recoveryBox)
        self.recoveryHolder.setObjectName(u"recoveryHolder")
        self.recoveryHolderLayout = QVBoxLayout(self.recoveryHolder)
        self.recoveryHolderLayout.setObjectName(u"recoveryHolderLayout")
        self.recoveryHolderLayout.setContentsMargins(0, 0, 0, 0)

        self.recoveryLayout.addWidget(self.recoveryHolder)


        self.grid.addWidget(self.recoveryBox, 2, 1, 1, 1)


        self.mainLayout.addLayout(self.grid)

        QWidget.setTabOrder(self.refreshButton, self.pending)
        QWidget.setTabOrder(self.pending, self.errors)
        QWidget.setTabOrder(self.errors, self.toCheck)
        QWidget.setTabOrder(self.toCheck, self.unconfirmed)
        QWidget.setTabOrder(self.unconfirmed, self.byIntegrator)
        QWidget.setTabOrder(self.byIntegrator, self.byCompany)
        QWidget.setTabOrder(self.byCompany, self.removals)

        self.retranslateUi(PanelForm)
    # setupUi

    def retranslateUi(self, PanelForm):
        self.heading.setText(QCoreApplication.translate("PanelForm", u"<h2>Painel</h2>", None))
        self.updated.setText("")
        self.refreshButton.setText(QCoreApplication.translate("PanelForm", u"&Atualizar", None))
        self.active.setText(QCoreApplication.translate("PanelForm", u"\u2026", None))
        self.pending.setText(QCoreApplication.translate("PanelForm", u"Pendentes: \u2026", None))
        self.errors.setText(QCoreApplication.translate("PanelForm", u"Com erro: \u2026", None))
        self.toCheck.setText(QCoreApplication.translate("PanelForm", u"Baixas a conferir: \u2026", None))
#if QT_CONFIG(tooltip)
        self.toCheck.setToolTip(QCoreApplication.translate("PanelForm", u"Baixas que o bir\u00f4 disse n\u00e3o encontrar: o registro pode ter ficado no bir\u00f4.", None))
#endif // QT_CONFIG(tooltip)
        self.unconfirmed.setText(QCoreApplication.translate("PanelForm", u"Sem confirma\u00e7\u00e3o: \u2026", None))
#if QT_CONFIG(tooltip)
        self.unconfirmed.setToolTip(QCoreApplication.translate("PanelForm", u"Inclus\u00f5es no Serasa e no Cr\u00e9dito na Medida que o bir\u00f4 ainda n\u00e3o confirmou", None))
#endif // QT_CONFIG(tooltip)
        self.owed.setText(QCoreApplication.translate("PanelForm", u"\u2026", None))
        self.failedRuns.setText("")
        self.integratorBox.setTitle(QCoreApplication.translate("PanelForm", u"Por integradora", None))
        ___qtablewidgetitem = self.byIntegrator.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("PanelForm", u"Integradora", None))
        ___qtablewidgetitem1 = self.byIntegrator.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("PanelForm", u"Ativas", None))
        ___qtablewidgetitem2 = self.byIntegrator.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("PanelForm", u"Em aberto", None))
#if QT_CONFIG(accessibility)
        self.byIntegrator.setAccessibleName(QCoreApplication.translate("PanelForm", u"Negativa\u00e7\u00f5es por integradora", None))
#endif // QT_CONFIG(accessibility)
        self.companyBox.setTitle(QCoreApplication.translate("PanelForm", u"Por empresa", None))
        ___qtablewidgetitem3 = self.byCompany.horizontalHeaderItem(0)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("PanelForm", u"Empresa", None))
        ___qtablewidgetitem4 = self.byCompany.horizontalHeaderItem(1)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("PanelForm", u"Ativas", None))
        ___qtablewidgetitem5 = self.byCompany.horizontalHeaderItem(2)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("PanelForm", u"Em aberto", None))
#if QT_CONFIG(accessibility)
        self.byCompany.setAccessibleName(QCoreApplication.translate("PanelForm", u"Negativa\u00e7\u00f5es por empresa", None))
#endif // QT_CONFIG(accessibility)
        self.removalsBox.setTitle(QCoreApplication.translate("PanelForm", u"Baixas devidas por pagamento (5 dias \u00fateis; feriados nacionais e estaduais \u2014 os municipais n\u00e3o s\u00e3o considerados)", None))
        ___qtablewidgetitem6 = self.removals.horizontalHeaderItem(0)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("PanelForm", u"Prazo", None))
        ___qtablewidgetitem7 = self.removals.horizontalHeaderItem(1)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("PanelForm", u"Pago em", None))
        ___qtablewidgetitem8 = self.removals.horizontalHeaderItem(2)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("PanelForm", u"Venda", None))
        ___qtablewidgetitem9 = self.removals.horizontalHeaderItem(3)
        ___qtablewidgetitem9.setText(QCoreApplication.translate("PanelForm", u"Parcela", None))
        ___qtablewidgetitem10 = self.removals.horizontalHeaderItem(4)
        ___qtablewidgetitem10.setText(QCoreApplication.translate("PanelForm", u"Devedor", None))
        ___qtablewidgetitem11 = self.removals.horizontalHeaderItem(5)
        ___qtablewidgetitem11.setText(QCoreApplication.translate("PanelForm", u"Integradora", None))
        ___qtablewidgetitem12 = self.removals.horizontalHeaderItem(6)
        ___qtablewidgetitem12.setText(QCoreApplication.translate("PanelForm", u"Na fila", None))
#if QT_CONFIG(accessibility)
        self.removals.setAccessibleName(QCoreApplication.translate("PanelForm", u"Baixas devidas por pagamento", None))
#endif // QT_CONFIG(accessibility)
        self.monthsBox.setTitle(QCoreApplication.translate("PanelForm", u"Inclus\u00f5es e baixas por m\u00eas", None))
        self.recoveryBox.setTitle(QCoreApplication.translate("PanelForm", u"Recupera\u00e7\u00e3o ap\u00f3s a negativa\u00e7\u00e3o (% do valor pago)", None))
        pass
    # retranslateUi

