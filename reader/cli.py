"""The `reader` command line: `reader [PATH...]` opens the TUI; subcommands do the rest.

Each subcommand lives in its own module under `reader.commands` and exposes
`register(subparsers, name, summary)` (adds its parser, with `func` set to its runner). Modules are
imported only for the command being run, so `reader ls` never pays for Textual.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys

from reader.errors import ReaderError

#: subcommand name -> (module under reader.commands, one-line summary); imported lazily
COMMANDS: dict[str, tuple[str, str]] = {
    "open": ("open", "open the reader on PATHs (the default command)"),
    "ls": ("ls", "list documents: language, direction, paragraphs, characters"),
    "render": ("render", "print documents laid out as the reader shows them (bidi, shaping, wrapping)"),
    "info": ("info", "show the database in use and its counts"),
    "export": ("export", "export annotations (jsonl, prodigy, doccano, labelstudio, brat, conll, claimreview, fever)"),
    "import": ("import_", "import annotations from a file"),
    "align": ("align", "align the paragraphs of two documents"),
    "agree": ("agree", "agreement between annotators: span F1, kappa, alpha, links"),
    "merge": ("merge", "merge annotators into a gold database; the rest is left to curate"),
    "curate": ("curate", "curate the disagreements a merge left, one at a time"),
    "suggest": ("suggest", "propose dates, quantities and known entities (and your model's) as spans"),
    "serve": ("serve", "serve the reader to web browsers (one reader per visitor, loopback by default)"),
    "compare": ("compare", "what did the translation change: numbers, ordinals, dates, names"),
    "project": ("project", "propose a document's entity spans in its aligned translation"),
}

DEFAULT_COMMAND = "open"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the module of subcommand `only` is imported (none for `--help`)."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read and annotate news in several languages and scripts, in the terminal. "
        "With no subcommand, `reader [PATH...]` opens the reader on PATHs (default: the bundled seeds).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, summary) in COMMANDS.items():
        if name != only:
            # Cheap placeholder so `reader --help` lists every command without importing it.
            subparsers.add_parser(name, help=summary)
            continue
        _import_command(module).register(subparsers, name, summary)
    return parser


def _import_command(module: str):
    """The module of a subcommand, imported with the garbage collector paused: its
    imports (the bidi engine, the loaders...) make objects that live until the process
    ends, and the collector's passes over them while they are made find nothing to
    free (`reader render` of a one-line file: 62 -> 58 ms, measured)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return importlib.import_module(f"reader.commands.{module}")
    finally:
        if collecting:
            gc.enable()


def script() -> None:
    """The `reader` console script."""
    sys.exit(main(script=True))


def main(argv: list[str] | None = None, *, script: bool = False) -> int:
    """Run the command ``argv`` asks for (default: the process's arguments); its exit
    status. As a ``script`` (the process's own command line), a command that sets
    ``leave_at_once`` ends the process when it is done (see below)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        # `reader`, `reader FILE...`, `reader --db X FILE`: the default command.
        argv.insert(0, DEFAULT_COMMAND)
    command = argv[0] if argv[0] in COMMANDS else None
    parser = build_parser(only=command)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        status = int(args.func(args) or 0)
        if script and getattr(args, "leave_at_once", False):
            # Its output is flushed and it has nothing to clean up, but it holds
            # hundreds of thousands of small objects (render's word forms) that the
            # interpreter would free one by one on the way out (~15 ms).
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
        return status
    except ReaderError as error:
        from reader.commands.common import say

        say(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `reader render | head`: the reader of our output went away; not an error.
        sys.stderr.close()
        return 0
    except OSError as error:
        # The last line of defence for what the commands do not report themselves
        # (e.g. a database in a directory this user may not enter): the file and the
        # reason, no traceback.
        from reader.commands.common import say

        where = error.filename if error.filename is not None else ""
        say(f"{where}: {error.strerror or error}" if where else str(error.strerror or error))
        return 1
