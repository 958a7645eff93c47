"""Writes on the data room. Each one atomic and audited, bytes always streamed.

Uploads end in `FileResult`s, one per file (a zip gives one per entry): `stored`, `duplicate`
(the same SHA-256 already in the dossier; nothing is stored twice) or `rejected` with the
engine error's code and bilingual message. A refused file never stops its siblings.

Order of work for a file: judge the content (type by libmagic, PDF/image inspection), check
the limits, stream it into the content-addressed blob store, then record the document and
its first version with its audit event in one savepoint. A tus upload is already in the blob
store when it is judged (finalisation hashes it on the way), so a refusal removes the blob
again when nothing else references it.
"""

from ilot.documents.services.documents import (
    document_add_version,
    document_record_access,
    documents_delete,
    documents_move,
    documents_purge_expired,
    documents_restore,
    documents_set_visibility,
)
from ilot.documents.services.folders import (
    DEFAULT_FOLDER_CODE,
    folder_create,
    folder_move,
    folder_rename,
    folders_ensure,
)
from ilot.documents.services.ingest import (
    DossierQuotaExceeded,
    FileResult,
    Verdict,
    ZipNotAllowedHere,
    document_upload,
    dossier_party_organisations,
    dossier_usage,
    judge,
)
from ilot.documents.services.uploads import (
    upload_append,
    upload_create,
    upload_state,
    upload_terminate,
    uploads_cleanup_expired,
)

__all__ = [
    "DEFAULT_FOLDER_CODE",
    "DossierQuotaExceeded",
    "FileResult",
    "Verdict",
    "ZipNotAllowedHere",
    "document_add_version",
    "document_record_access",
    "document_upload",
    "documents_delete",
    "documents_move",
    "documents_purge_expired",
    "documents_restore",
    "documents_set_visibility",
    "dossier_party_organisations",
    "dossier_usage",
    "folder_create",
    "folder_move",
    "folder_rename",
    "folders_ensure",
    "judge",
    "upload_append",
    "upload_create",
    "upload_state",
    "upload_terminate",
    "uploads_cleanup_expired",
]
