"""Settings of the AI/TDM opt-out stage."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eurocurate.core.config import Strict


class OptOutConfig(Strict):
    """AI / text-and-data-mining reservations (EU DSM directive art. 4): X-Robots-Tag, TDMRep, robots meta, robots.txt."""

    enabled: bool = True
    policy: Literal["drop", "flag"] = Field(
        "drop", description="'drop': reserved documents are rejected (stage optout); 'flag': kept, status recorded"
    )
    robots_txt: list[str] = Field(
        [], description="robots.txt captures applied per host: WARC files of robots.txt responses (as Common Crawl "
        "ships them) or plain files named <host>.robots.txt; fsspec URLs, absolute paths or paths relative to the "
        "config file"
    )
    robots_agents: list[str] = Field(
        ["CCBot", "GPTBot", "Google-Extended", "ClaudeBot", "anthropic-ai", "cohere-ai", "Bytespider"],
        description="user agents whose robots.txt disallow reserves a page for AI training (no group for an "
        "agent: the '*' group applies)",
    )
    robots_in_inputs: bool = Field(True, description="also apply robots.txt responses found in the input WARCs")
