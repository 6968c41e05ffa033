"""Per-document stages, one subpackage each: optout, extract, langid, quality, pii, model_quality; and the
datatrove adapters. Each imports only eurocurate.core."""
