"""The HTTP adapter (README, "HTTP API"): FastAPI routes over the `LoyaltyService` facade.

It imports the services, the domain and the errors only: no views, no dataio, no other adapter.
"""
from .app import ROUTERS, create_app, serve

__all__ = ["ROUTERS", "create_app", "serve"]
