"""tus chunk staging: offsets, checksums, locking, resume, finalisation, expiry."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from ilot.documents.blobs import DjangoBlobStore
from ilot.documents.chunks import ChunkStaging
from ilot.documents.exceptions import (
    ChecksumMismatch,
    OffsetMismatch,
    StorageFull,
    UploadGone,
    UploadIncomplete,
    UploadLocked,
    UploadNotFound,
    UploadTooLarge,
)
from ilot.documents.tus import Checksum


class LocalStorage(FileSystemStorage):
    """FileSystemStorage with its settings-derived values pinned (no settings needed)."""

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
    def file_permissions_mode(self) -> None:  # type: ignore[override]
        return None

    @property
    def directory_permissions_mode(self) -> None:  # type: ignore[override]
        return None


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def staging(tmp_path: Path) -> ChunkStaging:
    return ChunkStaging(tmp_path / "media" / "staging", ttl=timedelta(hours=6))


@pytest.fixture
def store(tmp_path: Path) -> DjangoBlobStore:
    return DjangoBlobStore(LocalStorage(tmp_path / "media"))


def test_chunks_append_in_order_and_finalise(
    staging: ChunkStaging, store: DjangoBlobStore, tmp_path: Path
) -> None:
    data = os.urandom(300_000)
    state = staging.create(length=len(data), metadata={"filename": "a.pdf"}, owner="u1")
    assert state.offset == 0 and not state.complete
    offset = 0
    for size in (100_000, 150_000, 50_000):
        state = staging.append(
            state.upload_id, offset=offset, body=io.BytesIO(data[offset : offset + size])
        )
        offset += size
        assert state.offset == offset
    assert state.complete
    done = staging.finalise(state.upload_id, store)
    assert done.blob.sha256 == hashlib.sha256(data).hexdigest()
    assert done.blob.created and done.state.owner == "u1"
    assert done.state.metadata == {"filename": "a.pdf"}
    assert store.read_range(done.blob.sha256, 0, len(data)) == data
    assert list(staging.root.iterdir()) == []
    with pytest.raises(UploadNotFound):
        staging.get(state.upload_id)


def test_resume_after_restart_uses_bytes_on_disk(staging: ChunkStaging) -> None:
    state = staging.create(length=10)
    staging.append(state.upload_id, offset=0, body=[b"01234"])
    restarted = ChunkStaging(staging.root, ttl=staging.ttl)
    assert restarted.get(state.upload_id).offset == 5
    assert restarted.append(state.upload_id, offset=5, body=[b"56789"]).complete


def test_offset_mismatch_409_changes_nothing(staging: ChunkStaging) -> None:
    state = staging.create(length=10)
    staging.append(state.upload_id, offset=0, body=[b"abc"])
    for wrong in (0, 2, 4):
        with pytest.raises(OffsetMismatch) as err:
            staging.append(state.upload_id, offset=wrong, body=[b"zz"])
        assert err.value.status == 409
        assert err.value.params == {"given": wrong, "expected": 3}
    assert staging.get(state.upload_id).offset == 3


@pytest.mark.parametrize("algorithm", ["sha1", "md5", "sha256"])
def test_checksum_verified_and_bad_chunk_discarded(staging: ChunkStaging, algorithm: str) -> None:
    state = staging.create(length=8)
    good = Checksum(algorithm, hashlib.new(algorithm, b"abcd").digest())
    assert staging.append(state.upload_id, offset=0, body=[b"ab", b"cd"], checksum=good).offset == 4
    bad = Checksum(algorithm, hashlib.new(algorithm, b"efgh").digest())
    with pytest.raises(ChecksumMismatch) as err:
        staging.append(state.upload_id, offset=4, body=[b"efgX"], checksum=bad)
    assert err.value.status == 460
    assert staging.get(state.upload_id).offset == 4
    part = staging.root / f"{state.upload_id}.part"
    assert part.read_bytes() == b"abcd"


def test_concurrent_patch_on_one_upload_is_refused(staging: ChunkStaging) -> None:
    state = staging.create(length=20)
    inside = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def slow_body() -> Iterator[bytes]:
        yield b"first"
        inside.set()
        release.wait(10)
        yield b"-more"

    def writer() -> None:
        try:
            staging.append(state.upload_id, offset=0, body=slow_body())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert inside.wait(10)
        with pytest.raises(UploadLocked) as err:
            staging.append(state.upload_id, offset=0, body=[b"intruder"])
        assert err.value.status == 423
        with pytest.raises(UploadLocked):
            staging.delete(state.upload_id)
    finally:
        release.set()
        thread.join(10)
    assert errors == []
    assert staging.get(state.upload_id).offset == len(b"first-more")
    # Lock released: the next request goes through.
    assert staging.append(state.upload_id, offset=10, body=[b"x"]).offset == 11


def test_cannot_write_past_declared_length(staging: ChunkStaging) -> None:
    state = staging.create(length=5)
    with pytest.raises(UploadTooLarge):
        staging.append(state.upload_id, offset=0, body=[b"abc", b"def"])
    assert staging.get(state.upload_id).offset == 0
    with pytest.raises(UploadTooLarge):
        staging.append(state.upload_id, offset=0, body=[b"abc"], content_length=6)
    capped = ChunkStaging(staging.root, max_size=100)
    with pytest.raises(UploadTooLarge) as err:
        capped.create(length=101)
    assert err.value.status == 413


def test_client_disconnect_keeps_received_bytes_unless_checksummed(staging: ChunkStaging) -> None:
    state = staging.create(length=100)

    def cut() -> Iterator[bytes]:
        yield b"0123456789"
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        staging.append(state.upload_id, offset=0, body=cut())
    assert staging.get(state.upload_id).offset == 10
    checksum = Checksum("sha1", hashlib.sha1(b"whatever").digest())  # noqa: S324
    with pytest.raises(ConnectionResetError):
        staging.append(state.upload_id, offset=10, body=cut(), checksum=checksum)
    assert staging.get(state.upload_id).offset == 10


def test_disk_full_during_chunk_fails_cleanly(
    staging: ChunkStaging, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = staging.create(length=20)
    staging.append(state.upload_id, offset=0, body=[b"safe"])

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("ilot.documents.chunks.os.fsync", full)
    with pytest.raises(StorageFull) as err:
        staging.append(state.upload_id, offset=4, body=[b"lost bytes"])
    assert err.value.status == 507
    monkeypatch.undo()
    assert staging.get(state.upload_id).offset == 4
    assert (staging.root / f"{state.upload_id}.part").read_bytes() == b"safe"


def test_finalise_incomplete_and_unknown(staging: ChunkStaging, store: DjangoBlobStore) -> None:
    state = staging.create(length=4)
    staging.append(state.upload_id, offset=0, body=[b"ab"])
    with pytest.raises(UploadIncomplete) as err:
        staging.finalise(state.upload_id, store)
    assert err.value.status == 409
    for bad_id in ("0" * 32, "../../etc/passwd", "ZZ"):
        with pytest.raises(UploadNotFound):
            staging.get(bad_id)


def test_duplicate_upload_finalises_to_the_same_blob(
    staging: ChunkStaging, store: DjangoBlobStore
) -> None:
    results = []
    for _ in range(2):
        state = staging.create(length=6)
        staging.append(state.upload_id, offset=0, body=[b"dupdup"])
        results.append(staging.finalise(state.upload_id, store).blob)
    assert results[0].sha256 == results[1].sha256
    assert results[0].created and results[1].duplicate


def test_zero_length_upload(staging: ChunkStaging, store: DjangoBlobStore) -> None:
    state = staging.create(length=0)
    assert state.complete
    assert staging.finalise(state.upload_id, store).blob.size == 0


def test_termination(staging: ChunkStaging) -> None:
    state = staging.create(length=4)
    staging.delete(state.upload_id)
    with pytest.raises(UploadNotFound):
        staging.get(state.upload_id)
    with pytest.raises(UploadNotFound):
        staging.append(state.upload_id, offset=0, body=[b"x"])


def test_expiry_gone_then_cleaned(tmp_path: Path) -> None:
    clock = Clock()
    staging = ChunkStaging(tmp_path / "st", ttl=timedelta(hours=2), clock=clock)
    old = staging.create(length=4)
    staging.append(old.upload_id, offset=0, body=[b"ab"])
    clock.now += timedelta(hours=1)
    fresh = staging.create(length=4)
    # Activity is what counts: mtimes are real, so age the old file explicitly.
    past = (clock.now - timedelta(hours=3)).timestamp()
    os.utime(staging.root / f"{old.upload_id}.part", (past, past))
    clock.now += timedelta(hours=1, minutes=30)
    with pytest.raises(UploadGone) as err:
        staging.get(old.upload_id)
    assert err.value.status == 410
    with pytest.raises(UploadGone):
        staging.append(old.upload_id, offset=2, body=[b"cd"])
    (staging.root / "0123456789abcdef0123456789abcdef.part").write_bytes(b"orphan")
    orphan_time = (clock.now - timedelta(days=1)).timestamp()
    os.utime(staging.root / "0123456789abcdef0123456789abcdef.part", (orphan_time, orphan_time))
    removed = staging.cleanup_expired()
    assert set(removed) == {old.upload_id, "0123456789abcdef0123456789abcdef"}
    assert staging.get(fresh.upload_id).offset == 0
    assert sorted(p.name.split(".")[0] for p in staging.root.iterdir()) == [fresh.upload_id] * len(
        list(staging.root.iterdir())
    )


def test_cleanup_skips_upload_being_written(tmp_path: Path) -> None:
    clock = Clock()
    staging = ChunkStaging(tmp_path / "st", ttl=timedelta(hours=1), clock=clock)
    state = staging.create(length=4)
    with staging.lock(state.upload_id):
        assert staging.cleanup_expired(now=clock.now + timedelta(hours=5)) == []
    assert staging.cleanup_expired(now=clock.now + timedelta(hours=5)) == [state.upload_id]
