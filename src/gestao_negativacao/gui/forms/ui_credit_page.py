# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'credit_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit,
    QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpinBox, QSplitter, QTabWidget, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_CreditForm(object):
    def setupUi(self, CreditForm):
        if not CreditForm.objectName():
            CreditForm.setObjectName(u"CreditForm")
        CreditForm.resize(1140, 700)
        self.mainLayout = QVBoxLayout(CreditForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(CreditForm)
        self.heading.setObjectName(u"heading")

        self.mainLayout.addWidget(self.heading)

        self.tabs = QTabWidget(CreditForm)
        self.tabs.setObjectName(u"tabs")
        self.queueTab = QWidget()
        self.queueTab.setObjectName(u"queueTab")
        self.queueLayout = QVBoxLayout(self.queueTab)
        self.queueLayout.setObjectName(u"queueLayout")
        self.queueSplitter = QSplitter(self.queueTab)
        self.queueSplitter.setObjectName(u"queueSplitter")
        self.queueSplitter.setOrientation(Qt.Orientation.Horizontal)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.queueSplitter.sizePolicy().hasHeightForWidth())
        self.queueSplitter.setSizePolicy(sizePolicy)
        self.queue = QTableWidget(self.queueSplitter)
        if (self.queue.columnCount() < 9):
            self.queue.setColumnCount(9)
        __qtablewidgetitem = QTableWidgetItem()
        self.queue.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.queue.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.queue.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.queue.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.queue.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.queue.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.queue.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.queue.setHorizontalHeaderItem(7, __qtablewidgetitem7)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.queue.setHorizontalHeaderItem(8, __qtablewidgetitem8)
        self.queue.setObjectName(u"queue")
        self.queue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queueSplitter.addWidget(self.queue)
        self.queue.verticalHeader().setVisible(False)
        self.detail = QPlainTextEdit(self.queueSplitter)
        self.detail.setObjectName(u"detail")
        self.detail.setReadOnly(True)
        self.queueSplitter.addWidget(self.detail)

        self.queueLayout.addWidget(self.queueSplitter)

        self.queueActions = QHBoxLayout()
        self.queueActions.setObjectName(u"queueActions")
        self.queueMessage = QLabel(self.queueTab)
        self.queueMessage.setObjectName(u"queueMessage")
        self.queueMessage.setWordWrap(True)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.queueMessage.sizePolicy().hasHeightForWidth())
        self.queueMessage.setSizePolicy(sizePolicy1)

        self.queueActions.addWidget(self.queueMessage)

        self.block = QPushButton(self.queueTab)
        self.block.setObjectName(u"block")

        self.queueActions.addWidget(self.block)

        self.approve = QPushButton(self.queueTab)
        self.approve.setObjectName(u"approve")

        self.queueActions.addWidget(self.approve)


        self.queueLayout.addLayout(self.queueActions)

        self.tabs.addTab(self.queueTab, "")
        self.requestTab = QWidget()
        self.requestTab.setObjectName(u"requestTab")
        self.requestForm = QFormLayout(self.requestTab)
        self.requestForm.setObjectName(u"requestForm")
        self.requestFormLabel0 = QLabel(self.requestTab)
        self.requestFormLabel0.setObjectName(u"requestFormLabel0")

        self.requestForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.requestFormLabel0)

        self.reqCustomer = QLineEdit(self.requestTab)
        self.reqCustomer.setObjectName(u"reqCustomer")

        self.requestForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reqCustomer)

        self.requestFormLabel1 = QLabel(self.requestTab)
        self.requestFormLabel1.setObjectName(u"requestFormLabel1")

        self.requestForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.requestFormLabel1)

        self.reqCompany = QLineEdit(self.requestTab)
        self.reqCompany.setObjectName(u"reqCompany")

        self.requestForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reqCompany)

        self.requestFormLabel2 = QLabel(self.requestTab)
        self.requestFormLabel2.setObjectName(u"requestFormLabel2")

        self.requestForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.requestFormLabel2)

        self.reqSale = QLineEdit(self.requestTab)
        self.reqSale.setObjectName(u"reqSale")

        self.requestForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.reqSale)

        self.requestFormLabel3 = QLabel(self.requestTab)
        self.requestFormLabel3.setObjectName(u"requestFormLabel3")

        self.requestForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.requestFormLabel3)

        self.reqMethod = QComboBox(self.requestTab)
        self.reqMethod.setObjectName(u"reqMethod")

        self.requestForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.reqMethod)

        self.requestFormLabel4 = QLabel(self.requestTab)
        self.requestFormLabel4.setObjectName(u"requestFormLabel4")

        self.requestForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.requestFormLabel4)

        self.reqAmount = QLineEdit(self.requestTab)
        self.reqAmount.setObjectName(u"reqAmount")

        self.requestForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.reqAmount)

        self.requestFormLabel5 = QLabel(self.requestTab)
        self.requestFormLabel5.setObjectName(u"requestFormLabel5")

        self.requestForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.requestFormLabel5)

        self.reqCount = QSpinBox(self.requestTab)
        self.reqCount.setObjectName(u"reqCount")
        self.reqCount.setMinimum(1)
        self.reqCount.setMaximum(120)

        self.requestForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.reqCount)

        self.requestFormLabel6 = QLabel(self.requestTab)
        self.requestFormLabel6.setObjectName(u"requestFormLabel6")

        self.requestForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.requestFormLabel6)

        self.reqFirst = QDateEdit(self.requestTab)
        self.reqFirst.setObjectName(u"reqFirst")
        self.reqFirst.setCalendarPopup(True)

        self.requestForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.reqFirst)

        self.reqSubmit = QPushButton(self.requestTab)
        self.reqSubmit.setObjectName(u"reqSubmit")

        self.requestForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.reqSubmit)

        self.reqResult = QLabel(self.requestTab)
        self.reqResult.setObjectName(u"reqResult")
        self.reqResult.setWordWrap(True)

        self.requestForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.reqResult)

        self.tabs.addTab(self.requestTab, "")
        self.profileTab = QWidget()
        self.profileTab.setObjectName(u"profileTab")
        self.profileForm = QFormLayout(self.profileTab)
        self.profileForm.setObjectName(u"profileForm")
        self.profileFormLabel0 = QLabel(self.profileTab)
        self.profileFormLabel0.setObjectName(u"profileFormLabel0")

        self.profileForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.profileFormLabel0)

        self.profileFind = QHBoxLayout()
        self.profileFind.setObjectName(u"profileFind")
        self.profDocument = QLineEdit(self.profileTab)
        self.profDocument.setObjectName(u"profDocument")

        self.profileFind.addWidget(self.profDocument)

        self.profFind = QPushButton(self.profileTab)
        self.profFind.setObjectName(u"profFind")

        self.profileFind.addWidget(self.profFind)


        self.profileForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.profileFind)

        self.profSummary = QLabel(self.profileTab)
        self.profSummary.setObjectName(u"profSummary")
        self.profSummary.setWordWrap(True)

        self.profileForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.profSummary)

        self.profileFormLabel2 = QLabel(self.profileTab)
        self.profileFormLabel2.setObjectName(u"profileFormLabel2")

        self.profileForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.profileFormLabel2)

        self.profStatus = QComboBox(self.profileTab)
        self.profStatus.setObjectName(u"profStatus")

        self.profileForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.profStatus)

        self.profileFormLabel3 = QLabel(self.profileTab)
        self.profileFormLabel3.setObjectName(u"profileFormLabel3")

        self.profileForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.profileFormLabel3)

        self.profLimit = QLineEdit(self.profileTab)
        self.profLimit.setObjectName(u"profLimit")

        self.profileForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.profLimit)

        self.profSave = QPushButton(self.profileTab)
        self.profSave.setObjectName(u"profSave")

        self.profileForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.profSave)

        self.profileFormLabel5 = QLabel(self.profileTab)
        self.profileFormLabel5.setObjectName(u"profileFormLabel5")

        self.profileForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.profileFormLabel5)

        self.profIncrease = QLineEdit(self.profileTab)
        self.profIncrease.setObjectName(u"profIncrease")

        self.profileForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.profIncrease)

        self.profileFormLabel6 = QLabel(self.profileTab)
        self.profileFormLabel6.setObjectName(u"profileFormLabel6")

        self.profileForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.profileFormLabel6)

        self.profUntil = QDateEdit(self.profileTab)
        self.profUntil.setObjectName(u"profUntil")
        self.profUntil.setCalendarPopup(True)

        self.profileForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.profUntil)

        self.profAdd = QPushButton(self.profileTab)
        self.profAdd.setObjectName(u"profAdd")

        self.profileForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.profAdd)

        self.profMessage = QLabel(self.profileTab)
        self.profMessage.setObjectName(u"profMessage")
        self.profMessage.setWordWrap(True)

        self.profileForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.profMessage)

        self.tabs.addTab(self.profileTab, "")
        self.mineTab = QWidget()
        self.mineTab.setObjectName(u"mineTab")
        self.mineLayout = QVBoxLayout(self.mineTab)
        self.mineLayout.setObjectName(u"mineLayout")
        self.mine = QTableWidget(self.mineTab)
        if (self.mine.columnCount() < 7):
            self.mine.setColumnCount(7)
        __qtablewidgetitem9 = QTableWidgetItem()
        self.mine.setHorizontalHeaderItem(0, __qtablewidgetitem9)
        __qtablewidgetitem10 = QTableWidgetItem()
        self.mine.setHorizontalHeaderItem(1, __qtablewidgetitem10)
        __qtablewidgetitem11 = QTableWidgetItem()
        self.mine.setHorizontalHeaderItem(2, __qtablewidgetitem11)
        __qtablewidgetitem12 = QTableWidgetItem()
        self.mine.setHorizontalHeaderItem(3, __qtablewidgetitem12)
        __qtablewidgetitem13 = QTableWidgetItem()
        self.mine.setHorizontalHeaderItem(4, __qtablewidgetitem13)
        __qtablewidgetitem14 = QTableWidgetItem()
        self.mine.setHorizontalHeaderItem(5, __qtablewidgetitem14)
        __qtablewidgetitem15 = QTableWidgetItem()
        self.mine.setHorizontalHeaderItem(6, __qtablewidgetitem15)
        self.mine.setObjectName(u"mine")
        self.mine.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mine.verticalHeader().setVisible(False)

        self.mineLayout.addWidget(self.mine)

        self.tabs.addTab(self.mineTab, "")

        self.mainLayout.addWidget(self.tabs)

