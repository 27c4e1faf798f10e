# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'release_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QHBoxLayout,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_ReleaseForm(object):
    def setupUi(self, ReleaseForm):
        if not ReleaseForm.objectName():
            ReleaseForm.setObjectName(u"ReleaseForm")
        ReleaseForm.resize(1100, 640)
        self.mainLayout = QVBoxLayout(ReleaseForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(ReleaseForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.companyLabel = QLabel(ReleaseForm)
        self.companyLabel.setObjectName(u"companyLabel")

        self.filterRow.addWidget(self.companyLabel)

        self.company = QComboBox(ReleaseForm)
        self.company.setObjectName(u"company")

        self.filterRow.addWidget(self.company)

        self.integratorLabel = QLabel(ReleaseForm)
        self.integratorLabel.setObjectName(u"integratorLabel")

        self.filterRow.addWidget(self.integratorLabel)

        self.integrator = QComboBox(ReleaseForm)
        self.integrator.setObjectName(u"integrator")

        self.filterRow.addWidget(self.integrator)

        self.actionLabel = QLabel(ReleaseForm)
        self.actionLabel.setObjectName(u"actionLabel")

        self.filterRow.addWidget(self.actionLabel)

        self.action = QComboBox(ReleaseForm)
        self.action.setObjectName(u"action")

        self.filterRow.addWidget(self.action)

        self.search = QPushButton(ReleaseForm)
        self.search.setObjectName(u"search")

        self.filterRow.addWidget(self.search)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterRow.addItem(self.filterSpacer)


        self.mainLayout.addLayout(self.filterRow)

        self.selectAll = QCheckBox(ReleaseForm)
        self.selectAll.setObjectName(u"selectAll")

        self.mainLayout.addWidget(self.selectAll)

        self.results = QWidget(ReleaseForm)
        self.results.setObjectName(u"results")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.results.sizePolicy().hasHeightForWidth())
        self.results.setSizePolicy(sizePolicy)
        self.holder = QVBoxLayout(self.results)
        self.holder.setObjectName(u"holder")
        self.holder.setContentsMargins(0, 0, 0, 0)

        self.mainLayout.addWidget(self.results)

        self.actionBar = QHBoxLayout()
        self.actionBar.setObjectName(u"actionBar")
        self.message = QLabel(ReleaseForm)
        self.message.setObjectName(u"message")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.message.sizePolicy().hasHeightForWidth())
        self.message.setSizePolicy(sizePolicy1)
        self.message.setWordWrap(True)

        self.actionBar.addWidget(self.message)

        self.releaseButton = QPushButton(ReleaseForm)
        self.releaseButton.setObjectName(u"releaseButton")
        self.releaseButton.setEnabled(False)

        self.actionBar.addWidget(self.releaseButton)


        self.mainLayout.addLayout(self.actionBar)

#if QT_CONFIG(shortcut)
        self.companyLabel.setBuddy(self.company)
        self.integratorLabel.setBuddy(self.integrator)
        self.actionLabel.setBuddy(self.action)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.company, self.integrator)
        QWidget.setTabOrder(self.integrator, self.action)
        QWidget.setTabOrder(self.action, self.search)
        QWidget.setTabOrder(self.search, self.selectAll)
        QWidget.setTabOrder(self.selectAll, self.releaseButton)

        self.retranslateUi(ReleaseForm)

        self.search.setDefault(True)

    # setupUi

    def retranslateUi(self, ReleaseForm):
        self.heading.setText(QCoreApplication.translate("ReleaseForm", u"<h2>Liberar parcelas</h2>", None))
        self.companyLabel.setText(QCoreApplication.translate("ReleaseForm", u"&Empresa", None))
#if QT_CONFIG(accessibility)
        self.company.setAccessibleName(QCoreApplication.translate("ReleaseForm", u"Empresa", None))
#endif // QT_CONFIG(accessibility)
        self.integratorLabel.setText(QCoreApplication.translate("ReleaseForm", u"&Integradora", None))
#if QT_CONFIG(accessibility)
        self.integrator.setAccessibleName(QCoreApplication.translate("ReleaseForm", u"Integradora", None))
#endif // QT_CONFIG(accessibility)
        self.actionLabel.setText(QCoreApplication.translate("ReleaseForm", u"&A\u00e7\u00e3o", None))
#if QT_CONFIG(accessibility)
        self.action.setAccessibleName(QCoreApplication.translate("ReleaseForm", u"A\u00e7\u00e3o", None))
#endif // QT_CONFIG(accessibility)
        self.search.setText(QCoreApplication.translate("ReleaseForm", u"&Buscar", None))
        self.selectAll.setText(QCoreApplication.translate("ReleaseForm", u"Selecionar todos", None))
        self.releaseButton.setText(QCoreApplication.translate("ReleaseForm", u"&Liberar parcelas", None))
        pass
    # retranslateUi

