# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'parameters.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QSpinBox, QTabWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_ParametersForm(object):
    def setupUi(self, ParametersForm):
        if not ParametersForm.objectName():
            ParametersForm.setObjectName(u"ParametersForm")
        ParametersForm.resize(720, 520)
        self.mainLayout = QVBoxLayout(ParametersForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(ParametersForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.tabs = QTabWidget(ParametersForm)
        self.tabs.setObjectName(u"tabs")
        self.generalTab = QWidget()
        self.generalTab.setObjectName(u"generalTab")
        self.generalForm = QFormLayout(self.generalTab)
        self.generalForm.setObjectName(u"generalForm")
        self.autoIncludeLabel = QLabel(self.generalTab)
        self.autoIncludeLabel.setObjectName(u"autoIncludeLabel")

        self.generalForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.autoIncludeLabel)

        self.autoInclude = QCheckBox(self.generalTab)
        self.autoInclude.setObjectName(u"autoInclude")

        self.generalForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.autoInclude)

        self.autoRemoveLabel = QLabel(self.generalTab)
        self.autoRemoveLabel.setObjectName(u"autoRemoveLabel")

        self.generalForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.autoRemoveLabel)

        self.autoRemove = QCheckBox(self.generalTab)
        self.autoRemove.setObjectName(u"autoRemove")

        self.generalForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.autoRemove)

        self.daysLabel = QLabel(self.generalTab)
        self.daysLabel.setObjectName(u"daysLabel")

        self.generalForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.daysLabel)

        self.daysToExecute = QSpinBox(self.generalTab)
        self.daysToExecute.setObjectName(u"daysToExecute")
        self.daysToExecute.setMinimum(1)
        self.daysToExecute.setMaximum(1825)
        self.daysToExecute.setValue(60)

        self.generalForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.daysToExecute)

        self.noticeLabel = QLabel(self.generalTab)
        self.noticeLabel.setObjectName(u"noticeLabel")

        self.generalForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.noticeLabel)

        self.noticeWaitDays = QSpinBox(self.generalTab)
        self.noticeWaitDays.setObjectName(u"noticeWaitDays")
        self.noticeWaitDays.setMaximum(90)
        self.noticeWaitDays.setValue(10)

        self.generalForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.noticeWaitDays)

        self.legalLabel = QLabel(self.generalTab)
        self.legalLabel.setObjectName(u"legalLabel")

        self.generalForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.legalLabel)

        self.legalRemovals = QCheckBox(self.generalTab)
        self.legalRemovals.setObjectName(u"legalRemovals")
        self.legalRemovals.setChecked(True)

        self.generalForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.legalRemovals)

        self.fiveYearsRemovals = QCheckBox(self.generalTab)
        self.fiveYearsRemovals.setObjectName(u"fiveYearsRemovals")
        self.fiveYearsRemovals.setChecked(True)

        self.generalForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.fiveYearsRemovals)

        self.tabs.addTab(self.generalTab, "")
        self.companiesTab = QWidget()
        self.companiesTab.setObjectName(u"companiesTab")
        self.companiesLayout = QVBoxLayout(self.companiesTab)
        self.companiesLayout.setObjectName(u"companiesLayout")
        self.companiesHelp = QLabel(self.companiesTab)
        self.companiesHelp.setObjectName(u"companiesHelp")
        self.companiesHelp.setWordWrap(True)

        self.companiesLayout.addWidget(self.companiesHelp)

        self.companies = QTableWidget(self.companiesTab)
        self.companies.setObjectName(u"companies")

        self.companiesLayout.addWidget(self.companies)

        self.tabs.addTab(self.companiesTab, "")
        self.creditTab = QWidget()
        self.creditTab.setObjectName(u"creditTab")
        self.creditForm = QFormLayout(self.creditTab)
        self.creditForm.setObjectName(u"creditForm")
        self.creditEnabled = QCheckBox(self.creditTab)
        self.creditEnabled.setObjectName(u"creditEnabled")

        self.creditForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.creditEnabled)

        self.overdueLabel = QLabel(self.creditTab)
        self.overdueLabel.setObjectName(u"overdueLabel")

        self.creditForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.overdueLabel)

        self.overdueTitles = QComboBox(self.creditTab)
        self.overdueTitles.setObjectName(u"overdueTitles")

        self.creditForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.overdueTitles)

        self.notaryLabel = QLabel(self.creditTab)
        self.notaryLabel.setObjectName(u"notaryLabel")

        self.creditForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.notaryLabel)

        self.notaryTitles = QComboBox(self.creditTab)
        self.notaryTitles.setObjectName(u"notaryTitles")

        self.creditForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.notaryTitles)

        self.notaryDaysLabel = QLabel(self.creditTab)
        self.notaryDaysLabel.setObjectName(u"notaryDaysLabel")

        self.creditForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.notaryDaysLabel)

        self.notaryDays = QSpinBox(self.creditTab)
        self.notaryDays.setObjectName(u"notaryDays")
        self.notaryDays.setMinimum(1)
        self.notaryDays.setMaximum(365)
        self.notaryDays.setValue(30)

        self.creditForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.notaryDays)

        self.tabs.addTab(self.creditTab, "")

        self.mainLayout.addWidget(self.tabs)

        self.message = QLabel(ParametersForm)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.mainLayout.addWidget(self.message)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.spacer)

        self.save = QPushButton(ParametersForm)
        self.save.setObjectName(u"save")

        self.buttonRow.addWidget(self.save)


        self.mainLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.daysLabel.setBuddy(self.daysToExecute)
        self.noticeLabel.setBuddy(self.noticeWaitDays)
        self.overdueLabel.setBuddy(self.overdueTitles)
        self.notaryLabel.setBuddy(self.notaryTitles)
        self.notaryDaysLabel.setBuddy(self.notaryDays)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ParametersForm)
    # setupUi

    def retranslateUi(self, ParametersForm):
        self.heading.setText(QCoreApplication.translate("ParametersForm", u"<h2>Par\u00e2metros</h2>", None))
        self.autoIncludeLabel.setText(QCoreApplication.translate("ParametersForm", u"Negativar automaticamente (padr\u00e3o):", None))
        self.autoInclude.setText(QCoreApplication.translate("ParametersForm", u"Sim", None))
        self.autoRemoveLabel.setText(QCoreApplication.translate("ParametersForm", u"Remover automaticamente (padr\u00e3o):", None))
        self.autoRemove.setText(QCoreApplication.translate("ParametersForm", u"Sim", None))
        self.daysLabel.setText(QCoreApplication.translate("ParametersForm", u"&Dias para executar (ap\u00f3s o vencimento):", None))
        self.noticeLabel.setText(QCoreApplication.translate("ParametersForm", u"Dias de &espera ap\u00f3s a carta comunicado:", None))
        self.legalLabel.setText(QCoreApplication.translate("ParametersForm", u"Prazos legais:", None))
        self.legalRemovals.setText(QCoreApplication.translate("ParametersForm", u"Enviar automaticamente as baixas por pagamento (5 dias \u00fateis)", None))
        self.fiveYearsRemovals.setText(QCoreApplication.translate("ParametersForm", u"Baixar automaticamente as negativa\u00e7\u00f5es que completam 5 anos", None))
        self.tabs.setTabText(self.tabs.indexOf(self.generalTab), QCoreApplication.translate("ParametersForm", u"Gerais", None))
        self.companiesHelp.setText(QCoreApplication.translate("ParametersForm", u"Sim e N\u00e3o valem para a empresa; Padr\u00e3o segue os par\u00e2metros gerais. Dias em branco: os gerais.", None))
        self.tabs.setTabText(self.tabs.indexOf(self.companiesTab), QCoreApplication.translate("ParametersForm", u"Por empresa", None))
        self.creditEnabled.setText(QCoreApplication.translate("ParametersForm", u"&Controlar an\u00e1lise de cr\u00e9dito", None))
        self.overdueLabel.setText(QCoreApplication.translate("ParametersForm", u"T\u00edtulos em &atraso:", None))
        self.notaryLabel.setText(QCoreApplication.translate("ParametersForm", u"T\u00edtulos em &cart\u00f3rio:", None))
        self.notaryDaysLabel.setText(QCoreApplication.translate("ParametersForm", u"Dias ap\u00f3s o vencimento para considerar em cart\u00f3rio:", None))
        self.tabs.setTabText(self.tabs.indexOf(self.creditTab), QCoreApplication.translate("ParametersForm", u"An\u00e1lise de cr\u00e9dito", None))
        self.save.setText(QCoreApplication.translate("ParametersForm", u"&Salvar", None))
        pass
    # retranslateUi

