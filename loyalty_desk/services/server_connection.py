"""Connecting a register to the shop's PostgreSQL server: try it first, in one sentence for a person.

The views ask here (they never reach the database layer themselves); the service that then
runs on the server is an ordinary `LoyaltyService(address.url())`, which migrates it on open.
"""
from ..db.engine import ENV_VAR as DATABASE_URL_VARIABLE
from ..db.server_probe import CONNECT_TIMEOUT_S, ServerRefused, ServerState, probe_server
from ..shop_server import ServerAddress

__all__ = ["CONNECT_TIMEOUT_S", "DATABASE_URL_VARIABLE", "ServerAddress", "ServerRefused", "ServerState",
           "probe_server"]