#if QT_CONFIG(shortcut)
        self.requestFormLabel0.setBuddy(self.reqCustomer)
        self.requestFormLabel1.setBuddy(self.reqCompany)
        self.requestFormLabel2.setBuddy(self.reqSale)
        self.requestFormLabel3.setBuddy(self.reqMethod)
        self.requestFormLabel4.setBuddy(self.reqAmount)
        self.requestFormLabel5.setBuddy(self.reqCount)
        self.requestFormLabel6.setBuddy(self.reqFirst)
        self.profileFormLabel0.setBuddy(self.profDocument)
        self.profileFormLabel2.setBuddy(self.profStatus)
        self.profileFormLabel3.setBuddy(self.profLimit)
        self.profileFormLabel5.setBuddy(self.profIncrease)
        self.profileFormLabel6.setBuddy(self.profUntil)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CreditForm)

        self.tabs.setCurrentIndex(0)

    # setupUi

    def retranslateUi(self, CreditForm):
        self.heading.setText(QCoreApplication.translate("CreditForm", u"<h2>An\u00e1lise de cr\u00e9dito</h2>", None))
        ___qtablewidgetitem = self.queue.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("CreditForm", u"N\u00ba", None))
        ___qtablewidgetitem1 = self.queue.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("CreditForm", u"Cliente", None))
        ___qtablewidgetitem2 = self.queue.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("CreditForm", u"Limite", None))
        ___qtablewidgetitem3 = self.queue.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("CreditForm", u"Usado", None))
        ___qtablewidgetitem4 = self.queue.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("CreditForm", u"Saldo", None))
        ___qtablewidgetitem5 = self.queue.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("CreditForm", u"Origem", None))
        ___qtablewidgetitem6 = self.queue.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("CreditForm", u"Valor", None))
        ___qtablewidgetitem7 = self.queue.horizontalHeaderItem(7)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("CreditForm", u"Situa\u00e7\u00e3o", None))
        ___qtablewidgetitem8 = self.queue.horizontalHeaderItem(8)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("CreditForm", u"Motivos", None))
