# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'import_page.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QTabWidget, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_ImportForm(object):
    def setupUi(self, ImportForm):
        if not ImportForm.objectName():
            ImportForm.setObjectName(u"ImportForm")
        ImportForm.resize(820, 560)
        self.mainLayout = QVBoxLayout(ImportForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.heading = QLabel(ImportForm)
        self.heading.setObjectName(u"heading")
        self.heading.setWordWrap(True)

        self.mainLayout.addWidget(self.heading)

        self.fileRow = QHBoxLayout()
        self.fileRow.setObjectName(u"fileRow")
        self.path = QLineEdit(ImportForm)
        self.path.setObjectName(u"path")
        self.path.setReadOnly(True)

        self.fileRow.addWidget(self.path)

        self.choose = QPushButton(ImportForm)
        self.choose.setObjectName(u"choose")

        self.fileRow.addWidget(self.choose)


        self.mainLayout.addLayout(self.fileRow)

        self.summaryForm = QFormLayout()
        self.summaryForm.setObjectName(u"summaryForm")
        self.formatLabel = QLabel(ImportForm)
        self.formatLabel.setObjectName(u"formatLabel")

        self.summaryForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.formatLabel)

        self.format = QLabel(ImportForm)
        self.format.setObjectName(u"format")

        self.summaryForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.format)

        self.summaryLabel = QLabel(ImportForm)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.summaryForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.summaryLabel)

        self.summary = QLabel(ImportForm)
        self.summary.setObjectName(u"summary")
        self.summary.setWordWrap(True)

        self.summaryForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.summary)


        self.mainLayout.addLayout(self.summaryForm)

        self.tabs = QTabWidget(ImportForm)
        self.tabs.setObjectName(u"tabs")
        self.errorsTab = QWidget()
        self.errorsTab.setObjectName(u"errorsTab")
        self.errorsLayout = QVBoxLayout(self.errorsTab)
        self.errorsLayout.setObjectName(u"errorsLayout")
        self.errors = QTableWidget(self.errorsTab)
        self.errors.setObjectName(u"errors")

        self.errorsLayout.addWidget(self.errors)

        self.tabs.addTab(self.errorsTab, "")
        self.warningsTab = QWidget()
        self.warningsTab.setObjectName(u"warningsTab")
        self.warningsLayout = QVBoxLayout(self.warningsTab)
        self.warningsLayout.setObjectName(u"warningsLayout")
        self.warnings = QTableWidget(self.warningsTab)
        self.warnings.setObjectName(u"warnings")

        self.warningsLayout.addWidget(self.warnings)

        self.tabs.addTab(self.warningsTab, "")

        self.mainLayout.addWidget(self.tabs)

        self.progressRow = QHBoxLayout()
        self.progressRow.setObjectName(u"progressRow")
        self.stage = QLabel(ImportForm)
        self.stage.setObjectName(u"stage")

        self.progressRow.addWidget(self.stage)

        self.progress = QProgressBar(ImportForm)
        self.progress.setObjectName(u"progress")
        self.progress.setValue(0)

        self.progressRow.addWidget(self.progress)

        self.cancel = QPushButton(ImportForm)
        self.cancel.setObjectName(u"cancel")
        self.cancel.setEnabled(False)

        self.progressRow.addWidget(self.cancel)


        self.mainLayout.addLayout(self.progressRow)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.check = QPushButton(ImportForm)
        self.check.setObjectName(u"check")
        self.check.setEnabled(False)

        self.buttonRow.addWidget(self.check)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.spacer)

        self.importValid = QPushButton(ImportForm)
        self.importValid.setObjectName(u"importValid")
        self.importValid.setEnabled(False)

        self.buttonRow.addWidget(self.importValid)

        self.importAll = QPushButton(ImportForm)
        self.importAll.setObjectName(u"importAll")
        self.importAll.setEnabled(False)

        self.buttonRow.addWidget(self.importAll)


        self.mainLayout.addLayout(self.buttonRow)


        self.retranslateUi(ImportForm)
    # setupUi

    def retranslateUi(self, ImportForm):
        self.heading.setText(QCoreApplication.translate("ImportForm", u"<h2>Importa\u00e7\u00e3o da carteira</h2><p>Arquivo CSV ou XLSX exportado do ERP, no layout de importa\u00e7\u00e3o (veja o README).</p>", None))
        self.path.setPlaceholderText(QCoreApplication.translate("ImportForm", u"nenhum arquivo escolhido", None))
#if QT_CONFIG(accessibility)
        self.path.setAccessibleName(QCoreApplication.translate("ImportForm", u"Arquivo escolhido", None))
#endif // QT_CONFIG(accessibility)
        self.choose.setText(QCoreApplication.translate("ImportForm", u"&Escolher arquivo\u2026", None))
        self.formatLabel.setText(QCoreApplication.translate("ImportForm", u"Formato detectado:", None))
        self.summaryLabel.setText(QCoreApplication.translate("ImportForm", u"Resultado:", None))
#if QT_CONFIG(accessibility)
        self.errors.setAccessibleName(QCoreApplication.translate("ImportForm", u"Linhas recusadas", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.errorsTab), QCoreApplication.translate("ImportForm", u"Erros", None))
        self.tabs.setTabText(self.tabs.indexOf(self.warningsTab), QCoreApplication.translate("ImportForm", u"Avisos", None))
        self.cancel.setText(QCoreApplication.translate("ImportForm", u"&Cancelar", None))
        self.check.setText(QCoreApplication.translate("ImportForm", u"&Verificar (sem gravar)", None))
        self.importValid.setText(QCoreApplication.translate("ImportForm", u"Importar s\u00f3 as &v\u00e1lidas", None))
        self.importAll.setText(QCoreApplication.translate("ImportForm", u"&Importar", None))
        pass
    # retranslateUi

