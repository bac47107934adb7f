"""The business rules of Loyalty Desk, behind one facade. No Qt here."""
from ..db.engine import DESKTOP_BUSY_TIMEOUT_S
from ..errors import (
    ApprovalRequired,
    DatabaseBusy,
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
    SignInLocked,
    ValidationError,
)
from .dto import JobSummary, LedgerProblem, PurchaseOutcome, ReturnablePurchase, ScanResult
from .facade import LoyaltyService

__all__ = [
    "ApprovalRequired",
    "DESKTOP_BUSY_TIMEOUT_S",
    "DatabaseBusy",
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
    "PurchaseOutcome",
    "ReturnablePurchase",
    "ScanResult",
    "SignInLocked",
    "ValidationError",
]
