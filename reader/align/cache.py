"""A cache of pair verdicts keyed by the two documents' sha256s, in memory and on disk.

Opening a corpus again then costs only the fingerprints of new or changed documents and
the pairs they take part in. The file (JSON) is written to a temporary file, fsynced and
renamed, so a crash never leaves half a cache; an unreadable cache is ignored (it is only
a cache) and rewritten on the next save.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from reader.core.files import write_atomically

#: Bump when scoring changes, so verdicts of an older method are not reused.
METHOD_VERSION = 1


def default_cache_path() -> Path:
    """relations.json under the user's cache directory (XDG_CACHE_HOME on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reader")) / "relations.json"


class RelationCache:
    """Verdicts by pair key; `path` None keeps them in memory only."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._entries: dict[str, Any] = {}
        self._dirty = False
        self.hits = 0
        self.misses = 0
        if self.path is not None:
            self._load()

    @staticmethod
    def key(sha_a: str, sha_b: str, lang_a: str, lang_b: str) -> str:
        """The key of a pair, independent of order."""
        (s1, l1), (s2, l2) = sorted([(sha_a, lang_a), (sha_b, lang_b)])
        return f"v{METHOD_VERSION}:{s1}:{l1}:{s2}:{l2}"

    def get(self, key: str) -> tuple[bool, Any]:
        """(found, verdict); a verdict may be None (the pair is unrelated)."""
        if key in self._entries:
            self.hits += 1
            return True, self._entries[key]
        self.misses += 1
        return False, None

    def put(self, key: str, verdict: Any) -> None:
        """Remember `verdict` (JSON-serialisable or None) for `key`."""
        self._entries[key] = verdict
        self._dirty = True

    def __len__(self) -> int:
        return len(self._entries)

    def _load(self) -> None:
        assert self.path is not None
        try:
            data = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return
        if isinstance(data, dict) and data.get("version") == METHOD_VERSION and isinstance(data.get("pairs"), dict):
            self._entries = data["pairs"]

    def save(self) -> None:
        """Write the cache file if anything changed (temp file + fsync + rename)."""
        if self.path is None or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = orjson.dumps({"version": METHOD_VERSION, "pairs": self._entries})
        write_atomically(self.path, payload)
        self._dirty = False
