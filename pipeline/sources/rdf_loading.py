"""Load an untrusted RDF catalogue into an rdflib Graph without touching the network.

- RDF/XML: checked first with defusedxml, so entity declarations (entity-expansion bombs) and external
  entities/DTDs refuse the catalogue before rdflib's SAX parser sees it.
- JSON-LD: every remote `@context` / `@import` is replaced by a local file from the config's map; one that is
  not in the map refuses the catalogue (rdflib would otherwise fetch it).
- Turtle: some published examples write prefixed names with '/' in the local part (not valid Turtle); such
  a file is read again with those names repaired, and the repair is reported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import defusedxml.ElementTree as SafeElementTree
import rdflib
from defusedxml import DefusedXmlException

FORMAT_BY_SUFFIX = {
    ".ttl": "turtle", ".turtle": "turtle", ".n3": "turtle", ".nt": "nt", ".ntriples": "nt",
    ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml",
}
MAX_JSON_DEPTH = 200


class CatalogueRefused(Exception):
    """The catalogue cannot be read safely or at all; `reason` is a stable code, `detail` carries no content."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def guess_format(name: str, data: bytes) -> str:
    by_suffix = FORMAT_BY_SUFFIX.get(Path(name).suffix.lower())
    if by_suffix:
        return by_suffix
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "json-ld"
    if head.startswith(b"<?xml") or head.startswith(b"<rdf:RDF"):
        return "xml"
    return "turtle"


def _check_xml(data: bytes) -> None:
    try:
        SafeElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise CatalogueRefused("xml_forbidden_construct", type(exc).__name__) from None
    except SafeElementTree.ParseError as exc:
        raise CatalogueRefused("catalogue_unparseable", f"XML: {parse_error_detail(exc)}") from None


def _local_context(url: str, contexts: dict[str, Path]) -> object:
    path = contexts.get(url) or contexts.get(url.rstrip("/"))
    if path is None:
        raise CatalogueRefused("remote_jsonld_context", url[:200])
    try:
        loaded = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogueRefused("jsonld_context_unreadable", f"{Path(path).name}: {type(exc).__name__}") from None
    return loaded.get("@context", loaded) if isinstance(loaded, dict) else loaded


def _inline_contexts(node: object, contexts: dict[str, Path], depth: int = 0) -> object:
    """The JSON-LD document with each remote context (string) swapped for its local content, recursively."""
    if depth > MAX_JSON_DEPTH:
        raise CatalogueRefused("catalogue_too_deep", f">{MAX_JSON_DEPTH} levels")
    if isinstance(node, list):
        return [_inline_contexts(item, contexts, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("@context", "@import"):
            value = _resolve_context_value(value, contexts, depth)
        else:
            value = _inline_contexts(value, contexts, depth + 1)
        out[key] = value
    return out


def _resolve_context_value(value: object, contexts: dict[str, Path], depth: int) -> object:
    if isinstance(value, str):
        return _inline_contexts(_local_context(value, contexts), contexts, depth + 1)
    if isinstance(value, list):
        return [_resolve_context_value(v, contexts, depth + 1) for v in value]
    return _inline_contexts(value, contexts, depth + 1)


_PREFIX_DECL = re.compile(r"@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
# a prefixed name (outside <...> and strings) whose local part holds '/', e.g. ex:Dataset2023/csv
_SLASHED_NAME = re.compile(r"(?<![<\"'\w:/.#-])([A-Za-z][\w.-]*):([\w.-]+(?:/[\w.-]*)+[\w-])")


def repair_slashed_prefixed_names(text: str) -> tuple[str, int]:
    """Rewrite `p:a/b` as an IRI: as `<p:a/b>` when the file itself refers to it that way, else expanded."""
    prefixes = {m.group(1) or "": m.group(2) for m in _PREFIX_DECL.finditer(text)}
    count = 0

    def fix(match: re.Match) -> str:
        nonlocal count
        name, prefix, local = match.group(0), match.group(1), match.group(2)
        if f"<{name}>" in text or prefix not in prefixes:
            count += 1
            return f"<{name}>"
        count += 1
        return f"<{prefixes[prefix]}{local}>"

    lines = []
    for line in text.splitlines(keepends=True):
        lines.append(line if line.lstrip().lower().startswith("@prefix") else _SLASHED_NAME.sub(fix, line))
    return "".join(lines), count


def load_graph(data: bytes, fmt: str, base_iri: str, contexts: dict[str, Path]) -> tuple[rdflib.Graph, list[str]]:
    """Parse `data` as `fmt`; returns the graph and warnings (e.g. a repair that was needed)."""
    warnings: list[str] = []
    graph = rdflib.Graph()
    try:
        if fmt == "xml":
            _check_xml(data)
            graph.parse(data=data, format="xml", publicID=base_iri)
        elif fmt == "json-ld":
            try:
                document = json.loads(data.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                raise CatalogueRefused("catalogue_unparseable", f"JSON: {parse_error_detail(exc)}") from None
            document = _inline_contexts(document, contexts)
            graph.parse(data=json.dumps(document), format="json-ld", publicID=base_iri)
        elif fmt == "turtle":
            text = data.decode("utf-8-sig")
            try:
                graph.parse(data=text, format="turtle", publicID=base_iri)
            except SyntaxError:
                repaired, count = repair_slashed_prefixed_names(text)
                if not count:
                    raise
                graph = rdflib.Graph()
                graph.parse(data=repaired, format="turtle", publicID=base_iri)
                warnings.append(f"repaired {count} prefixed name(s) containing '/' (not valid Turtle)")
        else:
            graph.parse(data=data, format=fmt, publicID=base_iri)
    except CatalogueRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - rdflib raises many types for bad input; each ends this catalogue
        raise CatalogueRefused("catalogue_unparseable", f"{fmt}: {parse_error_detail(exc)}") from None
    return graph, warnings


def parse_error_detail(exc: BaseException) -> str:
    """Where and why a parser gave up (line, column, the parser's own cause), without quoting the input."""
    name = type(exc).__name__
    if hasattr(exc, "lines") and hasattr(exc, "_why"):  # rdflib's Turtle/N3 BadSyntax (0-based line)
        return f"{name} at line {exc.lines + 1}: {str(exc._why)[:200]}"
    if hasattr(exc, "getLineNumber") and hasattr(exc, "getMessage"):  # SAX (rdflib's RDF/XML)
        return f"{name} at line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()[:200]}"
    if isinstance(exc, json.JSONDecodeError):
        return f"{name} at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    position = getattr(exc, "position", None)  # ElementTree's ParseError: (line, column)
    if isinstance(position, tuple) and len(position) == 2:
        cause = str(exc).split(":", 1)[0]
        return f"{name} at line {position[0]}, column {position[1]}: {cause[:200]}"
    # other rdflib parsers (N-Triples, JSON-LD) put the offending input after a colon: keep only the cause
    cause = str(exc).split(":", 1)[0].strip()
    return f"{name}: {cause[:200]}" if cause else name
