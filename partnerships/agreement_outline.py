"""The agreement's sections in the agreement's own order and numbering, for the PDF.

The agreement text is its sections (`Clause`, in `order`, with the agreement's own `number`).
Some of what the agreement says is kept as data elsewhere: the background, purpose and goals,
the period and its conditions, the groups' rules, the signatures. A section that `holds` one of
them prints it in its place. Whatever no section holds is printed before the sections, in the
order the agreements use (Bakgrund … Styrgrupp, Samverkansgrupp, Period, Sekretess), and the
signatures after them, so nothing the agreement says is left out of the printout.

Groups are read through the partnership's reverse relation (`partnership.groups`, prefetched by
the caller): the partnerships app does not import governance.
"""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models import Clause, Partnership

Holds = Clause.Holds

# The partnership's own text fields a section can hold.
TEXT_FIELDS = {
    Holds.BACKGROUND: "background",
    Holds.PURPOSE: "purpose",
    Holds.TARGET_GROUP: "target_group",
    Holds.BASIS: "basis",
    Holds.VALUES: "values",
    Holds.INFORMATION: "information_dissemination",
    Holds.GENDER: "gender_perspective",
    Holds.CONFIDENTIALITY: "confidentiality",
}

# Group.Kind values (governance) whose rules a section holds.
GROUP_KINDS = {Holds.STEERING_GROUP: "steering", Holds.COOPERATION_GROUP: "cooperation"}

# Where what no section holds is printed: the order of the seed agreements.
DEFAULT_ORDER = [
    Holds.BACKGROUND,
    Holds.PURPOSE,
    Holds.TARGET_GROUP,
    Holds.BASIS,
    Holds.VALUES,
    Holds.INFORMATION,
    Holds.GENDER,
    Holds.STEERING_GROUP,
    Holds.COOPERATION_GROUP,
    Holds.PERIOD,
    Holds.CONFIDENTIALITY,
]


def _default_heading(holds):
    return {
        Holds.BACKGROUND: _("Bakgrund"),
        Holds.PURPOSE: _("Syfte och mål"),
        Holds.TARGET_GROUP: _("Målgrupp"),
        Holds.BASIS: _("Grund"),
        Holds.VALUES: _("Värdegrund"),
        Holds.INFORMATION: _("Informationsspridning"),
        Holds.GENDER: _("Jämställdhetsperspektiv"),
        Holds.STEERING_GROUP: _("Styrgrupp"),
        Holds.COOPERATION_GROUP: _("Samverkansgrupp"),
        Holds.PERIOD: _("Period för partnerskapet"),
        Holds.CONFIDENTIALITY: _("Sekretess, tystnadsplikt och orosanmälan"),
        Holds.SIGNATURES: _("Underskrifter"),
    }[holds]


@dataclass
class Section:
    heading: str
    number: str = ""
    holds: str = ""
    text: str = ""  # the partnership's own text field, when the section holds one
    body: str = ""  # the section's own text, printed after what it holds
    goals: list = field(default_factory=list)
    conditions: list = field(default_factory=list)  # the period's sentences
    groups: list = field(default_factory=list)  # GroupRules


@dataclass
class GroupRules:
    name: str
    rules: list  # (label, sentence)


def period_conditions(partnership):
    """The period, its extension and its conditions as sentences, from the data."""
    sentences = [
        _("Partnerskapet gäller från den %(start)s till och med den %(end)s.")
        % {
            "start": formats.date_format(partnership.start_date, "DATE_FORMAT"),
            "end": formats.date_format(partnership.end_date, "DATE_FORMAT"),
        },
        partnership.extension_sentence(),
    ]
    # extension_sentence carries the funds condition only for a partnership that can be extended.
    if partnership.funds_condition and partnership.extension_kind == Partnership.ExtensionKind.NONE:
        sentences.append(_("Detta förutsatt att medel för partnerskapet finns."))
    if partnership.party_notice_months is not None:  # an agreement may have no such rule
        sentences.append(
            ngettext(
                "Part har rätt att säga upp sitt åtagande med %(n)d månads uppsägningstid.",
                "Part har rätt att säga upp sitt åtagande med %(n)d månaders uppsägningstid.",
                partnership.party_notice_months,
            )
            % {"n": partnership.party_notice_months}
        )
    sentences.append(
        ngettext(
            "Styrgruppen kan säga upp en part eller partnerskapet med %(n)d månads uppsägningstid.",
            "Styrgruppen kan säga upp en part eller partnerskapet med %(n)d månaders "
            "uppsägningstid.",
            partnership.termination_notice_months,
        )
        % {"n": partnership.termination_notice_months}
    )
    return sentences


def group_rules(group):
    rules = [
        (_("Sammansättning"), group.composition_sentence()),
        (_("Möten"), group.cadence_sentence()),
        (_("Ordförande"), group.chair_sentence()),
        (_("Beslut"), group.decision_sentence()),
    ]
    if notice := group.notice_sentence():  # the steering group's notice period
        rules.append((_("Uppsägning"), notice))
    if group.reports_to_id:
        rules.append((_("Lyfter frågor till"), group.reports_to.name))
    return GroupRules(name=group.name, rules=rules)


def _fill(section, partnership, groups_by_kind):
    holds = section.holds
    if holds in TEXT_FIELDS:
        section.text = getattr(partnership, TEXT_FIELDS[holds])
    if holds == Holds.PURPOSE:
        section.goals = [goal.text for goal in partnership.goals.all()]
    elif holds == Holds.PERIOD:
        section.conditions = period_conditions(partnership)
    elif holds in GROUP_KINDS:
        section.groups = [group_rules(g) for g in groups_by_kind.get(GROUP_KINDS[holds], [])]
    return section


def _has_content(section):
    return bool(section.text or section.goals or section.conditions or section.groups)


def agreement_sections(partnership):
    """The sections to print, in order. Expects `clauses`, `goals` and `groups` (with
    `reports_to`) prefetched. Numbers are the agreement's own; when no section has one, the
    sections are numbered 1, 2, 3 … in the order printed."""
    clauses = list(partnership.clauses.all())
    groups_by_kind = {}
    for group in partnership.groups.all():
        groups_by_kind.setdefault(group.kind, []).append(group)
    held = {clause.holds for clause in clauses if clause.holds}

    sections = []
    for holds in DEFAULT_ORDER:
        if holds in held:
            continue
        if holds in GROUP_KINDS and len(groups_by_kind.get(GROUP_KINDS[holds], [])) == 1:
            heading = groups_by_kind[GROUP_KINDS[holds]][0].name
        else:
            heading = _default_heading(holds)
        section = _fill(Section(heading=heading, holds=holds), partnership, groups_by_kind)
        if _has_content(section):
            sections.append(section)
    # Other groups (neither steering nor cooperation) have no place in the agreement's
    # outline; their rules follow the ones that do.
    for group in groups_by_kind.get("other", []):
        sections.append(Section(heading=group.name, groups=[group_rules(group)]))
    for clause in clauses:
        section = Section(
            heading=clause.heading, number=clause.number, holds=clause.holds, body=clause.body
        )
        sections.append(_fill(section, partnership, groups_by_kind))
    if Holds.SIGNATURES not in held:
        sections.append(Section(heading=_default_heading(Holds.SIGNATURES), holds=Holds.SIGNATURES))
    if not any(section.number for section in sections):
        for position, section in enumerate(sections, start=1):
            section.number = str(position)
    return sections
