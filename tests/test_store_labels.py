"""The label schema: the shipped default for news, and clear errors for a bad user file."""

from __future__ import annotations

import pytest

from reader.store.labels import ANSI16, SchemaError, load_schema

VALID = """
[[entity]]
name = "PERSON"
key = "p"
color = "#ff0000"
color16 = "red"

[claim]
label = "CLAIM"
key = "c"
color = "#00ff00"
color16 = "green"

[[claim.attribute]]
name = "stance"
type = "choice"
choices = ["asserted", "denied"]
"""


def test_default_schema_has_the_news_types_on_keys_1_to_7():
    schema = load_schema()
    assert schema.labels == ("PERSON", "ORG", "GPE", "LOC", "PROGRAM", "DATE", "QUANTITY")
    assert [t.key for t in schema.entity_types] == list("1234567")
    assert schema.by_key("5").name == "PROGRAM" and schema.by_key("c").name == "CLAIM"
    colours16 = [t.color16 for t in (*schema.entity_types, schema.claim)]
    assert len(set(colours16)) == len(colours16) and set(colours16) <= set(ANSI16)
    assert {a.name for a in schema.claim_attributes} == {"speaker", "stance", "checkworthy", "note"}


def test_a_user_schema_replaces_the_default(tmp_path):
    path = tmp_path / "labels.toml"
    path.write_text(VALID)
    schema = load_schema(path)
    assert schema.labels == ("PERSON",) and schema.source == str(path)
    assert schema.claim_attributes[0].choices == ("asserted", "denied")


@pytest.mark.parametrize("change, problem", [
    (('key = "p"', 'key = "c"'), r"key: 'c' is already used by PERSON"),
    (('color16 = "red"', 'color16 = "orange"'), r"color16: 'orange' is not one of the 16 ANSI colours"),
    (('color = "#ff0000"', 'color = "red"'), r"color: 'red' must be #rrggbb"),
    (('name = "PERSON"', 'name = "person"'), r"name: 'person' must be UPPER_CASE"),
    (('name = "stance"', 'name = "mood"'), r"unknown claim attribute"),
    (('"denied"]', '"sarcastic"]'), r"sarcastic not among"),
    (('label = "CLAIM"', 'label = "ASSERTION"'), r"must be 'CLAIM'"),
    (('[[entity]]', '[[entity]\n'), r"not valid TOML"),
])
def test_a_bad_schema_names_the_file_and_the_problem(tmp_path, change, problem):
    path = tmp_path / "mine.toml"
    path.write_text(VALID.replace(*change, 1))
    with pytest.raises(SchemaError, match=problem) as caught:
        load_schema(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_a_missing_schema_file_is_named(tmp_path):
    with pytest.raises(SchemaError, match="label schema not found"):
        load_schema(tmp_path / "absent.toml")
