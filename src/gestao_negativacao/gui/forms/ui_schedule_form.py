# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'schedule_form.ui'
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

class Ui_ScheduleForm(object):
    def setupUi(self, ScheduleForm):
        if not ScheduleForm.objectName():
            ScheduleForm.setObjectName(u"ScheduleForm")
        ScheduleForm.resize(520, 560)
        self.mainLayout = QVBoxLayout(ScheduleForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(ScheduleForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameLabel = QLabel(ScheduleForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(ScheduleForm)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(100)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.actionLabel = QLabel(ScheduleForm)
        self.actionLabel.setObjectName(u"actionLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.actionLabel)

        self.action = QComboBox(ScheduleForm)
        self.action.setObjectName(u"action")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.action)

        self.integratorLabel = QLabel(ScheduleForm)
        self.integratorLabel.setObjectName(u"integratorLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.integratorLabel)

        self.integrator = QComboBox(ScheduleForm)
        self.integrator.setObjectName(u"integrator")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.integrator)

        self.sourceLabel = QLabel(ScheduleForm)
        self.sourceLabel.setObjectName(u"sourceLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.sourceLabel)

        self.source = QComboBox(ScheduleForm)
        self.source.setObjectName(u"source")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.source)

        self.daysLabel = QLabel(ScheduleForm)
        self.daysLabel.setObjectName(u"daysLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.daysLabel)

        self.days = QHBoxLayout()
        self.days.setObjectName(u"days")

        self.form.setLayout(4, QFormLayout.ItemRole.FieldRole, self.days)

        self.timesLabel = QLabel(ScheduleForm)
        self.timesLabel.setObjectName(u"timesLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.timesLabel)

        self.times = QLineEdit(ScheduleForm)
        self.times.setObjectName(u"times")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.times)

        self.runAsLabel = QLabel(ScheduleForm)
        self.runAsLabel.setObjectName(u"runAsLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.runAsLabel)

        self.runAs = QComboBox(ScheduleForm)
        self.runAs.setObjectName(u"runAs")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.runAs)

        self.active = QCheckBox(ScheduleForm)
        self.active.setObjectName(u"active")
        self.active.setChecked(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.active)


        self.mainLayout.addLayout(self.form)

        self.rulesBox = QGroupBox(ScheduleForm)
        self.rulesBox.setObjectName(u"rulesBox")
        self.rulesLayout = QVBoxLayout(self.rulesBox)
        self.rulesLayout.setObjectName(u"rulesLayout")

        self.mainLayout.addWidget(self.rulesBox)

        self.message = QLabel(ScheduleForm)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)
        self.message.setMinimumSize(QSize(0, 40))

        self.mainLayout.addWidget(self.message)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.runNow = QPushButton(ScheduleForm)
        self.runNow.setObjectName(u"runNow")

        self.buttonRow.addWidget(self.runNow)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.spacer)

        self.save = QPushButton(ScheduleForm)
        self.save.setObjectName(u"save")

        self.buttonRow.addWidget(self.save)


        self.mainLayout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.actionLabel.setBuddy(self.action)
        self.integratorLabel.setBuddy(self.integrator)
        self.sourceLabel.setBuddy(self.source)
        self.timesLabel.setBuddy(self.times)
        self.runAsLabel.setBuddy(self.runAs)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ScheduleForm)
    # setupUi

    def retranslateUi(self, ScheduleForm):
        self.heading.setText(QCoreApplication.translate("ScheduleForm", u"<h3>Agendamento</h3>", None))
        self.nameLabel.setText(QCoreApplication.translate("ScheduleForm", u"&Nome:", None))
        self.actionLabel.setText(QCoreApplication.translate("ScheduleForm", u"&A\u00e7\u00e3o:", None))
        self.integratorLabel.setText(QCoreApplication.translate("ScheduleForm", u"&Integradora:", None))
        self.sourceLabel.setText(QCoreApplication.translate("ScheduleForm", u"&Fonte do ERP:", None))
        self.daysLabel.setText(QCoreApplication.translate("ScheduleForm", u"Dias da semana:", None))
        self.timesLabel.setText(QCoreApplication.translate("ScheduleForm", u"&Hor\u00e1rios:", None))
        self.times.setText(QCoreApplication.translate("ScheduleForm", u"06:00", None))
        self.times.setPlaceholderText(QCoreApplication.translate("ScheduleForm", u"HH:MM, separados por v\u00edrgula (hora de Bras\u00edlia)", None))
        self.runAsLabel.setText(QCoreApplication.translate("ScheduleForm", u"Executar &como:", None))
        self.active.setText(QCoreApplication.translate("ScheduleForm", u"A&tivo", None))
        self.rulesBox.setTitle(QCoreApplication.translate("ScheduleForm", u"Regras", None))
        self.runNow.setText(QCoreApplication.translate("ScheduleForm", u"E&xecutar agora", None))
        self.save.setText(QCoreApplication.translate("ScheduleForm", u"&Salvar", None))
        pass
    # retranslateUi

