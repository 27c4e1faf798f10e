# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'login.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QVBoxLayout, QWidget)

class Ui_LoginDialog(object):
    def setupUi(self, LoginDialog):
        if not LoginDialog.objectName():
            LoginDialog.setObjectName(u"LoginDialog")
        LoginDialog.resize(380, 210)
        self.mainLayout = QVBoxLayout(LoginDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.title = QLabel(LoginDialog)
        self.title.setObjectName(u"title")

        self.mainLayout.addWidget(self.title)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.loginLabel = QLabel(LoginDialog)
        self.loginLabel.setObjectName(u"loginLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.loginLabel)

        self.login = QLineEdit(LoginDialog)
        self.login.setObjectName(u"login")
        self.login.setMaxLength(60)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.login)

        self.passwordLabel = QLabel(LoginDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.password = QLineEdit(LoginDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.Password)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.password)

        self.databaseLabel = QLabel(LoginDialog)
        self.databaseLabel.setObjectName(u"databaseLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.databaseLabel)

        self.databaseRow = QHBoxLayout()
        self.databaseRow.setObjectName(u"databaseRow")
        self.database = QLabel(LoginDialog)
        self.database.setObjectName(u"database")
        self.database.setWordWrap(True)

        self.databaseRow.addWidget(self.database)

        self.changeDatabase = QPushButton(LoginDialog)
        self.changeDatabase.setObjectName(u"changeDatabase")

        self.databaseRow.addWidget(self.changeDatabase)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.databaseRow)


        self.mainLayout.addLayout(self.form)

        self.message = QLabel(LoginDialog)
        self.message.setObjectName(u"message")
        self.message.setStyleSheet(u"color: #b00020;")
        self.message.setWordWrap(True)

        self.mainLayout.addWidget(self.message)

        self.buttons = QDialogButtonBox(LoginDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.loginLabel.setBuddy(self.login)
        self.passwordLabel.setBuddy(self.password)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.login, self.password)

        self.retranslateUi(LoginDialog)
    # setupUi

    def retranslateUi(self, LoginDialog):
        LoginDialog.setWindowTitle(QCoreApplication.translate("LoginDialog", u"Entrar \u2014 Gest\u00e3o de Negativa\u00e7\u00e3o", None))
        self.title.setText(QCoreApplication.translate("LoginDialog", u"<h3>Gest\u00e3o de Negativa\u00e7\u00e3o</h3>", None))
        self.loginLabel.setText(QCoreApplication.translate("LoginDialog", u"&Usu\u00e1rio:", None))
        self.passwordLabel.setText(QCoreApplication.translate("LoginDialog", u"&Senha:", None))
        self.databaseLabel.setText(QCoreApplication.translate("LoginDialog", u"Banco de dados:", None))
        self.changeDatabase.setText(QCoreApplication.translate("LoginDialog", u"&Conex\u00e3o...", None))
    # retranslateUi

