from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import TemplateView

from iop.urls import urlpatterns as project_patterns

# The floor: an authenticated page that renders only the base template.
urlpatterns = [
    path("bench/floor/", login_required(TemplateView.as_view(template_name="base.html"))),
    *project_patterns,
]
