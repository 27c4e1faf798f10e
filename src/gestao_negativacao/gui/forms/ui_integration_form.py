# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'integration_form.ui'
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
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_IntegrationForm(object):
    def setupUi(self, IntegrationForm):
        if not IntegrationForm.objectName():
            IntegrationForm.setObjectName(u"IntegrationForm")
        IntegrationForm.resize(560, 720)
        self.mainLayout = QVBoxLayout(IntegrationForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(IntegrationForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameLabel = QLabel(IntegrationForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(IntegrationForm)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(100)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.integratorLabel = QLabel(IntegrationForm)
        self.integratorLabel.setObjectName(u"integratorLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.integratorLabel)

        self.integrator = QComboBox(IntegrationForm)
        self.integrator.setObjectName(u"integrator")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.integrator)

        self.environmentLabel = QLabel(IntegrationForm)
        self.environmentLabel.setObjectName(u"environmentLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.environmentLabel)

        self.environment = QComboBox(IntegrationForm)
        self.environment.setObjectName(u"environment")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.environment)

        self.urlLabel = QLabel(IntegrationForm)
        self.urlLabel.setObjectName(u"urlLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.urlLabel)

        self.url = QLineEdit(IntegrationForm)
        self.url.setObjectName(u"url")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.url)

        self.portLabel = QLabel(IntegrationForm)
        self.portLabel.setObjectName(u"portLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.portLabel)

        self.port = QSpinBox(IntegrationForm)
        self.port.setObjectName(u"port")
        self.port.setMaximum(65535)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.port)

        self.removalReasonLabel = QLabel(IntegrationForm)
        self.removalReasonLabel.setObjectName(u"removalReasonLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.removalReasonLabel)

        self.removalReason = QComboBox(IntegrationForm)
        self.removalReason.setObjectName(u"removalReason")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.removalReason)

        self.naturePersonLabel = QLabel(IntegrationForm)
        self.naturePersonLabel.setObjectName(u"naturePersonLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.naturePersonLabel)

        self.naturePerson = QComboBox(IntegrationForm)
        self.naturePerson.setObjectName(u"naturePerson")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.naturePerson)

        self.natureCompanyLabel = QLabel(IntegrationForm)
        self.natureCompanyLabel.setObjectName(u"natureCompanyLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.natureCompanyLabel)

        self.natureCompany = QComboBox(IntegrationForm)
        self.natureCompany.setObjectName(u"natureCompany")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.natureCompany)

        self.creditProductLabel = QLabel(IntegrationForm)
        self.creditProductLabel.setObjectName(u"creditProductLabel")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.creditProductLabel)

        self.creditProduct = QLineEdit(IntegrationForm)
        self.creditProduct.setObjectName(u"creditProduct")
        self.creditProduct.setMaxLength(20)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.creditProduct)

        self.queryUrlLabel = QLabel(IntegrationForm)
        self.queryUrlLabel.setObjectName(u"queryUrlLabel")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.queryUrlLabel)

        self.queryUrl = QLineEdit(IntegrationForm)
        self.queryUrl.setObjectName(u"queryUrl")
        self.queryUrl.setMaxLength(300)

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.queryUrl)

        self.fetchLists = QPushButton(IntegrationForm)
        self.fetchLists.setObjectName(u"fetchLists")

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.fetchLists)

        self.flags = QHBoxLayout()
        self.flags.setObjectName(u"flags")
        self.autoInclude = QCheckBox(IntegrationForm)
        self.autoInclude.setObjectName(u"autoInclude")

        self.flags.addWidget(self.autoInclude)

        self.autoRemove = QCheckBox(IntegrationForm)
        self.autoRemove.setObjectName(u"autoRemove")

        self.flags.addWidget(self.autoRemove)

        self.active = QCheckBox(IntegrationForm)
        self.active.setObjectName(u"active")
        self.active.setChecked(True)

        self.flags.addWidget(self.active)


        self.form.setLayout(12, QFormLayout.ItemRole.FieldRole, self.flags)


        self.mainLayout.addLayout(self.form)

        self.operatorsBox = QGroupBox(IntegrationForm)
        self.operatorsBox.setObjectName(u"operatorsBox")
        self.operatorsLayout = QVBoxLayout(self.operatorsBox)
        self.operatorsLayout.setObjectName(u"operatorsLayout")

        self.mainLayout.addWidget(self.operatorsBox)

        self.companiesBox = QGroupBox(IntegrationForm)
        self.companiesBox.setObjectName(u"companiesBox")
        self.companiesLayout = QVBoxLayout(self.companiesBox)
        self.companiesLayout.setObjectName(u"companiesLayout")

        self.mainLayout.addWidget(self.companiesBox)

        self.message = QLabel(IntegrationForm)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.mainLayout.addWidget(self.message)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.spacer)

        self.delete = QPushButton(IntegrationForm)
        self.delete.setObjectName(u"delete")

        self.buttonRow.addWidget(self.delete)

        self.save = QPushButton(IntegrationForm)
        self.save.setObjectName(u"save")

        self.buttonRow.addWidget(self.save)


        self.mainLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.integratorLabel.setBuddy(self.integrator)
        self.environmentLabel.setBuddy(self.environment)
        self.urlLabel.setBuddy(self.url)
        self.portLabel.setBuddy(self.port)
        self.removalReasonLabel.setBuddy(self.removalReason)
        self.naturePersonLabel.setBuddy(self.naturePerson)
        self.natureCompanyLabel.setBuddy(self.natureCompany)
        self.creditProductLabel.setBuddy(self.creditProduct)
        self.queryUrlLabel.setBuddy(self.queryUrl)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IntegrationForm)
    # setupUi

    def retranslateUi(self, IntegrationForm):
        self.heading.setText(QCoreApplication.translate("IntegrationForm", u"<h3>Integra\u00e7\u00e3o</h3>", None))
        self.nameLabel.setText(QCoreApplication.translate("IntegrationForm", u"&Nome:", None))
        self.integratorLabel.setText(QCoreApplication.translate("IntegrationForm", u"&Integradora:", None))
        self.environmentLabel.setText(QCoreApplication.translate("IntegrationForm", u"&Ambiente:", None))
        self.urlLabel.setText(QCoreApplication.translate("IntegrationForm", u"&URL:", None))
        self.url.setPlaceholderText(QCoreApplication.translate("IntegrationForm", u"https://\u2026 (produ\u00e7\u00e3o exige https)", None))
        self.portLabel.setText(QCoreApplication.translate("IntegrationForm", u"&Porta (Boa Vista):", None))
        self.port.setSpecialValueText(QCoreApplication.translate("IntegrationForm", u"padr\u00e3o", None))
        self.removalReasonLabel.setText(QCoreApplication.translate("IntegrationForm", u"&Motivo de baixa:", None))
        self.naturePersonLabel.setText(QCoreApplication.translate("IntegrationForm", u"Restri\u00e7\u00e3o/natureza &CPF:", None))
        self.natureCompanyLabel.setText(QCoreApplication.translate("IntegrationForm", u"Restri\u00e7\u00e3o/natureza C&NPJ:", None))
        self.creditProductLabel.setText(QCoreApplication.translate("IntegrationForm", u"Produto da &consulta:", None))
        self.creditProduct.setPlaceholderText(QCoreApplication.translate("IntegrationForm", u"vazio: o produto padr\u00e3o", None))
