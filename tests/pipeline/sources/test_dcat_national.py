"""National DCAT-AP profiles: the licence and checksum-algorithm vocabularies of DCAT-AP.de, CKAN
(opendefinition.org) and the EU Publications Office; `catalog --explain`; parse errors with their line."""

from __future__ import annotations

import io
import json

import pytest

from eurocurate.pipeline.config import DataSpaceConfig
from eurocurate.pipeline.sources.catalog_listing import list_catalogues
from eurocurate.pipeline.sources.dataspace import explain_gate, gate_distribution
from eurocurate.pipeline.sources.dcat import read_catalogue
from eurocurate.pipeline.sources.licenses import normalise_checksum_algorithm, normalise_license
from eurocurate.pipeline.sources.rdf_loading import CatalogueRefused
from tests.conftest import SHARED_EVAL


@pytest.mark.parametrize("declared, spdx", [
    ("http://dcat-ap.de/def/licenses/cc-zero", "CC0-1.0"),
    ("http://dcat-ap.de/def/licenses/cc-by/4.0", "CC-BY-4.0"),
    ("http://dcat-ap.de/def/licenses/dl-by-de/2.0", "DL-DE-BY-2.0"),
    ("https://www.dcat-ap.de/def/licenses/dl-by-de/2_0", "DL-DE-BY-2.0"),  # the underscore form portals write
    ("http://dcat-ap.de/def/licenses/dl-zero-de/2.0", "DL-DE-ZERO-2.0"),
    ("http://dcat-ap.de/def/licenses/cc-by-de/3.0", "CC-BY-3.0"),  # ports read as unported, as for CC's own IRIs
    ("http://publications.europa.eu/resource/authority/licence/CC_BY_3_0_AT", "CC-BY-3.0"),
    ("lov2", "etalab-2.0"), ("http://data.norge.no/nlod/no/2.0", "NLOD-2.0"),
    ("https://w3id.org/italia/controlled-vocabulary/licences/A21_CCBY40", "CC-BY-4.0"),
    ("https://w3id.org/italia/controlled-vocabulary/licences/A11_CCO10", "CC0-1.0"),
    ("http://standaarden.overheid.nl/owms/terms/licenties/cc0-1.0", "CC0-1.0"),
    ("http://dcat-ap.de/def/licenses/cc-by-nd", "CC-BY-ND-4.0"),
    ("http://dcat-ap.de/def/licenses/officialWork", "LicenseRef-DE-Official-Work-UrhG-5"),
    ("http://opendefinition.org/licenses/cc-zero", "CC0-1.0"),
    ("https://opendefinition.org/licenses/odc-odbl/", "ODbL-1.0"),
    ("http://opendefinition.org/licenses/cc-by-sa", "CC-BY-SA-4.0"),
    ("odc-pddl", "PDDL-1.0"),
    ("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0", "CC-BY-4.0"),
    ("http://publications.europa.eu/resource/authority/licence/DL_DE_BY_2_0", "DL-DE-BY-2.0"),
    ("http://publications.europa.eu/resource/authority/licence/ODC_BL", "ODbL-1.0"),
    ("http://publications.europa.eu/resource/authority/licence/GNU_GPL_3_0", "GPL-3.0-only"),
    ("https://www.etalab.gouv.fr/licence-ouverte-open-licence", "etalab-2.0"),
    ("http://dcat-ap.de/def/licenses/not-a-licence-we-know", "http://dcat-ap.de/def/licenses/not-a-licence-we-know"),
])
def test_national_licence_vocabularies(declared, spdx):
    assert normalise_license(declared) == spdx


@pytest.mark.parametrize("name, spdx", [
    ("Creative Commons Namensnennung 4.0 International", "CC-BY-4.0"),
    ("Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)", "CC-BY-SA-4.0"),
    ("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0", "CC-BY-NC-ND-4.0"),
    ("Creative Commons Paternité - Partage dans les Mêmes Conditions 3.0", "CC-BY-SA-3.0"),
    ("Creative Commons Attribuzione 4.0 Internazionale", "CC-BY-4.0"),
    ("Creative Commons Zero v1.0 Universal", "CC0-1.0"),
    ("Datenlizenz Deutschland – Namensnennung – Version 2.0", "DL-DE-BY-2.0"),
    ("Datenlizenz Deutschland – Zero – Version 2.0", "DL-DE-ZERO-2.0"),
    ("Open Data Commons Open Database License (ODbL)", "ODbL-1.0"),
    ("Creative Commons", "Creative Commons"),  # no version, no kind: not guessed
    ("Nutzungsbedingungen der Stadt und des Landes", "Nutzungsbedingungen der Stadt und des Landes"),
])
def test_licences_written_out_by_name(name, spdx):
    assert normalise_license(name) == spdx


@pytest.mark.parametrize("declared, name", [
    ("http://spdx.org/rdf/terms#checksumAlgorithm_sha256", "sha256"),
    ("http://dcat-ap.de/def/hashAlgorithms/sha/256", "sha256"),
    ("http://dcat-ap.de/def/hashalgorithms/sha/512", "sha512"),
    ("http://dcat-ap.de/def/hashAlgorithms/md/5", "md5"),
    ("SHA-1", "sha1"),
    ("http://example.org/hash/crc32", "http://example.org/hash/crc32"),
])
def test_checksum_algorithm_vocabularies(declared, name):
    assert normalise_checksum_algorithm(declared) == name


