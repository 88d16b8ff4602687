"""A partnership's e-archive package (FGS 2.0 / E-ARK CSIP and SIP) as one ZIP.

The package holds, under one folder named as its OBJID:

    METS.xml                                the package: metadata, file groups, structure
    metadata/descriptive/partnerskap.xml    title, diarienummer, parties, period
    metadata/preservation/premis.xml        every file's fixity and format, the creation event
    representations/rep1/METS.xml           the representation's files
    representations/rep1/data/              the agreement, amendments, minutes and
                                            compilations as PDF/A; signatures, decisions,
                                            reports, amendments and the change history as XML;
                                            scanned signatures as uploaded
    schemas/                                METS, XLink, CSIP extension, iop-arkiv.xsd
    documentation/innehall.txt              what the package holds, in words

`build_package` is the one entry: a plain function of the partnership, so that a view, a
command or a task queue can call it."""

import io
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

from governance.models import Meeting, Minutes
from governance.views.meetings import render_minutes
from iop.archive import records
from iop.archive.mets import (
    REPRESENTATION,
    PackageFile,
    package_mets,
    premis_xml,
    representation_mets,
)
from partnerships.agreement_pdf import render_agreement, render_amendment
from partnerships.models import Amendment, Organisation, Signature, SignedDocument
from reporting.models import AnnualCompilation, HalfYearReport
from reporting.views.compilations import render_annual, render_halfyear

SCHEMAS = Path(__file__).parent / "schemas"
PDF_A = "PDF/A-3u"


def submitter(partnership):
    """The public party (the administration) that hands the package over: (name, org. number)."""
    public = (
        Organisation.objects.filter(
            participations__partnership=partnership, kind=Organisation.Kind.PUBLIC
        )
        .order_by("pk")
        .first()
    )
    return (public.name, public.org_number) if public else ("Förvaltningen", "")


def package_name(partnership, created):
    number = slugify(partnership.registration_number or "") or str(partnership.pk)
    return f"iop-{number}-{created:%Y%m%dT%H%M%S}"


def _data_files(partnership):
    """The representation's files: (name under data/, bytes, MIME type, format, label)."""
    pk = partnership.pk
    yield "avtal.pdf", render_agreement(partnership), "application/pdf", PDF_A, "Överenskommelsen"
    amendments = Amendment.objects.filter(partnership=partnership).select_related(
        "partnership", "annex", "commitment"
    )
    for amendment in amendments.order_by("number", "pk"):
        name = f"andringar/andring-{amendment.number}-{amendment.pk}.pdf"
        yield name, render_amendment(amendment), "application/pdf", PDF_A, str(amendment)
    meetings = (
        Meeting.objects.filter(group__partnership=partnership)
        .filter(minutes_versions__status__in=[Minutes.Status.APPROVED, Minutes.Status.SUPERSEDED])
        .select_related("group")
        .distinct()
        .order_by("date", "pk")
    )
    for meeting in meetings:
        pdf = render_minutes(meeting)
        if pdf is not None:
            name = f"protokoll/protokoll-{slugify(meeting.group.name)}-{meeting.date:%Y-%m-%d}-{meeting.pk}.pdf"
            yield (
                name,
                pdf,
                "application/pdf",
                PDF_A,
                f"Protokoll {meeting.group.name} {meeting.date}",
            )
    halfyears = HalfYearReport.objects.filter(period__partnership=partnership).select_related(
        "period__partnership"
    )
    for report in halfyears.order_by("period__start", "pk"):
        name = f"sammanstallningar/halvarsrapport-{report.period.start:%Y-%m}-{report.pk}.pdf"
        yield name, render_halfyear(report), "application/pdf", PDF_A, "Halvårsrapport"
    for compilation in AnnualCompilation.objects.filter(partnership=partnership).order_by("year"):
        name = f"sammanstallningar/arlig-sammanstallning-{compilation.year}.pdf"
        yield name, render_annual(compilation), "application/pdf", PDF_A, "Årlig sammanställning"
    xml = "application/xml"
    for name, root, tables in (
        ("underskrifter.xml", "underskrifter", records.SIGNATURES),
        ("andringar.xml", "andringar", records.AMENDMENTS),
        ("beslut.xml", "beslut", records.DECISIONS),
        ("rapporter.xml", "rapporter", records.REPORTS),
    ):
        yield name, records.rows_xml(root, tables, pk), xml, "XML", name
    yield "historik.xml", records.history_xml(pk), xml, "XML", "Ändringshistorik"
    for signature in Signature.objects.filter(partnership=partnership).exclude(scan=""):
        with signature.scan.open("rb") as scan:
            content = scan.read()
        name = f"underskrifter/underskrift-{signature.pk}.pdf"
        yield name, content, "application/pdf", "PDF", "Inskannad underskrift"
    # What the parties signed in the app, sealed (PAdES): the legally signed originals.
    sealed = SignedDocument.objects.filter(partnership=partnership).exclude(sealed_pdf="")
    for document in sealed.order_by("pk"):
        with document.sealed_pdf.open("rb") as handle:
            content = handle.read()
        name = f"underskrifter/forseglad-{document.pk}.pdf"
        yield name, content, "application/pdf", "PDF", "Undertecknad och förseglad handling"


