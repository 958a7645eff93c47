"""Content-addressed blob store over a Django FileSystemStorage (no settings needed)."""

from __future__ import annotations

import errno
import hashlib
import io
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage

from ilot.documents.blobs import BlobStore, DjangoBlobStore, blob_name
from ilot.documents.exceptions import (
    BlobNotFound,
    BlobTooLarge,
    IntegrityMismatch,
    StorageFull,
)


class LocalStorage(FileSystemStorage):
    """FileSystemStorage with its settings-derived values pinned, so no settings are read."""

    def __init__(self, location: Path) -> None:
        super().__init__(location=str(location), base_url="/media/")
        self._root = str(location)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return self._root

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self._root)

    @property
    def base_url(self) -> str:  # type: ignore[override]
        return "/media/"

    @property
    def file_permissions_mode(self) -> None:  # type: ignore[override]
        return None

    @property
    def directory_permissions_mode(self) -> None:  # type: ignore[override]
        return None


class FullDiskStorage(LocalStorage):
    """Writes `budget` bytes of every save for real, then fails like a full disk."""

    def __init__(self, location: Path, budget: int) -> None:
        super().__init__(location)
        self.budget = budget

    def _save(self, name: str, content: Any) -> str:
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with path.open("wb") as fh:
            for chunk in content.chunks():
                if written + len(chunk) > self.budget:
                    fh.write(chunk[: self.budget - written])
                    raise OSError(errno.ENOSPC, "No space left on device")
                fh.write(chunk)
                written += len(chunk)
        return name


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def chunks_of(data: bytes, size: int = 7) -> Iterator[bytes]:
    for i in range(0, len(data), size):
        yield data[i : i + size]


@pytest.fixture
def store(tmp_path: Path) -> DjangoBlobStore:
    return DjangoBlobStore(LocalStorage(tmp_path / "media"))


def test_put_streams_hashes_and_places_by_content(store: DjangoBlobStore, tmp_path: Path) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)
    info = store.put(chunks_of(data, 65536))
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.size == len(data)
    assert info.created and not info.duplicate
    sha = info.sha256
    final = tmp_path / "media" / "blobs" / sha[:2] / sha[2:4] / sha
    assert final.read_bytes() == data
    # Nothing but the blob itself remains (the temporary name was moved, not copied).
    assert files_under(tmp_path / "media") == [final]
    assert isinstance(store, BlobStore)


def test_put_from_file_object(store: DjangoBlobStore) -> None:
    data = b"hello world\n" * 1000
    info = store.put(io.BytesIO(data))
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    with store.open(info.sha256) as fh:
        assert fh.read() == data


def test_duplicate_is_detected_and_not_stored_twice(store: DjangoBlobStore, tmp_path: Path) -> None:
    data = b"same content" * 100
    first = store.put(io.BytesIO(data))
    second = store.put(chunks_of(data))
    assert first.created and second.duplicate
    assert first.sha256 == second.sha256
    assert len(files_under(tmp_path / "media")) == 1


def test_empty_stream_is_a_valid_blob(store: DjangoBlobStore) -> None:
    info = store.put([])
    assert info.size == 0
    assert info.sha256 == hashlib.sha256(b"").hexdigest()


def test_max_size_refused_while_streaming(store: DjangoBlobStore, tmp_path: Path) -> None:
    consumed: list[int] = []

    def source() -> Iterator[bytes]:
        for i in range(100):
            consumed.append(i)
            yield b"x" * 1000

    with pytest.raises(BlobTooLarge) as err:
        store.put(source(), max_size=10_500)
    assert err.value.status == 413
    assert err.value.code == "too_large"
    assert "10500" in err.value.message
    assert "octets" in err.value.message_in("fr")
    # Stopped as soon as the limit was crossed, not after reading everything.
    assert len(consumed) == 11
    assert files_under(tmp_path / "media") == []


def test_exact_max_size_is_accepted(store: DjangoBlobStore) -> None:
    assert store.put([b"a" * 100], max_size=100).size == 100


def test_disk_full_removes_temp_and_keeps_existing_blobs(tmp_path: Path) -> None:
    root = tmp_path / "media"
    good = DjangoBlobStore(LocalStorage(root)).put([b"earlier document"])
    before = {p: p.read_bytes() for p in files_under(root)}
    full = DjangoBlobStore(FullDiskStorage(root, budget=4096))
    with pytest.raises(StorageFull) as err:
        full.put(chunks_of(os.urandom(50_000), 1000))
    assert err.value.status == 507
    assert {p: p.read_bytes() for p in files_under(root)} == before
    assert DjangoBlobStore(LocalStorage(root)).exists(good.sha256)


def test_expected_sha256_mismatch_leaves_nothing(store: DjangoBlobStore, tmp_path: Path) -> None:
    with pytest.raises(IntegrityMismatch):
        store.put([b"abc"], expected_sha256="0" * 64)
    assert files_under(tmp_path / "media") == []
    ok = store.put([b"abc"], expected_sha256=hashlib.sha256(b"abc").hexdigest())
    assert ok.created


def test_range_reads(store: DjangoBlobStore) -> None:
    data = bytes(range(256)) * 64
    sha = store.put([data]).sha256
    assert store.read_range(sha, 10, 20) == data[10:30]
    assert b"".join(store.iter_range(sha, 100, None, chunk_size=33)) == data[100:]
    assert b"".join(store.iter_range(sha, 0, 5000, chunk_size=999)) == data[:5000]
    assert store.size(sha) == len(data)


