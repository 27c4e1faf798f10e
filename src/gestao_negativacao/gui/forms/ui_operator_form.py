# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'operator_form.ui'
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
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_OperatorForm(object):
    def setupUi(self, OperatorForm):
        if not OperatorForm.objectName():
            OperatorForm.setObjectName(u"OperatorForm")
        OperatorForm.resize(480, 460)
        self.mainLayout = QVBoxLayout(OperatorForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(OperatorForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.integratorLabel = QLabel(OperatorForm)
        self.integratorLabel.setObjectName(u"integratorLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.integratorLabel)

        self.integrator = QComboBox(OperatorForm)
        self.integrator.setObjectName(u"integrator")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.integrator)

        self.codeLabel = QLabel(OperatorForm)
        self.codeLabel.setObjectName(u"codeLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.code = QLineEdit(OperatorForm)
        self.code.setObjectName(u"code")
        self.code.setMaxLength(120)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.code)

        self.nameLabel = QLabel(OperatorForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(OperatorForm)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(150)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.name)

        self.companyLabel = QLabel(OperatorForm)
        self.companyLabel.setObjectName(u"companyLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.companyLabel)

        self.company = QComboBox(OperatorForm)
        self.company.setObjectName(u"company")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.company)

        self.active = QCheckBox(OperatorForm)
        self.active.setObjectName(u"active")
        self.active.setChecked(True)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.active)


        self.mainLayout.addLayout(self.form)

        self.usersBox = QGroupBox(OperatorForm)
        self.usersBox.setObjectName(u"usersBox")
        self.usersLayout = QVBoxLayout(self.usersBox)
        self.usersLayout.setObjectName(u"usersLayout")

        self.mainLayout.addWidget(self.usersBox)

        self.secretBox = QGroupBox(OperatorForm)
        self.secretBox.setObjectName(u"secretBox")
        self.secretLayout = QHBoxLayout(self.secretBox)
        self.secretLayout.setObjectName(u"secretLayout")
        self.secretState = QLabel(self.secretBox)
        self.secretState.setObjectName(u"secretState")

        self.secretLayout.addWidget(self.secretState)

        self.setSecret = QPushButton(self.secretBox)
        self.setSecret.setObjectName(u"setSecret")

        self.secretLayout.addWidget(self.setSecret)

        self.clearSecret = QPushButton(self.secretBox)
        self.clearSecret.setObjectName(u"clearSecret")

        self.secretLayout.addWidget(self.clearSecret)

        self.testConnection = QPushButton(self.secretBox)
        self.testConnection.setObjectName(u"testConnection")

        self.secretLayout.addWidget(self.testConnection)

        self.setQuery = QPushButton(self.secretBox)
        self.setQuery.setObjectName(u"setQuery")

        self.secretLayout.addWidget(self.setQuery)


        self.mainLayout.addWidget(self.secretBox)

        self.message = QLabel(OperatorForm)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.mainLayout.addWidget(self.message)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.spacer)

        self.delete = QPushButton(OperatorForm)
        self.delete.setObjectName(u"delete")

        self.buttonRow.addWidget(self.delete)

        self.save = QPushButton(OperatorForm)
        self.save.setObjectName(u"save")

        self.buttonRow.addWidget(self.save)


        self.mainLayout.addLayout(self.buttonRow)

        self.bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottom)

#if QT_CONFIG(shortcut)
        self.integratorLabel.setBuddy(self.integrator)
        self.codeLabel.setBuddy(self.code)
        self.nameLabel.setBuddy(self.name)
        self.companyLabel.setBuddy(self.company)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(OperatorForm)
    # setupUi

    def retranslateUi(self, OperatorForm):
        self.heading.setText(QCoreApplication.translate("OperatorForm", u"<h3>Operador</h3>", None))
        self.integratorLabel.setText(QCoreApplication.translate("OperatorForm", u"&Integradora:", None))
        self.codeLabel.setText(QCoreApplication.translate("OperatorForm", u"&C\u00f3digo / login:", None))
        self.code.setPlaceholderText(QCoreApplication.translate("OperatorForm", u"c\u00f3digo do operador, e-mail da SOA, chave da Boa Vista ou client id", None))
        self.nameLabel.setText(QCoreApplication.translate("OperatorForm", u"&Nome:", None))
        self.companyLabel.setText(QCoreApplication.translate("OperatorForm", u"&Empresa vinculada:", None))
        self.active.setText(QCoreApplication.translate("OperatorForm", u"&Ativo", None))
        self.usersBox.setTitle(QCoreApplication.translate("OperatorForm", u"Usu\u00e1rios vinculados (nenhum: quem tem a permiss\u00e3o CRSPC)", None))
        self.secretBox.setTitle(QCoreApplication.translate("OperatorForm", u"Senha nesta esta\u00e7\u00e3o", None))
        self.secretState.setText(QCoreApplication.translate("OperatorForm", u"n\u00e3o definida", None))
        self.setSecret.setText(QCoreApplication.translate("OperatorForm", u"&Definir senha\u2026", None))
        self.clearSecret.setText(QCoreApplication.translate("OperatorForm", u"&Remover senha", None))
        self.testConnection.setText(QCoreApplication.translate("OperatorForm", u"&Testar conex\u00e3o", None))
        self.setQuery.setText(QCoreApplication.translate("OperatorForm", u"&Consulta CSR60\u2026", None))
#if QT_CONFIG(tooltip)
        self.setQuery.setToolTip(QCoreApplication.translate("OperatorForm", u"A consulta de cr\u00e9dito da Boa Vista (CSR60) usa um c\u00f3digo e uma senha de operador pr\u00f3prios, diferentes da chave da distribuidora", None))
#endif // QT_CONFIG(tooltip)
        self.delete.setText(QCoreApplication.translate("OperatorForm", u"E&xcluir", None))
        self.save.setText(QCoreApplication.translate("OperatorForm", u"&Salvar", None))
        pass
    # retranslateUi

