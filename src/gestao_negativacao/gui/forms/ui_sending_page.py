# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sending_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QTabWidget, QVBoxLayout,
    QWidget)

class Ui_SendingForm(object):
    def setupUi(self, SendingForm):
        if not SendingForm.objectName():
            SendingForm.setObjectName(u"SendingForm")
        SendingForm.resize(1140, 720)
        self.mainLayout = QVBoxLayout(SendingForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(SendingForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.topRow = QHBoxLayout()
        self.topRow.setObjectName(u"topRow")
        self.choiceForm = QFormLayout()
        self.choiceForm.setObjectName(u"choiceForm")
        self.integratorLabel = QLabel(SendingForm)
        self.integratorLabel.setObjectName(u"integratorLabel")

        self.choiceForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.integratorLabel)

        self.integrator = QComboBox(SendingForm)
        self.integrator.setObjectName(u"integrator")

        self.choiceForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.integrator)

        self.ruleLabel = QLabel(SendingForm)
        self.ruleLabel.setObjectName(u"ruleLabel")

        self.choiceForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.ruleLabel)

        self.rule = QComboBox(SendingForm)
        self.rule.setObjectName(u"rule")

        self.choiceForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.rule)

        self.asOfLabel = QLabel(SendingForm)
        self.asOfLabel.setObjectName(u"asOfLabel")

        self.choiceForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.asOfLabel)

        self.asOf = QDateEdit(SendingForm)
        self.asOf.setObjectName(u"asOf")
        self.asOf.setCalendarPopup(True)

        self.choiceForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.asOf)


        self.topRow.addLayout(self.choiceForm)

        self.filtersBox = QGroupBox(SendingForm)
        self.filtersBox.setObjectName(u"filtersBox")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.filtersBox.sizePolicy().hasHeightForWidth())
        self.filtersBox.setSizePolicy(sizePolicy)
        self.filtersGrid = QGridLayout(self.filtersBox)
        self.filtersGrid.setObjectName(u"filtersGrid")
        self.companyLabel = QLabel(self.filtersBox)
        self.companyLabel.setObjectName(u"companyLabel")

        self.filtersGrid.addWidget(self.companyLabel, 0, 0, 1, 1)

        self.company = QComboBox(self.filtersBox)
        self.company.setObjectName(u"company")

        self.filtersGrid.addWidget(self.company, 0, 1, 1, 3)

        self.enterpriseLabel = QLabel(self.filtersBox)
        self.enterpriseLabel.setObjectName(u"enterpriseLabel")

        self.filtersGrid.addWidget(self.enterpriseLabel, 1, 0, 1, 1)

        self.enterprise = QLineEdit(self.filtersBox)
        self.enterprise.setObjectName(u"enterprise")

        self.filtersGrid.addWidget(self.enterprise, 1, 1, 1, 1)

        self.saleLabel = QLabel(self.filtersBox)
        self.saleLabel.setObjectName(u"saleLabel")

        self.filtersGrid.addWidget(self.saleLabel, 1, 2, 1, 1)

        self.sale = QLineEdit(self.filtersBox)
        self.sale.setObjectName(u"sale")

        self.filtersGrid.addWidget(self.sale, 1, 3, 1, 1)

        self.customerLabel = QLabel(self.filtersBox)
        self.customerLabel.setObjectName(u"customerLabel")

        self.filtersGrid.addWidget(self.customerLabel, 2, 0, 1, 1)

        self.customer = QLineEdit(self.filtersBox)
        self.customer.setObjectName(u"customer")

        self.filtersGrid.addWidget(self.customer, 2, 1, 1, 1)

        self.usePeriod = QCheckBox(self.filtersBox)
        self.usePeriod.setObjectName(u"usePeriod")

        self.filtersGrid.addWidget(self.usePeriod, 3, 0, 1, 1)

        self.dueFrom = QDateEdit(self.filtersBox)
        self.dueFrom.setObjectName(u"dueFrom")
        self.dueFrom.setCalendarPopup(True)

        self.filtersGrid.addWidget(self.dueFrom, 3, 1, 1, 1)

        self.dueToLabel = QLabel(self.filtersBox)
        self.dueToLabel.setObjectName(u"dueToLabel")

        self.filtersGrid.addWidget(self.dueToLabel, 3, 2, 1, 1)

        self.dueTo = QDateEdit(self.filtersBox)
        self.dueTo.setObjectName(u"dueTo")
        self.dueTo.setCalendarPopup(True)

        self.filtersGrid.addWidget(self.dueTo, 3, 3, 1, 1)

        self.daysLabel = QLabel(self.filtersBox)
        self.daysLabel.setObjectName(u"daysLabel")

        self.filtersGrid.addWidget(self.daysLabel, 4, 0, 1, 1)

        self.daysMin = QSpinBox(self.filtersBox)
        self.daysMin.setObjectName(u"daysMin")
        self.daysMin.setMaximum(99999)

        self.filtersGrid.addWidget(self.daysMin, 4, 1, 1, 1)

        self.daysToLabel = QLabel(self.filtersBox)
        self.daysToLabel.setObjectName(u"daysToLabel")

        self.filtersGrid.addWidget(self.daysToLabel, 4, 2, 1, 1)

        self.daysMax = QSpinBox(self.filtersBox)
        self.daysMax.setObjectName(u"daysMax")
        self.daysMax.setMaximum(99999)

        self.filtersGrid.addWidget(self.daysMax, 4, 3, 1, 1)

        self.valueLabel = QLabel(self.filtersBox)
        self.valueLabel.setObjectName(u"valueLabel")

        self.filtersGrid.addWidget(self.valueLabel, 5, 0, 1, 1)

        self.valueMin = QLineEdit(self.filtersBox)
        self.valueMin.setObjectName(u"valueMin")

        self.filtersGrid.addWidget(self.valueMin, 5, 1, 1, 1)

        self.valueToLabel = QLabel(self.filtersBox)
        self.valueToLabel.setObjectName(u"valueToLabel")

        self.filtersGrid.addWidget(self.valueToLabel, 5, 2, 1, 1)

        self.valueMax = QLineEdit(self.filtersBox)
        self.valueMax.setObjectName(u"valueMax")

        self.filtersGrid.addWidget(self.valueMax, 5, 3, 1, 1)


        self.topRow.addWidget(self.filtersBox)

        self.searchButtons = QVBoxLayout()
        self.searchButtons.setObjectName(u"searchButtons")
        self.search = QPushButton(SendingForm)
        self.search.setObjectName(u"search")

        self.searchButtons.addWidget(self.search)

        self.clear = QPushButton(SendingForm)
        self.clear.setObjectName(u"clear")

        self.searchButtons.addWidget(self.clear)

        self.searchSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.searchButtons.addItem(self.searchSpacer)


        self.topRow.addLayout(self.searchButtons)


        self.mainLayout.addLayout(self.topRow)

        self.tabs = QTabWidget(SendingForm)
        self.tabs.setObjectName(u"tabs")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(1)
        sizePolicy1.setHeightForWidth(self.tabs.sizePolicy().hasHeightForWidth())
        self.tabs.setSizePolicy(sizePolicy1)
        self.foundTab = QWidget()
        self.foundTab.setObjectName(u"foundTab")
        self.foundLayout = QVBoxLayout(self.foundTab)
        self.foundLayout.setObjectName(u"foundLayout")
        self.selectRow = QHBoxLayout()
        self.selectRow.setObjectName(u"selectRow")
        self.selectAll = QCheckBox(self.foundTab)
        self.selectAll.setObjectName(u"selectAll")

        self.selectRow.addWidget(self.selectAll)

        self.selectedLabel = QLabel(self.foundTab)
        self.selectedLabel.setObjectName(u"selectedLabel")
        sizePolicy.setHeightForWidth(self.selectedLabel.sizePolicy().hasHeightForWidth())
        self.selectedLabel.setSizePolicy(sizePolicy)

        self.selectRow.addWidget(self.selectedLabel)


        self.foundLayout.addLayout(self.selectRow)

        self.foundHolderWidget = QWidget(self.foundTab)
        self.foundHolderWidget.setObjectName(u"foundHolderWidget")
        sizePolicy1.setHeightForWidth(self.foundHolderWidget.sizePolicy().hasHeightForWidth())
        self.foundHolderWidget.setSizePolicy(sizePolicy1)
        self.foundHolder = QVBoxLayout(self.foundHolderWidget)
        self.foundHolder.setObjectName(u"foundHolder")
        self.foundHolder.setContentsMargins(0, 0, 0, 0)

        self.foundLayout.addWidget(self.foundHolderWidget)

        self.tabs.addTab(self.foundTab, "")
        self.excludedTab = QWidget()
        self.excludedTab.setObjectName(u"excludedTab")
        self.excludedLayout = QVBoxLayout(self.excludedTab)
        self.excludedLayout.setObjectName(u"excludedLayout")
        self.tabs.addTab(self.excludedTab, "")

        self.mainLayout.addWidget(self.tabs)

        self.actionBar = QHBoxLayout()
        self.actionBar.setObjectName(u"actionBar")
        self.whyDocument = QLineEdit(SendingForm)
        self.whyDocument.setObjectName(u"whyDocument")
        self.whyDocument.setMinimumSize(QSize(240, 0))

        self.actionBar.addWidget(self.whyDocument)

        self.why = QPushButton(SendingForm)
        self.why.setObjectName(u"why")

        self.actionBar.addWidget(self.why)

        self.notices = QPushButton(SendingForm)
        self.notices.setObjectName(u"notices")
        self.notices.setEnabled(False)

        self.actionBar.addWidget(self.notices)

        self.message = QLabel(SendingForm)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)
        sizePolicy.setHeightForWidth(self.message.sizePolicy().hasHeightForWidth())
        self.message.setSizePolicy(sizePolicy)

        self.actionBar.addWidget(self.message)

        self.send = QPushButton(SendingForm)
        self.send.setObjectName(u"send")
        self.send.setEnabled(False)

        self.actionBar.addWidget(self.send)


        self.mainLayout.addLayout(self.actionBar)

