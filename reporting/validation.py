"""Turn what a representative typed into a report's figures and answers, with every problem
as a Swedish message keyed by the form field it belongs to.

The raw form is flat: `total`, `gender_<key>`, `age_<n>`, `custom_<n>`, `country` (one
"Land: antal" per line) and one field per question key. The same function serves the form (to
show the messages next to the fields) and the submit service (so no view can skip it).
"""

from django.utils.translation import gettext as _

from reporting.models import GENDERS

MAX_COUNT = 1_000_000


def parse_count(value, errors, field, *, required=True):
    text = str(value if value is not None else "").strip().replace(" ", "").replace("\xa0", "")
    if not text:
        if required:
            errors[field] = _("Fyll i ett antal (0 om inga).")
        return None
    if text.lstrip("-").isdigit():
        number = int(text)
        if number < 0:
            errors[field] = _("Antalet kan inte vara negativt.")
            return None
        if number > MAX_COUNT:
            errors[field] = _("Antalet är orimligt stort.")
            return None
        return number
    errors[field] = _("Ange ett heltal, till exempel 12.")
    return None


def parse_countries(text, errors):
    rows = []
    for number, line in enumerate(str(text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, sep, count = line.rpartition(":")
        if not sep or not name.strip():
            errors["country"] = _("Rad %(n)s: skriv ”Land: antal”, till exempel ”Syrien: 4”.") % {
                "n": number
            }
            return []
        line_errors = {}
        value = parse_count(count, line_errors, "country")
        if line_errors:
            errors["country"] = _("Rad %(n)s: %(message)s") % {
                "n": number,
                "message": line_errors["country"],
            }
            return []
        rows.append([name.strip()[:100], value])
    return rows


def age_field(index):
    return f"age_{index}"


def custom_field(index):
    return f"custom_{index}"


def parse_report(template, raw):
    """(figures, answers, errors) for `raw` (a dict of field name -> typed text)."""
    errors = {}
    total = parse_count(raw.get("total"), errors, "total")
    figures = {"total": total}

    def breakdown(fields, labels, label_for_error):
        values = {}
        for field, label in zip(fields, labels, strict=True):
            values[label] = parse_count(raw.get(field), errors, field)
        if total is not None and all(v is not None for v in values.values()):
            given = sum(values.values())
            if given != total:
                errors[fields[-1]] = _(
                    "Summan %(what)s (%(sum)s) ska vara lika med totalt antal (%(total)s)."
                ) % {"what": label_for_error, "sum": given, "total": total}
        return values

    if template.require_gender:
        keys = [key for key, _label in GENDERS]
        figures["gender"] = breakdown([f"gender_{k}" for k in keys], keys, _("per kön"))
    if template.age_bands:
        fields = [age_field(i) for i in range(len(template.age_bands))]
        figures["age"] = breakdown(fields, list(template.age_bands), _("per åldersgrupp"))
    if template.ask_country:
        countries = parse_countries(raw.get("country"), errors)
        given = sum(count for _name, count in countries)
        if total is not None and "country" not in errors and given > total:
            errors["country"] = _(
                "Summan per ursprungsland (%(sum)s) kan inte vara större än totalt antal "
                "(%(total)s)."
            ) % {"sum": given, "total": total}
        figures["country"] = countries
    custom = {}
    for index, label in enumerate(template.custom_counts):
        custom[label] = parse_count(raw.get(custom_field(index)), errors, custom_field(index))
    if custom:
        figures["custom"] = custom

    answers = {}
    for key, _label, required in template.question_items():
        text = str(raw.get(key) or "").strip()
        if required and not text:
            errors[key] = _("Svara på frågan.")
        answers[key] = text
    return figures, answers, errors


def raw_from_report(report):
    """The flat form values for a report: its saved draft, else its last figures."""
    if report.draft:
        return dict(report.draft)
    figures, raw = report.figures or {}, {}
    if not figures:
        return dict(report.answers or {})
    raw["total"] = figures.get("total")
    for key, value in (figures.get("gender") or {}).items():
        raw[f"gender_{key}"] = value
    for index, band in enumerate(report.template.age_bands):
        raw[age_field(index)] = (figures.get("age") or {}).get(band)
    for index, label in enumerate(report.template.custom_counts):
        raw[custom_field(index)] = (figures.get("custom") or {}).get(label)
    raw["country"] = "\n".join(f"{name}: {count}" for name, count in figures.get("country", []))
    raw.update(report.answers or {})
    return raw
