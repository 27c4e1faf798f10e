"""What each audit action means, in words (DESIGN §11: no internal code in a report or an
export). The audit log keeps the short codes (stable, searchable); whatever shows an entry
to a person goes through ``action_label``. A test holds every action the code records to
this list."""

from __future__ import annotations

ACTION_LABELS = {
    "acordo.pagamento": "Pagamento de parcela de acordo registrado",
    "acordo.registrar": "Acordo registrado",
    "agendamento.alterar": "Agendamento alterado",
    "agendamento.criar": "Agendamento criado",
    "aviso_previo.enviar": "Aviso prévio enviado ao devedor",
    "bloqueio.data_final": "Data final de bloqueio alterada",
    "bloqueio.retirar": "Bloqueio retirado",
    "credito.alcada": "Alçada de aprovação alterada",
    "credito.alcada_excedida": "Pedido de crédito acima da alçada",
    "credito.aprovar": "Pedido de crédito aprovado",
    "credito.aumento_temporario": "Aumento temporário de limite",
    "credito.bloquear": "Pedido de crédito bloqueado",
    "credito.consulta": "Consulta de crédito ao birô",
    "credito.perfil": "Situação ou limite de crédito alterado",
    "credito.solicitar": "Pedido de crédito registrado",
    "envio.atualizar_situacao": "Situação atualizada junto ao birô",
    "envio.baixa_manual": "Baixa manual",
    "envio.conferida": "Pendência conferida",
    "envio.enfileirar_baixa": "Posta na fila para baixa",
    "envio.enfileirar_inclusao": "Posta na fila para inclusão",
    "envio.executar": "Envio ao birô",
    "envio.liberar": "Liberada do controle de envio",
    "exportar": "Lista exportada",
    "fonte_erp.salvar": "Fonte do ERP salva",
    "importacao": "Importação da carteira",
    "integracao.alterar": "Integração alterada",
    "integracao.criar": "Integração criada",
    "integracao.excluir": "Integração excluída",
    "integracao.listas": "Listas da integradora atualizadas",
    "integracao.testar": "Integração testada",
    "login.bloqueio": "Login bloqueado por tentativas erradas",
    "login.desbloqueio": "Login desbloqueado",
    "login.falha": "Senha errada",
    "login.recusado": "Login recusado",
    "login.troca_exigida": "Troca de senha exigida",
    "operador.alterar": "Operador alterado",
    "operador.consulta_definida": "Código de consulta do operador definido",
    "operador.criar": "Operador criado",
    "operador.excluir": "Operador excluído",
    "operador.senha_definida": "Senha do operador definida",
    "operador.senha_removida": "Senha do operador removida",
    "parametros.alterar": "Parâmetros alterados",
    "parametros.empresas": "Parâmetros por empresa alterados",
    "perfil.alterar": "Perfil de acesso alterado",
    "regra.alterar": "Regra alterada",
    "regra.ativar": "Regra ativada",
    "regra.criar": "Regra criada",
    "regra.excluir": "Regra excluída",
    "regra.inativar": "Regra inativada",
    "senha.trocar": "Senha trocada",
    "titular.anonimizar": "Dados do titular anonimizados (LGPD)",
    "titular.relatorio": "Relatório do titular gerado (LGPD)",
    "usuario.alterar": "Usuário alterado",
    "usuario.criar": "Usuário criado",
    "usuario.redefinir_senha": "Senha do usuário redefinida",
}


def action_label(code: str) -> str:
    """The action in words; an action this version does not know (written by a newer one)
    still reads as words, never as the code."""
    if code in ACTION_LABELS:
        return ACTION_LABELS[code]
    words = code.replace(".", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]
