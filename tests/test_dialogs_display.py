"""How dialogs draw document text: display order, emphasis on the right cells, snippets,
and highlighted rows that read without colour."""

from __future__ import annotations

from dialog_support import DialogHost, run

from reader.tui.dialogs.display import clip, has_rtl, safe_input_value, screen_line, screen_lines, snippet


def emphasised(text) -> str:
    return "".join(text.plain[s.start:s.end] for s in text.spans if "underline" in str(s.style))


def test_an_arabic_line_is_drawn_right_to_left_with_the_emphasis_on_the_word_asked_for():
    text = "قالت وكالة روسكوزموس"
    line = screen_line(text, emphasis=(text.index("وكالة"), text.index("وكالة") + 5))
    words = line.plain.split(" ")
    assert len(words) == 3
    assert emphasised(line) == words[1]          # the middle word, shaped
    assert line.plain.endswith(words[2]) and words[2] != ""  # قالت (first logically) is drawn last, at the right


def test_emphasis_in_mixed_text_covers_only_the_latin_word():
    text = "قالت وكالة Roscosmos إن"
    start = text.index("Roscosmos")
    assert emphasised(screen_line(text, emphasis=(start, start + 9))) == "Roscosmos"


def test_newlines_count_as_spaces_so_offsets_still_match():
    text = "first line\nsecond"
    line = screen_line(text, emphasis=(11, 17))
    assert line.plain == "first line second"
    assert emphasised(line) == "second"


def test_wrapped_right_to_left_lines_hug_the_right_edge():
    lines = screen_lines("قالت وكالة روسكوزموس الروسية إن المحطة", 12)
    assert len(lines) > 1
    assert all(len(l.plain) == 12 or l is lines[-1] or l.plain.startswith(" ") for l in lines)
    assert lines[-1].plain.startswith(" ") or len(lines[-1].plain) == 12


def test_snippet_keeps_the_match_inside_one_paragraph_and_marks_cuts():
    text = "Before.\n\n" + "word " * 20 + "Russia " + "word " * 20 + "\n\nAfter."
    start = text.index("Russia")
    shown, s, e = snippet(text, start, start + 6)
    assert shown[s:e] == "Russia"
    assert shown.startswith("…") and shown.endswith("…")
    assert "Before" not in shown and "After" not in shown


def test_a_snippet_that_reaches_the_start_of_its_paragraph_keeps_the_first_word():
    # The window starts inside "agreement", with no space before the paragraph break.
    text = "Russia and China signed an agreement.\n\nRoscosmos said Russia would build the station."
    start = text.index("Russia", 10)
    shown, s, e = snippet(text, start, start + 6, radius=26)
    assert shown.startswith("Roscosmos said Russia") and shown[s:e] == "Russia"


def test_clip_and_helpers():
    assert clip("abcdef", 4) == "abc…"
    assert clip("a\nb", 10) == "a b"
    assert has_rtl("abc روسيا") and not has_rtl("abc")
    assert safe_input_value("a\x1bb\u200cc") == "a␛b\u200cc"  # ZWNJ is a letter joiner, kept


def test_the_highlighted_row_is_marked_in_the_text_itself_so_it_reads_without_colour(monkeypatch):
    from reader.store.labels import load_schema
    from reader.tui.dialogs import LabelChooser
    from reader.tui.dialogs.choice_list import MarkedList

    monkeypatch.setenv("NO_COLOR", "1")

    async def go():
        app = DialogHost(LabelChooser(load_schema(), "GPE"))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.no_color
            listing = app.screen.query_one(MarkedList)
            marked = [i for i in range(listing.option_count)
                      if listing.get_option_at_index(i).prompt.plain.startswith("▶")]
            assert len(marked) == 1 and "GPE" in listing.get_option_at_index(marked[0]).prompt.plain
            await pilot.press("down")
            marked = [i for i in range(listing.option_count)
                      if listing.get_option_at_index(i).prompt.plain.startswith("▶")]
            assert len(marked) == 1 and "LOC" in listing.get_option_at_index(marked[0]).prompt.plain

    run(go())
