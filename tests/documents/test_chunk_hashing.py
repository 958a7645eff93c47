"""The whole-upload SHA-256 of tus staging: hashed while writing, re-hashed when that is lost.

`ChunkStaging` keeps the running hash of an upload in the memory of the process that wrote its
last chunk; finalisation hands it to the blob store, which then trusts it (a rename, no
re-read). Every way that state can go missing or stale must end in the fallback (a full
re-hash of the staged file), never in a wrong digest. Each test asserts two things: the blob's
SHA-256 is `hashlib`'s of the content, and which path finalisation took (`passed`: the digest
handed to the store, None for the re-hash).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ilot.documents import chunks
from ilot.documents.blobs import DjangoBlobStore
from ilot.documents.chunks import ChunkStaging, _RunningHashes
from ilot.documents.exceptions import (
    ChecksumMismatch,
    OffsetMismatch,
    StorageFull,
    UploadTooLarge,
)
from ilot.documents.tus import Checksum
from tests.documents.test_chunks import LocalStorage

PIECES = (70_000, 130_000, 50_000, 1)  # four chunks, uneven on purpose
DATA = os.urandom(sum(PIECES))
SHA = hashlib.sha256(DATA).hexdigest()


class Store(DjangoBlobStore):
    """The real local store, recording the digest `finalise` hands to `put_local_file`."""

    passed: list[str | None]

    def put_local_file(self, path: Path, **kwargs: Any) -> Any:
        self.passed.append(kwargs.get("sha256"))
        return super().put_local_file(path, **kwargs)


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch: pytest.MonkeyPatch) -> _RunningHashes:
    """This process's cache of running hashes, empty (as after a start) for each test."""
    cache = _RunningHashes()
    monkeypatch.setattr(chunks, "_RUNNING", cache)
    return cache


@pytest.fixture
def staging(tmp_path: Path) -> ChunkStaging:
    return ChunkStaging(tmp_path / "media" / "staging")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(LocalStorage(tmp_path / "media"))
    store.passed = []
    return store


def bounds() -> list[tuple[int, int]]:
    out, start = [], 0
    for size in PIECES:
        out.append((start, start + size))
        start += size
    return out


def send(staging: ChunkStaging, upload_id: str, index: int, **kwargs: Any) -> None:
    start, end = bounds()[index]
    if index % 2:
        kwargs.setdefault("content_length", end - start)  # as a tus client sends it
    state = staging.append(upload_id, offset=start, body=io.BytesIO(DATA[start:end]), **kwargs)
    assert state.offset == end


def finalise(staging: ChunkStaging, upload_id: str, store: Store) -> str | None:
    """Finalise; check the blob against hashlib and its bytes; return the digest passed."""
    done = staging.finalise(upload_id, store)
    assert done.blob.sha256 == SHA
    assert store.read_range(SHA, 0, len(DATA)) == DATA
    [passed] = store.passed
    return passed


@contextlib.contextmanager
def worker(cache: _RunningHashes) -> Iterator[None]:
    """Run the block as another worker process would: with its own cache of running hashes."""
    mine = chunks._RUNNING
    chunks._RUNNING = cache
    try:
        yield
    finally:
        chunks._RUNNING = mine


def test_one_worker_hashes_while_writing(staging: ChunkStaging, store: Store) -> None:
    upload = staging.create(length=len(DATA)).upload_id
    for index in range(len(PIECES)):
        send(staging, upload, index)
    assert finalise(staging, upload, store) == SHA  # no second pass over the file
    assert chunks._RUNNING._states == {}  # forgotten once finalised


@pytest.mark.parametrize("restart_after", [1, 2, 3, 4])
def test_restart_loses_the_running_hash(
    staging: ChunkStaging, store: Store, restart_after: int
) -> None:
    """A restart (new process, new staging object) between chunks or before finalisation."""
    upload = staging.create(length=len(DATA)).upload_id
    for index in range(restart_after):
        send(staging, upload, index)
    chunks._RUNNING = _RunningHashes()
    restarted = ChunkStaging(staging.root)
    for index in range(restart_after, len(PIECES)):
        send(restarted, upload, index)
    assert finalise(restarted, upload, store) is None