#if QT_CONFIG(shortcut)
        self.integratorLabel.setBuddy(self.integrator)
        self.ruleLabel.setBuddy(self.rule)
        self.asOfLabel.setBuddy(self.asOf)
        self.companyLabel.setBuddy(self.company)
        self.enterpriseLabel.setBuddy(self.enterprise)
        self.saleLabel.setBuddy(self.sale)
        self.customerLabel.setBuddy(self.customer)
        self.dueToLabel.setBuddy(self.dueTo)
        self.daysLabel.setBuddy(self.daysMin)
        self.daysToLabel.setBuddy(self.daysMax)
        self.valueLabel.setBuddy(self.valueMin)
        self.valueToLabel.setBuddy(self.valueMax)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.integrator, self.rule)
        QWidget.setTabOrder(self.rule, self.asOf)
        QWidget.setTabOrder(self.asOf, self.company)
        QWidget.setTabOrder(self.company, self.enterprise)
        QWidget.setTabOrder(self.enterprise, self.sale)
        QWidget.setTabOrder(self.sale, self.customer)
        QWidget.setTabOrder(self.customer, self.usePeriod)
        QWidget.setTabOrder(self.usePeriod, self.dueFrom)
        QWidget.setTabOrder(self.dueFrom, self.dueTo)
        QWidget.setTabOrder(self.dueTo, self.daysMin)
        QWidget.setTabOrder(self.daysMin, self.daysMax)
        QWidget.setTabOrder(self.daysMax, self.valueMin)
        QWidget.setTabOrder(self.valueMin, self.valueMax)
        QWidget.setTabOrder(self.valueMax, self.search)
        QWidget.setTabOrder(self.search, self.clear)
        QWidget.setTabOrder(self.clear, self.tabs)
        QWidget.setTabOrder(self.tabs, self.selectAll)
        QWidget.setTabOrder(self.selectAll, self.whyDocument)
        QWidget.setTabOrder(self.whyDocument, self.why)
        QWidget.setTabOrder(self.why, self.notices)
        QWidget.setTabOrder(self.notices, self.send)

        self.retranslateUi(SendingForm)

        self.search.setDefault(True)

    # setupUi

    def retranslateUi(self, SendingForm):
        self.heading.setText(QCoreApplication.translate("SendingForm", u"<h2>Inclus\u00e3o</h2>", None))
        self.integratorLabel.setText(QCoreApplication.translate("SendingForm", u"&Integradora:", None))
