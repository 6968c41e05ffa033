"""Normalise what DCAT-AP catalogues say about licences, languages and access rights.

Licences become SPDX ids where SPDX has one, a `LicenseRef-...` for well-known licences it lacks (the
Commission's reuse decision), and stay as given otherwise (so the allow-list refuses them visibly).
Languages become ISO 639-1 codes from EU Vocabularies IRIs (3-letter codes), lexvo/LoC IRIs or plain tags.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

EU_COMMISSION_REUSE = "LicenseRef-EU-Commission-Reuse-Decision-2011-833"

# Last segment of http://publications.europa.eu/resource/authority/licence/<ID> -> SPDX id.
_EU_LICENCE_VOCABULARY = {
    "CC0": "CC0-1.0", "CC0_1_0": "CC0-1.0", "PDM_1_0": "LicenseRef-Public-Domain-Mark-1.0",
    "CC_BY": "CC-BY-4.0", "CC_BY_1_0": "CC-BY-1.0", "CC_BY_2_0": "CC-BY-2.0", "CC_BY_2_5": "CC-BY-2.5",
    "CC_BY_3_0": "CC-BY-3.0", "CC_BY_4_0": "CC-BY-4.0",
    "CC_BYSA": "CC-BY-SA-4.0", "CC_BYSA_2_0": "CC-BY-SA-2.0", "CC_BYSA_2_5": "CC-BY-SA-2.5",
    "CC_BYSA_3_0": "CC-BY-SA-3.0", "CC_BYSA_4_0": "CC-BY-SA-4.0",
    "CC_BYND_4_0": "CC-BY-ND-4.0", "CC_BYNC_4_0": "CC-BY-NC-4.0", "CC_BYNCSA_4_0": "CC-BY-NC-SA-4.0",
    "CC_BYNCND_4_0": "CC-BY-NC-ND-4.0", "CC_BYND_3_0": "CC-BY-ND-3.0", "CC_BYNC_3_0": "CC-BY-NC-3.0",
    "CC_BYNCSA_3_0": "CC-BY-NC-SA-3.0", "CC_BYNCND_3_0": "CC-BY-NC-ND-3.0",
    "ODC_BY": "ODC-By-1.0", "ODC_BY_1_0": "ODC-By-1.0", "ODC_ODBL": "ODbL-1.0", "ODBL_1_0": "ODbL-1.0",
    "ODC_PDDL": "PDDL-1.0", "PDDL_1_0": "PDDL-1.0",
    "DL_DE_BY_1_0": "LicenseRef-DL-DE-BY-1.0", "DL_DE_BY_2_0": "DL-DE-BY-2.0", "DL_DE_ZERO_2_0": "DL-DE-ZERO-2.0",
    "ETALAB_1_0": "LicenseRef-etalab-1.0", "ETALAB_2_0": "etalab-2.0", "LO_FR_2_0": "etalab-2.0",
    "OGL_3_0": "OGL-UK-3.0", "OGL_UK_3_0": "OGL-UK-3.0", "NLOD_1_0": "NLOD-1.0", "NLOD_2_0": "NLOD-2.0",
    "IODL_1_0": "LicenseRef-IODL-1.0", "IODL_2_0": "LicenseRef-IODL-2.0",
    "EUPL_1_0": "EUPL-1.0", "EUPL_1_1": "EUPL-1.1", "EUPL_1_2": "EUPL-1.2",
    "APACHE_2_0": "Apache-2.0", "MIT": "MIT", "GPL_2_0": "GPL-2.0-only", "GPL_3_0": "GPL-3.0-only",
    "LGPL_3_0": "LGPL-3.0-only", "AGPL_3_0": "AGPL-3.0-only", "MPL_2_0": "MPL-2.0", "BSD_3_CLAUSE": "BSD-3-Clause",
    "COM_REUSE": EU_COMMISSION_REUSE, "CC_BY_3_0_AT": "CC-BY-3.0", "CC_BY_3_0_DE": "CC-BY-3.0",
    "CC_BYSA_3_0_AT": "CC-BY-SA-3.0", "CC_BYSA_3_0_DE": "CC-BY-SA-3.0", "CC_BYNCSA_2_0": "CC-BY-NC-SA-2.0",
    "CC_PDM_1_0": "LicenseRef-Public-Domain-Mark-1.0", "ODC_BL": "ODbL-1.0", "ODC_ODBL_1_0": "ODbL-1.0",
    "GNU_GPL_3_0": "GPL-3.0-only", "GNU_LGPL_3_0": "LGPL-3.0-only", "GNU_AGPL_3_0": "AGPL-3.0-only",
    "GNU_GPL_2_0": "GPL-2.0-only", "GNU_FDL_1_3": "GFDL-1.3-only", "BSD_2_CLAUSE": "BSD-2-Clause",
    "OGL_2_0": "OGL-UK-2.0", "OGL_1_0": "OGL-UK-1.0", "OGL_CANADA_2_0": "OGL-Canada-2.0",
    "IODL_2_0_IT": "LicenseRef-IODL-2.0", "GEONUTZ": "LicenseRef-GeoNutzV-2013",
    "OP_DATPRO": "LicenseRef-EU-OP-Data-Provided-As-Is",
}

# DCAT-AP.de licence vocabulary (http://dcat-ap.de/def/licenses/<ID>[/<version>]); the id is matched with
# '_' read as '.' in versions (portals write both dl-by-de/2.0 and dl-by-de/2_0). Unversioned Creative Commons
# ids are read as the current 4.0 (as the EU vocabulary's CC_BY is); national ports (cc-by-de/3.0, CC_BY_3_0_AT)
# as the unported id, as for creativecommons.org port IRIs below.
_DCAT_AP_DE_LICENCES = {
    "cc-zero": "CC0-1.0", "cc-by": "CC-BY-4.0", "cc-by/4.0": "CC-BY-4.0", "cc-by-sa": "CC-BY-SA-4.0",
    "cc-by-sa/4.0": "CC-BY-SA-4.0", "cc-by-nd": "CC-BY-ND-4.0", "cc-by-nd/4.0": "CC-BY-ND-4.0",
    "cc-by-nc": "CC-BY-NC-4.0", "cc-by-nc/4.0": "CC-BY-NC-4.0", "cc-by-nc-nd": "CC-BY-NC-ND-4.0",
    "cc-by-nc-nd/4.0": "CC-BY-NC-ND-4.0", "cc-by-nc-sa": "CC-BY-NC-SA-4.0", "cc-by-nc-sa/4.0": "CC-BY-NC-SA-4.0",
    "cc-by-de/3.0": "CC-BY-3.0", "cc-by-sa-de/3.0": "CC-BY-SA-3.0", "cc-by-nd-de/3.0": "CC-BY-ND-3.0",
    "cc-by-nc-de/3.0": "CC-BY-NC-3.0", "cc-by-nc-nd-de/3.0": "CC-BY-NC-ND-3.0",
    "cc-by-nc-sa-de/3.0": "CC-BY-NC-SA-3.0", "cc-by-nd/3.0": "CC-BY-ND-3.0",
    "cc-pdm/1.0": "LicenseRef-Public-Domain-Mark-1.0", "ccpdm/1.0": "LicenseRef-Public-Domain-Mark-1.0",
    "dl-by-de/1.0": "LicenseRef-DL-DE-BY-1.0", "dl-by-de/2.0": "DL-DE-BY-2.0", "dl-zero-de/2.0": "DL-DE-ZERO-2.0",
    "dl-by-nc-de/1.0": "LicenseRef-DL-DE-BY-NC-1.0", "odbl": "ODbL-1.0", "odby": "ODC-By-1.0",
    "odcpddl": "PDDL-1.0", "apache": "Apache-2.0", "mozilla": "MPL-2.0", "gpl/3.0": "GPL-3.0-only",
    "gfdl": "LicenseRef-GFDL", "bsd": "LicenseRef-BSD", "geonutz/20130319": "LicenseRef-GeoNutzV-2013",
    "geonutz/20131001": "LicenseRef-GeoNutzV-2013", "officialwork": "LicenseRef-DE-Official-Work-UrhG-5",
    "other-closed": "LicenseRef-other-closed", "other-commercial": "LicenseRef-other-commercial",
    "other-freeware": "LicenseRef-other-freeware", "other-open": "LicenseRef-other-open",
    "other-opensource": "LicenseRef-other-opensource", "other-pd": "LicenseRef-other-public-domain",
}
# CKAN's licence register (http(s)://opendefinition.org/licenses/<id>/ and the plain ids CKAN portals print).
_CKAN_LICENCES = {
    "cc-zero": "CC0-1.0", "cc-by": "CC-BY-4.0", "cc-by-sa": "CC-BY-SA-4.0", "cc-nc": "LicenseRef-CC-NC-any",
    "odc-by": "ODC-By-1.0", "odc-odbl": "ODbL-1.0", "odc-pddl": "PDDL-1.0", "gfdl": "LicenseRef-GFDL",
    "uk-ogl": "OGL-UK-3.0", "other-pd": "LicenseRef-other-public-domain", "other-at": "LicenseRef-other-attribution",
    "other-open": "LicenseRef-other-open", "other-nc": "LicenseRef-other-non-commercial",
    "other-closed": "LicenseRef-other-closed", "notspecified": "LicenseRef-not-specified",
    # data.gouv.fr's CKAN-style ids for the Licence Ouverte
    "lov2": "etalab-2.0", "fr-lo": "LicenseRef-etalab-1.0",
}
_GOVDATA_DL_DE = {"by-2-0": "dl-by-de/2.0", "zero-2-0": "dl-zero-de/2.0", "by-1-0": "dl-by-de/1.0",
                  "by-nc-1-0": "dl-by-nc-de/1.0"}
_ETALAB = re.compile(r"licence[-_ ]ouverte|etalab", re.IGNORECASE)

_CC_KINDS = {"by": "CC-BY", "by-sa": "CC-BY-SA", "by-nd": "CC-BY-ND", "by-nc": "CC-BY-NC",
             "by-nc-sa": "CC-BY-NC-SA", "by-nc-nd": "CC-BY-NC-ND"}
_ODC = {"odbl": "ODbL-1.0", "odc-by": "ODC-By-1.0", "by": "ODC-By-1.0", "pddl": "PDDL-1.0"}
# SPDX ids written loosely ("cc-by 4.0", "CC BY-SA 4.0", "cc0"): key = upper-case letters and digits only.
_LOOSE_SPDX = {re.sub(r"[^A-Z0-9]", "", v.upper()): v for v in {*_EU_LICENCE_VOCABULARY.values(),
                                                                 *_DCAT_AP_DE_LICENCES.values()}
               if not v.startswith("LicenseRef-other")}
_LOOSE_SPDX.update({"CC0": "CC0-1.0", "CCBY": "CC-BY-4.0", "CCBYSA": "CC-BY-SA-4.0", "CCZERO": "CC0-1.0",
                    "ODBL": "ODbL-1.0", "ODCBY": "ODC-By-1.0", "PDDL": "PDDL-1.0", "IODL20": "LicenseRef-IODL-2.0"})
_REUSE_DECISION = re.compile(r"2011\s*/\s*833|32011D0833|COM[_-]?REUSE", re.IGNORECASE)


def _last_segment(iri: str) -> str:
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


def _creative_commons(parts: list[str]) -> str | None:
    # /licenses/by-sa/4.0[/de] or /publicdomain/zero/1.0 or /publicdomain/mark/1.0
    if len(parts) >= 3 and parts[0] == "publicdomain":
        return {"zero": "CC0-1.0", "mark": "LicenseRef-Public-Domain-Mark-1.0"}.get(parts[1])
    if len(parts) >= 3 and parts[0] == "licenses" and parts[1] in _CC_KINDS:
        spdx = f"{_CC_KINDS[parts[1]]}-{parts[2]}"
        # SPDX lists only some ports (e.g. CC-BY-SA-3.0-DE, CC-BY-3.0-AT); the unported id is the safe reading
        return spdx
    return None


def normalise_license(value: str | None) -> str | None:
    """An SPDX id (or LicenseRef-) for a licence IRI or name; the value unchanged when it is not recognised."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    if _REUSE_DECISION.search(value):
        return EU_COMMISSION_REUSE
    try:
        split = urlsplit(value)
    except ValueError:
        split = None
    if split is not None and split.scheme in ("http", "https") and split.hostname:
        host = split.hostname.lower()
        parts = [p for p in split.path.lower().split("/") if p]
        if host.endswith("creativecommons.org"):
            return _creative_commons(parts) or value
        if host.endswith("opendatacommons.org") and len(parts) >= 2 and parts[0] == "licenses":
            return _ODC.get(parts[1], value)
        if host.endswith("spdx.org") and len(parts) >= 2 and parts[0] == "licenses":
            return _last_segment(split.path).removesuffix(".html").removesuffix(".json")
        if host.endswith("dcat-ap.de") and "licenses" in parts:
            key = "/".join(parts[parts.index("licenses") + 1:]).replace("_", ".")
            return _DCAT_AP_DE_LICENCES.get(key, value)
        if host.endswith("govdata.de") and len(parts) >= 2 and parts[0] == "dl-de":  # the licences' own pages
            return _DCAT_AP_DE_LICENCES.get(_GOVDATA_DL_DE.get(parts[1], ""), value)
        if host.endswith("data.norge.no") and "nlod" in parts:  # Norway's licence pages: /nlod/<lang>/<version>
            return {"1.0": "NLOD-1.0", "2.0": "NLOD-2.0"}.get(parts[-1], value)
        if host.endswith("opendefinition.org") and len(parts) >= 2 and parts[0] == "licenses":
            return _CKAN_LICENCES.get(parts[1], value)
        if host.endswith("etalab.gouv.fr") or (host.endswith(".gouv.fr") and _ETALAB.search(split.path)):
            return "LicenseRef-etalab-1.0" if re.search(r"v?1[._]0", split.path) else "etalab-2.0"
        segment = _last_segment(split.path)
        if segment.upper() in _EU_LICENCE_VOCABULARY:
            return _EU_LICENCE_VOCABULARY[segment.upper()]
        return _loose(segment) or value
    if value.upper() in _EU_LICENCE_VOCABULARY:
        return _EU_LICENCE_VOCABULARY[value.upper()]
    if value.lower() in _CKAN_LICENCES:
        return _CKAN_LICENCES[value.lower()]
    if _ETALAB.search(value):
        return "LicenseRef-etalab-1.0" if re.search(r"\b1[._]0\b", value) else "etalab-2.0"
    return _loose(value) or _licence_name(value) or value


