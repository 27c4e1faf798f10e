"""Gestão de Negativação: inclusão e baixa de parcelas vencidas nos birôs de crédito."""

__version__ = "0.1.0"
APP_NAME = "gestao-negativacao"
