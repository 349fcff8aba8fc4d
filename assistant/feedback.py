"""Thumbs up/down feedback: one JSON line per vote, appended under a file lock, never interleaved."""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)

LOCK_TIMEOUT_S = 10.0


class FeedbackError(RuntimeError):
    """The feedback could not be stored; the message names the file and the reason."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record_feedback(path: Path | str, entry: dict[str, Any]) -> None:
    """Append `entry` as one JSON line to `path` (created with its directory when missing).

    One line is one `os.write` on a descriptor opened with O_APPEND, inside a lock on `<path>.lock`, so
    concurrent writers (threads or processes) never lose or interleave lines. Any OS error (read-only or
    full disk, a path that is not a directory...) becomes a FeedbackError naming the path.
    """
    path = Path(path)
    entry = {"time": now_iso(), **entry}
    data = (json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT_S):
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                written = os.write(fd, data)
                if written != len(data):  # a short write means the disk is (nearly) full
                    raise OSError(f"only {written} of {len(data)} bytes written")
            finally:
                os.close(fd)
    except Timeout as exc:
        raise FeedbackError(f"cannot write feedback to {path}: the lock {exc.lock_file} is held elsewhere") from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FeedbackError(f"cannot write feedback to {path}: {reason}") from exc
    log.info("feedback recorded: vote=%s", entry.get("vote"))