# Licence names as portals write them in titles and labels (English, German, French, Italian, Spanish, Dutch).
_CC_NAME = re.compile(r"creative\s*commons", re.IGNORECASE)
_CC_PARTS = (
    ("NC", re.compile(r"non[-\s]?commercial|nicht[-\s]?kommerziell|pas d.utilisation commerciale|non commerciale|"
                      r"no comercial|niet[-\s]?commercieel|\bnc\b", re.IGNORECASE)),
    ("ND", re.compile(r"no[-\s]?deriv|keine bearbeitung|pas de modification|non opere derivate|sin obra derivada|"
                      r"geen afgeleide|\bnd\b", re.IGNORECASE)),
    ("SA", re.compile(r"share[-\s]?alike|weitergabe unter gleichen bedingungen|partage dans les m.mes conditions|"
                      r"condividi allo stesso modo|compartir ?igual|gelijk delen|\bsa\b", re.IGNORECASE)),
)
_CC_ZERO = re.compile(r"\bzero\b|\bcc0\b|public domain dedication", re.IGNORECASE)
_VERSION = re.compile(r"(?<![\d.])([1-4])[.,]([05])(?![\d.])")
_DL_DE = re.compile(r"datenlizenz deutschland|data licen[cs]e germany", re.IGNORECASE)
_NAMED = ((re.compile(r"open database licen[cs]e|\bodbl\b", re.IGNORECASE), "ODbL-1.0"),
          (re.compile(r"public domain dedication and licen[cs]e|\bpddl\b", re.IGNORECASE), "PDDL-1.0"),
          (re.compile(r"open data commons attribution", re.IGNORECASE), "ODC-By-1.0"),
          (re.compile(r"open government licen[cs]e.*\b3[.,]0\b", re.IGNORECASE), "OGL-UK-3.0"))


