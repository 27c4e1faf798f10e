# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'connection.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QRadioButton,
    QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

class Ui_ConnectionDialog(object):
    def setupUi(self, ConnectionDialog):
        if not ConnectionDialog.objectName():
            ConnectionDialog.setObjectName(u"ConnectionDialog")
        ConnectionDialog.resize(520, 330)
        self.mainLayout = QVBoxLayout(ConnectionDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.local = QRadioButton(ConnectionDialog)
        self.local.setObjectName(u"local")
        self.local.setChecked(True)

        self.mainLayout.addWidget(self.local)

        self.server = QRadioButton(ConnectionDialog)
        self.server.setObjectName(u"server")

        self.mainLayout.addWidget(self.server)

        self.serverBox = QGroupBox(ConnectionDialog)
        self.serverBox.setObjectName(u"serverBox")
        self.serverForm = QFormLayout(self.serverBox)
        self.serverForm.setObjectName(u"serverForm")
        self.kindLabel = QLabel(self.serverBox)
        self.kindLabel.setObjectName(u"kindLabel")

        self.serverForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kind = QComboBox(self.serverBox)
        self.kind.setObjectName(u"kind")

        self.serverForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.kind)

        self.hostLabel = QLabel(self.serverBox)
        self.hostLabel.setObjectName(u"hostLabel")

        self.serverForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.hostLabel)

        self.hostRow = QHBoxLayout()
        self.hostRow.setObjectName(u"hostRow")
        self.host = QLineEdit(self.serverBox)
        self.host.setObjectName(u"host")

        self.hostRow.addWidget(self.host)

        self.portLabel = QLabel(self.serverBox)
        self.portLabel.setObjectName(u"portLabel")

        self.hostRow.addWidget(self.portLabel)

        self.port = QSpinBox(self.serverBox)
        self.port.setObjectName(u"port")
        self.port.setMinimum(1)
        self.port.setMaximum(65535)
        self.port.setValue(5432)

        self.hostRow.addWidget(self.port)


        self.serverForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.hostRow)

        self.nameLabel = QLabel(self.serverBox)
        self.nameLabel.setObjectName(u"nameLabel")

        self.serverForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.databaseName = QLineEdit(self.serverBox)
        self.databaseName.setObjectName(u"databaseName")

        self.serverForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.databaseName)

        self.tlsLabel = QLabel(self.serverBox)
        self.tlsLabel.setObjectName(u"tlsLabel")

        self.serverForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.tlsLabel)

        self.tls = QComboBox(self.serverBox)
        self.tls.setObjectName(u"tls")

        self.serverForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.tls)

        self.caLabel = QLabel(self.serverBox)
        self.caLabel.setObjectName(u"caLabel")

        self.serverForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.caLabel)

        self.caFile = QLineEdit(self.serverBox)
        self.caFile.setObjectName(u"caFile")

        self.serverForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.caFile)

        self.userLabel = QLabel(self.serverBox)
        self.userLabel.setObjectName(u"userLabel")

        self.serverForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.userLabel)

        self.user = QLineEdit(self.serverBox)
        self.user.setObjectName(u"user")

        self.serverForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.user)

        self.passwordLabel = QLabel(self.serverBox)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.serverForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.password = QLineEdit(self.serverBox)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.Password)

        self.serverForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.password)


        self.mainLayout.addWidget(self.serverBox)

        self.result = QLabel(ConnectionDialog)
        self.result.setObjectName(u"result")
        self.result.setWordWrap(True)

        self.mainLayout.addWidget(self.result)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.test = QPushButton(ConnectionDialog)
        self.test.setObjectName(u"test")

        self.buttonRow.addWidget(self.test)

        self.buttons = QDialogButtonBox(ConnectionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.buttonRow.addWidget(self.buttons)


        self.mainLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.kindLabel.setBuddy(self.kind)
        self.hostLabel.setBuddy(self.host)
        self.portLabel.setBuddy(self.port)
        self.nameLabel.setBuddy(self.databaseName)
        self.tlsLabel.setBuddy(self.tls)
        self.caLabel.setBuddy(self.caFile)
        self.userLabel.setBuddy(self.user)
        self.passwordLabel.setBuddy(self.password)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ConnectionDialog)
    # setupUi

    def retranslateUi(self, ConnectionDialog):
        ConnectionDialog.setWindowTitle(QCoreApplication.translate("ConnectionDialog", u"Conex\u00e3o com o banco de dados", None))
        self.local.setText(QCoreApplication.translate("ConnectionDialog", u"Banco &local nesta esta\u00e7\u00e3o (SQLite)", None))
        self.server.setText(QCoreApplication.translate("ConnectionDialog", u"&Servidor compartilhado (v\u00e1rias esta\u00e7\u00f5es)", None))
        self.serverBox.setTitle(QCoreApplication.translate("ConnectionDialog", u"Servidor", None))
        self.kindLabel.setText(QCoreApplication.translate("ConnectionDialog", u"&Tipo:", None))
        self.hostLabel.setText(QCoreApplication.translate("ConnectionDialog", u"&Endere\u00e7o:", None))
        self.host.setPlaceholderText(QCoreApplication.translate("ConnectionDialog", u"servidor ou IP", None))
        self.portLabel.setText(QCoreApplication.translate("ConnectionDialog", u"&Porta:", None))
        self.nameLabel.setText(QCoreApplication.translate("ConnectionDialog", u"&Banco:", None))
        self.databaseName.setText(QCoreApplication.translate("ConnectionDialog", u"gestao_negativacao", None))
        self.tlsLabel.setText(QCoreApplication.translate("ConnectionDialog", u"&Conex\u00e3o:", None))
        self.caLabel.setText(QCoreApplication.translate("ConnectionDialog", u"&Autoridade (CA):", None))
        self.caFile.setPlaceholderText(QCoreApplication.translate("ConnectionDialog", u"arquivo .pem da autoridade que assinou o certificado do servidor", None))
        self.userLabel.setText(QCoreApplication.translate("ConnectionDialog", u"&Usu\u00e1rio (teste):", None))
        self.user.setPlaceholderText(QCoreApplication.translate("ConnectionDialog", u"seu login, s\u00f3 para testar: n\u00e3o \u00e9 guardado", None))
        self.passwordLabel.setText(QCoreApplication.translate("ConnectionDialog", u"S&enha (teste):", None))
        self.password.setPlaceholderText(QCoreApplication.translate("ConnectionDialog", u"n\u00e3o \u00e9 guardada: cada usu\u00e1rio entra com a sua", None))
        self.test.setText(QCoreApplication.translate("ConnectionDialog", u"&Testar conex\u00e3o", None))
    # retranslateUi

