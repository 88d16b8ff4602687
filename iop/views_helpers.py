"""Small pieces every app's views share."""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render


def add_service_errors(form, exc: ValidationError):
    """Show a service's ValidationError next to the fields it names (or at the top of the form),
    so the form is re-rendered with what the user typed."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        # Whole errors (not just their text), so a form can react to an error's code.
        for error in exc.error_list:
            form.add_error(None, error)


def paginate(request, queryset, per_page=25, count=None):
    """Page "sida" of `queryset`; `count`, when the caller has already counted the rows, saves
    the paginator's query."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not asked of the database
    return paginator.get_page(request.GET.get("sida"))


class UncountedPage:
    """A page with links to the pages before and after it but no total (what
    partials/pagination.html reads of a Django Page)."""

    def __init__(self, object_list, number, has_next):
        self.paginator = SimpleNamespace(num_pages=None)
        self.object_list = object_list
        self.number = number
        self._has_next = has_next

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous() or self.has_next()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


MAX_PAGE = 10_000_000


def paginate_without_count(request, queryset, per_page=25):
    """Page "sida" of `queryset`, found by fetching one row more than the page holds.

    For lists over a large table, where counting every row (to print "page 3 of 1,200") costs
    more than the page itself."""
    try:
        number = max(1, int(request.GET.get("sida", 1)))
    except (TypeError, ValueError):
        number = 1
    # Far past any list's end: a page number whose offset PostgreSQL cannot hold (a bigint) would
    # be a server error, so it is the first page instead, as an unreadable number is.
    if number > MAX_PAGE:
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return UncountedPage(rows[:per_page], number, has_next=len(rows) > per_page)


def form_data(request):
    """POST data for a bound form, or None for a fresh one on GET."""
    return request.POST if request.method == "POST" else None


def form_page(
    request, form, *, service, template, context, success, message, cancel=None, warning=None
):
    """Validate `form`; on success pass its data and reason to `service`, then redirect.

    `service` is called as `service(actor=request.user, reason=..., **cleaned_data)` (the form
    must have a `reason` field, see `partnerships.forms.ReasonFormMixin`). `success` is the URL
    to go to, or a function `success(result)` giving it when it depends on what was saved.
    `cancel` is where the page's "Avbryt" leads (the template's `cancel_url`); it defaults to
    `success` when that is a URL, so that cancelling and saving return to the same place.
    `message`, too, may be a function of what was saved (to say what came of it).
    `warning(obj)`, when given, may return a text shown after it as a warning: something that
    was saved but that the user should check. A
    refused form or a service's ValidationError re-renders the page with everything the user
    typed and the messages next to their fields.
    """
    if cancel is None and not callable(success):
        cancel = success
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            obj = service(actor=request.user, reason=reason, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message(obj) if callable(message) else message)
            if warning and (text := warning(obj)):
                messages.warning(request, text)
            return redirect(success(obj) if callable(success) else success)
    return render(request, template, {**context, "form": form, "cancel_url": cancel})