#if QT_CONFIG(accessibility)
        self.queue.setAccessibleName(QCoreApplication.translate("CreditForm", u"Fila de an\u00e1lise", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.detail.setAccessibleName(QCoreApplication.translate("CreditForm", u"Detalhe da solicita\u00e7\u00e3o", None))
#endif // QT_CONFIG(accessibility)
        self.queueMessage.setText("")
        self.block.setText(QCoreApplication.translate("CreditForm", u"&Bloquear\u2026", None))
        self.approve.setText(QCoreApplication.translate("CreditForm", u"&Aprovar", None))
        self.tabs.setTabText(self.tabs.indexOf(self.queueTab), QCoreApplication.translate("CreditForm", u"Fila de an\u00e1lise", None))
        self.requestFormLabel0.setText(QCoreApplication.translate("CreditForm", u"Cliente (CPF/CNPJ):", None))
#if QT_CONFIG(accessibility)
        self.reqCustomer.setAccessibleName(QCoreApplication.translate("CreditForm", u"Cliente (CPF/CNPJ)", None))
#endif // QT_CONFIG(accessibility)
        self.requestFormLabel1.setText(QCoreApplication.translate("CreditForm", u"Empresa (CNPJ):", None))
#if QT_CONFIG(accessibility)
        self.reqCompany.setAccessibleName(QCoreApplication.translate("CreditForm", u"Empresa (CNPJ)", None))
#endif // QT_CONFIG(accessibility)
        self.requestFormLabel2.setText(QCoreApplication.translate("CreditForm", u"Venda:", None))
#if QT_CONFIG(accessibility)
        self.reqSale.setAccessibleName(QCoreApplication.translate("CreditForm", u"Venda", None))
#endif // QT_CONFIG(accessibility)
        self.requestFormLabel3.setText(QCoreApplication.translate("CreditForm", u"Pagamento:", None))
#if QT_CONFIG(accessibility)
        self.reqMethod.setAccessibleName(QCoreApplication.translate("CreditForm", u"Pagamento", None))
#endif // QT_CONFIG(accessibility)
        self.requestFormLabel4.setText(QCoreApplication.translate("CreditForm", u"Valor total:", None))
#if QT_CONFIG(accessibility)
        self.reqAmount.setAccessibleName(QCoreApplication.translate("CreditForm", u"Valor total", None))
#endif // QT_CONFIG(accessibility)
        self.reqAmount.setPlaceholderText(QCoreApplication.translate("CreditForm", u"0,00", None))
        self.requestFormLabel5.setText(QCoreApplication.translate("CreditForm", u"Parcelas (mensais):", None))
#if QT_CONFIG(accessibility)
        self.reqCount.setAccessibleName(QCoreApplication.translate("CreditForm", u"Parcelas", None))
#endif // QT_CONFIG(accessibility)
        self.requestFormLabel6.setText(QCoreApplication.translate("CreditForm", u"Primeiro vencimento:", None))
        self.reqFirst.setDisplayFormat(QCoreApplication.translate("CreditForm", u"dd/MM/yyyy", None))
#if QT_CONFIG(accessibility)
        self.reqFirst.setAccessibleName(QCoreApplication.translate("CreditForm", u"Primeiro vencimento", None))
#endif // QT_CONFIG(accessibility)
        self.reqSubmit.setText(QCoreApplication.translate("CreditForm", u"&Solicitar", None))
        self.reqResult.setText("")
        self.tabs.setTabText(self.tabs.indexOf(self.requestTab), QCoreApplication.translate("CreditForm", u"Nova solicita\u00e7\u00e3o", None))
        self.profileFormLabel0.setText(QCoreApplication.translate("CreditForm", u"Cliente (CPF/CNPJ):", None))
#if QT_CONFIG(accessibility)
        self.profDocument.setAccessibleName(QCoreApplication.translate("CreditForm", u"Cliente (CPF/CNPJ)", None))
#endif // QT_CONFIG(accessibility)
        self.profFind.setText(QCoreApplication.translate("CreditForm", u"&Buscar", None))
        self.profSummary.setText("")
        self.profileFormLabel2.setText(QCoreApplication.translate("CreditForm", u"Situa\u00e7\u00e3o:", None))
#if QT_CONFIG(accessibility)
        self.profStatus.setAccessibleName(QCoreApplication.translate("CreditForm", u"Situa\u00e7\u00e3o", None))
#endif // QT_CONFIG(accessibility)
        self.profileFormLabel3.setText(QCoreApplication.translate("CreditForm", u"Limite de cr\u00e9dito:", None))
#if QT_CONFIG(accessibility)
        self.profLimit.setAccessibleName(QCoreApplication.translate("CreditForm", u"Limite de cr\u00e9dito", None))
#endif // QT_CONFIG(accessibility)
        self.profLimit.setPlaceholderText(QCoreApplication.translate("CreditForm", u"0 = sem limite", None))
        self.profSave.setText(QCoreApplication.translate("CreditForm", u"&Salvar perfil", None))
        self.profileFormLabel5.setText(QCoreApplication.translate("CreditForm", u"Aumento tempor\u00e1rio de:", None))
#if QT_CONFIG(accessibility)
        self.profIncrease.setAccessibleName(QCoreApplication.translate("CreditForm", u"Aumento tempor\u00e1rio", None))
#endif // QT_CONFIG(accessibility)
        self.profIncrease.setPlaceholderText(QCoreApplication.translate("CreditForm", u"0,00", None))
        self.profileFormLabel6.setText(QCoreApplication.translate("CreditForm", u"at\u00e9:", None))
        self.profUntil.setDisplayFormat(QCoreApplication.translate("CreditForm", u"dd/MM/yyyy", None))
#if QT_CONFIG(accessibility)
        self.profUntil.setAccessibleName(QCoreApplication.translate("CreditForm", u"Aumento v\u00e1lido at\u00e9", None))
#endif // QT_CONFIG(accessibility)
        self.profAdd.setText(QCoreApplication.translate("CreditForm", u"Conceder &aumento tempor\u00e1rio", None))
        self.profMessage.setText("")
        self.tabs.setTabText(self.tabs.indexOf(self.profileTab), QCoreApplication.translate("CreditForm", u"Perfil do cliente", None))
        ___qtablewidgetitem9 = self.mine.horizontalHeaderItem(0)
        ___qtablewidgetitem9.setText(QCoreApplication.translate("CreditForm", u"N\u00ba", None))
        ___qtablewidgetitem10 = self.mine.horizontalHeaderItem(1)
        ___qtablewidgetitem10.setText(QCoreApplication.translate("CreditForm", u"Cliente", None))
        ___qtablewidgetitem11 = self.mine.horizontalHeaderItem(2)
        ___qtablewidgetitem11.setText(QCoreApplication.translate("CreditForm", u"Venda", None))
        ___qtablewidgetitem12 = self.mine.horizontalHeaderItem(3)
        ___qtablewidgetitem12.setText(QCoreApplication.translate("CreditForm", u"Valor", None))
        ___qtablewidgetitem13 = self.mine.horizontalHeaderItem(4)
        ___qtablewidgetitem13.setText(QCoreApplication.translate("CreditForm", u"Situa\u00e7\u00e3o", None))
        ___qtablewidgetitem14 = self.mine.horizontalHeaderItem(5)
        ___qtablewidgetitem14.setText(QCoreApplication.translate("CreditForm", u"Decidida por", None))
        ___qtablewidgetitem15 = self.mine.horizontalHeaderItem(6)
        ___qtablewidgetitem15.setText(QCoreApplication.translate("CreditForm", u"Coment\u00e1rio", None))
#if QT_CONFIG(accessibility)
        self.mine.setAccessibleName(QCoreApplication.translate("CreditForm", u"Solicita\u00e7\u00f5es", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.mineTab), QCoreApplication.translate("CreditForm", u"Solicita\u00e7\u00f5es", None))
        pass
    # retranslateUi

