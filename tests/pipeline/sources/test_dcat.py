"""DCAT-AP catalogues: the official examples, every field a distribution record carries, and hostile input."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path

import pytest
import rdflib

from eurocurate.pipeline.config import DataSpaceConfig
from eurocurate.pipeline.sources.catalog_listing import list_catalogues
from eurocurate.pipeline.sources.dcat import read_catalogue
from eurocurate.pipeline.sources.licenses import (
    EU_COMMISSION_REUSE,
    normalise_access_rights,
    normalise_language,
    normalise_license,
)
from eurocurate.pipeline.sources.rdf_loading import CatalogueRefused

EXAMPLE_CONTEXT_URL = "https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/context.jsonld"
# (datasets, distributions) per official DCAT-AP 3.0.1 example, counted by hand from the Turtle files
EXPECTED_COUNTS = {
    "example-bee-population": (1, 0),
    "example-bee-population-2022-2023": (2, 0),
    "example-bee-populaton-2022-2023": (2, 0),
    "example-bee-population-dataset-frequency": (1, 0),
    "example-bee-population-dataset-series": (2, 0),
    "example-bee-population-dataset-series-api": (1, 2),
    "example-bee-population-dataset-series-combined": (4, 2),
    "example-bee-population-dataset-series-frequency": (2, 0),
    "example-bee-population-dataset-series-gea-nha": (3, 0),
    "example-bee-population-dataset-series-issued": (2, 0),
    "example-bee-population-dataset-series-life-count": (1, 0),
    "example-bee-population-dataset-series-modified": (3, 0),
    "example-bee-population-dataset-series-ordered": (2, 0),
    "example-bee-population-dataset-series-spatial-thessaloniki": (1, 0),
    "example-bee-population-dataset-series-spatial-thessaloniki-athens": (2, 0),
}

RICH_CATALOGUE = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix spdx: <http://spdx.org/rdf/terms#> .
@prefix odrl: <http://www.w3.org/ns/odrl/2/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix lic: <http://publications.europa.eu/resource/authority/licence/> .
@prefix lang: <http://publications.europa.eu/resource/authority/language/> .
@prefix ft: <http://publications.europa.eu/resource/authority/file-type/> .

<https://data.example.eu/catalogue> a dcat:Catalog ; dcat:dataset <https://data.example.eu/dataset/bees> .

<https://data.example.eu/dataset/bees> a dcat:Dataset ;
    dct:identifier "bees-2023" ;
    dct:title "Bienenzählung 2023"@de, "Bee census 2023"@en ;
    dct:publisher [ a foaf:Agent ; foaf:name "Agency for Bees"@en ] ;
    dct:license lic:CC_BY_4_0 ;
    dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;
    dct:language lang:DEU, lang:ELL ;
    dct:issued "2023-03-21"^^xsd:date ;
    odrl:hasPolicy <https://data.example.eu/policy/1> ;
    dcat:distribution <https://data.example.eu/dist/csv>, <https://data.example.eu/dist/pdf> .

<https://data.example.eu/dist/csv> a dcat:Distribution ;
    dct:format ft:CSV ;
    dcat:mediaType <https://www.iana.org/assignments/media-types/text/csv> ;
    dcat:downloadURL <https://files.example.eu/bees.csv> ;
    dcat:accessURL <https://data.example.eu/bees> ;
    dcat:byteSize "1234"^^xsd:nonNegativeInteger ;
    dct:modified "2023-04-01"^^xsd:date ;
    spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue "ABC123" ] .

<https://data.example.eu/dist/pdf> a dcat:Distribution ;
    dct:license <https://creativecommons.org/licenses/by-nc/4.0/> ;
    dct:language lang:ENG ;
    dcat:accessURL <https://files.example.eu/bees.pdf> .
"""


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket to anything fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the catalogue reader tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_every_official_example_parses_with_the_right_counts(shared_eval, no_network):
    folder = shared_eval / "dcat"
    contexts = {EXAMPLE_CONTEXT_URL: folder / "context.jsonld"}
    stems = sorted(p.stem for p in folder.glob("example-*.ttl"))
    assert stems == sorted(EXPECTED_COUNTS)
    for stem in stems:
        turtle = read_catalogue(folder / f"{stem}.ttl")
        jsonld = read_catalogue(folder / f"{stem}.jsonld", contexts)
        assert (len(turtle.datasets), len(turtle.distributions)) == EXPECTED_COUNTS[stem], stem
        assert turtle.datasets == jsonld.datasets, stem
        assert [r.to_json() for r in turtle.distributions] == [r.to_json() for r in jsonld.distributions], stem


