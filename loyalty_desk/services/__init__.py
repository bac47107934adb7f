"""The business rules of Loyalty Desk, behind one facade. No Qt here."""
from ..errors import (
    DatabaseRefused,
    DuplicateMember,
    DuplicateReference,
    InsufficientPoints,
    InvalidTransition,
    LoyaltyError,
    NotEligible,
    NotFound,
    OutOfStock,
    PermissionDenied,
    ValidationError,
)
from .dto import JobSummary, LedgerProblem
from .facade import LoyaltyService

__all__ = [
    "DatabaseRefused",
    "DuplicateMember",
    "DuplicateReference",
    "InsufficientPoints",
    "InvalidTransition",
    "JobSummary",
    "LedgerProblem",
    "LoyaltyError",
    "LoyaltyService",
    "NotEligible",
    "NotFound",
    "OutOfStock",
    "PermissionDenied",
    "ValidationError",
]
