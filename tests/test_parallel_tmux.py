"""The parallel layout in a real terminal: two aligned documents side by side, each
aligned group of paragraphs starting on the same screen row in both panes, at the top
and after going to the end (tmux runs `reader`, capture-pane reads the screen back).

Seeds 000 (Arabic) and 004 (its English translation, which adds its title twice before
the text): 000's paragraph i is 004's i + 2 (tests/test_align_paragraphs.py). A pair
written here merges two English paragraphs into one Italian one (a 2-to-1 group).
"""

from __future__ import annotations

import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest

from reader.bidi.layout import layout_paragraph
from reader.core.loading import load_documents
from tmux_support import TmuxTerminal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)")

WIDTH, HEIGHT = 160, 48
#: Each pane's text area: a grid column of 80 cells less the scrollbar (and, for the
#: right pane, its left border).
LEFT_WIDTH, RIGHT_WIDTH = 79, 78
BORDER = "▏"
#: The keys of each keymap that go to the end of the document (keymaps/*.toml).
BOTTOM_KEYS = {"default": "C-End", "vim": "G"}

EN = [
    "Lunar station plans",
    "Russia and China signed an agreement on 9 March 2021 to build the International Lunar Research "
    "Station (ILRS), a base on the surface of the Moon or in orbit around it, open to other partners.",
    "Roscosmos said the station would host experiments of many kinds, from geology to astronomy, "
    "and could later support long stays by crews.",
    "The China National Space Administration added that the first modules could fly before 2030, "
    "after robotic missions such as Chang'e 6 and Chang'e 7.",
    "NASA has meanwhile signed the Artemis Accords with nine countries, among them Japan, Canada and "
    "the United Kingdom, to set rules for work on the Moon.",
    "Moscow declined to join the Artemis Accords, saying that the Gateway project was too centred on "
    "the United States and that its share in it would be too small.",
    "Analysts expect the two programmes to compete for partners across Europe, Asia and Africa over "
    "the next ten years.",
]
IT = [
    "La Russia e la Cina hanno firmato il 9 marzo 2021 un accordo per costruire la Stazione "
    "internazionale di ricerca lunare (ILRS), una base sulla superficie della Luna o in orbita "
    "attorno ad essa, aperta ad altri partner.",
    # English paragraphs 2 and 3 in one.
    "Roscosmos ha detto che la stazione ospiterà esperimenti di molti tipi, dalla geologia "
    "all'astronomia, e potrà in seguito sostenere lunghe permanenze di equipaggi. L'Amministrazione "
    "spaziale nazionale cinese ha aggiunto che i primi moduli potrebbero volare prima del 2030, dopo "
    "missioni robotiche come Chang'e 6 e Chang'e 7.",
    "La NASA ha intanto firmato gli Accordi Artemis con nove paesi, tra cui il Giappone, il Canada e "
    "il Regno Unito, per fissare le regole del lavoro sulla Luna.",
    "Mosca ha rifiutato di aderire agli Accordi Artemis, dicendo che il progetto Gateway era troppo "
    "centrato sugli Stati Uniti e che la sua parte sarebbe stata troppo piccola.",
    "Gli analisti si aspettano che i due programmi si contendano partner in Europa, Asia e Africa nei "
    "prossimi dieci anni.",
]
#: (English paragraphs, Italian paragraphs) of each aligned group; 0 is the title only
#: the English article has.
EN_IT_GROUPS = [((1,), (0,)), ((2, 3), (1,)), ((4,), (2,)), ((5,), (3,)), ((6,), (4,))]


@pytest.fixture
def sessions():
    opened: list[TmuxTerminal] = []
    yield opened
    for session in opened:
        session.close()


def first_lines(document, width: int) -> list[str]:
    """Each paragraph's first screen line as the engine lays it out, without its padding."""
    return [layout_paragraph(p.text, width, p.direction).lines[0].text.strip() for p in document.paragraphs]


def rows_of(screen: list[str], lines: list[str], side: int) -> dict[int, int]:
    """Paragraph -> the screen row showing its first line in pane ``side`` (0 left, 1 right)."""
    found: dict[int, int] = {}
    for row, text in enumerate(screen[1:-2], 1):  # not the headers, status line, key bar
        if BORDER not in text:
            continue
        pane = text.split(BORDER, 1)[side].strip()
        for paragraph, line in enumerate(lines):
            if line and pane.startswith(line[:40]) and paragraph not in found:
                found[paragraph] = row
    return found