def _licence_name(value: str) -> str | None:
    """An SPDX id for a licence written out by name ('Creative Commons Namensnennung 4.0 International',
    'Datenlizenz Deutschland - Zero - Version 2.0'); None when the name is not one of these."""
    version = _VERSION.search(value)
    if _CC_NAME.search(value):
        if _CC_ZERO.search(value):
            return "CC0-1.0"
        kinds = "".join(f"-{code}" for code, pattern in _CC_PARTS if pattern.search(value))
        # SPDX orders NC before ND/SA (CC-BY-NC-SA, CC-BY-NC-ND)
        return f"CC-BY{kinds}-{version.group(1)}.{version.group(2)}" if version else None
    if _DL_DE.search(value):
        if re.search(r"\bzero\b", value, re.IGNORECASE):
            return "DL-DE-ZERO-2.0" if version and version.group(1) == "2" else None
        if re.search(r"namensnennung|attribution", value, re.IGNORECASE) and version:
            nc = re.search(r"nicht[-\s]?kommerziell|non[-\s]?commercial", value, re.IGNORECASE)
            if version.group(1) == "2" and not nc:
                return "DL-DE-BY-2.0"
            return f"LicenseRef-DL-DE-BY{'-NC' if nc else ''}-{version.group(1)}.{version.group(2)}"
        return None
    return next((spdx for pattern, spdx in _NAMED if pattern.search(value)), None)


