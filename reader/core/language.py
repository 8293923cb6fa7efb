"""Language identification (ISO 639-1) with lingua, whose models ship inside its wheel.

The detector is built once, on first use, for the languages of the field's users; lingua
loads each language model lazily, so a process that never asks pays nothing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector  # imported for real only when a detector is built

UNDETERMINED = "und"

# The languages we tell apart. Few enough that short news paragraphs are not confused
# with rarely seen languages; lingua separates ar/fa/ur (one script) by letters and n-grams.
LANGUAGES = (
    "ARABIC", "PERSIAN", "URDU", "HEBREW", "ENGLISH", "ITALIAN", "FRENCH",
    "SPANISH", "GERMAN", "PORTUGUESE", "RUSSIAN", "TURKISH", "CHINESE",
)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


@lru_cache(maxsize=4096)
def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`, or "und" when there is nothing to judge by."""
    if not any(ch.isalpha() for ch in text):
        return UNDETERMINED
    found = _detector().detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found is not None else UNDETERMINED


#: The process `detect_language_apart` asks (started on first use), and its lock.
_apart = None
_apart_lock = None

#: What that process runs: one text per line (JSON) in, one language code per line out.
_APART_LOOP = (
    "import json, sys\n"
    "from reader.core.language import detect_language\n"
    "for line in sys.stdin:\n"
    "    print(detect_language(json.loads(line)), flush=True)\n"
)


def detect_language_apart(text: str) -> str:
    """`detect_language` run in a separate process, for callers that must not stop the
    others: lingua builds its models (~200 MB, seconds) holding the interpreter lock,
    so a thread of the TUI asking for a language froze the whole screen, the first
    paint included, and the models stayed in the TUI's memory. Blocks only the caller
    (thread-safe). Falls back to this process if the other cannot be used."""
    import json
    import subprocess
    import sys
    import threading

    global _apart, _apart_lock
    if _apart_lock is None:
        _apart_lock = threading.Lock()
    with _apart_lock:
        try:
            if _apart is None or _apart.poll() is not None:
                _apart = subprocess.Popen(
                    [sys.executable, "-c", _APART_LOOP], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL, text=True, encoding="utf-8", close_fds=True,
                )
            stdin, stdout = _apart.stdin, _apart.stdout
            if stdin is None or stdout is None:  # (never: both were asked for as pipes)
                raise OSError("no pipe to the language process")
            stdin.write(json.dumps(text) + "\n")
            stdin.flush()
            answer = stdout.readline().strip()
        except (OSError, ValueError):
            answer = ""
    return answer or detect_language(text)
