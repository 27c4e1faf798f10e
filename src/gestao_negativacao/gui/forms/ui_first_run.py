# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
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
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_FirstRunDialog(object):
    def setupUi(self, FirstRunDialog):
        if not FirstRunDialog.objectName():
            FirstRunDialog.setObjectName(u"FirstRunDialog")
        FirstRunDialog.resize(460, 280)
        self.mainLayout = QVBoxLayout(FirstRunDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.intro = QLabel(FirstRunDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.mainLayout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.loginLabel = QLabel(FirstRunDialog)
        self.loginLabel.setObjectName(u"loginLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.loginLabel)

        self.login = QLineEdit(FirstRunDialog)
        self.login.setObjectName(u"login")
        self.login.setMaxLength(60)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.login)

        self.nameLabel = QLabel(FirstRunDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(FirstRunDialog)
        self.name.setObjectName(u"name")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name)

        self.passwordLabel = QLabel(FirstRunDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.password = QLineEdit(FirstRunDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.Password)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.password)

        self.confirmLabel = QLabel(FirstRunDialog)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirm = QLineEdit(FirstRunDialog)
        self.confirm.setObjectName(u"confirm")
        self.confirm.setEchoMode(QLineEdit.Password)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.confirm)


        self.mainLayout.addLayout(self.form)

        self.message = QLabel(FirstRunDialog)
        self.message.setObjectName(u"message")
        self.message.setStyleSheet(u"color: #b00020;")
        self.message.setWordWrap(True)

        self.mainLayout.addWidget(self.message)

        self.buttons = QDialogButtonBox(FirstRunDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.loginLabel.setBuddy(self.login)
        self.nameLabel.setBuddy(self.name)
        self.passwordLabel.setBuddy(self.password)
        self.confirmLabel.setBuddy(self.confirm)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FirstRunDialog)
    # setupUi

    def retranslateUi(self, FirstRunDialog):
        FirstRunDialog.setWindowTitle(QCoreApplication.translate("FirstRunDialog", u"Primeiro acesso \u2014 Gest\u00e3o de Negativa\u00e7\u00e3o", None))
        self.intro.setText(QCoreApplication.translate("FirstRunDialog", u"<h3>Bem-vindo</h3><p>Este banco de dados ainda n\u00e3o tem usu\u00e1rios. Crie o administrador: ele cadastra os demais usu\u00e1rios, os operadores e as integra\u00e7\u00f5es.</p>", None))
        self.loginLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Login:", None))
        self.login.setText(QCoreApplication.translate("FirstRunDialog", u"admin", None))
        self.nameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Nome:", None))
        self.name.setText(QCoreApplication.translate("FirstRunDialog", u"Administrador", None))
        self.passwordLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Senha:", None))
        self.confirmLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Repita a senha:", None))
    # retranslateUi

