"""The demonstration of ``gestao-negativacao demo``: a fictitious ``portfolio`` and the
sandbox integrations, rules and users (``setup``)."""
