"""The public register as data: one record per public partnership, the same for the register's
pages, the JSON and the CSV (/oppna-data/), described by `open_data_schema.openapi_document`.

What is public is not decided here: the rows come from `Partnership.objects.public()` and each
text from `Partnership.public_text`; this module only writes them down.
"""

from django.urls import reverse

from partnerships.models import Partnership


def _amount(value):
    # A number in the JSON (kronor and öre), so that a reader can sum it.
    return float(value)


def public_partnerships(on=None):
    """The public partnerships, newest first, with what their records need."""
    return (
        Partnership.objects.public()
        .with_effective_status(on)
        .order_by("-start_date", "title", "pk")
    )


def public_records(on=None):
    """Every public partnership as a record (dict), newest first. Six queries whatever the
    number of partnerships."""
    return [public_record(partnership) for partnership in public_partnerships(on)]


def public_record(partnership):
    """The partnership as the public may read it (from `Partnership.objects.public()`)."""
    status = Partnership.Status(partnership.status_on())
    parties = [
        {
            "namn": party.organisation.name,
            "organisationsnummer": party.organisation.org_number or None,
            "intradde": party.joined_on.isoformat(),
            "utradde": party.left_on.isoformat() if party.left_on else None,
        }
        for party in sorted(
            partnership.participations.all(),
            key=lambda p: (p.organisation.kind != "public", p.organisation.name),
        )
    ]
    compensation = [
        {
            "part": annex.participation.organisation.name,
            "organisationsnummer": annex.participation.organisation.org_number or None,
            "bilaga": annex.number,
            "ar": row.period_start.year,
            "fran": row.period_start.isoformat(),
            "till": row.period_end.isoformat(),
            "belopp_kr": _amount(row.amount),
        }
        for annex in partnership.annexes.all()
        for row in annex.compensations.all()
    ]
    return {
        "id": partnership.pk,
        "titel": partnership.title,
        "diarienummer": partnership.registration_number or None,
        "status": status.value,
        "status_text": str(status.label),
        "startdatum": partnership.start_date.isoformat(),
        "slutdatum": partnership.end_date.isoformat(),
        "syfte": partnership.public_text("purpose"),
        "malgrupp": partnership.public_text("target_group"),
        "delvis_sekretess": partnership.secrecy == Partnership.Secrecy.PARTIAL,
        "sekretessgrund": partnership.secrecy_ground or None,
        "parter": parties,
        "ersattning": compensation,
        "url": reverse("public:partnership", args=[partnership.pk]),
    }


CSV_HEADER = [
    "id",
    "titel",
    "diarienummer",
    "status",
    "startdatum",
    "slutdatum",
    "syfte",
    "malgrupp",
    "part",
    "organisationsnummer",
    "ar",
    "ersattning_kr",
]


def csv_rows(records):
    """One row per partnership, party and year of compensation (a party with no compensation:
    one row with the year and amount empty); text that could start a formula is neutralised by
    `iop.exports.csv_text`."""
    yield CSV_HEADER
    for record in records:
        head = [
            record["id"],
            record["titel"],
            record["diarienummer"] or "",
            record["status_text"],
            record["startdatum"],
            record["slutdatum"],
            record["syfte"] if record["syfte"] is not None else "",
            record["malgrupp"] if record["malgrupp"] is not None else "",
        ]
        for party in record["parter"]:
            rows = [r for r in record["ersattning"] if r["part"] == party["namn"]]
            org = party["organisationsnummer"] or ""
            if not rows:
                yield [*head, party["namn"], org, "", ""]
            for row in rows:
                yield [*head, party["namn"], org, row["ar"], row["belopp_kr"]]