DE_CATALOGUE = """\
@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix spdx: <http://spdx.org/rdf/terms#> .
<https://ex.de/ds/1> a dcat:Dataset ; dct:title "Offen" ;
  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;
  dcat:distribution <https://ex.de/dist/open> , <https://ex.de/dist/unknown> , <https://ex.de/dist/md2> .
<https://ex.de/dist/open> a dcat:Distribution ; dct:license <http://dcat-ap.de/def/licenses/cc-zero> ;
  dcat:downloadURL <https://ex.de/a.csv> ;
  spdx:checksum [ spdx:algorithm <http://dcat-ap.de/def/hashAlgorithms/sha/256> ; spdx:checksumValue "ab" ] .
<https://ex.de/dist/unknown> a dcat:Distribution ; dct:license <https://ex.de/nutzungsbedingungen> ;
  dcat:downloadURL <https://ex.de/b.csv> .
<https://ex.de/dist/md2> a dcat:Distribution ; dct:license <http://opendefinition.org/licenses/cc-by> ;
  dcat:downloadURL <https://ex.de/c.csv> ; spdx:checksum [ spdx:algorithm "MD2" ; spdx:checksumValue "cd" ] .
<https://ex.de/ds/2> a dcat:Dataset ; dct:title "Geschlossen" ;
  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC> ;
  dcat:distribution <https://ex.de/dist/closed> .
<https://ex.de/dist/closed> a dcat:Distribution ; dct:license <http://dcat-ap.de/def/licenses/dl-by-de/2.0> ;
  dcat:downloadURL <https://ex.de/d.csv> .
"""


def test_explain_shows_every_gate_step_and_agrees_with_the_gate(tmp_path):
    path = tmp_path / "de.ttl"
    path.write_text(DE_CATALOGUE)
    out, err = io.StringIO(), io.StringIO()
    assert list_catalogues([str(path)], DataSpaceConfig(), out, err, explain=True) == 0
    lines = {line["distribution_iri"].rsplit("/", 1)[1]: line for line in map(json.loads, out.getvalue().splitlines())}
    assert {k: v["decision"] for k, v in lines.items()} == {
        "open": "take", "unknown": "license_not_allowed", "md2": "take", "closed": "access_not_public"}
    assert [s["step"] for s in lines["open"]["gate"]] == ["license", "access_rights", "download_url", "checksum"]
    assert all(s["passed"] for s in lines["open"]["gate"]) and lines["open"]["checksum_algorithm"] == "sha256"
    assert "not mapped to an SPDX id" in lines["unknown"]["hint"]
    # the unsupported algorithm is refused when fetched, and --explain says so before anything is fetched
    md2 = lines["md2"]["gate"][-1]
    assert md2 == {**md2, "step": "checksum", "passed": False, "reason": "checksum_unsupported", "at": "fetch"}
    closed = [s for s in lines["closed"]["gate"] if not s["passed"]]
    assert closed[0]["step"] == "access_rights" and "NON_PUBLIC" in closed[0]["why"]
    assert "4 distribution(s) in 2 dataset(s): take 2" in err.getvalue()
    for record in read_catalogue(path).distributions:
        failed = [s for s in explain_gate(record, DataSpaceConfig()) if not s["passed"] and s.get("at") != "fetch"]
        assert gate_distribution(record, DataSpaceConfig()) == ((failed[0]["reason"], failed[0].get("detail"))
                                                                 if failed else None)


def test_a_catalogue_without_distributions_says_so(tmp_path):
    path = tmp_path / "empty.ttl"
    path.write_text("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<https://ex.de/ds> a dcat:Dataset .\n")
    out, err = io.StringIO(), io.StringIO()
    assert list_catalogues([str(path)], DataSpaceConfig(), out, err) == 0
    assert out.getvalue() == "" and "no distributions (1 dataset(s), turtle)" in err.getvalue()


@pytest.mark.parametrize("name, text, expected", [
    ("bad.ttl", '@prefix dct: <http://purl.org/dc/terms/> .\n<a> dct:title "x"\n<b> dct:title "y" .\n',
     "turtle: BadSyntax at line 3: expected '.'"),
    ("bad.jsonld", '{"@id": "a",\n "x": [1,}', "JSON: JSONDecodeError at line 2, column 10"),
    ("bad.rdf", ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
                 '<rdf:Description rdf:about="a"></rdf:RDF>'), "XML: ParseError at line 3, column"),
])
def test_parse_errors_keep_the_parsers_line_and_cause(tmp_path, name, text, expected):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(CatalogueRefused) as caught:
        read_catalogue(path)
    assert caught.value.reason == "catalogue_unparseable" and caught.value.detail.startswith(expected)
    assert '"y"' not in caught.value.detail  # the cause, never the offending input


NATIONAL = SHARED_EVAL / "dcat" / "national"


@pytest.mark.skipif(not NATIONAL.is_dir(), reason="../shared/eval/dcat/national is not present")
def test_german_portal_records_map_to_spdx_and_open_public_ones_pass():
    seen = 0
    for path in sorted(NATIONAL.glob("*.rdf")):
        for record in read_catalogue(path).distributions:
            seen += 1
            assert "://" not in (record.license or ""), record.license_declared  # every licence IRI is mapped
            refusal = gate_distribution(record, DataSpaceConfig())
            if record.license in ("CC0-1.0", "CC-BY-4.0", "DL-DE-BY-2.0", "DL-DE-ZERO-2.0"):
                assert refusal is None, (record.license, refusal)
            else:
                assert refusal is not None and refusal[0] == "license_not_allowed"
            if record.checksum_value:
                assert record.checksum_algorithm == "sha256"
    assert seen >= 19
