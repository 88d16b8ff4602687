"""Admin pieces shared by every app: a required change reason that goes into the history."""

from django import forms
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from iop.history import delete_with_history, normalise_text


class ReasonAdminForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Anledning till ändringen"),
        max_length=500,
        help_text=_("Sparas i historiken tillsammans med ändringen."),
        error_messages={"required": _("Skriv en kort anledning till ändringen.")},
    )


class NullableJSONFormField(forms.JSONField):
    """A JSON box that shows NULL as empty rather than as the text "null". An empty box is read
    as None (forms.JSONField already does that), so saving it keeps the value NULL."""

    def prepare_value(self, value):
        if value is None:
            return ""
        return super().prepare_value(value)


def deletion_refusal(obj) -> str:
    """Why `obj` may not be deleted, from its model's own rule (`deletion_refusal()`, e.g.
    `Compensation`), or "" when it may or its model has no such rule."""
    rule = getattr(obj, "deletion_refusal", None)
    return rule() if rule is not None and obj.pk is not None else ""


class RefusedDeletionInlineFormSet(BaseInlineFormSet):
    """An inline whose rows may refuse deletion: ticking "Radera" on such a row is an error
    that names the rule, not a delete."""

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            refusal = deletion_refusal(form.instance)
            if refusal:
                raise ValidationError(f"{form.instance}: {refusal}")


class HistoryAdmin(SimpleHistoryAdmin):
    """Admin for historical models: every save and delete asks for a reason."""

    form = ReasonAdminForm
    formfield_overrides = {models.JSONField: {"form_class": NullableJSONFormField}}

    def history_view_title(self, request, obj):
        # django-simple-history has no Swedish catalogue ("View history: ...").
        return _("Historik: %(object)s") % {"object": obj}

    def get_readonly_fields(self, request, obj=None):
        """A model that declares a lifecycle (partnerships.transitions) changes its status, and
        the moments its steps stamp, only through its steps: here they are shown, not edited."""
        fields = list(super().get_readonly_fields(request, obj))
        lifecycle = getattr(self.model, "lifecycle", None)
        if lifecycle is not None:
            for name in [lifecycle.field, *(t.stamp for t in lifecycle.transitions)]:
                if name and name not in fields:
                    fields.append(name)
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = [name for _title, options in fieldsets for name in options["fields"]]
        if "change_reason" not in names:
            fieldsets = list(fieldsets) + [(_("Historik"), {"fields": ["change_reason"]})]
        return fieldsets

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f != "change_reason"]
        return fields

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason", "")
        obj._history_user = request.user
        normalise_text(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("change_reason", "")
        instances = formset.save(commit=False)
        for instance in instances:
            instance._change_reason = reason
            instance._history_user = request.user
            normalise_text(instance)
            instance.save()
        for obj in formset.deleted_objects:
            delete_with_history(obj, actor=request.user, reason=reason)
        formset.save_m2m()

    def has_delete_permission(self, request, obj=None):
        """No delete button, and no delete page, for a row its model says may not go."""
        if obj is not None and deletion_refusal(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """Ta bort markerade, and the deletes that cascade (a bilaga takes its compensation
        rows), refuse like a single delete. Django already refuses through
        `has_delete_permission(request, obj)` above, but calls it a missing permission; here
        each row that may not go is listed as protected, with its model's reason."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        for model, instances in collector.data.items():
            if not hasattr(model, "deletion_refusal"):
                continue
            refused = [(obj, deletion_refusal(obj)) for obj in instances]
            refused = [(obj, refusal) for obj, refusal in refused if refusal]
            if not refused:
                continue
            name = model._meta.verbose_name
            protected.extend(f"{name.capitalize()} {obj}: {why}" for obj, why in refused)
            model_admin = self.admin_site._registry.get(model)
            if model_admin is None or model_admin.has_delete_permission(request):
                perms_needed.discard(name)
        return deleted, model_count, perms_needed, protected

    def delete_model(self, request, obj):
        # Through delete_with_history, so that rows deleted along with it get the reason too.
        delete_with_history(obj, actor=request.user, reason=_("Borttagen i administrationen"))

    def delete_queryset(self, request, queryset):
        # Django's "Ta bort markerade" deletes the whole queryset in one go, which writes the
        # history rows with no reason; deleting one object at a time through delete_model gives
        # each row the same who and why as the single delete. All or none.
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)
