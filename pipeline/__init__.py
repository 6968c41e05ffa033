"""eurocurate's spine: configuration, CLI, sources, extraction, Ray execution, Parquet output, provenance."""

__version__ = "0.1.0"
