"""Pure helpers for the tus 1.0.0 resumable upload protocol (https://tus.io/protocols/resumable-upload).

Supported: core, creation, termination and checksum extensions. Everything here is a pure
function of request headers (any case-insensitive or plain mapping) returning values or
response headers, and raising a `TusError` whose `status` is the one the spec requires, so
the Django view only wires requests to `ilot.documents.chunks.ChunkStaging`:

    OPTIONS  -> options_headers(max_size)
    POST     -> check_tus_resumable; parse_creation -> staging.create -> created_headers
    HEAD     -> check_tus_resumable; staging.get -> head_headers
    PATCH    -> check_tus_resumable; parse_patch -> staging.append -> patch_headers
    DELETE   -> check_tus_resumable; staging.delete -> termination_headers

Every response (errors included) carries `Tus-Resumable: 1.0.0`; `error_headers(exc)` gives
the headers of an error response.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from ilot.documents.exceptions import (
    ChecksumAlgorithmUnsupported,
    TusError,
    UnsupportedMediaType,
    UnsupportedTusVersion,
    UploadTooLarge,
)

TUS_VERSION = "1.0.0"
SUPPORTED_VERSIONS: tuple[str, ...] = (TUS_VERSION,)
EXTENSIONS: tuple[str, ...] = ("creation", "termination", "checksum")
CHECKSUM_ALGORITHMS: tuple[str, ...] = ("sha1", "md5", "sha256")
PATCH_CONTENT_TYPE = "application/offset+octet-stream"
DEFAULT_VISIBILITIES: tuple[str, ...] = ("all", "bank", "parties")

_KEY_RE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_INT_RE = re.compile(r"^[0-9]{1,19}$")
_MAX_METADATA_LENGTH = 16 * 1024


@dataclass(frozen=True)
class Checksum:
    """A parsed `Upload-Checksum`: algorithm name and raw digest bytes."""

    algorithm: str
    digest: bytes


@dataclass(frozen=True)
class CreationRequest:
    """A validated creation (POST): total length and decoded metadata."""

    length: int
    metadata: dict[str, str | None]


@dataclass(frozen=True)
class PatchRequest:
    """A validated PATCH: the client's offset, optional checksum and body length."""

    offset: int
    checksum: Checksum | None
    content_length: int | None


@dataclass(frozen=True)
class DataRoomMetadata:
    """The `Upload-Metadata` keys of an Ilot upload."""

    dossier: str
    filename: str
    folder: str | None = None
    visibility: str | None = None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        lowered = name.lower()
        for key, val in headers.items():
            if key.lower() == lowered:
                return val
        return None
    return value


def _bad(reason: str) -> TusError:
    return TusError(params={"reason": reason})


# --- request validation -------------------------------------------------------------------


def effective_method(method: str, headers: Mapping[str, str]) -> str:
    """The method to dispatch on: tus lets clients tunnel PATCH/DELETE through POST."""
    override = _header(headers, "X-HTTP-Method-Override")
    if method.upper() == "POST" and override:
        return override.strip().upper()
    return method.upper()


def check_tus_resumable(headers: Mapping[str, str]) -> str:
    """`Tus-Resumable` must be present and 1.0.0 on every request but OPTIONS (else 412)."""
    version = (_header(headers, "Tus-Resumable") or "").strip()
    if version not in SUPPORTED_VERSIONS:
        raise UnsupportedTusVersion(
            params={"version": version}, headers={"Tus-Version": ",".join(SUPPORTED_VERSIONS)}
        )
    return version


def parse_non_negative_int(value: str | None, header: str) -> int:
    """A header holding a non-negative integer (no sign, no spaces inside), else 400."""
    if value is None:
        raise _bad(f"missing {header} header")
    text = value.strip()
    if not _INT_RE.match(text):
        raise _bad(f"{header} must be a non-negative integer")
    return int(text)


