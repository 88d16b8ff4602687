"""An agreement brought in from its document: the uploaded file (kept as the agreement's
original), the text read from it and what the product proposed, until the handläggare has
reviewed it and created the partnership."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from iop import uploads
from partnerships.models.partnerships import Partnership


class AgreementImport(models.Model):
    file = models.FileField(_("dokument"), upload_to=uploads.upload_to("avtalsimport"))
    filename = models.CharField(_("filnamn"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uppladdat av"),
    )
    uploaded_at = models.DateTimeField(_("uppladdat"), auto_now_add=True)
    text = models.TextField(_("text ur dokumentet"))
    # partnerships.importing.propose's result: plain JSON, dates as ISO text.
    proposals = models.JSONField(_("förslag"), default=dict)
    # Set in the step that creates it; the file is then that agreement's original.
    partnership = models.OneToOneField(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement_import",
        verbose_name=_("partnerskap"),
    )

    class Meta:
        verbose_name = _("avtalsimport")
        verbose_name_plural = _("avtalsimporter")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.filename

    @property
    def reason(self):
        """The history reason of everything created from the document."""
        return _("importerad från %(filename)s") % {"filename": self.filename}


class ImportAttachment(models.Model):
    """A file that came with the agreement: a bilaga (named by its number in the agreement) or
    the committee's tjänsteutlåtande. Kept with the import, and once that has made its
    partnership, downloaded by whoever may see the agreement's original."""

    class Kind(models.TextChoices):
        ANNEX = "annex", _("Bilaga")
        COMMITTEE_REPORT = "committee_report", _("Tjänsteutlåtande")

    agreement_import = models.ForeignKey(
        AgreementImport,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("avtalsimport"),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    annex_number = models.PositiveSmallIntegerField(_("bilagans nummer"), null=True, blank=True)
    file = models.FileField(_("fil"), upload_to=uploads.upload_to("avtalsimport"))
    filename = models.CharField(_("filnamn"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uppladdat av"),
    )
    uploaded_at = models.DateTimeField(_("uppladdat"), auto_now_add=True)

    class Meta:
        verbose_name = _("fil till avtalsimport")
        verbose_name_plural = _("filer till avtalsimport")
        ordering = ["kind", "annex_number", "pk"]

    def __str__(self):
        if self.kind == self.Kind.ANNEX and self.annex_number:
            return _("Bilaga %(n)s: %(name)s") % {"n": self.annex_number, "name": self.filename}
        return f"{self.get_kind_display()}: {self.filename}"