def settle(session: TmuxTerminal, expected: str, timeout: float = 30) -> list[str]:
    """The screen once ``expected`` is on it and two captures a moment apart agree."""
    deadline = time.monotonic() + timeout
    previous: list[str] | None = None
    while time.monotonic() < deadline:
        screen = session.capture()
        if any(expected in line for line in screen) and screen == previous:
            return screen
        previous = screen
        time.sleep(0.3)
    raise AssertionError(f"{expected!r} never settled:\n{session.screen()}")


def check_groups(screen, left_lines, right_lines, groups, where: str) -> int:
    """Assert every group seen in either pane starts on the same row in both; how many."""
    left, right = rows_of(screen, left_lines, 0), rows_of(screen, right_lines, 1)
    seen = 0
    for a, b in groups:
        if a[0] in left or b[0] in right:
            assert left.get(a[0]) == right.get(b[0]), (
                f"{where}: group {a}/{b}: left ¶{a[0]} on row {left.get(a[0])}, right ¶{b[0]} on row "
                f"{right.get(b[0])}\n" + "\n".join(screen))
            seen += 1
    return seen


def reader_command(*args: str) -> str:
    return shlex.join([sys.executable, "-m", "reader", *args])


@pytest.mark.parametrize("keymap", ["default", "vim"])
def test_seeds_000_and_004_line_up_paragraph_by_paragraph_at_the_top_and_the_end(tmp_path, sessions, keymap):
    from reader.core.bundled import seeds_dir

    documents = {d.id[:3]: d for d in load_documents([seeds_dir()]).documents}
    arabic, english = documents["000"], documents["004"]
    groups = [((i,), (i + 2,)) for i in range(len(arabic.paragraphs))]
    left, right = first_lines(arabic, LEFT_WIDTH), first_lines(english, RIGHT_WIDTH)
    session = TmuxTerminal(reader_command("--keymap", keymap), cwd=tmp_path, width=WIDTH, height=HEIGHT)
    sessions.append(session)
    top = settle(session, "parallel")
    assert check_groups(top, left, right, groups, "top") >= 8
    # 004's two title lines face blank rows: 000's first paragraph starts below them.
    title_rows = rows_of(top, first_lines(english, RIGHT_WIDTH)[:2], 1)
    assert sorted(title_rows) == [0, 1] and rows_of(top, left, 0)[0] > max(title_rows.values())
    session.keys(BOTTOM_KEYS[keymap])
    end = settle(session, f"¶ {len(arabic.paragraphs)}/{len(arabic.paragraphs)}")
    assert check_groups(end, left, right, groups, "end") >= 5
    assert len(arabic.paragraphs) - 1 in rows_of(end, left, 0)  # the last pair is on screen


def test_a_merged_paragraph_stays_beside_the_two_it_translates(tmp_path, sessions):
    (tmp_path / "en.txt").write_text("\n\n".join(EN) + "\n", encoding="utf-8")
    (tmp_path / "it.txt").write_text("\n".join(IT) + "\n", encoding="utf-8")
    english, italian = load_documents([tmp_path / "en.txt", tmp_path / "it.txt"]).documents
    left, right = first_lines(english, LEFT_WIDTH), first_lines(italian, RIGHT_WIDTH)
    session = TmuxTerminal(reader_command("en.txt", "it.txt"), cwd=tmp_path, width=WIDTH, height=HEIGHT)
    sessions.append(session)
    screen = settle(session, "parallel")
    assert check_groups(screen, left, right, EN_IT_GROUPS, "top") == len(EN_IT_GROUPS)
    left_rows, right_rows = rows_of(screen, left, 0), rows_of(screen, right, 1)
    # The merged group: English ¶2 and ¶3 both beside Italian ¶1, and the next group
    # starts level again below the longer side.
    assert left_rows[2] == right_rows[1] < left_rows[3] < left_rows[4] == right_rows[2]
    # The title only English has faces a blank row.
    title = left_rows[0]
    assert screen[title].split(BORDER, 1)[1].strip() == ""