@pytest.mark.parametrize(
    ("writers", "finaliser"),
    [
        ("ABAA", "A"),  # A's state goes stale when B writes the second chunk
        ("AAAB", "A"),  # the last chunk on B: A's state is one chunk short
        ("AAAB", "B"),  # B never saw the first chunks
        ("AAAA", "B"),  # finalised by a worker that wrote nothing
        ("BBBB", "A"),
    ],
)
def test_chunks_spread_over_workers(
    staging: ChunkStaging, store: Store, writers: str, finaliser: str
) -> None:
    caches = {"A": chunks._RUNNING, "B": _RunningHashes()}
    upload = staging.create(length=len(DATA)).upload_id
    for index, name in enumerate(writers):
        with worker(caches[name]):
            send(staging, upload, index)
    with worker(caches[finaliser]):
        assert finalise(staging, upload, store) is None


def test_state_copied_into_another_worker_goes_stale(staging: ChunkStaging, store: Store) -> None:
    """B inherits A's state (a fork), both go on: only the one matching the file is used."""
    upload = staging.create(length=len(DATA)).upload_id
    send(staging, upload, 0)
    [(offset, hasher)] = chunks._RUNNING._states.values()
    b = _RunningHashes()
    b.put(upload, offset, hasher.copy())
    with worker(b):
        send(staging, upload, 1)
    # A's state still covers only the first chunk: its next chunk must not use it.
    send(staging, upload, 2)
    assert chunks._RUNNING._states == {}
    with worker(b):
        send(staging, upload, 3)  # B's state is one chunk behind as well
        assert finalise(staging, upload, store) is None


def _child_appends(root: str, upload: str, start: int, end: int) -> None:  # pragma: no cover
    ChunkStaging(root).append(upload, offset=start, body=io.BytesIO(DATA[start:end]))
    os._exit(0)


def test_chunk_written_by_a_real_other_process(staging: ChunkStaging, store: Store) -> None:
    """The second chunk goes through a forked process (with a copy of this one's memory)."""
    upload = staging.create(length=len(DATA)).upload_id
    send(staging, upload, 0)
    start, end = bounds()[1]
    child = multiprocessing.get_context("fork").Process(
        target=_child_appends, args=(str(staging.root), upload, start, end)
    )
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert staging.get(upload).offset == end
    send(staging, upload, 2)
    send(staging, upload, 3)
    assert finalise(staging, upload, store) is None


def test_offset_mismatch_keeps_the_running_hash(staging: ChunkStaging, store: Store) -> None:
    upload = staging.create(length=len(DATA)).upload_id
    send(staging, upload, 0)
    start, end = bounds()[1]
    for wrong in (0, start - 1, start + 1, end):
        with pytest.raises(OffsetMismatch):
            staging.append(upload, offset=wrong, body=io.BytesIO(DATA[start:end]))
    for index in range(1, len(PIECES)):
        send(staging, upload, index)
    assert finalise(staging, upload, store) == SHA


def test_checksum_mismatch_rolls_the_hash_back(staging: ChunkStaging, store: Store) -> None:
    upload = staging.create(length=len(DATA)).upload_id
    send(staging, upload, 0)
    start, end = bounds()[1]
    wrong = Checksum("sha256", hashlib.sha256(b"something else").digest())
    with pytest.raises(ChecksumMismatch):
        staging.append(upload, offset=start, body=io.BytesIO(DATA[start:end]), checksum=wrong)
    right = Checksum("sha256", hashlib.sha256(DATA[start:end]).digest())
    send(staging, upload, 1, checksum=right)
    for index in range(2, len(PIECES)):
        send(staging, upload, index)
    assert finalise(staging, upload, store) == SHA


def test_chunk_past_the_length_rolls_the_hash_back(staging: ChunkStaging, store: Store) -> None:
    upload = staging.create(length=len(DATA)).upload_id
    for index in range(3):
        send(staging, upload, index)
    start = bounds()[3][0]
    with pytest.raises(UploadTooLarge):
        staging.append(upload, offset=start, body=[DATA[start:], b"one byte too many"])
    send(staging, upload, 3)
    assert finalise(staging, upload, store) == SHA


