"""Per-document stages: language ID, heuristic quality, PII scrubbing."""
