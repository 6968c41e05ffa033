"""Removing published documents after the fact: erasure requests, takedowns and late opt-outs.

`remove_documents` (remove.py) finds the documents a request names and the copies of their content, rewrites
only the shards that held them into a new version of the run, logs the erasure (hashes, never text), suppresses
the content for later runs, and keeps the version chain that `verify` follows (history.py).
"""

from eurocurate.pipeline.removal.remove import RemovalOutcome, remove_documents
from eurocurate.pipeline.removal.selectors import CATEGORIES, Selector, parse_selector, read_selector_file

__all__ = ["CATEGORIES", "RemovalOutcome", "Selector", "parse_selector", "read_selector_file", "remove_documents"]
