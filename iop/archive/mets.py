"""METS (E-ARK CSIP 2.1 / SIP, the base of Riksarkivet's FGS 2.0) and PREMIS for an
archive package: the root METS.xml, the representation's METS.xml and premis.xml.

Every file is described with its MIME type, size, creation time and SHA-256, as CSIP
requires; the package's structure is the CSIP one (metadata/, representations/rep1/,
schemas/, documentation/)."""

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime

METS_NS = "http://www.loc.gov/METS/"
CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP_NS = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
PREMIS_NS = "http://www.loc.gov/premis/v3"
for _prefix, _uri in (
    ("mets", METS_NS),
    ("csip", CSIP_NS),
    ("sip", SIP_NS),
    ("xlink", XLINK_NS),
    ("xsi", XSI_NS),
    ("premis", PREMIS_NS),
):
    ET.register_namespace(_prefix, _uri)

SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_TYPE = "Mixed"  # CSIP content category: documents (PDF/A) and records (XML)
CONTENT_INFORMATION = "OTHER"
OTHER_CONTENT_INFORMATION = "IOP: överenskommelse, beslut, rapporter och historik"
REPRESENTATION = "rep1"
SOFTWARE = "IOP (idéburet offentligt partnerskap)"
SOFTWARE_VERSION = "1"
SCHEMA_LOCATIONS = (
    f"{METS_NS} schemas/mets.xsd {XLINK_NS} schemas/xlink.xsd {CSIP_NS} "
    "schemas/DILCISExtensionMETS.xsd"
)


def _m(tag):
    return f"{{{METS_NS}}}{tag}"


def _c(attr):
    return f"{{{CSIP_NS}}}{attr}"


def _x(attr):
    return f"{{{XLINK_NS}}}{attr}"


@dataclass
class PackageFile:
    """One file of the package: `path` from the package's root folder, with '/'."""

    path: str
    data: bytes
    mimetype: str
    created: datetime
    label: str = ""
    format_name: str = ""
    sha256: str = field(init=False)

    def __post_init__(self):
        self.sha256 = hashlib.sha256(self.data).hexdigest().upper()

    @property
    def size(self):
        return len(self.data)

    def href(self, relative_to=""):
        return self.path.removeprefix(relative_to)


def _file_attributes(item, ident):
    attributes = {
        "ID": ident,
        "MIMETYPE": item.mimetype,
        "SIZE": str(item.size),
        "CREATED": item.created.isoformat(timespec="seconds"),
        "CHECKSUM": item.sha256,
        "CHECKSUMTYPE": "SHA-256",
    }
    return attributes


def _flocat(parent, href, tag="FLocat"):
    return ET.SubElement(
        parent, _m(tag), {"LOCTYPE": "URL", _x("type"): "simple", _x("href"): href}
    )


