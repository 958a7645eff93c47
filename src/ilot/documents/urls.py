from django.urls import URLPattern

# Web and raw-HTTP routes of this app (declared in routes.py for the wall sweep).
urlpatterns: list[URLPattern] = []
