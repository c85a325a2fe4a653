"""Tagged passages and the codebook: anchoring that survives re-import, and
interchange of the codebook (CSV, REFI-QDA .qdc)."""
