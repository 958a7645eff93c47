"""Writes of the workflows app: checklists, conditions precedent, tasks, facts and deadlines,
lifecycle transitions, templates, preferences and calendar tokens.

Every function is ``<entity>_<verb>(*, actor, ...)``, atomic, and audited in the same
transaction; e-mails go out with ``transaction.on_commit``. The pure engines (``templates``,
``planning``, ``deadlines``, ``lifecycle``) decide; these functions load, call them, and store.
One module per entity (``checklists``, ``checklist_templates``, ``facts``, ``tasks``,
``transitions``, ``preferences``, ``reminder_sweep``), private helpers in ``_shared``; this
package re-exports the public names (and the few private ones used by ``demo`` and the tests).
"""

from ilot.workflows.services._shared import MAX_TEXT as MAX_TEXT
from ilot.workflows.services._shared import REJECTION_TASK_DAYS as REJECTION_TASK_DAYS
from ilot.workflows.services._shared import planning_next_business_day as planning_next_business_day
from ilot.workflows.services._shared import today as today
from ilot.workflows.services.checklist_templates import (
    checklist_template_revise as checklist_template_revise,
)
from ilot.workflows.services.checklist_templates import parsed_version as parsed_version
from ilot.workflows.services.checklist_templates import (
    template_default_version as template_default_version,
)
from ilot.workflows.services.checklists import (
    checklist_document_received as checklist_document_received,
)
from ilot.workflows.services.checklists import checklist_ensure as checklist_ensure
from ilot.workflows.services.checklists import checklist_instantiate as checklist_instantiate
from ilot.workflows.services.checklists import (
    checklist_item_link_document as checklist_item_link_document,
)
from ilot.workflows.services.checklists import checklist_item_reject as checklist_item_reject
from ilot.workflows.services.checklists import checklist_item_validate as checklist_item_validate
from ilot.workflows.services.checklists import checklist_item_waive as checklist_item_waive
from ilot.workflows.services.checklists import (
    system_checklist_instantiate as system_checklist_instantiate,
)
from ilot.workflows.services.facts import KNOWN_FACTS as KNOWN_FACTS
from ilot.workflows.services.facts import _recompute as _recompute
from ilot.workflows.services.facts import dossier_fact_set as dossier_fact_set
from ilot.workflows.services.preferences import calendar_token_create as calendar_token_create
from ilot.workflows.services.preferences import calendar_token_revoke as calendar_token_revoke
from ilot.workflows.services.preferences import calendar_token_user as calendar_token_user
from ilot.workflows.services.preferences import notifications_mark_read as notifications_mark_read
from ilot.workflows.services.preferences import preferences_update as preferences_update
from ilot.workflows.services.reminder_sweep import DIGEST_LINES as DIGEST_LINES
from ilot.workflows.services.reminder_sweep import ReminderRun as ReminderRun
from ilot.workflows.services.reminder_sweep import _claim_and_send as _claim_and_send
from ilot.workflows.services.reminder_sweep import _reminder_items as _reminder_items
from ilot.workflows.services.reminder_sweep import reminders_run as reminders_run
from ilot.workflows.services.tasks import task_comment_add as task_comment_add
from ilot.workflows.services.tasks import task_create as task_create
from ilot.workflows.services.tasks import task_set_status as task_set_status
from ilot.workflows.services.transitions import blocking_codes as blocking_codes
from ilot.workflows.services.transitions import dossier_transition as dossier_transition
