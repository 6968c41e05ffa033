"""The foundation: the stage contract and accounting, schema, Parquet I/O, Ray task helpers, the config base
and per-language settings. Imports nothing else of eurocurate's."""
