"""Small pieces every app's views share."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator


def add_service_errors(form, exc: ValidationError):
    """Show a service's ValidationError next to the fields it names (or at the top of the form),
    so the form is re-rendered with what the user typed."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def paginate(request, queryset, per_page=25):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("sida"))
