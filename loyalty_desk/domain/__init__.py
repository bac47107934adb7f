"""Pure rules and vocabulary: no SQLAlchemy, no Qt (docs/ARCHITECTURE.md, "Layers")."""
