# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sent_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_SentForm(object):
    def setupUi(self, SentForm):
        if not SentForm.objectName():
            SentForm.setObjectName(u"SentForm")
        SentForm.resize(1140, 720)
        self.mainLayout = QVBoxLayout(SentForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(SentForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.statusLabel = QLabel(SentForm)
        self.statusLabel.setObjectName(u"statusLabel")

        self.filterRow.addWidget(self.statusLabel)

        self.status = QComboBox(SentForm)
        self.status.setObjectName(u"status")
        self.status.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.status.setMinimumContentsLength(10)

        self.filterRow.addWidget(self.status)

        self.processingLabel = QLabel(SentForm)
        self.processingLabel.setObjectName(u"processingLabel")

        self.filterRow.addWidget(self.processingLabel)

        self.processing = QComboBox(SentForm)
        self.processing.setObjectName(u"processing")
        self.processing.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.processing.setMinimumContentsLength(6)

        self.filterRow.addWidget(self.processing)

        self.integratorLabel = QLabel(SentForm)
        self.integratorLabel.setObjectName(u"integratorLabel")

        self.filterRow.addWidget(self.integratorLabel)

        self.integrator = QComboBox(SentForm)
        self.integrator.setObjectName(u"integrator")
        self.integrator.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.integrator.setMinimumContentsLength(10)

        self.filterRow.addWidget(self.integrator)

        self.customerLabel = QLabel(SentForm)
        self.customerLabel.setObjectName(u"customerLabel")

        self.filterRow.addWidget(self.customerLabel)

        self.customer = QLineEdit(SentForm)
        self.customer.setObjectName(u"customer")
        self.customer.setMinimumSize(QSize(140, 0))

        self.filterRow.addWidget(self.customer)

        self.toCheck = QCheckBox(SentForm)
        self.toCheck.setObjectName(u"toCheck")

        self.filterRow.addWidget(self.toCheck)

        self.search = QPushButton(SentForm)
        self.search.setObjectName(u"search")

        self.filterRow.addWidget(self.search)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterRow.addItem(self.filterSpacer)


        self.mainLayout.addLayout(self.filterRow)

        self.splitter = QSplitter(SentForm)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.splitter.sizePolicy().hasHeightForWidth())
        self.splitter.setSizePolicy(sizePolicy)
        self.gridHolder = QWidget(self.splitter)
        self.gridHolder.setObjectName(u"gridHolder")
        self.gridLayout = QVBoxLayout(self.gridHolder)
        self.gridLayout.setObjectName(u"gridLayout")
        self.gridLayout.setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(self.gridHolder)
        self.detail = QWidget(self.splitter)
        self.detail.setObjectName(u"detail")
        self.detailLayout = QVBoxLayout(self.detail)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailLayout.setContentsMargins(0, 0, 0, 0)
        self.detailTitle = QLabel(self.detail)
        self.detailTitle.setObjectName(u"detailTitle")

        self.detailLayout.addWidget(self.detailTitle)

        self.timeline = QTreeWidget(self.detail)
        self.timeline.setObjectName(u"timeline")
        self.timeline.setRootIsDecorated(False)

        self.detailLayout.addWidget(self.timeline)

        self.others = QLabel(self.detail)
        self.others.setObjectName(u"others")
        self.others.setWordWrap(True)
        self.others.setMinimumSize(QSize(0, 70))
        self.others.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)
        self.others.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detailLayout.addWidget(self.others)

        self.actions = QHBoxLayout()
        self.actions.setObjectName(u"actions")
        self.manual = QPushButton(self.detail)
        self.manual.setObjectName(u"manual")

        self.actions.addWidget(self.manual)

        self.resend = QPushButton(self.detail)
        self.resend.setObjectName(u"resend")

        self.actions.addWidget(self.resend)

        self.checked = QPushButton(self.detail)
        self.checked.setObjectName(u"checked")

        self.actions.addWidget(self.checked)

        self.lift = QPushButton(self.detail)
        self.lift.setObjectName(u"lift")

        self.actions.addWidget(self.lift)

        self.refreshStatus = QPushButton(self.detail)
        self.refreshStatus.setObjectName(u"refreshStatus")

        self.actions.addWidget(self.refreshStatus)

        self.message = QLabel(self.detail)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.message.sizePolicy().hasHeightForWidth())
        self.message.setSizePolicy(sizePolicy1)

        self.actions.addWidget(self.message)


        self.detailLayout.addLayout(self.actions)

        self.splitter.addWidget(self.detail)

        self.mainLayout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.statusLabel.setBuddy(self.status)
        self.processingLabel.setBuddy(self.processing)
        self.integratorLabel.setBuddy(self.integrator)
        self.customerLabel.setBuddy(self.customer)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.status, self.processing)
        QWidget.setTabOrder(self.processing, self.integrator)
        QWidget.setTabOrder(self.integrator, self.customer)
        QWidget.setTabOrder(self.customer, self.toCheck)
        QWidget.setTabOrder(self.toCheck, self.search)
        QWidget.setTabOrder(self.search, self.timeline)
        QWidget.setTabOrder(self.timeline, self.manual)
        QWidget.setTabOrder(self.manual, self.resend)
        QWidget.setTabOrder(self.resend, self.checked)
        QWidget.setTabOrder(self.checked, self.lift)
        QWidget.setTabOrder(self.lift, self.refreshStatus)

        self.retranslateUi(SentForm)

        self.search.setDefault(True)

    # setupUi

    def retranslateUi(self, SentForm):
        self.heading.setText(QCoreApplication.translate("SentForm", u"<h2>Enviados</h2>", None))
        self.statusLabel.setText(QCoreApplication.translate("SentForm", u"&Situa\u00e7\u00e3o", None))