#if QT_CONFIG(accessibility)
        self.integrator.setAccessibleName(QCoreApplication.translate("SendingForm", u"Integradora", None))
#endif // QT_CONFIG(accessibility)
        self.ruleLabel.setText(QCoreApplication.translate("SendingForm", u"&Regra:", None))
#if QT_CONFIG(accessibility)
        self.rule.setAccessibleName(QCoreApplication.translate("SendingForm", u"Regra", None))
#endif // QT_CONFIG(accessibility)
        self.asOfLabel.setText(QCoreApplication.translate("SendingForm", u"Data de &refer\u00eancia:", None))
        self.asOf.setDisplayFormat(QCoreApplication.translate("SendingForm", u"dd/MM/yyyy", None))
#if QT_CONFIG(accessibility)
        self.asOf.setAccessibleName(QCoreApplication.translate("SendingForm", u"Data de refer\u00eancia", None))
#endif // QT_CONFIG(accessibility)
        self.filtersBox.setTitle(QCoreApplication.translate("SendingForm", u"Filtros (sem regra)", None))
        self.companyLabel.setText(QCoreApplication.translate("SendingForm", u"Empresa", None))
#if QT_CONFIG(accessibility)
        self.company.setAccessibleName(QCoreApplication.translate("SendingForm", u"Empresa", None))
#endif // QT_CONFIG(accessibility)
        self.enterpriseLabel.setText(QCoreApplication.translate("SendingForm", u"Empreendimento", None))
#if QT_CONFIG(accessibility)
        self.enterprise.setAccessibleName(QCoreApplication.translate("SendingForm", u"Empreendimento", None))
#endif // QT_CONFIG(accessibility)
        self.saleLabel.setText(QCoreApplication.translate("SendingForm", u"Venda", None))
