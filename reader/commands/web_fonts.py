"""The fonts `reader serve` sends to the browser, and which characters each one draws.

xterm.js draws every cell with the fonts the page gives it; what the visitor's machine
happens to have installed decides nothing. The reader sends Arabic already shaped, as
presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF), one per cell, so the fonts must have
those forms, at the width of a cell, with joining strokes that reach the cell's edges:
monospaced fonts designed with Arabic. Two Debian font packages cover what the reader
draws, and are served as they are installed (their licences allow redistribution
unmodified; nothing is bundled in this package):

- DejaVu Sans Mono (``fonts-dejavu-core``): everything but what follows, including the
  Arabic letters, marks and digits it has, all of Arabic Presentation Forms-B and the
  Persian and Urdu forms of Forms-A: the Arabic of Arabic, Persian and Urdu text is drawn
  by one font, whose joining strokes meet those of the next cell.
- FreeMono (``fonts-freefont-ttf``): the rest of the Arabic blocks (DejaVu Sans Mono has
  72 of the 631 forms of U+FB50–U+FDFF; FreeMono has every form the shaper emits), Hebrew
  (which DejaVu Sans Mono lacks), the control pictures (U+2400–U+2426) and U+2040.
- FreeSerif (``fonts-freefont-ttf``): U+FDF2, the ligature of the name of God, which no
  monospaced Debian font has (the reader draws it over four cells).

Each face gets a ``unicode-range`` that no other face shares, so which font draws a
character never depends on a browser's fallback order; tests/test_serve_fonts.py checks
that every character the reader can draw is in the font its range sends it to.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: The family name textual-serve's client (textual.js) gives xterm.js, hard-coded there;
#: the page defines this family as the faces below (no request goes to Google Fonts).
FAMILY = "Roboto Mono"

#: The characters of the Arabic blocks that DejaVu Sans Mono draws (its cmap, 2.37).
_ARABIC_IN_DEJAVU = (
    (0x0606, 0x0607), (0x0609, 0x060A), (0x060C, 0x060C), (0x0615, 0x0615), (0x061B, 0x061B),
    (0x061F, 0x061F), (0x0621, 0x063A), (0x0640, 0x0655), (0x065A, 0x065A), (0x0660, 0x066D),
    (0x0674, 0x0674), (0x0679, 0x067B), (0x067E, 0x0680), (0x0683, 0x0684), (0x0686, 0x0687),
    (0x0691, 0x0691), (0x0698, 0x0698), (0x06A4, 0x06A4), (0x06A9, 0x06A9), (0x06AF, 0x06AF),
    (0x06BE, 0x06BE), (0x06CC, 0x06CC), (0x06F0, 0x06F9),
    (0xFB52, 0xFB81), (0xFB8A, 0xFB95), (0xFB9E, 0xFB9F), (0xFBAA, 0xFBAD), (0xFBE8, 0xFBE9),
    (0xFBFC, 0xFBFF), (0xFE70, 0xFEFF),
)
#: The blocks FreeMono draws where DejaVu Sans Mono does not.
_FREEMONO_BLOCKS = (
    (0x0590, 0x05FF),  # Hebrew
    (0x0600, 0x06FF),  # Arabic
    (0x0750, 0x077F),  # Arabic Supplement
    (0x08A0, 0x08FF),  # Arabic Extended-A
    (0xFB1D, 0xFB4F),  # Hebrew presentation forms
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0x2400, 0x243F),  # Control Pictures (placeholders of C0 controls, ␤, ␦)
    (0x2040, 0x2040),  # ⁀, the placeholder of WORD JOINER
)
_ALLAH = 0xFDF2


def _codes(intervals) -> set[int]:
    return {code for low, high in intervals for code in range(low, high + 1)}


def _intervals(codes) -> list[tuple[int, int]]:
    """Sorted code points as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for code in sorted(codes):
        if runs and runs[-1][1] == code - 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def _css(intervals) -> tuple[str, ...]:
    return tuple(f"U+{low:04X}" if low == high else f"U+{low:04X}-{high:04X}" for low, high in intervals)


def _without(intervals, codes: set[int]) -> list[tuple[int, int]]:
    """``intervals`` less the code points ``codes`` (a small set)."""
    kept: list[tuple[int, int]] = []
    for low, high in intervals:
        for code in sorted(c for c in codes if low <= c <= high):
            if low <= code - 1:
                kept.append((low, code - 1))
            low = code + 1
        if low <= high:
            kept.append((low, high))
    return kept


