from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from ilot.config.api import api

urlpatterns = [
    # App routes first: some live under api/ but are raw HTTP (the tus upload endpoint).
    path("", include("ilot.documents.urls")),
    path("", include("ilot.workflows.urls")),
    path("", include("ilot.docai.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("i18n/catalog.js", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("ilot.web.urls")),
]
