"""Tillgänglighetsredogörelse: the accessibility statement DIGG requires of a public body's
site (lagen om tillgänglighet till digital offentlig service, DOS-lagen), at a fixed URL linked
from every page's footer. How the site was assessed is read from the last test run's axe and
reflow results (iop/a11y_results.py)."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from iop import a11y_results


@require_GET
def accessibility_statement(request):
    results = a11y_results.summary()
    return render(
        request,
        "public/accessibility.html",
        {
            "axe": results.get("axe"),
            "reflow": results.get("reflow"),
            "feedback_email": settings.IOP_A11Y_FEEDBACK_EMAIL,
        },
    )
