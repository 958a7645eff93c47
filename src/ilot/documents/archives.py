"""Zip expansion, entry by entry, streamed, within limits, with sanitised names.

`expand_zip` yields one `ArchiveEntry` per file in the archive, in order: accepted
entries carry an `open()` that streams their bytes (valid until the iterator moves on),
refused or skipped ones carry the reason. Folder structure is kept in `path`; a nested
zip `a/b.zip` is expanded in place under `a/b/`.

Limits (`ZipLimits`) are checked on the central directory *before* the first entry is
yielded: number of entries, total uncompressed size, per-entry compression ratio. A
breach raises `ZipBomb` for the whole archive, so nothing of a bomb is half-written.
Declared sizes are trustworthy bounds because zipfile never returns more than an entry's
declared size (and checks its CRC); the readers here also count, as a second guard.
Nested archives draw on the same budget; a breach discovered inside one also raises
`ZipBomb` mid-iteration, so callers must commit nothing until the iterator is exhausted
(blobs are content-addressed, so bytes already stored are harmless orphans).
"""

from __future__ import annotations

import enum
import io
import re
import shutil
import stat
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

from ilot.documents.exceptions import ArchiveError, DocumentError, UnsafeEntry, ZipBomb
from ilot.documents.filetypes import FileKind, detect

_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_JUNK_PARTS = frozenset({"__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"})
_MAX_PATH_LENGTH = 1024
_MAX_COMPONENT_BYTES = 255
_COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """Expansion limits; the defaults suit a data room of multi-gigabyte deliveries."""

    max_entries: int = 10_000
    max_total_size: int = 20 * 1024**3
    max_entry_size: int | None = None
    max_ratio: float = 200.0
    ratio_min_size: int = 1024 * 1024
    """Tiny entries compress absurdly well (a blank form); only judge ratios above this."""
    max_depth: int = 2
    """How many levels of zips inside zips are expanded (0: none)."""
    spool_memory: int = 8 * 1024 * 1024


class EntryStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SKIPPED = "skipped"