def test_unknown_and_invalid_names(store: DjangoBlobStore) -> None:
    with pytest.raises(BlobNotFound):
        store.open("a" * 64)
    with pytest.raises(BlobNotFound):
        store.size("b" * 64)
    for bad in ("../../etc/passwd", "A" * 64, "a" * 63):
        with pytest.raises(BlobNotFound):
            blob_name(bad)


def test_put_local_file_renames_without_copy(store: DjangoBlobStore, tmp_path: Path) -> None:
    staged = tmp_path / "media" / "staging.part"
    staged.parent.mkdir(parents=True)
    data = os.urandom(200_000)
    staged.write_bytes(data)
    inode = staged.stat().st_ino
    info = store.put_local_file(staged, consume=True)
    assert not staged.exists()
    final = Path(store.storage.path(store.name(info.sha256)))
    assert final.stat().st_ino == inode  # renamed, not copied
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    # The same content again is a duplicate; the staged file is still consumed.
    staged.write_bytes(data)
    again = store.put_local_file(staged, consume=True)
    assert again.duplicate and not staged.exists()


def test_put_local_file_without_consume_streams(store: DjangoBlobStore, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.bin"
    outside.write_bytes(b"keep me")
    info = store.put_local_file(outside, consume=False)
    assert outside.exists()
    assert store.read_range(info.sha256, 0, 100) == b"keep me"
    with pytest.raises(BlobTooLarge):
        store.put_local_file(outside, max_size=3)


def test_delete(store: DjangoBlobStore) -> None:
    sha = store.put([b"bye"]).sha256
    store.delete(sha)
    assert not store.exists(sha)


class DictStorage(Storage):
    """A storage without local paths (like S3): exercises the generic promote path."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.times: dict[str, datetime] = {}
        self.max_chunk_seen = 0

    def _open(self, name: str, mode: str = "rb") -> File:  # type: ignore[type-arg]
        if name not in self.files:
            raise FileNotFoundError(name)
        return File(io.BytesIO(self.files[name]), name=name)

    def _save(self, name: str, content: Any) -> str:
        buf = io.BytesIO()
        for chunk in content.chunks():
            self.max_chunk_seen = max(self.max_chunk_seen, len(chunk))
            buf.write(chunk)
        self.files[name] = buf.getvalue()
        self.times[name] = datetime.now(UTC)
        return name

    def exists(self, name: str) -> bool:
        return name in self.files

    def delete(self, name: str) -> None:
        self.files.pop(name, None)

    def size(self, name: str) -> int:
        return len(self.files[name])

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = path.rstrip("/") + "/"
        names = [n[len(prefix) :] for n in self.files if n.startswith(prefix)]
        if not names:
            raise FileNotFoundError(path)
        return sorted({n.split("/")[0] for n in names if "/" in n}), [
            n for n in names if "/" not in n
        ]

    def get_modified_time(self, name: str) -> datetime:
        return self.times[name]


class FakeBucket:
    def __init__(self, storage: BucketStorage) -> None:
        self.name = "ilot"
        self.storage = storage
        self.copies: list[tuple[str, str]] = []

    def copy(self, source: dict[str, str], key: str) -> None:
        self.copies.append((source["Key"], key))
        self.storage.files[key] = self.storage.files[source["Key"]]


class BucketStorage(DictStorage):
    """Looks like django-storages' S3Storage to the blob store (bucket + key names)."""

    def __init__(self) -> None:
        super().__init__()
        self.bucket = FakeBucket(self)

    def _normalize_name(self, name: str) -> str:
        return name


def test_storage_without_local_paths_streams_into_place() -> None:
    storage = DictStorage()
    store = DjangoBlobStore(storage)
    data = os.urandom(5 * 1024 * 1024)
    info = store.put(chunks_of(data, 256 * 1024))
    assert storage.files == {blob_name(info.sha256): data}
    # Streamed in bounded chunks, never as one 5 MB piece.
    assert storage.max_chunk_seen <= 1024 * 1024
    assert store.put(io.BytesIO(data)).duplicate
    assert list(storage.files) == [blob_name(info.sha256)]


def test_s3_like_storage_uses_server_side_copy() -> None:
    storage = BucketStorage()
    store = DjangoBlobStore(storage)
    info = store.put([b"contract"])
    ((tmp_key, final_key),) = storage.bucket.copies
    assert tmp_key.startswith("blobs/tmp/") and final_key == blob_name(info.sha256)
    assert list(storage.files) == [final_key]


def test_sweep_temporary_leftovers() -> None:
    storage = DictStorage()
    store = DjangoBlobStore(storage)
    kept = store.put([b"real"]).sha256
    storage.files["blobs/tmp/crashed"] = b"partial"
    storage.times["blobs/tmp/crashed"] = datetime.now(UTC) - timedelta(days=1)
    storage.files["blobs/tmp/inflight"] = b"writing"
    storage.times["blobs/tmp/inflight"] = datetime.now(UTC)
    assert store.sweep_temporary(older_than=timedelta(hours=6)) == 1
    assert set(storage.files) == {blob_name(kept), "blobs/tmp/inflight"}
    assert DjangoBlobStore(DictStorage()).sweep_temporary() == 0