#if QT_CONFIG(accessibility)
        self.status.setAccessibleName(QCoreApplication.translate("SentForm", u"Situa\u00e7\u00e3o", None))
#endif // QT_CONFIG(accessibility)
        self.processingLabel.setText(QCoreApplication.translate("SentForm", u"&Processamento", None))
#if QT_CONFIG(accessibility)
        self.processing.setAccessibleName(QCoreApplication.translate("SentForm", u"Processamento", None))
#endif // QT_CONFIG(accessibility)
        self.integratorLabel.setText(QCoreApplication.translate("SentForm", u"&Integradora", None))
#if QT_CONFIG(accessibility)
        self.integrator.setAccessibleName(QCoreApplication.translate("SentForm", u"Integradora", None))
#endif // QT_CONFIG(accessibility)
        self.customerLabel.setText(QCoreApplication.translate("SentForm", u"&Cliente", None))
        self.customer.setPlaceholderText(QCoreApplication.translate("SentForm", u"CPF/CNPJ do devedor", None))
#if QT_CONFIG(accessibility)
        self.customer.setAccessibleName(QCoreApplication.translate("SentForm", u"CPF/CNPJ do devedor", None))
#endif // QT_CONFIG(accessibility)
        self.toCheck.setText(QCoreApplication.translate("SentForm", u"S\u00f3 as baixas a conferir", None))
#if QT_CONFIG(tooltip)
        self.toCheck.setToolTip(QCoreApplication.translate("SentForm", u"Baixas que o bir\u00f4 disse n\u00e3o encontrar: confira no site do bir\u00f4 se o registro saiu mesmo, e marque como conferida.", None))
#endif // QT_CONFIG(tooltip)
        self.search.setText(QCoreApplication.translate("SentForm", u"&Buscar", None))
        self.detailTitle.setText(QCoreApplication.translate("SentForm", u"Selecione uma negativa\u00e7\u00e3o para ver o hist\u00f3rico.", None))
        ___qtreewidgetitem = self.timeline.headerItem()
        ___qtreewidgetitem.setText(6, QCoreApplication.translate("SentForm", u"Mensagem", None))
        ___qtreewidgetitem.setText(5, QCoreApplication.translate("SentForm", u"Protocolo", None))
        ___qtreewidgetitem.setText(4, QCoreApplication.translate("SentForm", u"Situa\u00e7\u00e3o", None))
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("SentForm", u"O qu\u00ea", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("SentForm", u"Esta\u00e7\u00e3o", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("SentForm", u"Quem", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("SentForm", u"Quando", None))
#if QT_CONFIG(accessibility)
        self.timeline.setAccessibleName(QCoreApplication.translate("SentForm", u"Hist\u00f3rico da negativa\u00e7\u00e3o", None))
#endif // QT_CONFIG(accessibility)
        self.others.setText("")
        self.manual.setText(QCoreApplication.translate("SentForm", u"Baixa &manual\u2026", None))
        self.resend.setText(QCoreApplication.translate("SentForm", u"&Reenviar", None))
        self.checked.setText(QCoreApplication.translate("SentForm", u"Marcar como &conferida\u2026", None))
        self.lift.setText(QCoreApplication.translate("SentForm", u"Retirar &bloqueio\u2026", None))
#if QT_CONFIG(tooltip)
        self.lift.setToolTip(QCoreApplication.translate("SentForm", u"Permite incluir de novo uma parcela bloqueada depois de uma baixa", None))
#endif // QT_CONFIG(tooltip)
        self.refreshStatus.setText(QCoreApplication.translate("SentForm", u"&Atualizar situa\u00e7\u00e3o", None))
#if QT_CONFIG(tooltip)
        self.refreshStatus.setToolTip(QCoreApplication.translate("SentForm", u"Pergunta ao Serasa e ao Cr\u00e9dito na Medida pelas inclus\u00f5es que aguardam confirma\u00e7\u00e3o", None))
#endif // QT_CONFIG(tooltip)
        self.message.setText("")
        pass
    # retranslateUi

