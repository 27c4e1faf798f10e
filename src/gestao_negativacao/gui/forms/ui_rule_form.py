# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'rule_form.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_RuleForm(object):
    def setupUi(self, RuleForm):
        if not RuleForm.objectName():
            RuleForm.setObjectName(u"RuleForm")
        RuleForm.resize(760, 720)
        self.mainLayout = QVBoxLayout(RuleForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(RuleForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.nameRow = QHBoxLayout()
        self.nameRow.setObjectName(u"nameRow")
        self.nameLabel = QLabel(RuleForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.nameRow.addWidget(self.nameLabel)

        self.name = QLineEdit(RuleForm)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(100)

        self.nameRow.addWidget(self.name)

        self.active = QCheckBox(RuleForm)
        self.active.setObjectName(u"active")
        self.active.setChecked(True)

        self.nameRow.addWidget(self.active)


        self.mainLayout.addLayout(self.nameRow)

        self.criteriaBox = QGroupBox(RuleForm)
        self.criteriaBox.setObjectName(u"criteriaBox")
        self.criteriaLayout = QVBoxLayout(self.criteriaBox)
        self.criteriaLayout.setObjectName(u"criteriaLayout")

        self.mainLayout.addWidget(self.criteriaBox)

        self.filtersBox = QGroupBox(RuleForm)
        self.filtersBox.setObjectName(u"filtersBox")
        self.filtersLayout = QVBoxLayout(self.filtersBox)
        self.filtersLayout.setObjectName(u"filtersLayout")

        self.mainLayout.addWidget(self.filtersBox)

        self.message = QLabel(RuleForm)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.mainLayout.addWidget(self.message)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.preview = QPushButton(RuleForm)
        self.preview.setObjectName(u"preview")

        self.buttonRow.addWidget(self.preview)

        self.previewResult = QLabel(RuleForm)
        self.previewResult.setObjectName(u"previewResult")

        self.buttonRow.addWidget(self.previewResult)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.spacer)

        self.delete = QPushButton(RuleForm)
        self.delete.setObjectName(u"delete")

        self.buttonRow.addWidget(self.delete)

        self.save = QPushButton(RuleForm)
        self.save.setObjectName(u"save")

        self.buttonRow.addWidget(self.save)


        self.mainLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RuleForm)
    # setupUi

    def retranslateUi(self, RuleForm):
        self.heading.setText(QCoreApplication.translate("RuleForm", u"<h3>Regra</h3>", None))
        self.nameLabel.setText(QCoreApplication.translate("RuleForm", u"&Nome:", None))
        self.active.setText(QCoreApplication.translate("RuleForm", u"&Ativa", None))
        self.criteriaBox.setTitle(QCoreApplication.translate("RuleForm", u"Crit\u00e9rios", None))
        self.filtersBox.setTitle(QCoreApplication.translate("RuleForm", u"Quem participa", None))
        self.preview.setText(QCoreApplication.translate("RuleForm", u"&Pr\u00e9-visualizar", None))
        self.delete.setText(QCoreApplication.translate("RuleForm", u"E&xcluir", None))
        self.save.setText(QCoreApplication.translate("RuleForm", u"&Salvar", None))
        pass
    # retranslateUi