#if QT_CONFIG(tooltip)
        self.creditProduct.setToolTip(QCoreApplication.translate("IntegrationForm", u"C\u00f3digo do produto de consulta contratado com o SPC ou a Boa Vista; em branco, usa o produto padr\u00e3o do bir\u00f4", None))
#endif // QT_CONFIG(tooltip)
        self.queryUrlLabel.setText(QCoreApplication.translate("IntegrationForm", u"Endere\u00e7o da consulta (&CSR60):", None))
        self.queryUrl.setPlaceholderText(QCoreApplication.translate("IntegrationForm", u"tcp://consulta.scpc.inf.br:9164 (s\u00f3 Boa Vista; vazio: este)", None))
        self.fetchLists.setText(QCoreApplication.translate("IntegrationForm", u"&Buscar na integradora", None))
#if QT_CONFIG(tooltip)
        self.fetchLists.setToolTip(QCoreApplication.translate("IntegrationForm", u"Busca motivos de baixa, tipos de documento e naturezas no bir\u00f4 (precisa da URL e de um operador com senha nesta esta\u00e7\u00e3o)", None))
#endif // QT_CONFIG(tooltip)
        self.autoInclude.setText(QCoreApplication.translate("IntegrationForm", u"Inclus\u00e3o &autom\u00e1tica", None))
        self.autoRemove.setText(QCoreApplication.translate("IntegrationForm", u"Baixa a&utom\u00e1tica", None))
        self.active.setText(QCoreApplication.translate("IntegrationForm", u"A&tiva", None))
        self.operatorsBox.setTitle(QCoreApplication.translate("IntegrationForm", u"Operadores (na ordem em que s\u00e3o tentados)", None))
        self.companiesBox.setTitle(QCoreApplication.translate("IntegrationForm", u"Empresas vinculadas", None))
        self.delete.setText(QCoreApplication.translate("IntegrationForm", u"E&xcluir", None))
        self.save.setText(QCoreApplication.translate("IntegrationForm", u"&Salvar", None))
        pass
    # retranslateUi