def _root(objid, label, created, *, package_type="SIP", submitter=None):
    root = ET.Element(
        _m("mets"),
        {
            "OBJID": objid,
            "LABEL": label,
            "TYPE": CONTENT_TYPE,
            _c("CONTENTINFORMATIONTYPE"): CONTENT_INFORMATION,
            _c("OTHERCONTENTINFORMATIONTYPE"): OTHER_CONTENT_INFORMATION,
            "PROFILE": SIP_PROFILE,
            f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATIONS,
        },
    )
    header = ET.SubElement(
        root,
        _m("metsHdr"),
        {
            "CREATEDATE": created.isoformat(timespec="seconds"),
            "LASTMODDATE": created.isoformat(timespec="seconds"),
            "RECORDSTATUS": "NEW",
            _c("OAISPACKAGETYPE"): package_type,
        },
    )
    agent = ET.SubElement(
        header, _m("agent"), {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"}
    )
    ET.SubElement(agent, _m("name")).text = SOFTWARE
    ET.SubElement(agent, _m("note"), {_c("NOTETYPE"): "SOFTWARE VERSION"}).text = SOFTWARE_VERSION
    if submitter:
        # The archival creator (arkivbildare, FGS: ARCHIVIST), with its organisationsnummer.
        name, code = submitter
        agent = ET.SubElement(header, _m("agent"), {"ROLE": "ARCHIVIST", "TYPE": "ORGANIZATION"})
        ET.SubElement(agent, _m("name")).text = name
        ET.SubElement(agent, _m("note"), {_c("NOTETYPE"): "IDENTIFICATIONCODE"}).text = code
    return root, header


def _md_ref(parent, tag, ident, item, mdtype, *, other=None):
    section = ET.SubElement(
        parent, _m(tag), {"ID": ident, "CREATED": item.created.isoformat(timespec="seconds")}
    )
    section.set("STATUS", "CURRENT")
    attributes = {
        "LOCTYPE": "URL",
        _x("type"): "simple",
        _x("href"): item.path,
        "MDTYPE": mdtype,
        "MIMETYPE": item.mimetype,
        "SIZE": str(item.size),
        "CREATED": item.created.isoformat(timespec="seconds"),
        "CHECKSUM": item.sha256,
        "CHECKSUMTYPE": "SHA-256",
    }
    if other:
        attributes["OTHERMDTYPE"] = other
    ET.SubElement(section, _m("mdRef"), attributes)
    return section


def _bytes(root):
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def representation_mets(objid, label, created, data_files):
    """representations/rep1/METS.xml: the representation's own files (paths from its folder)."""
    root, _header = _root(REPRESENTATION, label, created)
    root.set("OBJID", f"{objid}-{REPRESENTATION}")
    prefix = f"representations/{REPRESENTATION}/"
    file_sec = ET.SubElement(root, _m("fileSec"), {"ID": "fileSec-rep"})
    group = ET.SubElement(
        file_sec,
        _m("fileGrp"),
        {
            "ID": "fileGrp-data",
            "USE": "Data",
            _c("CONTENTINFORMATIONTYPE"): CONTENT_INFORMATION,
            _c("OTHERCONTENTINFORMATIONTYPE"): OTHER_CONTENT_INFORMATION,
        },
    )
    for number, item in enumerate(data_files, start=1):
        file_element = ET.SubElement(group, _m("file"), _file_attributes(item, f"file-{number}"))
        _flocat(file_element, item.href(prefix))
    struct = ET.SubElement(
        root, _m("structMap"), {"ID": "structMap-rep", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(struct, _m("div"), {"ID": "div-rep", "LABEL": REPRESENTATION})
    data = ET.SubElement(top, _m("div"), {"ID": "div-rep-data", "LABEL": "Data"})
    ET.SubElement(data, _m("fptr"), {"FILEID": "fileGrp-data"})
    return _bytes(root)


def package_mets(
    objid, label, created, *, descriptive, preservation, documentation, schemas, rep_mets, submitter
):
    """The root METS.xml: descriptive and preservation metadata by reference, the
    documentation and schema file groups, and the representation by its METS file."""
    root, _header = _root(objid, label, created, submitter=submitter)
    dmd = _md_ref(root, "dmdSec", "dmd-1", descriptive, "OTHER", other="IOP")
    amd = ET.SubElement(root, _m("amdSec"), {"ID": "amdSec-1"})
    _md_ref(amd, "digiprovMD", "digiprov-premis", preservation, "PREMIS")
    file_sec = ET.SubElement(root, _m("fileSec"), {"ID": "fileSec-1"})
    groups = (
        ("fileGrp-documentation", "Documentation", documentation),
        ("fileGrp-schemas", "Schemas", schemas),
        (f"fileGrp-{REPRESENTATION}", f"Representations/{REPRESENTATION}", [rep_mets]),
    )
    number = 0
    for ident, use, items in groups:
        # On every group, not only the representation's: the validator's CSIP63 refuses a
        # group without the attribute (its test cannot hold for one).
        attributes = {
            "ID": ident,
            "USE": use,
            _c("CONTENTINFORMATIONTYPE"): CONTENT_INFORMATION,
            _c("OTHERCONTENTINFORMATIONTYPE"): OTHER_CONTENT_INFORMATION,
        }
        group = ET.SubElement(file_sec, _m("fileGrp"), attributes)
        for item in items:
            number += 1
            file_element = ET.SubElement(group, _m("file"), _file_attributes(item, f"f-{number}"))
            _flocat(file_element, item.path)
    struct = ET.SubElement(
        root, _m("structMap"), {"ID": "structMap-1", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(struct, _m("div"), {"ID": "div-package", "LABEL": objid})
    ET.SubElement(
        top,
        _m("div"),
        {
            "ID": "div-metadata",
            "LABEL": "Metadata",
            "DMDID": dmd.get("ID"),
            "ADMID": "digiprov-premis",
        },
    )
    for ident, use, _items in groups[:2]:
        div = ET.SubElement(top, _m("div"), {"ID": f"div-{use.lower()}", "LABEL": use})
        ET.SubElement(div, _m("fptr"), {"FILEID": ident})
    representations = ET.SubElement(
        top, _m("div"), {"ID": "div-representations", "LABEL": "Representations"}
    )
    ET.SubElement(representations, _m("fptr"), {"FILEID": f"fileGrp-{REPRESENTATION}"})
    rep = ET.SubElement(
        representations,
        _m("div"),
        {"ID": f"div-{REPRESENTATION}", "LABEL": f"Representations/{REPRESENTATION}"},
    )
    mptr = _flocat(rep, rep_mets.path, tag="mptr")
    mptr.set(_x("title"), f"fileGrp-{REPRESENTATION}")
    return _bytes(root)


def _p(tag):
    return f"{{{PREMIS_NS}}}{tag}"


def _identifier(parent, kind, value, type_value="local"):
    identifier = ET.SubElement(parent, _p(f"{kind}Identifier"))
    ET.SubElement(identifier, _p(f"{kind}IdentifierType")).text = type_value
    ET.SubElement(identifier, _p(f"{kind}IdentifierValue")).text = value


def premis_xml(objid, created, files, *, organisation, person):
    """PREMIS 3: each file as an object with its fixity, size and format; the package's
    creation as an event, with the software, the organisation and the person who made it."""
    root = ET.Element(
        _p("premis"),
        {
            "version": "3.0",
            f"{{{XSI_NS}}}schemaLocation": (
                f"{PREMIS_NS} http://www.loc.gov/standards/premis/v3/premis.xsd"
            ),
        },
    )
    for item in files:
        obj = ET.SubElement(root, _p("object"), {f"{{{XSI_NS}}}type": "premis:file"})
        _identifier(obj, "object", item.path, "filepath")
        characteristics = ET.SubElement(obj, _p("objectCharacteristics"))
        fixity = ET.SubElement(characteristics, _p("fixity"))
        ET.SubElement(fixity, _p("messageDigestAlgorithm")).text = "SHA-256"
        ET.SubElement(fixity, _p("messageDigest")).text = item.sha256
        ET.SubElement(characteristics, _p("size")).text = str(item.size)
        file_format = ET.SubElement(characteristics, _p("format"))
        designation = ET.SubElement(file_format, _p("formatDesignation"))
        ET.SubElement(designation, _p("formatName")).text = item.format_name or item.mimetype
        ET.SubElement(obj, _p("originalName")).text = item.path.rsplit("/", 1)[-1]
    event = ET.SubElement(root, _p("event"))
    _identifier(event, "event", f"{objid}-skapat")
    ET.SubElement(event, _p("eventType")).text = "creation"
    ET.SubElement(event, _p("eventDateTime")).text = created.isoformat(timespec="seconds")
    detail = ET.SubElement(event, _p("eventDetailInformation"))
    ET.SubElement(detail, _p("eventDetail")).text = "Arkivpaket skapat ur IOP"
    agents = [("software", SOFTWARE), ("organization", organisation)]
    if person:
        agents.append(("person", person))
    for kind, name in agents:
        link = ET.SubElement(event, _p("linkingAgentIdentifier"))
        ET.SubElement(link, _p("linkingAgentIdentifierType")).text = "local"
        ET.SubElement(link, _p("linkingAgentIdentifierValue")).text = f"{kind}:{name}"
    for item in files:
        link = ET.SubElement(event, _p("linkingObjectIdentifier"))
        ET.SubElement(link, _p("linkingObjectIdentifierType")).text = "filepath"
        ET.SubElement(link, _p("linkingObjectIdentifierValue")).text = item.path
    for kind, name in agents:
        agent = ET.SubElement(root, _p("agent"))
        _identifier(agent, "agent", f"{kind}:{name}")
        ET.SubElement(agent, _p("agentName")).text = name
        ET.SubElement(agent, _p("agentType")).text = kind
    return _bytes(root)
