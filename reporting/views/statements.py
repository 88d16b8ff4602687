"""Financial statements per bilaga and agreement year, with their attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from iop.uploads import serve_file
from iop.views_helpers import add_service_errors, form_data
from partnerships.permissions import administration_required, get_annex_for_user, is_administration
from reporting.forms import AttachmentForm, ReturnForm, StatementForm
from reporting.models import FinancialStatement
from reporting.permissions import (
    can_write_statement,
    get_attachment_for_user,
    get_statement_for_user,
    visible_statements,
)
from reporting.services import statements as statement_services


@login_required
def annex_statements(request, annex_pk):
    annex = get_annex_for_user(request, annex_pk)
    statements = {
        s.year_start: s
        for s in visible_statements(request.user, FinancialStatement.objects.filter(annex=annex))
    }
    years = [
        {"start": start, "end": end, "statement": statements.get(start)}
        for start, end in statement_services.agreement_years(annex)
    ]
    return render(
        request,
        "reporting/annex_statements.html",
        {
            "annex": annex,
            "years": years,
            "can_start": not is_administration(request.user),
        },
    )


@login_required
@require_POST
def statement_start(request, annex_pk):
    annex = get_annex_for_user(request, annex_pk)
    if is_administration(request.user):
        raise Http404
    spans = dict(statement_services.agreement_years(annex))
    start = request.POST.get("year_start", "")
    match = next((s for s in spans if s.isoformat() == start), None)
    if match is None:
        raise Http404
    statement = statement_services.statement_start(
        annex=annex, year_start=match, year_end=spans[match], actor=request.user
    )
    return redirect("reporting:statement_edit", statement.pk)


def _lines_with_actuals(statement):
    lines = list(statement.annex.budget_lines.all())
    for line in lines:
        line.actual = statement.actuals.get(str(line.pk))
    return lines


@login_required
def statement_detail(request, pk):
    statement = get_statement_for_user(request, pk)
    return render(
        request,
        "reporting/statement_detail.html",
        {
            "statement": statement,
            "lines": _lines_with_actuals(statement),
            "attachments": statement.attachments.all(),
            "can_write": can_write_statement(request.user, statement),
            "can_review": is_administration(request.user) and "accept" in statement.allowed_actions,
            "return_form": ReturnForm(),
            "upload_form": AttachmentForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_edit(request, pk):
    statement = get_statement_for_user(request, pk)
    if not can_write_statement(request.user, statement):
        return redirect(statement)
    lines = list(statement.annex.budget_lines.all())
    initial = {f"line_{key}": value for key, value in statement.actuals.items()}
    initial.update(
        own_money=statement.own_money,
        volunteer_hours=statement.volunteer_hours,
        comment=statement.comment,
    )
    form = StatementForm(form_data(request), lines=lines, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            # Saving and submitting happen in one transaction: a refused submit saves nothing.
            save = (
                statement_services.statement_save_and_submit
                if "submit" in request.POST
                else statement_services.statement_save
            )
            save(
                statement,
                actuals=form.actuals(),
                own_money=form.cleaned_data["own_money"],
                volunteer_hours=form.cleaned_data["volunteer_hours"],
                comment=form.cleaned_data["comment"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Redovisningen är inskickad.") if "submit" in request.POST else _("Sparat."),
            )
            return redirect(statement)
    return render(request, "reporting/statement_form.html", {"statement": statement, "form": form})


@administration_required
@require_POST
def statement_review(request, pk):
    statement = get_statement_for_user(request, pk)
    form = ReturnForm(request.POST)
    form.is_valid()
    try:
        if request.POST.get("decision") == "accept":
            statement_services.statement_accept(statement, actor=request.user)
        else:
            statement_services.statement_return(
                statement, comment=form.cleaned_data["comment"], actor=request.user
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(statement)


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request, pk):
    """A refused upload re-renders the statement's page at this URL: reloading it (a GET)
    leads back to the statement, never to a 405."""
    statement = get_statement_for_user(request, pk)
    if request.method == "GET":
        return redirect(statement)
    if not can_write_statement(request.user, statement):
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            statement_services.attachment_add(
                statement=statement, upload=form.cleaned_data["file"], actor=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Filen är bifogad."))
            return redirect(statement)
    return render(
        request,
        "reporting/statement_detail.html",
        {
            "statement": statement,
            "lines": _lines_with_actuals(statement),
            "attachments": statement.attachments.all(),
            "can_write": True,
            "upload_form": form,
        },
        status=400,
    )


@login_required
def attachment_download(request, pk):
    attachment = get_attachment_for_user(request, pk)
    return serve_file(attachment.file, filename=attachment.original_name)
