"""Shared test helpers. Test data is written by each test; the seeds come from the repo."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def reader_cmd() -> list[str]:
    """The `reader` command of this environment, run as a module (no PATH assumptions)."""
    return [sys.executable, "-m", "reader"]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep tests away from the user's real database, config and cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("READER_DB", raising=False)
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
