"""heliport as an optional second opinion for language ID.

heliport (GPL-3.0) ships its model inside its wheel, so it runs offline; it is an optional extra
(`pip install 'eurocurate[heliport]'`), never required. It merges Croatian, Bosnian and Serbian into `hbs`,
which then backs none of the three.
"""

from __future__ import annotations

from collections.abc import Callable

from eurocurate.filters.langid.labels import normalise_label
from eurocurate.core.config import ConfigError


def heliport_opinion() -> Callable[[str], str | None]:
    try:
        from heliport import Identifier
    except ImportError:
        raise ConfigError(
            "key 'langid.second_opinion': heliport is not installed (pip install 'eurocurate[heliport]', GPL-3.0)"
        ) from None
    identifier = Identifier()

    def opinion(text: str) -> str | None:
        label = identifier.identify(text)
        return normalise_label(str(label)) if label else None

    return opinion