def _descriptive_xml(partnership, created):
    """Who and what the package is about: enough for the archive's catalogue."""
    root = ET.Element("partnerskap", xmlns=records.NAMESPACE)
    for tag, value in (
        ("titel", partnership.title),
        ("diarienummer", partnership.registration_number),
        ("status", partnership.current_status.label),
        ("startdatum", partnership.start_date and partnership.start_date.isoformat()),
        ("slutdatum", partnership.end_date and partnership.end_date.isoformat()),
        ("arkiverat", created.isoformat(timespec="seconds")),
    ):
        ET.SubElement(root, tag).text = str(value) if value else ""
    parties = ET.SubElement(root, "parter")
    for party in partnership.participations.select_related("organisation").order_by("pk"):
        element = ET.SubElement(parties, "part")
        element.set("organisationsnummer", party.organisation.org_number or "")
        element.text = party.organisation.name
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _documentation(partnership, objid, data):
    lines = [
        f"Arkivpaket {objid}",
        f"{partnership.title} ({partnership.registration_number or 'dnr saknas'})",
        "",
        "Paketet följer E-ARK CSIP 2.1 och SIP (grunden för FGS 2.0).",
        "Handlingar i PDF/A-3u, poster och ändringshistorik i XML (schemas/iop-arkiv.xsd).",
        "Historiken anger för varje ändring tidpunkt, typ, vem och anledning.",
        "Personuppgifter om de personer organisationerna hjälper finns inte i paketet.",
        "",
        "Innehåll (representations/rep1/data/):",
        *(f"- {item.path.split('/data/', 1)[1]}: {item.label}" for item in data),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def build_package(partnership, *, user=None, created=None):
    """The ZIP's bytes. Renders every PDF of the partnership (seconds for a long-running one);
    `user` is named in PREMIS as the person who made the package."""
    created = created or timezone.localtime().replace(microsecond=0)
    objid = package_name(partnership, created)
    rep = f"representations/{REPRESENTATION}/"

    def file(path, content, mimetype, format_name="", label=""):
        return PackageFile(path, content, mimetype, created, label, format_name)

    data = [
        file(f"{rep}data/{name}", content, mimetype, format_name, label)
        for name, content, mimetype, format_name, label in _data_files(partnership)
    ]
    rep_mets = file(
        f"{rep}METS.xml",
        representation_mets(objid, partnership.title, created, data),
        "text/xml",
        "METS",
    )
    schemas = [
        file(f"schemas/{path.name}", path.read_bytes(), "text/xml", "XML Schema")
        for path in sorted(SCHEMAS.glob("*.xsd"))
    ]
    documentation = [
        file("documentation/innehall.txt", _documentation(partnership, objid, data), "text/plain")
    ]
    descriptive = file(
        "metadata/descriptive/partnerskap.xml",
        _descriptive_xml(partnership, created),
        "text/xml",
        "XML",
    )
    person = (user.get_full_name() or user.get_username()) if user else None
    organisation = submitter(partnership)
    preservation = file(
        "metadata/preservation/premis.xml",
        premis_xml(
            objid,
            created,
            [*data, rep_mets, *schemas, *documentation, descriptive],
            organisation=organisation[0],
            person=person,
        ),
        "text/xml",
        "PREMIS",
    )
    root_mets = package_mets(
        objid,
        partnership.title,
        created,
        descriptive=descriptive,
        preservation=preservation,
        documentation=documentation,
        schemas=schemas,
        rep_mets=rep_mets,
        submitter=organisation,
    )
    buffer = io.BytesIO()
    stamp = created.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        everything = [
            file("METS.xml", root_mets, "text/xml"),
            descriptive,
            preservation,
            rep_mets,
            *data,
            *schemas,
            *documentation,
        ]
        for item in everything:
            info = zipfile.ZipInfo(f"{objid}/{item.path}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, item.data)
    return buffer.getvalue()


def package_filename(partnership, created: datetime | None = None):
    return f"{package_name(partnership, created or timezone.localtime())}.zip"
