"""Content-addressed blob store over Django's storage API.

A blob is stored once, under `blobs/ab/cd/<sha256>`, whatever its name or dossier: the
same bytes uploaded twice are stored once (`BlobInfo.created` tells which happened).

Writes stream: the source (an iterable of chunks or a file-like object) is read chunk by
chunk, hashed and counted on the way into a temporary name, then moved to its final,
content-derived name. Neither the hash nor the size is known before the last byte, so a
temporary name is unavoidable; the move is a rename on a local filesystem and a
server-side copy on S3, never a second pass through this process.

Failure leaves nothing behind: exceeding `max_size` raises `BlobTooLarge` before the
excess bytes are handed to the storage, a full disk raises `StorageFull`, and in every
case the temporary object is removed; existing blobs are never touched because writes only
ever target fresh temporary names.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any, Protocol, cast, runtime_checkable

from django.core.files import File
from django.core.files.storage import Storage

from ilot.documents.exceptions import (
    BlobNotFound,
    BlobTooLarge,
    DocumentError,
    IntegrityMismatch,
    StorageError,
    StorageFull,
)

CHUNK_SIZE = 1024 * 1024
"""Read size for streaming: large enough for throughput, small enough for flat memory."""

_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")

Source = Iterable[bytes] | IO[bytes]
"""What a blob can be written from: chunks (e.g. a request body iterator) or a file."""


@dataclass(frozen=True)
class BlobInfo:
    """The result of a write: the content's SHA-256, its size, and whether it was new."""

    sha256: str
    size: int
    created: bool

    @property
    def duplicate(self) -> bool:
        """True when identical content was already stored (nothing new was written)."""
        return not self.created