def parse_upload_length(value: str | None, *, max_size: int | None = None) -> int:
    """`Upload-Length` (400 if invalid, 413 above `max_size`)."""
    length = parse_non_negative_int(value, "Upload-Length")
    if max_size is not None and length > max_size:
        raise UploadTooLarge(params={"max_size": max_size})
    return length


def parse_upload_offset(value: str | None) -> int:
    """`Upload-Offset` of a PATCH (400 if missing or invalid)."""
    return parse_non_negative_int(value, "Upload-Offset")


def check_patch_content_type(value: str | None) -> None:
    """PATCH bodies must be `application/offset+octet-stream` (else 415)."""
    media = (value or "").split(";", 1)[0].strip().lower()
    if media != PATCH_CONTENT_TYPE:
        raise UnsupportedMediaType()


def parse_upload_metadata(value: str | None) -> dict[str, str | None]:
    """Decode `Upload-Metadata`: comma-separated `key base64(value)` pairs, value optional.

    Keys are ASCII tokens without spaces or commas and must be unique; values are base64
    of UTF-8 text (filenames are often not ASCII). Anything else is a 400.
    """
    if value is None or not value.strip():
        return {}
    if len(value) > _MAX_METADATA_LENGTH:
        raise _bad("Upload-Metadata is too long")
    result: dict[str, str | None] = {}
    for pair in value.split(","):
        parts = pair.strip().split(" ")
        if len(parts) > 2 or not parts[0]:
            raise _bad("malformed Upload-Metadata pair")
        key = parts[0]
        if not _KEY_RE.match(key):
            raise _bad(f"invalid Upload-Metadata key {key[:40]!r}")
        if key in result:
            raise _bad(f"duplicate Upload-Metadata key {key!r}")
        if len(parts) == 1 or parts[1] == "":
            result[key] = None
            continue
        try:
            raw = base64.b64decode(parts[1], validate=True)
            result[key] = raw.decode("utf-8")
        except (binascii.Error, ValueError):
            raise _bad(f"Upload-Metadata value of {key!r} is not base64 UTF-8") from None
    return result


def encode_upload_metadata(metadata: Mapping[str, str | None]) -> str:
    """Encode a mapping as an `Upload-Metadata` header value (the inverse of parsing)."""
    pairs = []
    for key, val in metadata.items():
        if not _KEY_RE.match(key):
            raise ValueError(f"invalid metadata key {key!r}")
        if val is None:
            pairs.append(key)
        else:
            pairs.append(f"{key} {base64.b64encode(val.encode('utf-8')).decode('ascii')}")
    return ",".join(pairs)


def data_room_metadata(
    metadata: Mapping[str, str | None],
    *,
    visibilities: Collection[str] = DEFAULT_VISIBILITIES,
) -> DataRoomMetadata:
    """Validate Ilot's keys: `dossier` and `filename` required; `folder`, `visibility` optional.

    Whether the actor may upload to that dossier is the view's access check (404 when not);
    here only the shape is checked.
    """
    dossier = (metadata.get("dossier") or "").strip()
    if not dossier:
        raise _bad("Upload-Metadata must include 'dossier'")
    filename = (metadata.get("filename") or "").strip()
    if not filename:
        raise _bad("Upload-Metadata must include 'filename'")
    if "\x00" in filename or len(filename) > 255:
        raise _bad("invalid filename")
    folder = (metadata.get("folder") or "").strip() or None
    visibility = (metadata.get("visibility") or "").strip() or None
    if visibility is not None and visibility not in visibilities:
        raise _bad(f"visibility must be one of {', '.join(sorted(visibilities))}")
    return DataRoomMetadata(
        dossier=dossier, filename=filename, folder=folder, visibility=visibility
    )


