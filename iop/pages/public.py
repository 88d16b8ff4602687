"""The public register, without login: every public partnership (the list), one partnership with
its agreement text and its published annual compilations, and the same data as open data (JSON,
CSV, described by an OpenAPI document). What is public is `Partnership.objects.public()` and
`Partnership.public_text`; activity reports are never shown, only the annual compilations sent
to the committee, with small counts suppressed (reporting.compilation.suppressed).

Reads partnerships and reporting, so it lives here (iop/pages/). Anonymous clients are
rate-limited (iop/ratelimit.py)."""

from decimal import Decimal
from html import escape

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from iop.exports import csv_text
from iop.ratelimit import rate_limited
from iop.table_html import cell_labels
from iop.templatetags.iop import kr
from partnerships.models import Goal, Partnership
from partnerships.open_data import csv_rows, public_partnerships, public_record, public_records
from partnerships.open_data_schema import openapi_document
from reporting.charts import charts
from reporting.compilation import compile_year, suppressed, suppression_legend
from reporting.models import AnnualCompilation

# Open data may be read from any site's scripts. Its views change nothing and take no cookie:
# exempt from the CSRF check, so that any other method than GET is answered 405 (require_GET),
# as the OpenAPI document implies, rather than 403.
OPEN = {"Access-Control-Allow-Origin": "*"}


def register_rows_html(records):
    """The register's rows from the open data's records, written here rather than in the
    template (as the staff register's rows are): a row's parties and compensation per year
    through the template language made the page some six times the floor. Escaped."""
    dnr_at, parties_at, period_at, purpose_at, money_at, status_at = cell_labels(
        _("Diarienummer"),
        _("Parter"),
        _("Period"),
        _("Syfte och målgrupp"),
        _("Ersättning"),
        _("Status"),
    )
    secret, missing = escape(_("Omfattas av sekretess")), escape(_("saknas i underlaget"))
    target_label, no_money = escape(_("Målgrupp:")), escape(_("Ingen ersättning registrerad"))
    rows = []
    for record in records:
        parties = "".join(
            f"<li>{escape(party['namn'])}"
            + (
                f' <span class="muted">({escape(party["organisationsnummer"])})</span>'
                if party["organisationsnummer"]
                else ""
            )
            + "</li>"
            for party in record["parter"]
        )
        money = (
            "".join(
                f"<li>{escape(row['part'])} {row['ar']}: {kr(Decimal(str(row['belopp_kr'])))}</li>"
                for row in record["ersattning"]
            )
            or f'<li class="muted">{no_money}</li>'
        )
        purpose = (
            f"<em>{secret}</em>"
            if record["syfte"] is None
            else escape(Truncator(record["syfte"]).words(30, truncate=" …"))
        )
        if record["malgrupp"]:
            target = escape(Truncator(record["malgrupp"]).words(20, truncate=" …"))
            purpose += f'<br><span class="muted">{target_label} {target}</span>'
        rows.append(
            f'<tr><th scope="row"><a href="{escape(record["url"])}">{escape(record["titel"])}</a>'
            f"</th><td{dnr_at}>{escape(record['diarienummer'] or '') or missing}</td>"
            f'<td{parties_at}><ul class="plain">{parties}</ul></td>'
            f'<td class="nowrap"{period_at}>{record["startdatum"]} – {record["slutdatum"]}</td>'
            f"<td{purpose_at}>{purpose}</td>"
            f'<td{money_at}><ul class="plain">{money}</ul></td>'
            f"<td{status_at}>{escape(record['status_text'])}</td></tr>"
        )
    return mark_safe("\n".join(rows))


@require_GET
@rate_limited()
def register(request):
    """25 partnerships a page, so that the page costs the same whatever the register's size
    (the open data hold them all)."""
    page = Paginator(public_partnerships(), 25).get_page(request.GET.get("sida"))
    rows = register_rows_html(public_record(partnership) for partnership in page)
    return render(request, "public/register.html", {"rows": rows, "page": page})


def _public_partnership(pk):
    try:
        return Partnership.objects.public(with_text=True).with_effective_status().get(pk=pk)
    except Partnership.DoesNotExist as exc:
        raise Http404 from exc


def agreement_sections(partnership):
    """[(heading, text or None)]: the agreement's text fields in the agreement's order, None
    where the field is secret (the page says so), empty fields left out."""
    sections = []
    for field in Partnership.PUBLIC_TEXT_FIELDS:
        text = getattr(partnership, field)
        if text:
            heading = Partnership._meta.get_field(field).verbose_name.capitalize()
            sections.append((heading, partnership.public_text(field)))
    return sections


def published_compilation(partnership):
    """The latest annual compilation sent to the committee, with its figures as they may be
    published (small counts suppressed), or None."""
    compilation = (
        AnnualCompilation.objects.filter(
            partnership=partnership, status=AnnualCompilation.State.SENT
        )
        .order_by("-year")
        .first()
    )
    if compilation is None:
        return None
    total, tables = suppressed(compile_year(partnership, compilation.span))
    return {
        "compilation": compilation,
        "total": total,
        "tables": tables,
        "legend": suppression_legend(total, tables),
        "charts": charts(tables),
    }


@require_GET
@rate_limited()
def partnership(request, pk):
    partnership = _public_partnership(pk)
    goals = []
    if partnership.is_text_public("purpose"):
        goals = list(Goal.objects.filter(partnership=partnership).order_by("order", "pk"))
    return render(
        request,
        "public/partnership.html",
        {
            "partnership": partnership,
            "record": public_record(partnership),
            "sections": agreement_sections(partnership),
            "goals": goals,
            # A secret bilaga is only named (the template); the others with their text.
            "annexes": partnership.annexes.all(),
            "published": published_compilation(partnership),
        },
    )


@csrf_exempt
@require_GET
@rate_limited(json=True)
def data_json(request):
    response = JsonResponse({"partnerskap": public_records()}, headers=OPEN)
    return response


@csrf_exempt
@require_GET
@rate_limited(json=True)
def data_record(request, pk):
    try:
        number = int(pk)
        if not 0 < number < 2**63:  # beyond any database's key
            raise Http404
        partnership = _public_partnership(number)
    except (ValueError, Http404):
        return JsonResponse(
            {"fel": _("Det finns inget offentligt partnerskap med det id:t.")},
            status=404,
            headers=OPEN,
        )
    return JsonResponse(public_record(partnership), headers=OPEN)


@csrf_exempt
@require_GET
@rate_limited(json=True)
def data_csv(request):
    response = HttpResponse(
        csv_text(csv_rows(public_records())), content_type="text/csv; charset=utf-8", headers=OPEN
    )
    response["Content-Disposition"] = 'inline; filename="partnerskap.csv"'
    return response


@csrf_exempt
@require_GET
def openapi(request):
    return JsonResponse(openapi_document(), headers=OPEN, json_dumps_params={"indent": 1})