def test_counts_agree_with_an_independent_sparql_query(shared_eval):
    query = """SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <http://www.w3.org/ns/dcat#Dataset> }"""
    for stem, (datasets, _) in EXPECTED_COUNTS.items():
        path = shared_eval / "dcat" / f"{stem}.ttl"
        try:
            graph = rdflib.Graph().parse(path, format="turtle")
        except SyntaxError:
            continue  # two examples are not valid Turtle; the reader repairs them (next test)
        assert int(next(iter(graph.query(query)))[0]) == datasets, stem


def test_invalid_turtle_examples_are_repaired_and_say_so(shared_eval):
    catalogue = read_catalogue(shared_eval / "dcat" / "example-bee-population-dataset-series-api.ttl")
    assert catalogue.warnings and "repaired 2" in catalogue.warnings[0]
    assert [r.distribution_iri for r in catalogue.distributions] == [
        "example-dist:BeePopulation2023/biojson", "example-dist:BeePopulation2023/csv"]
    assert {r.dataset_iri for r in catalogue.distributions} == {"https://data.gov.gr/id/dataset/BeePopulation2023"}


def test_jsonld_with_an_unmapped_remote_context_is_refused_without_network(shared_eval, no_network):
    with pytest.raises(CatalogueRefused) as caught:
        read_catalogue(shared_eval / "dcat" / "example-bee-population.jsonld")
    assert caught.value.reason == "remote_jsonld_context"


def test_a_distribution_record_carries_every_field(tmp_path):
    catalogue = read_catalogue(_write(tmp_path, "bees.ttl", RICH_CATALOGUE))
    assert catalogue.datasets == ["https://data.example.eu/dataset/bees"]
    csv_record, pdf_record = catalogue.distributions
    assert csv_record.to_json() == {
        "key": "https://data.example.eu/dist/csv", "distribution_iri": "https://data.example.eu/dist/csv",
        "dataset_iri": "https://data.example.eu/dataset/bees", "dataset_identifier": "bees-2023",
        "dataset_title": "Bee census 2023", "title": None, "publisher": "Agency for Bees",
        "license": "CC-BY-4.0",
        "license_declared": "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
        "access_rights": "PUBLIC", "languages": ["de", "el"], "issued": "2023-03-21", "modified": "2023-04-01",
        "format": "http://publications.europa.eu/resource/authority/file-type/CSV", "media_type": "text/csv",
        "download_url": "https://files.example.eu/bees.csv", "access_url": "https://data.example.eu/bees",
        "byte_size": 1234, "checksum_algorithm": "sha256", "checksum_value": "abc123",
        "odrl_policy": "https://data.example.eu/policy/1", "checksum": "sha256:abc123",
    }
    # the distribution's own licence and language win over the dataset's
    assert (pdf_record.license, pdf_record.languages, pdf_record.download_url) == ("CC-BY-NC-4.0", ["en"], None)


@pytest.mark.parametrize("fmt, suffix", [("xml", "rdf"), ("nt", "nt"), ("json-ld", "jsonld")])
def test_rdfxml_ntriples_and_jsonld_give_the_same_records_as_turtle(tmp_path, fmt, suffix):
    graph = rdflib.Graph().parse(data=RICH_CATALOGUE, format="turtle")
    turtle = read_catalogue(_write(tmp_path, "bees.ttl", RICH_CATALOGUE))
    other = read_catalogue(_write(tmp_path, f"bees.{suffix}", graph.serialize(format=fmt)))
    assert other.format == fmt
    assert [r.to_json() for r in other.distributions] == [r.to_json() for r in turtle.distributions]


BOMB_RDF = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/"
         xmlns:dcat="http://www.w3.org/ns/dcat#">
  <dcat:Dataset rdf:about="https://data.example.eu/dataset/x"><dct:title>&d;</dct:title></dcat:Dataset>
