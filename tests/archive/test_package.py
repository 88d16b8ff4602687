"""The e-archive package: the E-ARK validator's verdict, and the package read back and compared
with the database (every document and record present, every checksum right, nothing the
archive must not get)."""

import hashlib
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.hashers import get_hasher
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils.text import slugify
from lxml import etree
from pypdf import PdfReader

from governance.models import Decision
from iop.archive import records
from iop.archive.package import build_package
from partnerships.history.sources import historical_model
from partnerships.models import Amendment, Signature
from reporting.models import ActivityReport, AnnualCompilation, FeedbackEntry, HalfYearReport
from tests.archive import eark
from tests.archive.conftest import unpack

METS = {"mets": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink"}
A = {"a": records.NAMESPACE}
# The validator's SIP14 asks the creator agent's note for an unqualified NOTETYPE attribute,
# which the METS schema does not allow on <note> (only attributes of other namespaces); CSIP16
# asks the same note for csip:NOTETYPE="SOFTWARE VERSION". No valid METS can satisfy both:
# this one error is the validator's, and it is the only one allowed.
VALIDATOR_DEFECT = "SIP14"


def _described_files(unpacked):
    """(path in the package, SIZE, CHECKSUM) of every file the two METS documents describe."""
    described = []
    for mets_path, base in (
        ("METS.xml", ""),
        ("representations/rep1/METS.xml", "representations/rep1/"),
    ):
        mets = etree.fromstring(unpacked.read(mets_path))
        for file_element in mets.iterfind(".//mets:file", METS):
            href = file_element.find("mets:FLocat", METS).get(f"{{{METS['xlink']}}}href")
            described.append((base + href, file_element.get("SIZE"), file_element.get("CHECKSUM")))
        for ref in mets.iterfind(".//mets:mdRef", METS):
            href = ref.get(f"{{{METS['xlink']}}}href")
            described.append((base + href, ref.get("SIZE"), ref.get("CHECKSUM")))
    return described


def test_the_package_is_valid_and_reads_back_as_the_database(world, staff, rep_a, tmp_path):
    """One package (every PDF of it rendered, seconds), checked from every side."""
    # The agreement as the parties signed it in the app, sealed: archived as it is.
    document = world.signed_document
    document.sealed_pdf.save("forseglad.pdf", ContentFile(b"%PDF-1.7 sealed original"))
    path = tmp_path / "paket.zip"
    path.write_bytes(build_package(world.partnership, user=staff))
    package = unpack(path.read_bytes())
    sealed = f"representations/rep1/data/underskrifter/forseglad-{document.pk}.pdf"
    assert package.read(sealed) == b"%PDF-1.7 sealed original"
    _validator_finds_it_valid(path)
    _every_file_is_described_with_its_size_and_checksum(package)
    _the_documents_are_pdf_a(package, world)
    _every_record_of_the_database_is_in_the_package(package, world)
    _the_history_holds_every_change_with_who_when_and_why(package, world, staff)
    _the_records_follow_the_packaged_schema(package)
    _nothing_the_archive_must_not_get(package, staff, rep_a)


def _validator_finds_it_valid(path):
    report = eark.validate(path)

    assert report.structure.status.name == "WELLFORMED", report.structure.messages
    assert report.metadata.schema_results.status.name == "VALID"
    errors = eark.problems(report)
    assert [e for e in errors if VALIDATOR_DEFECT not in e] == []
    assert len(errors) == 1  # the validator's own contradiction, once (see VALIDATOR_DEFECT)


def _every_file_is_described_with_its_size_and_checksum(package):
    described = _described_files(package)
    for path, size, checksum in described:
        data = package.read(path)
        assert int(size) == len(data), path
        assert checksum == hashlib.sha256(data).hexdigest().upper(), path
    # ...and nothing in the package goes undescribed but the root METS itself.
    assert set(package.files) - {path for path, _s, _c in described} == {"METS.xml"}


def _the_documents_are_pdf_a(package, world):
    pdfs = {path: data for path, data in package.files.items() if path.endswith(".pdf")}
    data = "representations/rep1/data/"
    amendment = world.amendment
    expected = {
        f"{data}avtal.pdf",
        f"{data}andringar/andring-{amendment.number}-{amendment.pk}.pdf",
        f"{data}sammanstallningar/arlig-sammanstallning-{world.side.annual.year}.pdf",
    }
    assert expected <= set(pdfs)
    minutes = [p for p in pdfs if p.startswith(f"{data}protokoll/")]
    assert minutes == [
        f"{data}protokoll/protokoll-{slugify(world.group.name)}-"
        f"{world.held_meeting.date:%Y-%m-%d}-{world.held_meeting.pk}.pdf"
    ]  # the approved minutes; the world's future meeting has none
    assert any(p.startswith(f"{data}sammanstallningar/halvarsrapport-") for p in pdfs)
    for path, content in pdfs.items():
        if "/underskrifter/" in path:
            continue  # a scan is archived as it was uploaded
        xmp = PdfReader(io.BytesIO(content)).trailer["/Root"]["/Metadata"].get_object()
        assert re.search(rb"pdfaid:part(>|=\")3", xmp.get_data()), path


def _ids(xml, model):
    return {
        int(post.get("id"))
        for post in xml.iterfind(f"a:poster[@modell='{model._meta.label_lower}']/a:post", A)
    }


def _every_record_of_the_database_is_in_the_package(package, world):
    data = "representations/rep1/data/"
    pk = world.partnership.pk
    read = {
        name: etree.fromstring(package.read(f"{data}{name}.xml"))
        for name in ("andringar", "beslut", "rapporter", "underskrifter")
    }
    assert (
        _ids(read["andringar"], Amendment)
        == set(Amendment.objects.filter(partnership_id=pk).values_list("pk", flat=True))
        == {world.amendment.pk}
    )
    assert _ids(read["beslut"], Decision) == {world.decision.pk}
    assert _ids(read["rapporter"], ActivityReport) == set(
        ActivityReport.objects.filter(period__partnership_id=pk).values_list("pk", flat=True)
    )
    assert _ids(read["rapporter"], FeedbackEntry) and _ids(read["rapporter"], HalfYearReport)
    assert _ids(read["rapporter"], AnnualCompilation) == {world.side.annual.pk}
    assert _ids(read["underskrifter"], Signature) == set(
        Signature.objects.filter(partnership_id=pk).values_list("pk", flat=True)
    )
    decision = read["beslut"].find(f"a:poster/a:post[@id='{world.decision.pk}']", A)
    assert decision.find("a:falt[@namn='text']", A).text == world.decision.text


def _the_history_holds_every_change_with_who_when_and_why(package, world, staff):
    history = etree.fromstring(package.read("representations/rep1/data/historik.xml"))
    pk = world.partnership.pk
    for table in records.HISTORY:
        in_database = set(
            historical_model(table.model)
            .objects.filter(table.lookup(pk))
            .values_list("history_id", flat=True)
        )
        label = table.model._meta.label_lower
        in_package = {
            int(change.get("historik_id"))
            for change in history.iterfind(f"a:poster[@modell='{label}']/a:andring", A)
        }
        assert in_package == in_database, label
    created = history.find(
        f"a:poster[@modell='partnerships.amendment']/a:andring[@id='{world.amendment.pk}']", A
    )
    assert created.get("typ") == "skapad"
    assert created.get("av") == staff.get_full_name()
    assert created.find("a:anledning", A).text == "URL-genomgång"
    assert re.match(r"\d{4}-\d\d-\d\dT", created.get("tidpunkt"))


def _the_records_follow_the_packaged_schema(package):
    schema = etree.XMLSchema(etree.fromstring(package.read("schemas/iop-arkiv.xsd")))
    documents = [
        p
        for p in package.files
        if p.startswith("representations/rep1/data/") and p.endswith(".xml")
    ]
    documents.append("metadata/descriptive/partnerskap.xml")
    assert len(documents) == 6
    for path in documents:
        schema.assertValid(etree.fromstring(package.read(path)))


def _nothing_the_archive_must_not_get(package, staff, rep_a):
    everything = b"".join(package.files.values())
    for user in (staff, rep_a):
        assert user.password.encode() not in everything
    assert f"{get_hasher().algorithm}$".encode() not in everything  # nobody's password hash
    # The financial statement's uploaded receipts stay out; its figures are in rapporter.xml.
    assert not any("kvitton" in path for path in package.files)
    assert b'<a:falt namn="draft"' not in everything and b'namn="draft"' not in everything


def test_the_command_writes_the_package(world, tmp_path):
    out = tmp_path / "arkiv.zip"
    call_command("archive_package", world.partnership.pk, "--out", str(out), verbosity=0)
    unpacked = unpack(out.read_bytes())
    assert unpacked.root.startswith("iop-")
    assert "representations/rep1/data/avtal.pdf" in unpacked.files
    with pytest.raises(CommandError, match="No partnership"):
        call_command("archive_package", 987654321, "--out", str(tmp_path / "x.zip"))
    assert not Path(tmp_path / "x.zip").exists()
