"""Cursor motions in a pane: visual ←/→ (also in right-to-left text), ↑/↓, words, top/bottom."""

from __future__ import annotations

import asyncio

import pytest
from tui_support import app_for, write_docs

from reader.bidi.layout import layout_paragraph


def run(coro):
    return asyncio.run(coro)


def test_left_arrow_in_arabic_moves_the_cursor_left_on_screen_and_forward_in_the_text(tmp_path):
    (path,) = write_docs(tmp_path, ar="مرحبا بالعالم الجميل\n")

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.reading.panes[0].view
            start_column = view.cursor_location()[2]
            assert view.cursor == 0
            await pilot.press("left")
            assert view.cursor == 1  # the next letter in reading order...
            assert view.cursor_location()[2] == start_column - 1  # ...is one cell to the left
            await pilot.press("left", "left")
            assert view.cursor == 3
            await pilot.press("right")
            assert view.cursor == 2
            assert view.cursor_location()[2] == start_column - 2

    run(go())


def test_right_arrow_crosses_an_arabic_word_inside_english_cell_by_cell(tmp_path):
    text = "abc مرحبا def"
    (path,) = write_docs(tmp_path, mixed=text + "\n")
    width = 80 - 1  # the pane's scrollbar takes one column
    line = layout_paragraph(text, width, "ltr").lines[0]

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.reading.panes[0].view
            seen = [view.cursor]
            columns = [view.cursor_location()[2]]
            for _ in range(len(line.cells) - 1):
                await pilot.press("right")
                seen.append(view.cursor)
                columns.append(view.cursor_location()[2])
            assert columns == list(range(len(line.cells)))
            assert seen == [start for start, _end in line.cells]
            # Inside the Arabic word the logical offset goes DOWN while the cursor goes right.
            arabic = seen[4:9]
            assert arabic == sorted(arabic, reverse=True)

    run(go())


def test_down_and_up_keep_the_screen_column(tmp_path):
    paragraph = " ".join(["word"] * 60)
    (path,) = write_docs(tmp_path, long=paragraph + "\n")

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.reading.panes[0].view
            await pilot.press(*["right"] * 7)
            assert view.cursor_location()[1:] == (0, 7)
            await pilot.press("down")
            assert view.cursor_location()[1:] == (1, 7)
            assert view.cursor > 70
            await pilot.press("up")
            assert view.cursor_location()[1:] == (0, 7) and view.cursor == 7

    run(go())


def test_word_motions_land_on_word_starts_and_ends(tmp_path):
    text = "Roscosmos said: the station, ILRS, orbits.\nمحطة أبحاث القمر الدولية\n"
    (path,) = write_docs(tmp_path, words=text)

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.reading.panes[0].view
            await pilot.press("w")
            assert view.cursor == text.index("said")
            await pilot.press("e")
            assert view.cursor == text.index("said") + 3
            await pilot.press("w", "w")
            assert view.cursor == text.index("station")
            await pilot.press("b")
            assert view.cursor == text.index("the")
            await pilot.press("ctrl+down")
            assert view.cursor == text.index("محطة")
            await pilot.press("w")
            assert view.cursor == text.index("أبحاث")

    run(go())


def test_top_and_bottom_reach_the_first_and_last_character(tmp_path):
    text = "\n\n".join(f"Paragraph {i} of a long test document." for i in range(200)) + "\n"
    (path,) = write_docs(tmp_path, many=text)

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.reading.panes[0].view
            await pilot.press("G")
            assert view.cursor == len(text.rstrip("\n")) - 1
            assert view.scroll_y > 0
            line = view.cursor_screen_line()
            assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height
            await pilot.press("g")
            assert view.cursor == 0 and view.scroll_y == 0
            await pilot.press("pagedown")
            assert view.cursor > 0 and view.scroll_y > 0

    run(go())


def test_status_line_shows_the_logical_offset_and_paragraph(tmp_path):
    (path,) = write_docs(tmp_path, two="First paragraph here.\n\nSecond one.\n")

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+down")
            await pilot.pause()
            from reader.tui.widgets.status_line import StatusLine

            status = app.screen.query_one(StatusLine)
            assert status.cursor_offset == len("First paragraph here.\n\n")
            rendered = str(status.render())
            assert f"offset {status.cursor_offset}" in rendered and "¶ 2/2" in rendered
            assert "no database" in rendered

    run(go())


def test_click_puts_the_cursor_on_the_clicked_cell(tmp_path):
    (path,) = write_docs(tmp_path, ar="مرحبا بالعالم\n")

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.reading.panes[0].view
            line = layout_paragraph("مرحبا بالعالم", 79, "rtl").lines[0]
            pad = line.pad(79)
            await pilot.click(view, offset=(pad + 2, 0))
            assert view.cursor == line.cells[2][0]

    run(go())


