from django.apps import AppConfig


class DocaiConfig(AppConfig):
    name = "ilot.docai"
    label = "docai"
    default_auto_field = "django.db.models.BigAutoField"
