"""Data in and out: import, export, backup and restore. An adapter above the facade: it calls
`LoyaltyService` only (no Qt, no SQL), beside the views and the command line."""
