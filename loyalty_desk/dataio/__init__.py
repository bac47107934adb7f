"""Adapters that move data in and out of a shop: import (and, later, export, backup and restore).

They call the facade only (docs/ARCHITECTURE.md, "Layers"), import no Qt and no other adapter,
and are reached from the composition root (app.py). Reading a members file is pure Python in
`loyalty_desk.domain.member_file`, so the engine and the desktop's wizard read files alike.
"""
