"""The catalogue as open data: JSON with its JSON Schema, CSV per kind, a DCAT-AP-NL description.

Toolkits that stopped being maintained live on only where their data was
published. Every build publishes the data exactly as editors keep it (the
JSON validates against the same schemas as data/), a table per kind for
spreadsheets, and a description of the dataset that data portals harvest.
All of it is derived from the files and the registry of kinds: a new kind
appears here without code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
from typing import Any

from ..core.kinds import KIND_BY_NAME, KINDS, DataFile, data_files
from ..core.loader import DataSet
from ..core.schemas import SchemaSet, Shape, entities_in, holds_entities

FOLDER = "open-data"
CATALOGUE = f"{FOLDER}/wegwijzer.json"
SCHEMA_FOLDER = f"{FOLDER}/schema"
CATALOGUE_SCHEMA = f"{SCHEMA_FOLDER}/open-data.schema.json"
CSV_FOLDER = f"{FOLDER}/csv"
DCAT = f"{FOLDER}/dcat.jsonld"
SCHEMA_BASE = "https://wegwijzer.example/schema/"  # the $id base of every schema in data/schema
# The project's own data (its compilation and its texts) is dedicated to the public domain unless the
# publisher sets another licence (`data_licence` of the plugin in mkdocs.yml).
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
LICENCE_NAMES = {CC0: "CC0 1.0 (publiek domein)"}
THEME = "http://standaarden.overheid.nl/owms/terms/Openbare_orde_en_veiligheid"
DUTCH = "http://publications.europa.eu/resource/authority/language/NLD"
LIST_SEPARATOR = "; "


def _is_entity_file(data_file: DataFile, schemas: SchemaSet) -> bool:
    """Is the whole file one entity (a region, the matrix), rather than lists under top-level keys?"""
    return bool(schemas.shape(data_file.schema).kind)


def catalogue(dataset: DataSet, schemas: SchemaSet, today: dt.date, site_name: str) -> dict[str, Any]:
    """Everything in data/ in one document.

    A file of lists adds its top-level keys ("interventions", "themes", ...); a
    file that is one entity is added under its name ("matrix"), a folder of such
    files as a list under the folder's name ("regions", "news").
    """
    document: dict[str, Any] = {"$schema": "schema/open-data.schema.json", "title": site_name,
                                "generated": today.isoformat()}
    for _, data_file, yaml_document in sorted(dataset.all(), key=lambda entry: entry[2].path):
        if data_file.is_folder:
            document.setdefault(data_file.folder, []).append(yaml_document.data)
        elif _is_entity_file(data_file, schemas):
            document[data_file.pattern.removesuffix(".yaml")] = yaml_document.data
        else:
            document.update(yaml_document.data)
    return document


def catalogue_schema(schemas: SchemaSet, site_name: str) -> dict[str, Any]:
    """The JSON Schema of ``catalogue``: each part refers to the schema of the file it comes from."""
    parts: dict[str, Any] = {}
    required = ["title", "generated"]
    for _, data_file in data_files():
        if data_file.is_folder:
            parts[data_file.folder] = {"type": "array", "items": {"$ref": data_file.schema}}
        elif _is_entity_file(data_file, schemas):
            parts[data_file.pattern.removesuffix(".yaml")] = {"$ref": data_file.schema}
        else:
            spec = schemas.documents[data_file.schema]
            parts.update({key: {"$ref": f"{data_file.schema}#/properties/{key}"} for key in spec["properties"]})
            required += spec.get("required", [])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + "open-data.schema.json",
        "title": f"{site_name}: open data",
        "description": "De hele toolbox zoals de redactie hem bijhoudt; elk onderdeel volgt het schema van zijn "
                       "gegevensbestand (in deze map).",
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": {"$schema": {"type": "string"}, "title": {"type": "string"},
                       "generated": {"type": "string", "format": "date"}, **parts},
    }


# -- CSV ---------------------------------------------------------------------------------------------


def csv_tables(dataset: DataSet, schemas: SchemaSet) -> dict[str, str]:
    """One table per kind (file name: the kind's collection), UTF-8 with a byte-order mark, `;`-separated.

    Dutch Excel opens such a file correctly by double-clicking it. A column per
    field of the kind's schema; lists are joined with "; ", groups of fields are
    written as JSON; a nested kind (a region's offering) says where it sits.
    """
    rows: dict[str, list[dict]] = {}
    shapes: dict[str, Shape] = {}
    for _, data_file, document in dataset.all():
        for kind, fields, parent, shape in entities_in(schemas.shape(data_file.schema), document.data):
            rows.setdefault(kind, []).append(fields | {"_parent": parent})
            shapes.setdefault(kind, shape)
    tables = {}
    for kind in KINDS:
        if kind.name not in rows:
            continue
        shape = shapes[kind.name]
        columns = [key for key, child in shape.properties.items() if not holds_entities(child)]
        nested = any(row["_parent"] for row in rows[kind.name])
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow((["hoort_bij"] if nested else []) + columns)
        for row in rows[kind.name]:
            writer.writerow(([row["_parent"] or ""] if nested else []) + [cell(row.get(key)) for key in columns])
        tables[f"{CSV_FOLDER}/{kind.collection}.csv"] = "\ufeff" + out.getvalue()
    return tables


def cell(value: Any) -> str:
    """A field as one CSV cell; text a spreadsheet would run as a formula stays text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        return str(value)  # a number stays a number, also when it is negative
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return inert(LIST_SEPARATOR.join(str(item) for item in value))
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


# What makes Excel, LibreOffice or Google Sheets read a cell as a formula or a DDE command (OWASP, "CSV
# Injection"): a sign at the start, also in its full-width form or after spaces, or a tab or line break first.
_FORMULA_SIGNS = tuple("=+-@\uff1d\uff0b\uff0d\uff20")
_BREAKS = tuple("\t\r\n")


def inert(text: str) -> str:
    """Text that a spreadsheet shows as text: a leading apostrophe before what would start a formula."""
    if text.startswith(_BREAKS) or text.lstrip(" \t\r\n").startswith(_FORMULA_SIGNS):
        return "'" + text
    return text


# -- DCAT-AP-NL --------------------------------------------------------------------------------------

_MEDIA_TYPES = {".json": "application/json", ".csv": "text/csv", ".jsonld": "application/ld+json"}


def dcat_description(files: dict[str, bytes | str], site_url: str, today: dt.date, publisher: str,
                     site_name: str, licence: str = CC0) -> dict[str, Any]:
    """The dataset and one distribution per file, as DCAT-AP-NL in JSON-LD."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    landing = base + "open-data/"
    distributions = []
    for path in sorted(files):
        extension = posixpath.splitext(path)[1]
        name = posixpath.basename(path)
        distributions.append({
            "@id": base + path, "@type": "dcat:Distribution",
            "dct:title": title_of_file(path), "dcat:accessURL": {"@id": landing}, "dcat:downloadURL": {"@id": base + path},
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{_MEDIA_TYPES[extension]}"},
            "dct:format": {"@id": "http://publications.europa.eu/resource/authority/file-type/"
                                  + {"json": "JSON", "csv": "CSV", "jsonld": "JSON_LD"}[extension[1:]]},
            "dct:license": {"@id": licence}, "dct:language": {"@id": DUTCH},
            "dcat:byteSize": {"@value": len(files[path].encode("utf-8") if isinstance(files[path], str)
                                            else files[path]), "@type": "xsd:decimal"},
            "dct:description": f"Bestand {name} uit de open data van de {site_name}.",
        })
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
                     "xsd": "http://www.w3.org/2001/XMLSchema#"},
        "@id": landing + "#dataset", "@type": "dcat:Dataset",
        "dct:identifier": landing + "#dataset",
        "dct:title": {"@value": f"{site_name}: interventies, factoren, partners en meer",
                      "@language": "nl"},
        "dct:description": {"@value": "Interventies en aanbod, thema's, risico- en beschermende factoren, "
                                      "barrièremodellen, stappenmodellen, regio's, programma's, partners, nummers, "
                                      "nieuws, activiteiten en kerncijfers in de aanpak van jeugdcriminaliteit, elk "
                                      "met de bron waar het vandaan komt.", "@language": "nl"},
        "dct:language": {"@id": DUTCH}, "dct:license": {"@id": licence},
        "dcat:theme": {"@id": THEME}, "dcat:landingPage": {"@id": landing},
        "dct:modified": {"@value": today.isoformat(), "@type": "xsd:date"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": publisher},
        "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": publisher,
                              "vcard:hasURL": {"@id": landing}},
        "dct:accessRights": {"@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"},
        "dcat:distribution": distributions,
    }


def title_of_file(path: str) -> str:
    name = posixpath.basename(path)
    if path == CATALOGUE:
        return "De hele toolbox (JSON)"
    if path.startswith(CSV_FOLDER):
        collection = name.removesuffix(".csv")
        kind = next((k for k in KIND_BY_NAME.values() if k.collection == collection), None)
        return f"Tabel: {kind.plural if kind else collection} (CSV)"
    if path == DCAT:
        return "Beschrijving van de dataset (DCAT-AP-NL, JSON-LD)"
    return f"Schema: {name}"


def open_data_files(dataset: DataSet, schemas: SchemaSet, today: dt.date, site_url: str,
                    publisher: str, site_name: str, licence: str = CC0) -> dict[str, str]:
    """Every open-data file of a build, by its path in the site."""
    files: dict[str, str] = {
        CATALOGUE: json.dumps(catalogue(dataset, schemas, today, site_name), ensure_ascii=False, indent=1) + "\n",
        CATALOGUE_SCHEMA: json.dumps(catalogue_schema(schemas, site_name), ensure_ascii=False, indent=1) + "\n"}
    for name, document in sorted(schemas.documents.items()):
        files[f"{SCHEMA_FOLDER}/{name}"] = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    files.update(csv_tables(dataset, schemas))
    files[DCAT] = json.dumps(dcat_description(files, site_url, today, publisher, site_name, licence),
                             ensure_ascii=False, indent=1) + "\n"
    return files
