"""Command-line subcommands, one module each (see reader/cli.py)."""
