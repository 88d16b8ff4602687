"""The E-ARK Foundation's validator (PyPI `eark-validator`), run offline.

At import it reads four CSIP vocabularies from earkcsip.dilcis.eu; the package ships the
same files (eark_validator/ipxml/resources/vocabs/), so while it is imported those addresses
are answered from them. Nothing else of the validator is touched."""

import urllib.request
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from unittest import mock

VOCABULARY_BASE = "https://earkcsip.dilcis.eu/schema/"


@contextmanager
def _vocabularies_from_the_package():
    vocabs = files("eark_validator.ipxml.resources.vocabs")
    real_urlopen = urllib.request.urlopen

    def urlopen(url, *args, **kwargs):
        if isinstance(url, str) and url.startswith(VOCABULARY_BASE):
            return vocabs.joinpath(url.removeprefix(VOCABULARY_BASE)).open("rb")
        return real_urlopen(url, *args, **kwargs)

    with mock.patch("urllib.request.urlopen", urlopen):
        yield


def validate(path: Path):
    """The validator's report (a pydantic ValidationReport) for a package ZIP or folder."""
    with _vocabularies_from_the_package():
        from eark_validator import packages  # noqa: PLC0415 - must import with the patch on

    return packages.PackageValidator(Path(path)).validation_report


def problems(report):
    """Every ERROR the report holds (structure, schema, schematron), as readable lines."""
    lines = [
        f"structure {m.rule_id}: {m.message}"
        for m in report.structure.messages
        if m.severity.value == "Error"
    ]
    if report.metadata is not None:
        for part in ("schema_results", "schematron_results"):
            for m in getattr(report.metadata, part).messages:
                if m.severity.value == "Error":
                    lines.append(f"{part} {m.rule_id} {m.location}: {m.message}")
    return lines
