"""Rules as the clerk works with them (DESIGN §4, §13): the saved rules (``library``, whose
names this package offers directly), what a rule finds (``preview``, ``found_items``), the
facts for "Por que não?" (``facts``) and the candidates of its Participam / Não participam
lists (``filters``). The rules' meanings themselves live in ``gestao_negativacao.rules``."""

from gestao_negativacao.services.rules.library import (
    RuleInUse,
    RuleNotFound,
    StoredRule,
    delete_rule,
    export_rules,
    get_rule,
    import_rules,
    list_rules,
    negativations_produced,
    save_rule,
    set_active,
)

__all__ = [
    "RuleInUse",
    "RuleNotFound",
    "StoredRule",
    "delete_rule",
    "export_rules",
    "get_rule",
    "import_rules",
    "list_rules",
    "negativations_produced",
    "save_rule",
    "set_active",
]
