"""Loyalty Desk: customer loyalty programs for small shops."""
__version__ = "0.1.0"