</rdf:RDF>"""
XXE_RDF = BOMB_RDF.replace(BOMB_RDF[BOMB_RDF.index("<!DOCTYPE"):BOMB_RDF.index("<rdf:RDF ")],
                           '<!DOCTYPE rdf:RDF [<!ENTITY d SYSTEM "file:///etc/passwd">]>\n')


@pytest.mark.parametrize("payload", [BOMB_RDF, XXE_RDF])
def test_rdfxml_with_entity_declarations_is_refused(tmp_path, payload):
    with pytest.raises(CatalogueRefused) as caught:
        read_catalogue(_write(tmp_path, "evil.rdf", payload))
    assert caught.value.reason == "xml_forbidden_construct"


def test_broken_and_oversized_catalogues_are_refused_with_a_reason(tmp_path):
    with pytest.raises(CatalogueRefused) as caught:
        read_catalogue(_write(tmp_path, "broken.ttl", "<a> <b> "))
    assert caught.value.reason == "catalogue_unparseable"
    with pytest.raises(CatalogueRefused) as caught:
        read_catalogue(_write(tmp_path, "big.ttl", RICH_CATALOGUE), max_bytes=100)
    assert caught.value.reason == "catalogue_too_large"


@pytest.mark.parametrize("declared, spdx", [
    ("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0", "CC-BY-4.0"),
    ("http://publications.europa.eu/resource/authority/licence/CC0", "CC0-1.0"),
    ("http://publications.europa.eu/resource/authority/licence/COM_REUSE", EU_COMMISSION_REUSE),
    ("Commission Decision 2011/833/EU on the reuse of Commission documents", EU_COMMISSION_REUSE),
    ("https://eur-lex.europa.eu/eli/dec/2011/833/oj", EU_COMMISSION_REUSE),
    ("https://creativecommons.org/licenses/by-sa/4.0/", "CC-BY-SA-4.0"),
    ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
    ("http://opendatacommons.org/licenses/odbl/1-0/", "ODbL-1.0"),
    ("https://spdx.org/licenses/EUPL-1.2.html", "EUPL-1.2"),
    ("https://www.govdata.de/dl-de/by-2-0", "DL-DE-BY-2.0"),  # the licence's own page (SPDX's reference)
    ("https://www.example.gov/open-data/terms-of-use", "https://www.example.gov/open-data/terms-of-use"),  # unknown
    ("cc-by 4.0", "CC-BY-4.0"),
    ("CC0", "CC0-1.0"),
])
def test_licence_normalisation(declared, spdx):
    assert normalise_license(declared) == spdx


@pytest.mark.parametrize("declared, iso", [
    ("http://publications.europa.eu/resource/authority/language/DEU", "de"),
    ("http://publications.europa.eu/resource/authority/language/ELL", "el"),
    ("http://publications.europa.eu/resource/authority/language/NOB", "nb"),
    ("http://lexvo.org/id/iso639-3/fra", "fr"), ("http://id.loc.gov/vocabulary/iso639-1/pl", "pl"),
    ("en-GB", "en"), ("GER", "de"), ("http://publications.europa.eu/resource/authority/language/MUL", None),
])
def test_language_normalisation(declared, iso):
    assert normalise_language(declared) == iso


def test_access_rights_normalisation():
    assert normalise_access_rights("http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC") \
        == "NON_PUBLIC"


def test_catalog_listing_is_one_json_line_per_distribution_with_the_gate_decision(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    status = list_catalogues([str(_write(tmp_path, "bees.ttl", RICH_CATALOGUE)), str(tmp_path / "missing.ttl")],
                             DataSpaceConfig(), out, err)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert status == 1 and "missing.ttl: cannot_open" in err.getvalue()
    assert [(line["distribution_iri"], line["license"], line["decision"]) for line in lines] == [
        ("https://data.example.eu/dist/csv", "CC-BY-4.0", "take"),
        ("https://data.example.eu/dist/pdf", "CC-BY-NC-4.0", "license_not_allowed")]
    assert lines[0]["checksum"] == "sha256:abc123" and lines[0]["byte_size"] == 1234