@pytest.mark.parametrize("checksummed", [False, True])
def test_client_gone_mid_chunk(staging: ChunkStaging, store: Store, checksummed: bool) -> None:
    """Kept bytes (no checksum) go on hashing; discarded ones (checksum) are rolled back."""
    upload = staging.create(length=len(DATA)).upload_id
    send(staging, upload, 0)
    start, end = bounds()[1]
    half = start + (end - start) // 2

    def cut() -> Iterator[bytes]:
        yield DATA[start:half]
        raise ConnectionResetError("client went away")

    checksum = Checksum("sha256", hashlib.sha256(DATA[start:end]).digest())
    with pytest.raises(ConnectionResetError):
        staging.append(upload, offset=start, body=cut(), checksum=checksum if checksummed else None)
    resume = staging.get(upload).offset
    assert resume == (start if checksummed else half)
    staging.append(upload, offset=resume, body=io.BytesIO(DATA[resume:end]))
    for index in range(2, len(PIECES)):
        send(staging, upload, index)
    assert finalise(staging, upload, store) == SHA


def test_disk_full_rolls_the_hash_back(
    staging: ChunkStaging, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload = staging.create(length=len(DATA)).upload_id
    send(staging, upload, 0)
    start, end = bounds()[1]
    real_write_all = chunks._write_all
    calls = {"n": 0}

    def full_on_second(fh: Any, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write_all(fh, data)

    monkeypatch.setattr(chunks, "_write_all", full_on_second)
    pieces = [DATA[start : start + 1000], DATA[start + 1000 : end]]
    with pytest.raises(StorageFull):
        staging.append(upload, offset=start, body=pieces)
    monkeypatch.setattr(chunks, "_write_all", real_write_all)
    assert staging.get(upload).offset == start
    for index in range(1, len(PIECES)):
        send(staging, upload, index)
    assert finalise(staging, upload, store) == SHA


def test_evicted_state_falls_back(staging: ChunkStaging, store: Store) -> None:
    chunks._RUNNING.capacity = 1
    upload = staging.create(length=len(DATA)).upload_id
    other = staging.create(length=len(DATA)).upload_id
    send(staging, upload, 0)
    send(staging, other, 0)  # pushes the first upload's state out
    for index in range(1, len(PIECES)):
        send(staging, upload, index)
    assert finalise(staging, upload, store) is None


def test_staged_file_changed_behind_our_back_is_caught_by_size(
    staging: ChunkStaging, store: Store
) -> None:
    """A state is only used for exactly the staged size: a file cut short is re-hashed."""
    upload = staging.create(length=len(DATA)).upload_id
    send(staging, upload, 0)
    send(staging, upload, 1)
    start = bounds()[1][0]
    os.truncate(staging.root / f"{upload}.part", start)  # e.g. restored from a backup
    for index in range(1, len(PIECES)):
        send(staging, upload, index)
    assert finalise(staging, upload, store) is None


def test_durable_chunks_leave_the_page_cache_but_not_the_last(
    staging: ChunkStaging, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each chunk but the completing one is dropped from the cache, after its fsync."""
    calls: list[tuple[str, int, int]] = []
    real_fsync, real_fadvise = os.fsync, os.posix_fadvise
    monkeypatch.setattr(
        chunks.os, "fsync", lambda fd: (calls.append(("fsync", 0, 0)), real_fsync(fd))[1]
    )
    monkeypatch.setattr(
        chunks.os,
        "posix_fadvise",
        lambda fd, offset, length, advice: (
            calls.append(("drop", offset, length)),
            real_fadvise(fd, offset, length, advice),
        )[1],
    )
    upload = staging.create(length=len(DATA)).upload_id
    for index in range(len(PIECES)):
        send(staging, upload, index)
    expected = []
    for start, end in bounds()[:-1]:
        expected += [("fsync", 0, 0), ("drop", start, end - start)]
    assert calls == [*expected, ("fsync", 0, 0)]
    assert finalise(staging, upload, store) == SHA
