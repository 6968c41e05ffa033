"""Exact and MinHash near-duplicate removal."""
