"""Alembic environment: always run with the connection handed over by ``db.migrate``."""

from alembic import context

from gestao_negativacao.db import models  # noqa: F401  (registers every table)
from gestao_negativacao.db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
