"""Skills training: classes, the ledger and outcomes."""
