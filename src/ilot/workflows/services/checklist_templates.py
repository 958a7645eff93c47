"""Checklist templates: the default version, parsing, and revisions."""

from __future__ import annotations

from importlib import resources

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core.exceptions import NotFound, PermissionDenied
from ilot.tenancy.models import User
from ilot.workflows import access, templates
from ilot.workflows.exceptions import TemplateInvalid, TemplateProblem
from ilot.workflows.models import (
    ChecklistTemplate,
    ChecklistTemplateVersion,
)


def template_default_version() -> ChecklistTemplateVersion:
    """The latest version of the default template, seeded from the shipped YAML on first use.

    Templates are bank data (no dossier): no wall applies, any actor may read them.
    """
    template = ChecklistTemplate.objects.filter(is_default=True).first()
    if template is not None:
        version = template.latest_version()
        if version is not None:
            return version
    parsed = templates.load_default_template()
    with transaction.atomic():
        template, _created = ChecklistTemplate.objects.get_or_create(
            code=parsed.code,
            defaults={"name_fr": parsed.name_fr, "name_en": parsed.name_en, "is_default": True},
        )
        version = template.latest_version()
        if version is None:
            text = (
                resources.files("ilot.workflows")
                .joinpath("data/default_template.yaml")
                .read_text("utf-8")
            )
            version = ChecklistTemplateVersion.objects.create(
                template=template,
                version=parsed.version,
                content=templates.template_to_data(parsed),
                content_hash=parsed.content_hash,
                source_text=text,
            )
    return version


def parsed_version(version: ChecklistTemplateVersion) -> templates.Template:
    return templates.parse_template(version.content)


@transaction.atomic
def checklist_template_revise(
    *, actor: User, template_id: int, text: str
) -> tuple[ChecklistTemplateVersion, bool]:
    """Save an edited template (YAML or JSON text). Returns (version, created).

    Invalid text raises ``TemplateInvalid`` listing every problem; nothing is written. An edit
    never touches a dossier: it creates a new version, and live dossiers keep theirs.
    """
    if not access.can_edit_templates(actor):
        raise PermissionDenied(_("Seuls les administrateurs de la banque modifient les modèles."))
    template = ChecklistTemplate.objects.select_for_update().filter(pk=template_id).first()
    if template is None:
        raise NotFound()
    current_version = template.latest_version()
    if current_version is None:
        raise NotFound()
    current = parsed_version(current_version)
    try:
        data = yaml.safe_load(text or "")
    except yaml.YAMLError as exc:
        raise TemplateInvalid(
            [TemplateProblem("$", "bad_yaml", f"not valid YAML: {exc}")]
        ) from None
    if not isinstance(data, dict):
        raise TemplateInvalid([TemplateProblem("$", "bad_field", "a template must be a mapping")])
    revised = templates.revise(current, data)
    if revised is current:
        return current_version, False
    version = ChecklistTemplateVersion.objects.create(
        template=template,
        version=revised.version,
        content=templates.template_to_data(revised),
        content_hash=revised.content_hash,
        source_text=text,
        created_by=actor,
    )
    template.name_fr, template.name_en = revised.name_fr, revised.name_en
    template.save(update_fields=["name_fr", "name_en", "updated_at"])
    audit_record(
        action="workflows.template_revised",
        actor=actor,
        obj=version,
        data={"template": template.code, "version": version.version, "hash": version.content_hash},
    )
    return version, True
