"""Relations between documents: the seed catalog's truths, the cache, corpus-scale candidates."""

from __future__ import annotations

import random

import orjson

from reader.align.cache import RelationCache
from reader.align.relations import ALL_PAIRS_MAX, Relation, find_relations
from reader.core.bundled import seed_catalog
from reader.core.document import Document
from reader.core.loading import load_documents


def seeds() -> list[Document]:
    return load_documents([]).documents


def by_pair(relations: list[Relation]) -> dict[frozenset[str], Relation]:
    return {frozenset((r.a[:3], r.b[:3])): r for r in relations}


def test_seed_relations_match_the_catalog():
    found = by_pair(find_relations(seeds()))
    assert found[frozenset(("000", "001"))].kind == "duplicate"
    assert found[frozenset(("000", "004"))].kind == "translation"
    # 003 is Italian coverage of the same agreement (not a translation of 000 or 004).
    assert found[frozenset(("000", "003"))].kind == "same-event"
    assert found[frozenset(("003", "004"))].kind == "same-event"
    # 002 is another Arabic outlet: related to 000, but not a copy of it.
    assert found[frozenset(("000", "002"))].kind == "same-event"


def test_every_catalog_relation_is_found_with_the_catalog_kind():
    found = by_pair(find_relations(seeds()))
    for entry in seed_catalog()["relation"]:
        pair = frozenset((entry["a"][:3], entry["b"][:3]))
        assert found[pair].kind == entry["type"], entry


def test_translation_evidence_names_the_shared_anchors():
    found = by_pair(find_relations(seeds()))
    evidence = found[frozenset(("000", "004"))].evidence
    assert {"ilrs", "roscosmos", "artemis"} <= set(evidence["shared_anchors"])
    assert evidence["anchors_in_place"] >= 0.7


def test_relation_key_is_the_same_from_both_sides():
    assert Relation("b", "a", "translation", 0.9).key == Relation("a", "b", "translation", 0.5).key == "a|b|translation"
    assert Relation("a", "b", "duplicate", 0.9).key != Relation("a", "b", "translation", 0.9).key


def test_unrelated_articles_in_one_language_are_not_related():
    weather = Document("w", "w.txt", "Heavy rain is expected across the north of the country tomorrow.\n"
                       "Forecasters said temperatures would fall below freezing at night in the hills.", {"lang": "en"})
    football = Document("f", "f.txt", "The home side won the cup final after a penalty shoot-out.\n"
                        "Their coach praised the goalkeeper, who saved three penalties.", {"lang": "en"})
    assert find_relations([weather, football]) == []


def test_a_lightly_edited_copy_is_a_duplicate():
    text = ("وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية التي تدور حول القمر. "
            "وقالت وكالة الفضاء الروسية في بيان إن المحطة مجموعة من مرافق البحث التجريبية. "
            "وكانت القوى الفضائية تجري محادثات منذ شهور حول المشروع المشترك.")
    edited = text.replace("منذ شهور", "منذ أشهر").replace(". ", ".\n")
    relations = find_relations([Document("x", "x.txt", text), Document("y", "y.txt", edited)])
    assert [(r.kind, r.a, r.b) for r in relations] == [("duplicate", "x", "y")]


def test_verdicts_are_cached_by_content_in_a_file(tmp_path):
    path = tmp_path / "cache" / "relations.json"
    first = RelationCache(path)
    before = find_relations(seeds(), cache=first)
    assert first.misses == 10 and first.hits == 0
    assert path.exists() and orjson.loads(path.read_bytes())["pairs"]
    again = RelationCache(path)
    after = find_relations(seeds(), cache=again)
    assert again.hits == 10 and again.misses == 0
    assert [(r.key, r.score) for r in after] == [(r.key, r.score) for r in before]


def test_a_corrupt_cache_file_is_ignored_and_rewritten(tmp_path):
    path = tmp_path / "relations.json"
    path.write_bytes(b"{not json")
    cache = RelationCache(path)
    assert len(cache) == 0
    find_relations(seeds(), cache=cache)
    assert orjson.loads(path.read_bytes())["version"] >= 1


def test_large_corpora_use_candidate_indexes_and_still_find_the_seed_relations():
    # More documents than ALL_PAIRS_MAX: pairs come from MinHash LSH and the anchor index.
    rng = random.Random(7)
    def pseudo_word() -> str:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))

    vocabulary = [pseudo_word() for _ in range(3000)]
    filler = [
        Document(f"filler{n}", f"filler{n}.txt",
                 " ".join(rng.choice(vocabulary) for _ in range(120))
                 + f" {pseudo_word().title()} {1000 + n}.",
                 {"lang": "en"})
        for n in range(ALL_PAIRS_MAX + 20)
    ]
    found = by_pair(find_relations(seeds() + filler))
    assert found[frozenset(("000", "001"))].kind == "duplicate"
    assert found[frozenset(("000", "004"))].kind == "translation"
    assert not any(key for key in found if any(doc.startswith("fil") for doc in key))


def test_default_cache_file_lives_under_the_user_cache_directory(tmp_path, monkeypatch):
    from reader.align.cache import default_cache_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = default_cache_path()
    assert path == tmp_path / "xdg" / "reader" / "relations.json"
    cache = RelationCache(path)
    find_relations(seeds(), cache=cache)
    assert path.exists()
