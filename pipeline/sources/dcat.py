"""DCAT-AP catalogues (Catalogue -> Dataset -> Distribution) as one flat record per distribution.

A distribution inherits from its dataset what it does not say itself (licence, access rights, languages,
dates, ODRL policy). Records come out in a stable order with stable keys, so a re-run gives the same ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

import rdflib
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, Namespace

from eurocurate.pipeline.sources.licenses import (normalise_access_rights, normalise_checksum_algorithm,
                                                   normalise_language, normalise_license)
from eurocurate.pipeline.sources.rdf_loading import CatalogueRefused, guess_format, load_graph

SPDX = Namespace("http://spdx.org/rdf/terms#")
ODRL = Namespace("http://www.w3.org/ns/odrl/2/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


@dataclass
class DistributionRecord:
    """What a catalogue says about one distribution (and its dataset); JSON-ready."""

    key: str  # the distribution IRI, or a stable key for a blank-node distribution
    distribution_iri: str | None
    dataset_iri: str | None
    dataset_identifier: str | None = None
    dataset_title: str | None = None
    title: str | None = None
    publisher: str | None = None
    license: str | None = None
    license_declared: str | None = None
    access_rights: str | None = None
    languages: list[str] = field(default_factory=list)
    issued: str | None = None
    modified: str | None = None
    format: str | None = None
    media_type: str | None = None
    download_url: str | None = None
    access_url: str | None = None
    byte_size: int | None = None
    checksum_algorithm: str | None = None
    checksum_value: str | None = None
    odrl_policy: str | None = None

    @property
    def checksum(self) -> str | None:
        return f"{self.checksum_algorithm}:{self.checksum_value}" if self.checksum_value else None

    def to_json(self) -> dict:
        data = asdict(self)
        data["checksum"] = self.checksum
        return data


@dataclass
class Catalogue:
    source: str
    format: str
    datasets: list[str]
    distributions: list[DistributionRecord]
    warnings: list[str] = field(default_factory=list)


def _text(node) -> str | None:
    return None if node is None else str(node)


def _best_literal(graph: rdflib.Graph, subject, predicate) -> str | None:
    """English first, then untagged, then the first by language tag (stable)."""
    values = [v for v in graph.objects(subject, predicate) if isinstance(v, Literal)]
    if not values:
        return None
    values.sort(key=lambda v: (v.language not in ("en", None), v.language is not None, v.language or "", str(v)))
    return str(values[0])


def _first(graph: rdflib.Graph, subject, predicate):
    values = sorted(graph.objects(subject, predicate), key=str)
    return values[0] if values else None


def _iri_or_label(graph: rdflib.Graph, node) -> str | None:
    """An IRI as is; a blank node by its label (licence documents and agents are often blank nodes)."""
    if node is None:
        return None
    if isinstance(node, (URIRef, Literal)):
        return str(node)
    for predicate in (DCTERMS.identifier, DCTERMS.title, FOAF.name, SKOS.prefLabel, RDF.value, DCTERMS.description):
        label = _best_literal(graph, node, predicate)
        if label:
            return label
    return None


def _publisher(graph: rdflib.Graph, dataset) -> str | None:
    agent = _first(graph, dataset, DCTERMS.publisher)
    if agent is None:
        return None
    return _best_literal(graph, agent, FOAF.name) or _best_literal(graph, agent, VCARD.fn) or _iri_or_label(graph, agent)


def _media_type(node) -> str | None:
    """IANA IRIs (https://www.iana.org/assignments/media-types/text/csv) become 'text/csv'."""
    if node is None:
        return None
    value = str(node)
    marker = "/assignments/media-types/"
    return value.split(marker, 1)[1] if marker in value else value


def _checksum(graph: rdflib.Graph, dist) -> tuple[str | None, str | None]:
    node = _first(graph, dist, SPDX.checksum)
    if node is None:
        return None, None
    algorithm = _first(graph, node, SPDX.algorithm)
    value = _first(graph, node, SPDX.checksumValue)
    return normalise_checksum_algorithm(_iri_or_label(graph, algorithm)), (str(value).strip().lower() if value is not None else None)


def _byte_size(node) -> int | None:
    try:
        return int(float(str(node))) if node is not None else None
    except ValueError:
        return None


def _inherited(graph: rdflib.Graph, dist, dataset, predicate):
    value = _first(graph, dist, predicate)
    if value is None and dataset is not None:
        value = _first(graph, dataset, predicate)
    return value


def _record(graph: rdflib.Graph, dist, dataset) -> DistributionRecord:
    license_node = _inherited(graph, dist, dataset, DCTERMS.license)
    declared_license = _iri_or_label(graph, license_node)
    language_nodes = list(graph.objects(dist, DCTERMS.language)) or (
        list(graph.objects(dataset, DCTERMS.language)) if dataset is not None else []
    )
    languages = sorted({code for node in language_nodes if (code := normalise_language(_iri_or_label(graph, node)))})
    algorithm, checksum_value = _checksum(graph, dist)
    download = _first(graph, dist, DCAT.downloadURL)
    access = _first(graph, dist, DCAT.accessURL)
    title = _best_literal(graph, dist, DCTERMS.title)
    fmt = _first(graph, dist, DCTERMS.format)
    if isinstance(dist, BNode):
        fingerprint = "|".join(map(str, (download, access, title, fmt)))
        key = f"{dataset or 'catalogue'}#distribution-{hashlib.sha256(fingerprint.encode()).hexdigest()[:12]}"
    else:
        key = str(dist)
    return DistributionRecord(
        key=key,
        distribution_iri=None if isinstance(dist, BNode) else str(dist),
        dataset_iri=None if dataset is None or isinstance(dataset, BNode) else str(dataset),
        dataset_identifier=_best_literal(graph, dataset, DCTERMS.identifier) if dataset is not None else None,
        dataset_title=_best_literal(graph, dataset, DCTERMS.title) if dataset is not None else None,
        title=title,
        publisher=_publisher(graph, dataset) if dataset is not None else None,
        license=normalise_license(declared_license),
        license_declared=declared_license,
        access_rights=normalise_access_rights(_iri_or_label(graph, _inherited(graph, dist, dataset,
                                                                               DCTERMS.accessRights))),
        languages=languages,
        issued=_text(_inherited(graph, dist, dataset, DCTERMS.issued)),
        modified=_text(_inherited(graph, dist, dataset, DCTERMS.modified)),
        format=_iri_or_label(graph, fmt),
        media_type=_media_type(_first(graph, dist, DCAT.mediaType)),
        download_url=_text(download),
        access_url=_text(access),
        byte_size=_byte_size(_first(graph, dist, DCAT.byteSize)),
        checksum_algorithm=algorithm,
        checksum_value=checksum_value,
        odrl_policy=_iri_or_label(graph, _inherited(graph, dist, dataset, ODRL.hasPolicy)),
    )


def catalogue_from_graph(graph: rdflib.Graph, source: str, fmt: str) -> Catalogue:
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset)) | set(graph.objects(None, DCAT.dataset))
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution)) | set(graph.objects(None, DCAT.distribution))
    records = []
    for dist in distributions:
        owners = sorted(graph.subjects(DCAT.distribution, dist), key=str)
        records.append(_record(graph, dist, owners[0] if owners else None))
    records.sort(key=lambda r: (r.dataset_iri or "", r.key))
    return Catalogue(source, fmt, sorted(str(d) for d in datasets), records)


def read_catalogue(path: str | Path, contexts: dict[str, Path] | None = None, max_bytes: int = 64 << 20,
                   fmt: str | None = None) -> Catalogue:
    """Parse one catalogue file; raises CatalogueRefused (with a reason code) when it cannot be used."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CatalogueRefused("catalogue_too_large", f"{size} > {max_bytes} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogueRefused("cannot_open", type(exc).__name__) from None
    fmt = fmt or guess_format(path.name, data)
    graph, warnings = load_graph(data, fmt, path.resolve().as_uri(), contexts or {})
    catalogue = catalogue_from_graph(graph, str(path), fmt)
    catalogue.warnings.extend(warnings)
    return catalogue