def test_resize_keeps_the_cursor_offset_and_relayouts(tmp_path):
    text = "\n\n".join(" ".join(f"w{i}x{j}" for j in range(40)) for i in range(30)) + "\n"
    (path,) = write_docs(tmp_path, wide=text)

    async def go():
        app = app_for([path])
        async with app.run_test(size=(160, 40)) as pilot:
            view = app.reading.panes[0].view
            await pilot.press(*["ctrl+down"] * 12, *["w"] * 25)
            before = view.cursor
            lines_before = view.virtual_size.height
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert view.cursor == before
            assert view.virtual_size.height > lines_before  # narrower: more screen lines
            line = view.cursor_screen_line()
            assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height

    run(go())


@pytest.mark.parametrize("keymap, home, end", [("default", "home", "end"), ("vim", "0", "dollar_sign")])
def test_line_start_and_end_are_the_logical_start_and_end_of_an_arabic_line(keymap, home, end):
    """000 ¶12, its second screen line: line start is where the line begins in reading
    order (its right edge), line end where it ends (its left edge)."""
    from reader.core.bundled import seeds_dir

    path = next(seeds_dir().glob("000_*.txt"))

    async def go():
        app = app_for([path], keymap=keymap)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            view = app.reading.panes[0].view
            paragraph = view.document.paragraphs[11]  # ¶12 on screen
            lines = layout_paragraph(paragraph.text, 79, "rtl").lines
            assert len(lines) >= 3 and all(line.rtl for line in lines)
            view.move_cursor(paragraph.start + lines[1].start + 3)  # inside the second line
            await pilot.press(home)
            assert view.cursor == paragraph.start + lines[1].start
            assert view.cursor_location()[2] == 78  # the right edge of the pane
            await pilot.press(end)
            last = max(start for start, _end in lines[1].cells)
            assert view.cursor == paragraph.start + last
            assert view.cursor_location()[2] == lines[1].pad(79)  # the left end of the text
            await pilot.press(home)
            assert view.cursor == paragraph.start + lines[1].start

    run(go())


def test_line_start_and_end_on_an_english_line_are_its_left_and_right_edges(tmp_path):
    text = "Russia and China signed an agreement"
    (path,) = write_docs(tmp_path, en=text + "\n")

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.reading.panes[0].view
            await pilot.press("right", "right", "end")
            assert view.cursor == len(text) - 1 and view.cursor_location()[2] == len(text) - 1
            await pilot.press("home")
            assert view.cursor == 0 and view.cursor_location()[2] == 0

    run(go())


def test_show_invisibles_toggle_draws_placeholders_for_zwnj(tmp_path):
    from tui_support import screen_lines

    (path,) = write_docs(tmp_path, fa="می\u200cخواهم\n")

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            assert not any("\u2298" in line for line in screen_lines(app))
            await pilot.press("I")
            await pilot.pause()
            assert app.reading.panes[0].view.show_invisibles
            assert any("\u2298" in line for line in screen_lines(app))  # ⊘ marks the ZWNJ

    run(go())


def test_terminal_bidi_terminal_sends_logical_order(tmp_path):
    from tui_support import screen_lines

    text = "مرحبا بالعالم"
    (path,) = write_docs(tmp_path, ar=text + "\n")

    async def go():
        app = app_for([path], terminal_bidi="terminal")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            view = app.reading.panes[0].view
            assert view.order == "logical"
            assert any(line.startswith(text) for line in screen_lines(app))  # unshaped, unreordered

    run(go())


def test_a_document_on_one_huge_line_is_laid_out_in_blocks_and_reaches_its_end(tmp_path, monkeypatch):
    import reader.tui.widgets.document_view as document_view
    from reader.tui.widgets.text_blocks import BLOCK_CHARS

    words = [f"w{i}" for i in range(200_000)]
    text = "بداية " + " ".join(words) + " نهاية"
    (path,) = write_docs(tmp_path, huge=text + "\n")
    laid_out: list[int] = []
    real_layout = document_view.layout_paragraph

    def observed(text, *args, **kwargs):
        laid_out.append(len(text))
        return real_layout(text, *args, **kwargs)

    monkeypatch.setattr(document_view, "layout_paragraph", observed)

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.reading.panes[0].view
            await pilot.press("G")
            await pilot.pause()
            assert view.cursor == len(text) - 1
            assert view.paragraph_index_at(view.cursor) == 0  # still one paragraph
            await pilot.press("b", "b")
            assert text[view.cursor:].startswith(words[-1])
            await pilot.press("g", "w")
            assert text[view.cursor:].startswith("w0 ")

    run(go())
    assert laid_out and max(laid_out) <= BLOCK_CHARS


def test_sentence_motions_jump_between_sentence_starts(tmp_path):
    text = "Russia signed. China signed too! The station follows.\n"
    (path,) = write_docs(tmp_path, sentences=text)

    async def go():
        app = app_for([path])
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.reading.panes[0].view
            await pilot.press("right_parenthesis")
            assert view.cursor == text.index("China")
            await pilot.press("right_parenthesis")
            assert view.cursor == text.index("The station")
            await pilot.press("left_parenthesis")
            assert view.cursor == text.index("China")

    run(go())