def _loose(value: str) -> str | None:
    """An SPDX id written loosely ('cc-by 4.0', 'CC0-1.0', a national vocabulary's 'A21_CCBY40'), or None."""
    key = re.sub(r"[^A-Z0-9]", "", value.upper())
    if key in _LOOSE_SPDX:
        return _LOOSE_SPDX[key]
    # vocabularies that prefix the licence with a code of their own (e.g. Italy's 'A21_CCBY40', 'A11_CCO10')
    coded = re.fullmatch(r"[A-Z]\d+_(.+)", value.upper())
    if coded:
        key = re.sub(r"[^A-Z0-9]", "", coded.group(1)).replace("CCO", "CC0")
        return _LOOSE_SPDX.get(key)
    return None


# ISO 639-2 (bibliographic and terminological) and 639-3 codes -> ISO 639-1, for the languages of Europe
# and its neighbours. EU Vocabularies' language authority uses the upper-case 3-letter code as the IRI end.
_ISO639_3_TO_1 = {
    "bul": "bg", "ces": "cs", "cze": "cs", "dan": "da", "deu": "de", "ger": "de", "ell": "el", "gre": "el",
    "eng": "en", "spa": "es", "est": "et", "fin": "fi", "fra": "fr", "fre": "fr", "gle": "ga", "hrv": "hr",
    "hun": "hu", "ita": "it", "lit": "lt", "lav": "lv", "mlt": "mt", "nld": "nl", "dut": "nl", "pol": "pl",
    "por": "pt", "ron": "ro", "rum": "ro", "slk": "sk", "slo": "sk", "slv": "sl", "swe": "sv",
    "cat": "ca", "eus": "eu", "baq": "eu", "glg": "gl", "cym": "cy", "wel": "cy", "gla": "gd", "bre": "br",
    "isl": "is", "ice": "is", "nor": "no", "nob": "nb", "nno": "nn", "ltz": "lb", "sqi": "sq", "alb": "sq",
    "mkd": "mk", "mac": "mk", "srp": "sr", "bos": "bs", "ukr": "uk", "rus": "ru", "tur": "tr", "bel": "be",
    "fao": "fo", "fry": "fy", "cos": "co", "oci": "oc", "roh": "rm", "sme": "se", "lat": "la", "yid": "yi",
    "hye": "hy", "arm": "hy", "kat": "ka", "geo": "ka", "aze": "az", "heb": "he", "ara": "ar", "zho": "zh",
    "chi": "zh", "jpn": "ja",
}


