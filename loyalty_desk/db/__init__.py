"""Engine setup and migrations. Only the composition root and services use this."""
from .engine import Database, open_database, resolve_database_url

__all__ = ["Database", "open_database", "resolve_database_url"]
