# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'queries_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QTextBrowser,
    QVBoxLayout, QWidget)

class Ui_QueriesForm(object):
    def setupUi(self, QueriesForm):
        if not QueriesForm.objectName():
            QueriesForm.setObjectName(u"QueriesForm")
        QueriesForm.resize(1100, 640)
        self.mainLayout = QVBoxLayout(QueriesForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(QueriesForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.queryRow = QHBoxLayout()
        self.queryRow.setObjectName(u"queryRow")
        self.document = QLineEdit(QueriesForm)
        self.document.setObjectName(u"document")

        self.queryRow.addWidget(self.document)

        self.integrator = QComboBox(QueriesForm)
        self.integrator.setObjectName(u"integrator")

        self.queryRow.addWidget(self.integrator)

        self.query = QPushButton(QueriesForm)
        self.query.setObjectName(u"query")

        self.queryRow.addWidget(self.query)

        self.again = QPushButton(QueriesForm)
        self.again.setObjectName(u"again")
        self.again.setVisible(False)

        self.queryRow.addWidget(self.again)

        self.pdf = QPushButton(QueriesForm)
        self.pdf.setObjectName(u"pdf")
        self.pdf.setEnabled(False)

        self.queryRow.addWidget(self.pdf)


        self.mainLayout.addLayout(self.queryRow)

        self.message = QLabel(QueriesForm)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.mainLayout.addWidget(self.message)

        self.view = QTextBrowser(QueriesForm)
        self.view.setObjectName(u"view")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.view.sizePolicy().hasHeightForWidth())
        self.view.setSizePolicy(sizePolicy)

        self.mainLayout.addWidget(self.view)

        QWidget.setTabOrder(self.document, self.integrator)
        QWidget.setTabOrder(self.integrator, self.query)
        QWidget.setTabOrder(self.query, self.again)
        QWidget.setTabOrder(self.again, self.pdf)
        QWidget.setTabOrder(self.pdf, self.view)

        self.retranslateUi(QueriesForm)

        self.query.setDefault(True)

    # setupUi

    def retranslateUi(self, QueriesForm):
        self.heading.setText(QCoreApplication.translate("QueriesForm", u"<h2>Consultas</h2>", None))
        self.document.setPlaceholderText(QCoreApplication.translate("QueriesForm", u"CPF ou CNPJ (cliente ou n\u00e3o)", None))
#if QT_CONFIG(accessibility)
        self.document.setAccessibleName(QCoreApplication.translate("QueriesForm", u"CPF ou CNPJ", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.integrator.setAccessibleName(QCoreApplication.translate("QueriesForm", u"Bir\u00f4", None))
#endif // QT_CONFIG(accessibility)
        self.query.setText(QCoreApplication.translate("QueriesForm", u"&Consultar", None))
        self.again.setText(QCoreApplication.translate("QueriesForm", u"Consultar de &novo", None))
        self.pdf.setText(QCoreApplication.translate("QueriesForm", u"Exportar &PDF\u2026", None))
        self.message.setText("")
#if QT_CONFIG(accessibility)
        self.view.setAccessibleName(QCoreApplication.translate("QueriesForm", u"Relat\u00f3rio da consulta", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

