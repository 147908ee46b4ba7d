"""Provenance across a corpus: an index of every point of a plans folder, and the search that
finds where a point's wording most likely came from (`peaceplan index`, `peaceplan trace`)."""
