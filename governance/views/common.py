"""What the governance pages share: the form template, a form with a fixed history reason and the
names of the two roles that approve minutes."""

from django.utils.translation import gettext as _

FORM = "governance/form.html"


def WithReason(form_class, reason):  # noqa: N802 - a form class factory
    """A form whose history reason is fixed (people adding an agenda item are not asked why)."""

    class Form(form_class):
        def clean(self):
            data = super().clean()
            data["reason"] = str(reason)
            return data

    return Form


ROLE_LABELS = {"chair": _("ordförande"), "adjuster": _("justerare")}
