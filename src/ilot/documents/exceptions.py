"""Errors of the data room engines (blobs, uploads, types, inspection, archives, previews).

Every error is a `DocumentError`, itself an `ilot.core.exceptions.IlotError`, so views map
them to the one JSON error shape. Each class carries a stable `code`, the HTTP `status`
it maps to, an English and a French message template, and `params` to fill them. The
French text lives here rather than in a `.po` catalogue because these engines must work
(and be tested) before Django settings exist; `message_in(lang)` picks the language.

The tus protocol errors carry the extra response `headers` the tus 1.0 spec requires
(e.g. `Tus-Version` on 412).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from ilot.core.exceptions import IlotError


class DocumentError(IlotError):
    """Base of every data room error: `code`, `status`, bilingual message, `params`."""

    status = 400
    code = "document_error"
    message_en: ClassVar[str] = "The document could not be processed."
    message_fr: ClassVar[str] = "Le document n'a pas pu être traité."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.params: dict[str, Any] = dict(params or {})
        self.headers: dict[str, str] = dict(headers or {})
        text = message if message is not None else _fill(self.message_en, self.params)
        # A custom English message has no French twin: French falls back to the template.
        super().__init__(text, code=code)

    def message_in(self, lang: str) -> str:
        """The message in `lang` ("fr" or anything else for English)."""
        if lang.lower().startswith("fr"):
            return _fill(self.message_fr, self.params)
        return self.message

    def as_dict(self) -> dict[str, object]:
        body = super().as_dict()
        error = body["error"]
        assert isinstance(error, dict)
        error["message_fr"] = self.message_in("fr")
        if self.params:
            error["params"] = {k: _jsonable(v) for k, v in self.params.items()}
        return body


def _fill(template: str, params: Mapping[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        # A missing parameter must never turn an error report into a crash.
        return template


def _jsonable(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


# --- storage ------------------------------------------------------------------------------


class StorageError(DocumentError):
    status = 500
    code = "storage_error"
    message_en = "The file could not be stored."
    message_fr = "Le fichier n'a pas pu être enregistré."


class StorageFull(StorageError):
    status = 507
    code = "storage_full"
    message_en = "The storage is full; the file was not stored. Earlier documents are intact."
    message_fr = (
        "L'espace de stockage est plein ; le fichier n'a pas été enregistré. "
        "Les documents déjà déposés sont intacts."
    )


class BlobNotFound(DocumentError):
    status = 404
    code = "blob_not_found"
    message_en = "The file content was not found."
    message_fr = "Le contenu du fichier est introuvable."


class BlobTooLarge(DocumentError):
    status = 413
    code = "too_large"
    message_en = "The file exceeds the maximum size of {max_size} bytes."
    message_fr = "Le fichier dépasse la taille maximale de {max_size} octets."


class IntegrityMismatch(DocumentError):
    status = 422
    code = "integrity_mismatch"
    message_en = "The file content does not match its expected SHA-256."
    message_fr = "Le contenu du fichier ne correspond pas à son empreinte SHA-256 attendue."


# --- content checks -----------------------------------------------------------------------


class EmptyFile(DocumentError):
    status = 422
    code = "empty_file"
    message_en = "The file is empty (0 bytes)."
    message_fr = "Le fichier est vide (0 octet)."


class UnsupportedType(DocumentError):
    status = 415
    code = "unsupported_type"
    message_en = (
        "This file type ({mime}) is not accepted. Accepted: PDF, PNG, JPEG, TIFF, DOCX, "
        "XLSX, ODT, TXT, ZIP, EML."
    )
    message_fr = (
        "Ce type de fichier ({mime}) n'est pas accepté. Types acceptés : PDF, PNG, JPEG, "
        "TIFF, DOCX, XLSX, ODT, TXT, ZIP, EML."
    )


class MalformedDocument(DocumentError):
    status = 422
    code = "malformed"
    message_en = "The file is damaged or malformed: {reason}."
    message_fr = "Le fichier est endommagé ou mal formé : {reason}."


class TruncatedDocument(MalformedDocument):
    code = "truncated"
    message_en = "The file is truncated (incomplete); please upload it again."
    message_fr = "Le fichier est tronqué (incomplet) ; veuillez le déposer à nouveau."


class DecompressionBomb(DocumentError):
    status = 422
    code = "decompression_bomb"
    message_en = "The image is too large to process ({pixels} pixels, limit {limit})."
    message_fr = "L'image est trop grande pour être traitée ({pixels} pixels, limite {limit})."


class PreviewUnavailable(DocumentError):
    status = 409
    code = "preview_unavailable"
    message_en = "No preview is available for this document: {reason}."
    message_fr = "Aucun aperçu n'est disponible pour ce document : {reason}."


class WatermarkError(DocumentError):
    status = 409
    code = "watermark_unavailable"
    message_en = "This document cannot be watermarked: {reason}."
    message_fr = "Ce document ne peut pas être filigrané : {reason}."


# --- archives -----------------------------------------------------------------------------


class ArchiveError(DocumentError):
    status = 422
    code = "archive_rejected"
    message_en = "The archive was rejected: {reason}."
    message_fr = "L'archive a été refusée : {reason}."


class ZipBomb(ArchiveError):
    code = "zip_bomb"
    message_en = "The archive expands beyond the allowed limits ({reason}); nothing was stored."
    message_fr = (
        "L'archive dépasse les limites autorisées une fois décompressée ({reason}) ; "
        "rien n'a été enregistré."
    )


class UnsafeEntry(ArchiveError):
    code = "unsafe_entry"
    message_en = "Archive entry {name!r} was refused: {reason}."
    message_fr = "L'élément {name!r} de l'archive a été refusé : {reason}."


# --- tus protocol -------------------------------------------------------------------------


class TusError(DocumentError):
    """An error of the tus upload protocol; `status` is the one tus 1.0 requires."""

    status = 400
    code = "tus_bad_request"
    message_en = "Invalid upload request: {reason}."
    message_fr = "Requête de dépôt invalide : {reason}."


class TusForbidden(TusError):
    status = 403
    code = "tus_forbidden"
    message_en = "This upload request is not allowed: {reason}."
    message_fr = "Cette requête de dépôt n'est pas autorisée : {reason}."


class UploadNotFound(TusError):
    status = 404
    code = "upload_not_found"
    message_en = "This upload does not exist."
    message_fr = "Ce dépôt n'existe pas."


class OffsetMismatch(TusError):
    status = 409
    code = "offset_mismatch"
    message_en = "Upload-Offset {given} does not match the current offset {expected}."
    message_fr = "Upload-Offset {given} ne correspond pas à la position actuelle {expected}."


class UploadIncomplete(TusError):
    status = 409
    code = "upload_incomplete"
    message_en = "The upload is not complete ({offset} of {length} bytes received)."
    message_fr = "Le dépôt n'est pas terminé ({offset} octets reçus sur {length})."


class UploadLocked(TusError):
    # tusd answers 423 Locked for a concurrent request on the same upload; clients retry.
    status = 423
    code = "upload_locked"
    message_en = "Another request is already writing to this upload; retry later."
    message_fr = "Une autre requête écrit déjà dans ce dépôt ; réessayez plus tard."


class UploadGone(TusError):
    status = 410
    code = "upload_gone"
    message_en = "This upload has expired and its data was discarded."
    message_fr = "Ce dépôt a expiré et ses données ont été supprimées."


class UnsupportedTusVersion(TusError):
    status = 412
    code = "tus_version_unsupported"
    message_en = "Unsupported tus version {version!r}; this server speaks 1.0.0."
    message_fr = "Version tus {version!r} non prise en charge ; ce serveur utilise 1.0.0."


class UploadTooLarge(TusError):
    status = 413
    code = "upload_too_large"
    message_en = "The upload exceeds the maximum size of {max_size} bytes."
    message_fr = "Le dépôt dépasse la taille maximale de {max_size} octets."


class UnsupportedMediaType(TusError):
    status = 415
    code = "tus_content_type"
    message_en = "PATCH requests must use Content-Type application/offset+octet-stream."
    message_fr = "Les requêtes PATCH doivent utiliser Content-Type application/offset+octet-stream."


class ChecksumMismatch(TusError):
    # 460 is the status the tus checksum extension defines.
    status = 460
    code = "checksum_mismatch"
    message_en = "The chunk's {algorithm} checksum does not match; the chunk was discarded."
    message_fr = "La somme de contrôle {algorithm} du fragment ne correspond pas ; il a été rejeté."


class ChecksumAlgorithmUnsupported(TusError):
    status = 400
    code = "checksum_algorithm_unsupported"
    message_en = "Unsupported checksum algorithm {algorithm!r}."
    message_fr = "Algorithme de somme de contrôle {algorithm!r} non pris en charge."
