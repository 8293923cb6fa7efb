"""The terminal's own bidi: keep it out of the way of the reader's reordering.

Most terminals show characters in the order they are sent, so the reader reorders
each line itself (``--terminal-bidi app``, the default). Terminals that reorder by
themselves (VTE: GNOME Terminal, Tilix, xfce4-terminal...) would undo that, so the
reader switches them to the terminal-wg "explicit" mode with ``CSI 8 l`` (BDSM reset)
when it takes the screen and back to "implicit" with ``CSI 8 h`` whenever it gives the
screen back: quit, crash, ctrl+z (and ``CSI 8 l`` again on resume). Terminals that do
not know mode 8 ignore both sequences.

With ``--terminal-bidi terminal`` the reader sends logical order and leaves the mode
alone (for terminals whose own bidi the user prefers).

The sequences go through the Textual driver, in the same stream and order as the rest
of the screen; an ``atexit`` guard writes ``CSI 8 h`` if the driver never got to.

The same driver measures the terminal itself (`tty_size`): Textual asks
``shutil.get_terminal_size``, which prefers the ``COLUMNS`` and ``LINES`` variables to
the terminal. Exported by a shell profile, or set by a parent program (pytest-xdist sets
80x24), they pinned the screen to a size the terminal did not have, at start and after
every resize.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Literal

TerminalBidi = Literal["app", "terminal"]

#: terminal-wg BiDi recommendation, BDSM: reset = explicit (show in the order sent).
EXPLICIT_MODE = "\x1b[8l"
#: BDSM set = implicit (the terminal reorders each line by itself), the usual default.
IMPLICIT_MODE = "\x1b[8h"


class BidiModeSwitch:
    """Tracks whether the terminal was put in explicit mode, so every exit restores it."""

    def __init__(self, terminal_bidi: TerminalBidi = "app") -> None:
        self.terminal_bidi: TerminalBidi = terminal_bidi
        self.explicit = False
        self._guard_installed = False

    @property
    def enabled(self) -> bool:
        """True when the reader reorders and therefore needs explicit mode."""
        return self.terminal_bidi == "app"

    def enter(self, write) -> None:
        """Send ``CSI 8 l`` through ``write`` (the driver's writer) if the reader reorders.

        Once per switch: Textual may start application mode twice on one resume.
        """
        if not self.enabled or self.explicit:
            return
        write(EXPLICIT_MODE)
        self.explicit = True
        if not self._guard_installed:
            atexit.register(self._restore_at_exit)
            self._guard_installed = True

    def leave(self, write) -> None:
        """Send ``CSI 8 h`` through ``write`` if explicit mode is on; marks it off."""
        if self.explicit:
            write(IMPLICIT_MODE)
            self.explicit = False

    def _restore_at_exit(self) -> None:
        """Last resort (the driver died before stopping): restore implicit mode."""
        if not self.explicit:
            return
        stream = sys.__stderr__ if sys.__stderr__ and sys.__stderr__.isatty() else sys.__stdout__
        try:
            if stream is not None:  # no standard streams at all (pythonw, a closed fd)
                stream.write(IMPLICIT_MODE)
                stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
        self.explicit = False


def _write_to_stderr(data: str) -> None:
    """Write ``data`` to the process's original stderr, if it has one, at once."""
    if sys.__stderr__ is not None:
        sys.__stderr__.write(data)
        sys.__stderr__.flush()


def tty_size(*streams) -> tuple[int, int] | None:
    """(columns, lines) as the terminal reports them for the first of ``streams`` that
    is one (never from the environment), or None."""
    for stream in streams:
        try:
            columns, lines = os.get_terminal_size(stream.fileno())
        except (AttributeError, ValueError, OSError):
            continue
        if columns and lines:
            return columns, lines
    return None


def driver_with_bidi_mode(base: type, switch: BidiModeSwitch) -> type:
    """A subclass of the Textual driver ``base`` that sends the mode sequences and
    measures the terminal itself (see the module docstring).

    Returns the class; Textual's suspend (ctrl+z / SIGTSTP) and resume (SIGCONT) go
    through ``stop_application_mode``/``start_application_mode``, so they are covered.
    """

    class BidiModeDriver(base):
        def _get_terminal_size(self) -> tuple[int, int]:
            # Asked at start and on every SIGWINCH (Textual 8's Linux driver).
            size = tty_size(getattr(self, "_file", None), sys.__stdout__, sys.__stderr__)
            return size or super()._get_terminal_size()

        def start_application_mode(self) -> None:
            super().start_application_mode()
            if getattr(self, "_writer_thread", True) is not None:
                switch.enter(self.write)
                self.flush()

        def stop_application_mode(self) -> None:
            try:
                switch.leave(self.write)
            except AssertionError:
                # The writer thread is gone (start failed half-way): write directly.
                switch.leave(_write_to_stderr)
            super().stop_application_mode()

    BidiModeDriver.__name__ = f"BidiMode{base.__name__}"
    return BidiModeDriver