@dataclass
class ArchiveEntry:
    """One file of an archive and what became of it."""

    path: str
    original_name: str
    size: int
    status: EntryStatus
    error: DocumentError | None = None
    renamed: bool = False
    depth: int = 0
    _opener: Callable[[], IO[bytes]] | None = field(default=None, repr=False)

    @property
    def accepted(self) -> bool:
        return self.status is EntryStatus.ACCEPTED

    @property
    def filename(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def folder(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""

    def open(self) -> IO[bytes]:
        """Stream the entry's bytes; only for accepted entries, before the iterator advances."""
        if self._opener is None:
            raise ArchiveError(params={"reason": "this entry has no content to read"})
        return self._opener()


def sanitize_path(name: str) -> tuple[str, bool]:
    """A safe relative path for an archive member; returns (path, changed).

    NFC-normalised; backslashes are separators; drive letters, leading slashes, `.` parts,
    control and format characters (e.g. right-to-left overrides) are removed. Traversal
    (`..`) and NUL bytes are refused with `UnsafeEntry`: their intent is never innocent.
    """
    if "\x00" in name:
        raise UnsafeEntry(params={"name": name.replace("\x00", "\\0"), "reason": "NUL byte"})
    text = unicodedata.normalize("NFC", name).replace("\\", "/")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    text = _DRIVE_RE.sub("", text)
    parts = []
    for part in text.split("/"):
        part = part.strip()
        if part in ("", "."):
            continue
        if part == "..":
            raise UnsafeEntry(params={"name": name, "reason": "path traversal (..)"})
        # Windows cannot hold trailing dots or spaces; strip so every OS sees one name.
        part = part.rstrip(". ") or "_"
        while len(part.encode("utf-8")) > _MAX_COMPONENT_BYTES:
            part = part[:-1]
        parts.append(part)
    path = "/".join(parts)
    if not path:
        raise UnsafeEntry(params={"name": name, "reason": "empty name"})
    if len(path) > _MAX_PATH_LENGTH:
        raise UnsafeEntry(params={"name": name[:80], "reason": "path too long"})
    return path, path != name


class _Budget:
    """Entries and bytes left for the whole expansion, nested archives included."""

    def __init__(self, limits: ZipLimits) -> None:
        self.entries = limits.max_entries
        self.bytes = limits.max_total_size

    def spend(self, entries: int, size: int) -> None:
        self.entries -= entries
        self.bytes -= size
        if self.entries < 0:
            raise ZipBomb(params={"reason": "too many entries"})
        if self.bytes < 0:
            raise ZipBomb(params={"reason": "total uncompressed size over the limit"})


class _CountingReader(io.RawIOBase):
    """Reads an entry, refusing to yield more than its declared size."""

    def __init__(self, raw: IO[bytes], declared: int) -> None:
        super().__init__()
        self._raw = raw
        self._left = declared

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        want = _COPY_CHUNK if size is None or size < 0 else size
        data = self._raw.read(want)
        self._left -= len(data)
        if self._left < 0:
            raise ZipBomb(params={"reason": "an entry expands beyond its declared size"})
        return data

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


@contextmanager
def _opened(source: IO[bytes] | str | Path) -> Iterator[IO[bytes]]:
    if isinstance(source, str | Path):
        with open(source, "rb") as fh:
            yield fh
    else:
        yield source


def expand_zip(
    source: IO[bytes] | str | Path, *, limits: ZipLimits | None = None
) -> Iterator[ArchiveEntry]:
    """Yield every file of a zip (nested zips expanded in place) with its outcome.

    Raises `ZipBomb` when limits are exceeded and `ArchiveError` for an unreadable zip.
    """
    limits = limits or ZipLimits()
    budget = _Budget(limits)
    with _opened(source) as fh:
        yield from _expand(fh, limits, budget, prefix="", depth=0)


def _expand(
    fh: IO[bytes], limits: ZipLimits, budget: _Budget, *, prefix: str, depth: int
) -> Iterator[ArchiveEntry]:
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ArchiveError(params={"reason": "not a readable zip archive"}) from exc
    with zf:
        # Some Windows tools mark folders with a trailing backslash instead of a slash.
        infos = [
            info for info in zf.infolist() if not info.is_dir() and not info.filename.endswith("\\")
        ]
        _prevalidate(infos, limits, budget)
        seen: set[str] = set()
        for info in infos:
            entry = _judge(info, prefix, depth, seen, limits)
            if entry.status is not EntryStatus.ACCEPTED:
                yield entry
                continue
            seen.add(entry.path.casefold())
            yield from _accepted(zf, info, entry, limits, budget, depth)


def _prevalidate(infos: list[zipfile.ZipInfo], limits: ZipLimits, budget: _Budget) -> None:
    total = 0
    for info in infos:
        size, packed = info.file_size, info.compress_size
        if size > limits.ratio_min_size and (packed == 0 or size / packed > limits.max_ratio):
            raise ZipBomb(params={"reason": f"compression ratio over {limits.max_ratio:g}:1"})
        total += size
    budget.spend(len(infos), total)


def _judge(
    info: zipfile.ZipInfo, prefix: str, depth: int, seen: set[str], limits: ZipLimits
) -> ArchiveEntry:
    def result(
        status: EntryStatus, error: DocumentError | None, path: str, renamed: bool
    ) -> ArchiveEntry:
        return ArchiveEntry(
            path=path,
            original_name=info.filename,
            size=info.file_size,
            status=status,
            error=error,
            renamed=renamed,
            depth=depth,
        )

    try:
        path, renamed = sanitize_path(info.filename)
    except UnsafeEntry as exc:
        return result(EntryStatus.REJECTED, exc, info.filename, False)
    path = prefix + path
    if set(path.split("/")) & _JUNK_PARTS or path.rsplit("/", 1)[-1].startswith("._"):
        reason = "system file"
        return result(
            EntryStatus.SKIPPED, UnsafeEntry(params={"name": path, "reason": reason}), path, renamed
        )
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        error = UnsafeEntry(params={"name": path, "reason": "symbolic link"})
        return result(EntryStatus.REJECTED, error, path, renamed)
    if info.flag_bits & 0x1:
        error = UnsafeEntry(params={"name": path, "reason": "password-protected entry"})
        return result(EntryStatus.REJECTED, error, path, renamed)
    if limits.max_entry_size is not None and info.file_size > limits.max_entry_size:
        error = UnsafeEntry(params={"name": path, "reason": "file too large"})
        return result(EntryStatus.REJECTED, error, path, renamed)
    if path.casefold() in seen:
        error = UnsafeEntry(params={"name": path, "reason": "duplicate name in the archive"})
        return result(EntryStatus.REJECTED, error, path, renamed)
    return result(EntryStatus.ACCEPTED, None, path, renamed)


def _accepted(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    entry: ArchiveEntry,
    limits: ZipLimits,
    budget: _Budget,
    depth: int,
) -> Iterator[ArchiveEntry]:
    def opener() -> IO[bytes]:
        return io.BufferedReader(_CountingReader(zf.open(info), info.file_size), _COPY_CHUNK)

    try:
        with zf.open(info) as peek:
            magic = peek.read(4)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        # One damaged entry (bad CRC, unknown compression) must not sink its siblings.
        error = ArchiveError(params={"reason": f"entry {entry.path!r} is damaged"})
        entry.status, entry.error = EntryStatus.REJECTED, error
        yield entry
        return
    if magic != b"PK\x03\x04":
        entry._opener = opener
        yield entry
        return
    # A zip inside the zip: spool it (bounded by its declared size) to tell a nested
    # archive, to expand in place, from an office document, which stays one file.
    with tempfile.SpooledTemporaryFile(max_size=limits.spool_memory) as spool:
        with opener() as src:
            shutil.copyfileobj(src, spool, _COPY_CHUNK)
        spool.seek(0)
        if detect(spool, entry.filename).kind is not FileKind.ZIP:
            entry._opener = lambda: cast(IO[bytes], _Unclosable(spool))
            yield entry
            return
        if depth + 1 > limits.max_depth:
            entry.status = EntryStatus.REJECTED
            entry.error = UnsafeEntry(
                params={"name": entry.path, "reason": "archives nested too deeply"}
            )
            yield entry
            return
        folder = entry.path[:-4] if entry.path.lower().endswith(".zip") else entry.path
        yield from _expand(spool, limits, budget, prefix=folder + "/", depth=depth + 1)


class _Unclosable(io.RawIOBase):
    """A view of the spool that the consumer may close without destroying it."""

    def __init__(self, inner: IO[bytes]) -> None:
        super().__init__()
        inner.seek(0)
        self._inner = inner

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._inner.seek(offset, whence)

    def tell(self) -> int:
        return self._inner.tell()

    def read(self, size: int | None = -1) -> bytes:
        return self._inner.read(-1 if size is None else size)

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
