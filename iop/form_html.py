"""Every field of a form with its label, help text and errors, written in Python: the markup
templates/partials/form_fields.html used to write through its loop and Django's label templates
(a render of django/forms/label.html and attrs.html for each field, the larger part of a small
form's cost: the annual compilation's assessment form took a fifth of the page's time).

Django ties the help text and the errors to the input (aria-describedby, and aria-invalid when
refused) through the ids used here. A group of checkboxes or radio buttons is a fieldset named
by its legend; Django leaves its description to the fieldset. The widgets themselves still
render as Django renders them (`str(field)`); only the frame around them is written here.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# The label template Django's label_tag renders; a form that names another one (or a project
# that overrides this one under templates/django/forms/) gets Django's own label_tag.
_DEFAULT_LABEL = "django/forms/label.html"
# Django's own message (the punctuation after which a label gets no suffix), translated by
# Django's catalogue; named here so that makemessages does not copy it into the project's.
_PUNCTUATION = ":?.!"


def label_tag(field):
    """`field.label_tag()`: the label with the form's suffix, for the widget's id, as
    django/forms/label.html writes it."""
    form = field.form
    if form.template_name_label != _DEFAULT_LABEL:
        return field.label_tag()
    label = field.label
    contents = conditional_escape(label)
    suffix = field.field.label_suffix
    if suffix is None:
        suffix = form.label_suffix
    if suffix and label and label[-1] not in _(_PUNCTUATION):
        contents = f"{contents}{conditional_escape(suffix)}"
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    if not id_:
        return mark_safe(contents)
    # The attributes in django/forms/attrs.html's order (flatatt would sort them).
    attrs = ""
    id_for_label = widget.id_for_label(id_)
    if id_for_label:
        attrs = f' for="{conditional_escape(id_for_label)}"'
    if field.field.required and hasattr(form, "required_css_class"):
        attrs += f' class="{conditional_escape(form.required_css_class)}"'
    return mark_safe(f"<label{attrs}>{contents}</label>")


def _errors(errors):
    return "".join(f"<p>{conditional_escape(error)}</p>" for error in errors)


def _field(field):
    errors = field.errors
    error_class = " field-error" if errors else ""
    if field.use_fieldset:
        described = field.aria_describedby
        described = f' aria-describedby="{conditional_escape(described)}"' if described else ""
        parts = [
            f'<fieldset class="field field-group{error_class}"{described}>\n'
            f"  <legend>{conditional_escape(field.label)}</legend>\n  {field}\n"
        ]
    elif getattr(field.field.widget, "input_type", None) == "checkbox":
        parts = [f'<div class="field{error_class} field-checkbox">\n  {field} {label_tag(field)}\n']
    else:
        parts = [f'<div class="field{error_class}">\n  {label_tag(field)}\n  {field}\n']
    if field.help_text:
        parts.append(
            f'  <p class="help" id="{conditional_escape(field.auto_id)}_helptext">'
            f"{conditional_escape(field.help_text)}</p>\n"
        )
    if errors:
        parts.append(
            f'  <div class="errors" id="{conditional_escape(field.auto_id)}_error">'
            f"{_errors(errors)}</div>\n"
        )
    parts.append("</fieldset>\n" if field.use_fieldset else "</div>\n")
    return "".join(parts)


def form_fields(form):
    """The form's errors not tied to a field (in full where the form begins; the error summary,
    partials/error_summary.html, is what is announced), its hidden fields, then each visible
    field in its frame."""
    parts = []
    non_field = form.non_field_errors()
    if non_field:
        parts.append(
            f'<div class="form-errors" id="form-errors">\n  {_errors(non_field)}\n</div>\n'
        )
    parts.extend(str(field) for field in form.hidden_fields())
    parts.append("\n")
    parts.extend(_field(field) for field in form.visible_fields())
    return mark_safe("".join(parts))


def some_fields(form, names, errors=False):
    """The visible fields of `form` named in `names`, in that order, each in its frame; with
    the form's errors not tied to a field and its hidden fields first when `errors` (a long
    form shown in several sections: the first one carries them)."""
    parts = []
    if errors:
        non_field = form.non_field_errors()
        if non_field:
            parts.append(
                f'<div class="form-errors" id="form-errors">\n  {_errors(non_field)}\n</div>\n'
            )
        parts.extend(str(field) for field in form.hidden_fields())
    parts.extend(_field(form[name]) for name in names if name in form.fields)
    return mark_safe("".join(parts))


def _target(field):
    """The id a summary link leads to: the input, or a group's first box (the fieldset has no
    id of its own; GOV.UK's pattern links to the first option)."""
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    if not id_:
        return ""
    if field.use_fieldset:
        return widget.id_for_label(id_, "0") or id_
    return widget.id_for_label(id_) or id_


def error_links(form, extra=()):
    """(target id, text) for each error of `form` (None: no form; a list: each form's) in the
    order of its fields,
    errors not tied to a visible field first ("Label: message" for a field), then the lines of
    `extra` (a refusal the view adds). Errors with no field of their own lead to the form's
    first field: where the person starts putting it right."""
    if isinstance(form, list | tuple):
        # A page of several forms (the import's review): each form's errors in turn.
        *forms, last = form or [None]
        return [link for each in forms for link in error_links(each)] + error_links(last, extra)
    if form is None or not hasattr(form, "errors"):
        fields, errors = [], {}
    else:
        fields, errors = form.visible_fields(), form.errors
    first = next((_target(field) for field in fields if _target(field)), "")
    shown = {field.name for field in fields}
    general = [str(e) for e in errors.get(NON_FIELD_ERRORS, ())]
    general.extend(
        str(e)
        for name, errs in errors.items()
        if name != NON_FIELD_ERRORS and name not in shown
        for e in errs
    )
    if isinstance(extra, str):
        extra = [extra]
    general.extend(str(line) for line in extra or () if line)
    links = [(first, message) for message in general]
    for field in fields:
        # "Label: message", as label_tag writes the label: no colon after a question.
        label = str(field.label or "").rstrip(":")
        if label and label[-1] not in _(_PUNCTUATION):
            label += ":"
        for message in field.errors:
            links.append((_target(field), f"{label} {message}" if label else str(message)))
    return links
