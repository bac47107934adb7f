"""Alembic environment: always handed a live connection by loyalty_desk.db.migrate."""
from __future__ import annotations

from alembic import context

from loyalty_desk.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when a developer runs the alembic CLI by mistake
    raise SystemExit("Run migrations through loyalty_desk.db.open_database(), which passes a connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
