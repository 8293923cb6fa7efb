"""Where the annotation database is: `--db`, then `READER_DB`, then a project-local
`.reader/annotations.db` in the current directory or a parent, then the user data directory."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_VAR = "READER_DB"
#: a project-local database, looked for in the current directory and its parents
PROJECT_DB = Path(".reader") / "annotations.db"
DB_NAME = "annotations.db"


@dataclass(frozen=True)
class DatabaseChoice:
    """The database path and how it was chosen (for `reader info`)."""

    path: Path
    reason: str


def user_db_path() -> Path:
    """The platform's per-user data location (e.g. ~/.local/share/reader/annotations.db)."""
    return Path(platformdirs.user_data_dir("reader", appauthor=False)) / DB_NAME


def find_project_db(start: Path | None = None) -> Path | None:
    """The nearest `.reader/annotations.db` in `start` (default: the current directory) or a parent."""
    here = (start or Path.cwd()).absolute()
    for directory in (here, *here.parents):
        candidate = directory / PROJECT_DB
        if candidate.is_file():
            return candidate
    return None


def choose_db(cli_value: str | os.PathLike[str] | None = None, *, cwd: Path | None = None) -> DatabaseChoice:
    """The database to use and why, in order of precedence: --db, READER_DB, project, user."""
    if cli_value:
        return DatabaseChoice(Path(cli_value).expanduser().absolute(), "--db on the command line")
    env = os.environ.get(ENV_VAR)
    if env:
        return DatabaseChoice(Path(env).expanduser().absolute(), f"the {ENV_VAR} environment variable")
    project = find_project_db(cwd)
    if project is not None:
        return DatabaseChoice(project, f"project database ({PROJECT_DB} found in {project.parent.parent})")
    return DatabaseChoice(user_db_path(), "the default location for this user (platformdirs user data dir)")


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database path for a command given its `--db` value (None when not given)."""
    return choose_db(cli_value).path


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """Add `--db PATH` (dest "db") to a subcommand's parser."""
    parser.add_argument(
        "--db", metavar="PATH", default=None,
        help=f"annotation database (default: ${ENV_VAR}, else {PROJECT_DB} in this directory or a "
        "parent, else the user data directory)",
    )
