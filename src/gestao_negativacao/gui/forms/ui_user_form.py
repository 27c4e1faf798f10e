# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'user_form.ui'
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
    QListWidget, QListWidgetItem, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_UserForm(object):
    def setupUi(self, UserForm):
        if not UserForm.objectName():
            UserForm.setObjectName(u"UserForm")
        UserForm.resize(480, 560)
        self.mainLayout = QVBoxLayout(UserForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(UserForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.loginLabel = QLabel(UserForm)
        self.loginLabel.setObjectName(u"loginLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.loginLabel)

        self.login = QLineEdit(UserForm)
        self.login.setObjectName(u"login")
        self.login.setMaxLength(60)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.login)

        self.nameLabel = QLabel(UserForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(UserForm)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(150)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name)

        self.roleLabel = QLabel(UserForm)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QComboBox(UserForm)
        self.role.setObjectName(u"role")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.role)

        self.active = QCheckBox(UserForm)
        self.active.setObjectName(u"active")
        self.active.setChecked(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.active)


        self.mainLayout.addLayout(self.form)

        self.permissionsBox = QGroupBox(UserForm)
        self.permissionsBox.setObjectName(u"permissionsBox")
        self.permissionsLayout = QVBoxLayout(self.permissionsBox)
        self.permissionsLayout.setObjectName(u"permissionsLayout")
        self.permissions = QListWidget(self.permissionsBox)
        self.permissions.setObjectName(u"permissions")

        self.permissionsLayout.addWidget(self.permissions)


        self.mainLayout.addWidget(self.permissionsBox)

        self.message = QLabel(UserForm)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.mainLayout.addWidget(self.message)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.resetPassword = QPushButton(UserForm)
        self.resetPassword.setObjectName(u"resetPassword")

        self.buttonRow.addWidget(self.resetPassword)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.spacer)

        self.save = QPushButton(UserForm)
        self.save.setObjectName(u"save")

        self.buttonRow.addWidget(self.save)


        self.mainLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.loginLabel.setBuddy(self.login)
        self.nameLabel.setBuddy(self.name)
        self.roleLabel.setBuddy(self.role)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UserForm)
    # setupUi

    def retranslateUi(self, UserForm):
        self.heading.setText(QCoreApplication.translate("UserForm", u"<h3>Usu\u00e1rio</h3>", None))
        self.loginLabel.setText(QCoreApplication.translate("UserForm", u"&Login:", None))
        self.nameLabel.setText(QCoreApplication.translate("UserForm", u"&Nome:", None))
        self.roleLabel.setText(QCoreApplication.translate("UserForm", u"&Perfil:", None))
        self.active.setText(QCoreApplication.translate("UserForm", u"&Ativo", None))
        self.permissionsBox.setTitle(QCoreApplication.translate("UserForm", u"Permiss\u00f5es (marcadas pelo perfil; mude s\u00f3 as exce\u00e7\u00f5es deste usu\u00e1rio)", None))
        self.resetPassword.setText(QCoreApplication.translate("UserForm", u"&Redefinir senha\u2026", None))
        self.save.setText(QCoreApplication.translate("UserForm", u"&Salvar", None))
        pass
    # retranslateUi