_FREEMONO = _codes(_FREEMONO_BLOCKS) - _codes(_ARABIC_IN_DEJAVU) - {_ALLAH}
#: DejaVu Sans Mono: every code point the two other faces do not take.
_DEJAVU = _without([(0, 0x10FFFF)], _FREEMONO | {_ALLAH})
_FREEMONO_RANGES = _css(_intervals(_FREEMONO))
_FREESERIF_RANGES = _css([(_ALLAH, _ALLAH)])
_DEJAVU_RANGES = _css(_DEJAVU)
#: DejaVu Sans Mono Bold draws all but Arabic: its joining strokes stop about a pixel
#: short of the cell's edge where the regular ones meet (measured by the joins check of
#: tests/test_serve_browser.py), so Arabic in bold cells (pane headers) is drawn regular.
_DEJAVU_ARABIC_RANGES = _css(_intervals(_codes(_ARABIC_IN_DEJAVU)))
_DEJAVU_BOLD_RANGES = _css(_without(_DEJAVU, _codes(_ARABIC_IN_DEJAVU)))


@dataclass(frozen=True)
class Face:
    """One font file of the page's font stack."""

    file: str  #: the file name, as the Debian package installs it
    package: str  #: the Debian package that installs it
    weight: str  #: CSS font-weight
    ranges: tuple[str, ...]  #: CSS unicode-range: the characters this face draws

    @property
    def unicode_range(self) -> str:
        return ", ".join(self.ranges)


FACES: tuple[Face, ...] = (
    Face("DejaVuSansMono.ttf", "fonts-dejavu-core", "normal", _DEJAVU_RANGES),
    Face("DejaVuSansMono-Bold.ttf", "fonts-dejavu-core", "bold", _DEJAVU_BOLD_RANGES),
    Face("DejaVuSansMono.ttf", "fonts-dejavu-core", "bold", _DEJAVU_ARABIC_RANGES),
    Face("FreeMono.ttf", "fonts-freefont-ttf", "normal", _FREEMONO_RANGES),
    # FreeMono Bold lacks most of what FreeMono takes here (control pictures, the Urdu
    # and Pashto forms...): bold cells get the regular glyphs.
    Face("FreeMono.ttf", "fonts-freefont-ttf", "bold", _FREEMONO_RANGES),
    Face("FreeSerif.ttf", "fonts-freefont-ttf", "normal", _FREESERIF_RANGES),
    Face("FreeSerifBold.ttf", "fonts-freefont-ttf", "bold", _FREESERIF_RANGES),
)


def font_directories() -> list[Path]:
    """Where fonts are installed: fontconfig's usual directories on Linux and the BSDs
    (the XDG data directories), then macOS's."""
    home = Path.home()
    data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    found = [Path(os.environ.get("XDG_DATA_HOME") or home / ".local/share") / "fonts", home / ".fonts"]
    found += [Path(d) / "fonts" for d in data_dirs.split(":") if d]
    if sys.platform == "darwin":
        found += [home / "Library/Fonts", Path("/Library/Fonts")]
    return found


def find_faces(directories: list[Path] | None = None) -> tuple[dict[str, Path], list[Face]]:
    """(file name -> path of each face found, faces not found). Looks for the exact file
    names the packages install, under ``directories`` (default: `font_directories`)."""
    wanted = {face.file for face in FACES}
    found: dict[str, Path] = {}
    for directory in directories if directories is not None else font_directories():
        if not directory.is_dir():
            continue
        for root, _dirs, files in os.walk(directory):
            for name in wanted.intersection(files) - found.keys():
                found[name] = Path(root) / name
        if len(found) == len(wanted):
            break
    return found, [face for face in FACES if face.file not in found]


def missing_fonts_message(missing: list[Face]) -> str:
    """What to install when faces are missing (the browser then falls back to its own fonts)."""
    packages = sorted({face.package for face in missing})
    files = ", ".join(face.file for face in missing)
    return (f"fonts not found: {files}; the browser will use its own fonts for those characters "
            f"(Arabic may show gaps or boxes): install {' '.join(packages)} (Debian, Ubuntu) or put "
            f"the files in ~/.local/share/fonts")
