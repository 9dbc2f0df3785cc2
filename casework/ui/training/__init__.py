"""Skills training: classes, their participants and outcomes."""