def normalise_language(value: str | None) -> str | None:
    """ISO 639-1 code for a language IRI (EU Vocabularies, lexvo, id.loc.gov) or tag ('de', 'en-GB', 'DEU')."""
    if value is None or not str(value).strip():
        return None
    code = _last_segment(str(value).strip()) if "/" in str(value) else str(value).strip()
    code = code.split("-")[0].split("_")[0].lower()
    if len(code) == 2 and code.isalpha():
        return code
    return _ISO639_3_TO_1.get(code)


def normalise_access_rights(value: str | None) -> str | None:
    """PUBLIC / RESTRICTED / NON_PUBLIC (EU access-right vocabulary) or the value as given."""
    if value is None or not str(value).strip():
        return None
    code = _last_segment(str(value).strip()).upper().replace("-", "_").replace(" ", "_")
    return code if code in ("PUBLIC", "RESTRICTED", "NON_PUBLIC", "SENSITIVE") else str(value).strip()


_HASH_NAMES = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3224", "sha3256", "sha3384", "sha3512"}


def normalise_checksum_algorithm(value: str | None) -> str | None:
    """hashlib's name for a checksum algorithm IRI or label: SPDX (spdx:checksumAlgorithm_sha256), DCAT-AP.de
    (http://dcat-ap.de/def/hashAlgorithms/sha/256, .../md/5), or a label ('SHA-256'); the value (lower case)
    when it is not one of those, so the fetcher refuses it as checksum_unsupported by name."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    lowered = value.lower()
    if "checksumalgorithm_" in lowered:
        lowered = lowered.rsplit("checksumalgorithm_", 1)[-1]
    elif "/hashalgorithms/" in lowered:  # DCAT-AP.de writes the family and the size as two path segments
        lowered = lowered.split("/hashalgorithms/", 1)[1]
    elif "/" in lowered or "#" in lowered:
        lowered = _last_segment(lowered)
    key = re.sub(r"[^a-z0-9]", "", lowered)
    if key.startswith("sha3"):
        return f"sha3_{key[4:]}" if key in _HASH_NAMES else value.lower()
    return key if key in _HASH_NAMES else value.lower()