@runtime_checkable
class BlobStore(Protocol):
    """What the data room needs from a blob store; `DjangoBlobStore` is the real one."""

    def put(
        self,
        source: Source,
        *,
        max_size: int | None = None,
        expected_sha256: str | None = None,
    ) -> BlobInfo: ...

    def put_local_file(
        self,
        path: Path,
        *,
        max_size: int | None = None,
        consume: bool = False,
        sha256: str | None = None,
    ) -> BlobInfo: ...

    def exists(self, sha256: str) -> bool: ...

    def size(self, sha256: str) -> int: ...

    def open(self, sha256: str) -> IO[bytes]: ...

    def iter_range(
        self, sha256: str, start: int = 0, end: int | None = None, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[bytes]: ...

    def delete(self, sha256: str) -> None: ...


def blob_name(sha256: str, prefix: str = "blobs") -> str:
    """The storage name of a blob: `blobs/ab/cd/<sha256>` (fan-out keeps directories small)."""
    check_sha256(sha256)
    return f"{prefix}/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def check_sha256(sha256: str) -> str:
    """Validate a hex SHA-256 (it becomes a path: nothing else may get through)."""
    if not isinstance(sha256, str) or not _SHA256_RE.match(sha256):
        raise BlobNotFound(params={"sha256": str(sha256)[:80]})
    return sha256


class _HashingReader(io.RawIOBase):
    """A read-only file over a source that hashes, counts and enforces `max_size`.

    Storage backends consume it through `read()`, so the limit is checked before the bytes
    that would cross it ever reach the backend.
    """

    def __init__(self, source: Source, max_size: int | None) -> None:
        super().__init__()
        self._iter: Iterator[bytes] | None
        self._file: IO[bytes] | None
        if hasattr(source, "read"):
            self._file = source  # type: ignore[assignment]
            self._iter = None
        else:
            self._file = None
            self._iter = iter(source)
        self._pending = b""
        self._max_size = max_size
        self.hasher = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        # Not seekable: backends that probe with seek(0) must get a clean refusal.
        return False

    def _next_chunk(self, n: int) -> bytes:
        if self._file is not None:
            data = self._file.read(n)
            return data or b""
        assert self._iter is not None
        for chunk in self._iter:
            if chunk:
                return bytes(chunk)
        return b""

    def read(self, size: int | None = -1) -> bytes:
        want = CHUNK_SIZE if size is None or size < 0 else size
        if not self._pending:
            self._pending = self._next_chunk(want)
        data, self._pending = self._pending[:want], self._pending[want:]
        if data:
            if self._max_size is not None and self.size + len(data) > self._max_size:
                raise BlobTooLarge(params={"max_size": self._max_size})
            self.hasher.update(data)
            self.size += len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _ReaderFile(File):  # type: ignore[type-arg]
    """A Django `File` whose `chunks()` reads the hashing reader without seeking."""

    def __init__(self, reader: _HashingReader, name: str) -> None:
        super().__init__(cast(IO[bytes], reader), name=name)
        self._reader = reader

    @property
    def size(self) -> int:
        # Unknown until the end; backends that ask (S3 multipart) must not make us buffer.
        return self._reader.size

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        while True:
            data = self._reader.read(chunk_size or CHUNK_SIZE)
            if not data:
                return
            yield data


class DjangoBlobStore:
    """`BlobStore` over a Django `Storage` (FileSystemStorage locally, S3 in production).

    Pass the storage explicitly (tests, other areas); by default it is
    `storages["default"]`, looked up lazily so importing this module needs no settings.
    """

    def __init__(
        self,
        storage: Storage | None = None,
        *,
        prefix: str = "blobs",
        tmp_prefix: str = "blobs/tmp",
    ) -> None:
        self._storage = storage
        self.prefix = prefix
        self.tmp_prefix = tmp_prefix

    @property
    def storage(self) -> Storage:
        if self._storage is None:
            from django.core.files.storage import storages

            self._storage = storages["default"]
        return self._storage

    def name(self, sha256: str) -> str:
        """The storage name of a blob."""
        return blob_name(sha256, self.prefix)

    # --- writing ---------------------------------------------------------------------------

    def put(
        self,
        source: Source,
        *,
        max_size: int | None = None,
        expected_sha256: str | None = None,
    ) -> BlobInfo:
        """Stream `source` into the store; returns its SHA-256, size, and whether it was new.

        Raises `BlobTooLarge`, `StorageFull`, `StorageError`, or `IntegrityMismatch` (when
        `expected_sha256` is given and differs); the temporary object is gone in all cases.
        """
        reader = _HashingReader(source, max_size)
        tmp = f"{self.tmp_prefix}/{uuid.uuid4().hex}"
        saved: str | None = None
        try:
            saved = self.storage.save(tmp, _ReaderFile(reader, name=tmp))
            sha256 = reader.hasher.hexdigest()
            if expected_sha256 is not None and sha256 != expected_sha256.lower():
                raise IntegrityMismatch(params={"expected": expected_sha256, "actual": sha256})
            created = self._promote(saved, self.name(sha256))
            saved = None
            return BlobInfo(sha256=sha256, size=reader.size, created=created)
        except DocumentError:
            raise
        except OSError as exc:
            raise _storage_error(exc) from exc
        finally:
            # Whatever happened, the temporary object must not outlive this call; the name
            # may exist even when save() raised (a partial write).
            self._discard(saved if saved is not None else tmp)

    def put_local_file(
        self,
        path: Path,
        *,
        max_size: int | None = None,
        consume: bool = False,
        sha256: str | None = None,
    ) -> BlobInfo:
        """Store a file that already sits on a local disk (e.g. a finished tus upload).

        With `consume=True` and a local storage on the same filesystem, the file is renamed
        into place after hashing: one read, no copy. Otherwise it is streamed like `put`.
        The file is removed when consumed, whether it was renamed or a duplicate.

        `sha256` is the file's digest when the caller computed it while writing the file
        (tus staging hashes chunk by chunk): the rename path then reads nothing at all.
        The streaming path hashes anyway and refuses a file that does not match it.
        """
        path = Path(path)
        size = path.stat().st_size
        if max_size is not None and size > max_size:
            raise BlobTooLarge(params={"max_size": max_size})
        local = self._local_path(self.tmp_prefix)
        if consume and local is not None and _same_device(path, local):
            if sha256 is None or not _SHA256_RE.match(sha256):
                hasher = hashlib.sha256()
                with path.open("rb") as fh:
                    for chunk in iter(lambda: fh.read(CHUNK_SIZE), b""):
                        hasher.update(chunk)
                sha256 = hasher.hexdigest()
            final = self._local_path(self.name(sha256))
            assert final is not None
            if final.exists():
                path.unlink()
                return BlobInfo(sha256=sha256, size=size, created=False)
            try:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, final)
                # The staged file kept its private mode; blobs get the storage's own.
                mode = getattr(self.storage, "file_permissions_mode", None)
                if mode is not None:
                    os.chmod(final, mode)
            except OSError as exc:
                raise _storage_error(exc) from exc
            return BlobInfo(sha256=sha256, size=size, created=True)
        with path.open("rb") as fh:
            info = self.put(fh, max_size=max_size, expected_sha256=sha256)
        if consume:
            path.unlink()
        return info

    def _promote(self, tmp: str, final: str) -> bool:
        """Move `tmp` to `final`; False (and `tmp` dropped) when `final` already exists."""
        storage = self.storage
        if storage.exists(final):
            return False
        src, dst = self._local_path(tmp), self._local_path(final)
        if src is not None and dst is not None:
            dst.parent.mkdir(parents=True, exist_ok=True)
            # Atomic: a concurrent identical upload just replaces identical bytes.
            os.replace(src, dst)
            return True
        bucket = getattr(storage, "bucket", None)
        if bucket is not None and hasattr(storage, "_normalize_name"):
            # S3: managed server-side copy (multipart above 5 GB); no bytes through us.
            src_key = storage._normalize_name(tmp)
            dst_key = storage._normalize_name(final)
            bucket.copy({"Bucket": bucket.name, "Key": src_key}, dst_key)
            return True
        # Any other backend: stream the temporary object into place (still flat memory).
        with storage.open(tmp, "rb") as fh:
            saved = storage.save(final, fh)
        if saved != final:
            # Lost a race with an identical upload: the backend picked another name.
            storage.delete(saved)
            return False
        return True

    def _discard(self, name: str) -> None:
        try:
            if self.storage.exists(name):
                self.storage.delete(name)
        except OSError:
            # Cleanup must not mask the original error; an orphan temp is swept later.
            pass

    def _local_path(self, name: str) -> Path | None:
        try:
            return Path(self.storage.path(name))
        except NotImplementedError:
            return None

    # --- reading ---------------------------------------------------------------------------

    def exists(self, sha256: str) -> bool:
        return self.storage.exists(self.name(sha256))

    def size(self, sha256: str) -> int:
        name = self.name(sha256)
        if not self.storage.exists(name):
            raise BlobNotFound(params={"sha256": sha256})
        return self.storage.size(name)

    def open(self, sha256: str) -> IO[bytes]:
        """Open a blob for streaming, seekable reads (use as a context manager)."""
        name = self.name(sha256)
        try:
            return cast(IO[bytes], self.storage.open(name, "rb"))
        except FileNotFoundError as exc:
            raise BlobNotFound(params={"sha256": sha256}) from exc

    def iter_range(
        self, sha256: str, start: int = 0, end: int | None = None, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[bytes]:
        """Yield bytes `[start, end)` of a blob (HTTP Range, previews), chunk by chunk."""
        if start < 0 or (end is not None and end < start):
            raise ValueError("invalid range")
        fh = self.open(sha256)
        try:
            fh.seek(start)
            remaining = None if end is None else end - start
            while remaining is None or remaining > 0:
                want = chunk_size if remaining is None else min(chunk_size, remaining)
                data = fh.read(want)
                if not data:
                    break
                if remaining is not None:
                    remaining -= len(data)
                yield data
        finally:
            fh.close()

    def read_range(self, sha256: str, start: int, length: int) -> bytes:
        """Bytes `[start, start + length)`; for small reads (headers, previews) only."""
        return b"".join(self.iter_range(sha256, start, start + length))

    def sweep_temporary(self, *, older_than: timedelta = timedelta(hours=6)) -> int:
        """Delete temporary objects left by crashed writes (a process killed mid-put).

        Only objects older than `older_than` go: younger ones may be writes in progress.
        Returns how many were deleted.
        """
        storage = self.storage
        try:
            _, files = storage.listdir(self.tmp_prefix)
        except FileNotFoundError:
            return 0
        limit = datetime.now(UTC) - older_than
        removed = 0
        for filename in files:
            name = f"{self.tmp_prefix}/{filename}"
            try:
                modified = storage.get_modified_time(name)
            except (FileNotFoundError, NotImplementedError):
                continue
            if modified.tzinfo is None:
                modified = modified.replace(tzinfo=UTC)
            if modified < limit:
                self._discard(name)
                removed += 1
        return removed

    def delete(self, sha256: str) -> None:
        """Remove a blob; the caller guarantees no version still references it."""
        name = self.name(sha256)
        if self.storage.exists(name):
            self.storage.delete(name)


def _storage_error(exc: OSError) -> StorageError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFull()
    return StorageError(params={"reason": exc.strerror or type(exc).__name__})


def _same_device(path: Path, directory: Path) -> bool:
    """Whether a rename from `path` into `directory` can work (same filesystem)."""
    probe = directory
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return path.stat().st_dev == probe.stat().st_dev
    except OSError:
        return False