#if QT_CONFIG(accessibility)
        self.sale.setAccessibleName(QCoreApplication.translate("SendingForm", u"Venda", None))
#endif // QT_CONFIG(accessibility)
        self.customerLabel.setText(QCoreApplication.translate("SendingForm", u"Cliente", None))
#if QT_CONFIG(accessibility)
        self.customer.setAccessibleName(QCoreApplication.translate("SendingForm", u"Cliente", None))
#endif // QT_CONFIG(accessibility)
        self.customer.setPlaceholderText(QCoreApplication.translate("SendingForm", u"CPF/CNPJ", None))
        self.usePeriod.setText(QCoreApplication.translate("SendingForm", u"Vencimento de", None))
        self.dueFrom.setDisplayFormat(QCoreApplication.translate("SendingForm", u"dd/MM/yyyy", None))
#if QT_CONFIG(accessibility)
        self.dueFrom.setAccessibleName(QCoreApplication.translate("SendingForm", u"Vencimento de", None))
#endif // QT_CONFIG(accessibility)
        self.dueToLabel.setText(QCoreApplication.translate("SendingForm", u"at\u00e9", None))
        self.dueTo.setDisplayFormat(QCoreApplication.translate("SendingForm", u"dd/MM/yyyy", None))
#if QT_CONFIG(accessibility)
        self.dueTo.setAccessibleName(QCoreApplication.translate("SendingForm", u"Vencimento at\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.daysLabel.setText(QCoreApplication.translate("SendingForm", u"Dias de atraso de", None))
        self.daysMin.setSpecialValueText(QCoreApplication.translate("SendingForm", u"\u2014", None))
#if QT_CONFIG(accessibility)
        self.daysMin.setAccessibleName(QCoreApplication.translate("SendingForm", u"Dias de atraso de", None))
#endif // QT_CONFIG(accessibility)
        self.daysToLabel.setText(QCoreApplication.translate("SendingForm", u"at\u00e9", None))
        self.daysMax.setSpecialValueText(QCoreApplication.translate("SendingForm", u"\u2014", None))
#if QT_CONFIG(accessibility)
        self.daysMax.setAccessibleName(QCoreApplication.translate("SendingForm", u"Dias de atraso at\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.valueLabel.setText(QCoreApplication.translate("SendingForm", u"Valor de", None))
#if QT_CONFIG(accessibility)
        self.valueMin.setAccessibleName(QCoreApplication.translate("SendingForm", u"Valor de", None))
#endif // QT_CONFIG(accessibility)
        self.valueMin.setPlaceholderText(QCoreApplication.translate("SendingForm", u"0,00", None))
        self.valueToLabel.setText(QCoreApplication.translate("SendingForm", u"at\u00e9", None))
#if QT_CONFIG(accessibility)
        self.valueMax.setAccessibleName(QCoreApplication.translate("SendingForm", u"Valor at\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.valueMax.setPlaceholderText(QCoreApplication.translate("SendingForm", u"0,00", None))
        self.search.setText(QCoreApplication.translate("SendingForm", u"&Buscar", None))
        self.clear.setText(QCoreApplication.translate("SendingForm", u"&Limpar filtros", None))
        self.selectAll.setText(QCoreApplication.translate("SendingForm", u"Selecionar todos", None))
        self.selectedLabel.setText("")
        self.tabs.setTabText(self.tabs.indexOf(self.foundTab), QCoreApplication.translate("SendingForm", u"Encontrados", None))
        self.tabs.setTabText(self.tabs.indexOf(self.excludedTab), QCoreApplication.translate("SendingForm", u"N\u00e3o inclu\u00eddos", None))
#if QT_CONFIG(accessibility)
        self.whyDocument.setAccessibleName(QCoreApplication.translate("SendingForm", u"CPF/CNPJ para Por que n\u00e3o?", None))
#endif // QT_CONFIG(accessibility)
        self.whyDocument.setPlaceholderText(QCoreApplication.translate("SendingForm", u"CPF/CNPJ de um cliente (opcional)", None))
        self.why.setText(QCoreApplication.translate("SendingForm", u"Por que &n\u00e3o?", None))
        self.notices.setText(QCoreApplication.translate("SendingForm", u"Enviar a&visos pr\u00e9vios", None))
#if QT_CONFIG(tooltip)
        self.notices.setToolTip(QCoreApplication.translate("SendingForm", u"Envia por e-mail o aviso pr\u00e9vio aos devedores que esperam por ele (empresas com aviso pr\u00e9vio em Par\u00e2metros); podem ser inclu\u00eddos depois dos dias da empresa.", None))
#endif // QT_CONFIG(tooltip)
        self.message.setText("")
        self.send.setText(QCoreApplication.translate("SendingForm", u"&Enviar", None))
        pass
    # retranslateUi