def parse_upload_checksum(value: str | None) -> Checksum | None:
    """`Upload-Checksum: <algorithm> <base64 digest>` (400 if malformed or unsupported)."""
    if value is None or not value.strip():
        return None
    parts = value.strip().split(" ")
    if len(parts) != 2:
        raise _bad("Upload-Checksum must be '<algorithm> <base64 digest>'")
    algorithm = parts[0].lower()
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise ChecksumAlgorithmUnsupported(params={"algorithm": parts[0][:20]})
    try:
        digest = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise _bad("Upload-Checksum digest is not base64") from None
    expected_len = {"sha1": 20, "md5": 16, "sha256": 32}[algorithm]
    if len(digest) != expected_len:
        raise _bad(f"Upload-Checksum {algorithm} digest has the wrong length")
    return Checksum(algorithm=algorithm, digest=digest)


def parse_creation(headers: Mapping[str, str], *, max_size: int | None = None) -> CreationRequest:
    """Validate a creation POST. Deferred length is not offered, so Upload-Length is required."""
    check_tus_resumable(headers)
    if _header(headers, "Upload-Defer-Length") is not None:
        raise _bad("Upload-Defer-Length is not supported")
    length = parse_upload_length(_header(headers, "Upload-Length"), max_size=max_size)
    metadata = parse_upload_metadata(_header(headers, "Upload-Metadata"))
    return CreationRequest(length=length, metadata=metadata)


def parse_patch(headers: Mapping[str, str]) -> PatchRequest:
    """Validate a PATCH: version, content type, offset, optional checksum and length."""
    check_tus_resumable(headers)
    check_patch_content_type(_header(headers, "Content-Type"))
    offset = parse_upload_offset(_header(headers, "Upload-Offset"))
    checksum = parse_upload_checksum(_header(headers, "Upload-Checksum"))
    raw_length = _header(headers, "Content-Length")
    content_length = (
        None if raw_length is None else parse_non_negative_int(raw_length, "Content-Length")
    )
    return PatchRequest(offset=offset, checksum=checksum, content_length=content_length)


# --- response headers ---------------------------------------------------------------------


def http_date(moment: datetime) -> str:
    """RFC 9110 date (`Upload-Expires` format), always in GMT."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def _base() -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION}


def options_headers(*, max_size: int | None = None) -> dict[str, str]:
    """OPTIONS (204): what this server supports."""
    headers = _base()
    headers["Tus-Version"] = ",".join(SUPPORTED_VERSIONS)
    headers["Tus-Extension"] = ",".join(EXTENSIONS)
    headers["Tus-Checksum-Algorithm"] = ",".join(CHECKSUM_ALGORITHMS)
    if max_size is not None:
        headers["Tus-Max-Size"] = str(max_size)
    return headers


def created_headers(*, location: str, expires: datetime | None = None) -> dict[str, str]:
    """POST (201 Created): where the upload lives and when it expires."""
    headers = _base()
    headers["Location"] = location
    if expires is not None:
        headers["Upload-Expires"] = http_date(expires)
    return headers


def head_headers(
    *,
    offset: int,
    length: int,
    expires: datetime | None = None,
    metadata: Mapping[str, str | None] | None = None,
) -> dict[str, str]:
    """HEAD (200): the current offset; never cached, as the spec requires."""
    headers = _base()
    headers["Upload-Offset"] = str(offset)
    headers["Upload-Length"] = str(length)
    headers["Cache-Control"] = "no-store"
    if expires is not None:
        headers["Upload-Expires"] = http_date(expires)
    if metadata:
        headers["Upload-Metadata"] = encode_upload_metadata(metadata)
    return headers


def patch_headers(*, offset: int, expires: datetime | None = None) -> dict[str, str]:
    """PATCH (204): the new offset."""
    headers = _base()
    headers["Upload-Offset"] = str(offset)
    if expires is not None:
        headers["Upload-Expires"] = http_date(expires)
    return headers


def termination_headers() -> dict[str, str]:
    """DELETE (204)."""
    return _base()


def error_headers(exc: TusError) -> dict[str, str]:
    """Headers of an error response: `Tus-Resumable` plus the error's own (e.g. Tus-Version)."""
    headers = _base()
    headers.update(exc.headers)
    return headers
