"""Data room configuration, read from the environment through `ilot.config.env`.

Django settings of the same name (e.g. in tests) win over the environment, so that
`settings.ILOT_MAX_UPLOAD_BYTES = ...` works as usual.

| variable                     | default            | meaning                                      |
| ---------------------------- | ------------------ | -------------------------------------------- |
| ILOT_MAX_UPLOAD_BYTES        | 10 GiB             | largest single file                          |
| ILOT_MAX_DOSSIER_BYTES       | 500 GiB            | total of a dossier's distinct contents       |
| ILOT_UPLOAD_DIR              | <data dir>/uploads | tus staging (local disk, shared by workers)  |
| ILOT_UPLOAD_TTL_HOURS        | 24                 | an idle tus upload expires after this        |
| ILOT_TRASH_RETENTION_DAYS    | 30                 | trashed documents are purged after this      |
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.conf import settings

from ilot.config.env import env_int, env_str
from ilot.documents.archives import ZipLimits
from ilot.documents.blobs import DjangoBlobStore
from ilot.documents.chunks import ChunkStaging
from ilot.documents.previews import PreviewCache

GIB = 1024**3


def _setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    return int(value) if value is not None else env_int(name, default)


def max_upload_bytes() -> int:
    return _setting("ILOT_MAX_UPLOAD_BYTES", 10 * GIB)


def max_dossier_bytes() -> int:
    return _setting("ILOT_MAX_DOSSIER_BYTES", 500 * GIB)


def upload_ttl() -> timedelta:
    return timedelta(hours=_setting("ILOT_UPLOAD_TTL_HOURS", 24))


def trash_retention() -> timedelta:
    return timedelta(days=_setting("ILOT_TRASH_RETENTION_DAYS", 30))


def upload_dir() -> Path:
    value = getattr(settings, "ILOT_UPLOAD_DIR", None) or env_str("ILOT_UPLOAD_DIR")
    if value:
        return Path(value)
    return Path(settings.DATA_DIR) / "uploads"


def zip_limits() -> ZipLimits:
    return ZipLimits(max_entry_size=max_upload_bytes())


def blob_store() -> DjangoBlobStore:
    # Looked up per call: tests and deployments swap STORAGES, which resets the handler.
    return DjangoBlobStore()


def preview_cache() -> PreviewCache:
    return PreviewCache()


def staging() -> ChunkStaging:
    return ChunkStaging(upload_dir(), ttl=upload_ttl(), max_size=max_upload_bytes())
