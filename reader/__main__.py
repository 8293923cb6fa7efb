from reader.cli import script

script()
