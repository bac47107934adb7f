"""The reads: every query the facade answers without writing, in one place.

- `rows`: DTOs of members and redemptions with the names a screen shows, joined in
  the query (or looked up once for the whole list), never fetched row by row;
- `catalog`: shops, programs, tiers and rewards;
- `members`: member lists, the members table's pages and counts, the counter's panel;
- `history`: ledger rows, redemptions, activity, tier history and analytics snapshots;
- `dashboard`: the owner's dashboard and the points liability report;
- `till`: what a scanned code is, the redemptions search, the purchases a return can take.

Writes live in the service modules that own their rules (docs/ARCHITECTURE.md).
"""
