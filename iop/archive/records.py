"""The partnership's records as XML for the e-archive: the rows (decisions, reports,
signatures, amendments) and every historical row of them (who, when, why, what).

One plain layout for all of it, described by schemas/iop-arkiv.xsd:

    <poster modell="governance.decision">
      <post id="12"><falt namn="text" etikett="Beslut">…</falt>…</post>
    </poster>

What the archive must not get is left out here, by field and by model: no account data
beyond a name (never a password hash or a personnummer), no uploaded attachments of
financial statements, and the reports carry only their aggregated figures anyway.
"""

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from governance import history as governance_history
from governance.models import (
    AgendaItem,
    Attendance,
    ChairDraw,
    ChairTerm,
    Decision,
    Escalation,
    Minutes,
    RemediationPlan,
    Vote,
)
from partnerships.history import sources as partnership_history
from partnerships.history.sources import historical_model
from partnerships.models import (
    Amendment,
    CommitteeDecision,
    DecisionPoint,
    Delegation,
    Signature,
)
from reporting import history as reporting_history
from reporting.models import (
    ActivityReport,
    AnnualCompilation,
    FeedbackEntry,
    FinancialStatement,
    HalfYearReport,
)

NAMESPACE = "urn:iop:arkiv:1"
SCHEMA_FILE = "iop-arkiv.xsd"
# Never in the archive, whatever model carries them.
EXCLUDED_FIELDS = {"password", "personal_number", "personnummer", "identity_hash", "draft"}


@dataclass(frozen=True)
class Table:
    """Rows of `model` that belong to the partnership `pk`: `lookup(pk)` is a Q."""

    model: type
    lookup: object


def _by_partnership(pk):
    return Q(partnership_id=pk)


def _by_period(pk):
    return Q(period__partnership_id=pk)


def _by_group(pk):
    return Q(group__partnership_id=pk)


def _by_meeting(pk):
    return Q(meeting__group__partnership_id=pk)


def _by_item(pk):
    return Q(item__group__partnership_id=pk)


# What the archive gets as records, file by file (the PDFs are made in package.py).
DECISIONS = (
    Table(Decision, _by_item),
    Table(Vote, lambda pk: Q(decision__item__group__partnership_id=pk)),
    Table(AgendaItem, _by_group),
    Table(Attendance, _by_meeting),
    Table(Minutes, _by_meeting),
    Table(Escalation, lambda pk: Q(from_group__partnership_id=pk)),
    Table(RemediationPlan, _by_group),
    Table(ChairDraw, _by_group),
    Table(ChairTerm, _by_group),
    Table(CommitteeDecision, _by_partnership),
    Table(DecisionPoint, lambda pk: Q(decision__partnership_id=pk)),
    Table(Delegation, lambda pk: Q(decision__partnership_id=pk)),
)
REPORTS = (
    Table(ActivityReport, _by_period),
    Table(FeedbackEntry, _by_period),
    Table(FinancialStatement, lambda pk: Q(annex__partnership_id=pk)),
    Table(HalfYearReport, _by_period),
    Table(AnnualCompilation, _by_partnership),
)
AMENDMENTS = (Table(Amendment, _by_partnership),)
SIGNATURES = (Table(Signature, _by_partnership),)

# The change history: every source of the partnership's history page, and the records above
# that the page leaves out (reports, votes, minutes: their rows are part of the record too).
_TIMELINE_SOURCES = (
    *partnership_history.SOURCES,
    *partnership_history.ANNEX_SOURCES,
    *partnership_history.LIFECYCLE_SOURCES,
    *partnership_history.MONEY_SOURCES,
    *governance_history.SOURCES,
    *reporting_history.SOURCES,
)
HISTORY = (
    *(Table(source.model, source.lookup) for source in _TIMELINE_SOURCES),
    *(
        table
        for table in (*DECISIONS, *REPORTS)
        if table.model not in {source.model for source in _TIMELINE_SOURCES}
    ),
)


def model_name(model):
    return model._meta.label_lower


def _text(value):
    if value is None:
        return None
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in EXCLUDED_FIELDS and not field.name.startswith("history_")
    ]


def _add_fields(element, row, fields):
    for field in fields:
        value = getattr(row, field.attname)
        child = ET.SubElement(
            element, "falt", namn=field.name, etikett=str(field.verbose_name).capitalize()
        )
        shown = _text(value)
        if shown is None:
            child.set("tomt", "true")
        else:
            child.text = shown


def _document(root_name):
    root = ET.Element(root_name, xmlns=NAMESPACE)
    root.set("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root.set("xsi:schemaLocation", f"{NAMESPACE} ../../../schemas/{SCHEMA_FILE}")
    return root


def _bytes(root):
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def rows_xml(root_name, tables, partnership_pk):
    """The current rows of `tables` for the partnership, as one XML document."""
    root = _document(root_name)
    for table in tables:
        fields = _fields(table.model)
        group = ET.SubElement(root, "poster", modell=model_name(table.model))
        group.set("namn", str(table.model._meta.verbose_name_plural).capitalize())
        for row in table.model.objects.filter(table.lookup(partnership_pk)).order_by("pk"):
            _add_fields(ET.SubElement(group, "post", id=str(row.pk)), row, fields)
    return _bytes(root)


def _person(user):
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


HISTORY_TYPES = {"+": "skapad", "~": "ändrad", "-": "borttagen"}


def history_xml(partnership_pk):
    """Every historical row of the partnership's records: when, what kind of change, by
    whom (a name, never more of the account), why, and the row's values after the change."""
    root = _document("historik")
    for table in HISTORY:
        history = historical_model(table.model)
        fields = _fields(table.model)
        group = ET.SubElement(root, "poster", modell=model_name(table.model))
        group.set("namn", str(table.model._meta.verbose_name_plural).capitalize())
        rows = (
            history.objects.filter(table.lookup(partnership_pk))
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        for row in rows:
            element = ET.SubElement(group, "andring", historik_id=str(row.history_id))
            element.set("id", str(row.id))
            element.set("tidpunkt", row.history_date.isoformat())
            element.set("typ", HISTORY_TYPES.get(row.history_type, row.history_type))
            who = _person(row.history_user)
            if who:
                element.set("av", who)
            if row.history_change_reason:
                ET.SubElement(element, "anledning").text = row.history_change_reason
            _add_fields(element, row, fields)
    return _bytes(root)
