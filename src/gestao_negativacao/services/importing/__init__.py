"""ERP import (DESIGN §9): read CSV/XLSX, validate every row, aggregate into the portfolio's
entities, then write set-based (compare with the database, bulk insert and update)."""

from gestao_negativacao.services.importing.service import (
    ImportCancelled,
    ImportReport,
    import_file,
    import_table,
)

__all__ = ["ImportCancelled", "ImportReport", "import_file", "import_table"]
