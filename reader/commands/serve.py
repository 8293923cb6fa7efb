"""`reader serve [PATH...]`: the reader in a web browser, one reader process per visitor.

textual-serve runs ``reader open`` for each browser tab that connects and relays its
screen to xterm.js in the page (keys the other way). The reader already shapes, reorders
and mirrors right-to-left text into cells, so the browser only has to draw them: the page
gives xterm.js the fonts that have every glyph the reader sends (reader/commands/web_fonts.py).

Every visitor's process opens the same database: the first holds the writer lock, the
others get it read-only and are told so on their screen, as in a terminal. Closing a tab
ends that visitor's process (textual-serve sends it "quit" when the websocket closes),
which releases the lock. Ctrl+C (or SIGTERM) closes every websocket first, so that every
visitor's process is told to quit and is waited for before the server exits.

textual-serve has no authentication: whoever can reach the port can read the documents
and change the annotations. The server binds to loopback unless ``--public`` is given,
and refuses websockets from other web sites (cross-site websocket hijacking), and any
request through a host name that is not a loopback one (DNS rebinding) while it serves
loopback only.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import signal
import socket
import sys
import weakref
from pathlib import Path
from urllib.parse import urlsplit

from reader.commands.common import add_paths_argument, say
from reader.errors import ReaderError, UsageError

#: Host names that always mean this machine.
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
#: The page's template (replaces textual-serve's: title, fonts, no external requests).
PAGE_DIRECTORY = Path(__file__).with_name("serve_page")
#: The page's font size in CSS pixels (textual-serve's is 16; ?fontsize=N in the address
#: sets another). xterm.js makes a cell a whole number of pixels wide, and DejaVu Sans
#: Mono's Arabic must fill it for joined letters to meet: measured at 1280×800, 15 px
#: leaves no join broken where 16 px breaks 645 of 910 (tests/test_serve_browser.py).
FONT_SIZE = 15
#: Where the page fetches the fonts of its font stack.
FONTS_ROUTE = "/reader-fonts"


def register(subparsers, name: str, summary: str) -> None:
    from reader.store.location import add_db_argument

    parser = subparsers.add_parser(
        name, help=summary, description=summary + ". Each browser tab gets its own reader; "
        "the first one holds the database's writer lock, the others read it only.")
    add_paths_argument(parser)
    add_db_argument(parser)
    parser.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                        help="address to listen on (default: 127.0.0.1, this machine only); any "
                        "other needs --public")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument("--public", action="store_true",
                        help="allow a non-loopback --host: anyone who can reach it can read the "
                        "documents and change the annotations (there is no authentication)")
    parser.add_argument("--annotator", metavar="NAME", default="",
                        help="the name recorded in the annotations visitors make (default: the login name)")
    parser.add_argument("--keymap", metavar="NAME|PATH", default=None,
                        help="key bindings: a bundled keymap name (see docs/keymaps.md) or a TOML file")
    parser.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    """True if ``host`` (a name or an address, IPv6 in brackets or not) is this machine only."""
    host = host.strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def corpus_title(paths: list[str], count: int) -> str:
    """The page's title: the corpus by its paths (the seeds when none), and its size."""
    from reader.bidi.sanitize import visible

    if not paths:
        where = "bundled seeds"
    else:
        names = [Path(path).name or path for path in paths]
        where = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    documents = f"{count} document{'s' if count != 1 else ''}"
    return visible(f"reader: {where} ({documents})")


def visitor_command(args: argparse.Namespace, db_path: Path) -> str:
    """The shell command textual-serve runs for each visitor: `reader open` on the same
    documents and database. ``exec``: the reader is textual-serve's child itself (not a
    shell's), so signals and the end of its pipes reach it."""
    command = [sys.executable, "-m", "reader", "open", *(str(Path(p).absolute()) for p in args.paths),
               "--db", str(db_path)]
    if args.annotator:
        command += ["--annotator", args.annotator]
    if args.keymap:
        command += ["--keymap", str(Path(args.keymap).absolute()) if Path(args.keymap).is_file() else args.keymap]
    return "exec " + shlex.join(command)


#: The server's pid, in the environment of every visitor's reader (see `end_with_server`).
SERVER_PID = "READER_SERVE_PID"


def end_with_server() -> None:
    """In a visitor's reader: end when the server that started it ends, however it ends.

    Ctrl+C and SIGTERM make the server stop each reader itself; a server killed outright
    (SIGKILL, a crash, the out-of-memory killer) cannot, and its readers would live on
    with the writer lock. On Linux the kernel sends this process SIGTERM when its parent
    dies (PR_SET_PDEATHSIG), which Textual's web driver turns into a clean exit (database
    closed, lock released). Elsewhere this does nothing."""
    server = os.environ.get(SERVER_PID, "")
    if not sys.platform.startswith("linux") or not server.isdigit():
        return
    import ctypes

    pr_set_pdeathsig = 1
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0) != 0:
            return
    except (OSError, AttributeError):
        return
    if os.getppid() != int(server):  # the server ended before the request was made
        raise ReaderError("the `reader serve` that started this reader has ended")


def prepare_database(db_path: Path, annotator: str) -> None:
    """Create the database now if it does not exist, so that the first visitor's reader
    opens it (and takes the writer lock) when it starts, not at its first change; say so
    when another process holds the lock (every visitor will then be read-only)."""
    from reader.store.database import AnnotationStore

    store = AnnotationStore.open(db_path, annotator=annotator)
    try:
        if store.read_only:
            say(f"{store.lock_message}: every visitor will read it only")
    finally:
        store.close()


def run(args: argparse.Namespace) -> int:
    from reader.commands.open import first_panes
    from reader.core.lazy_loading import LazyCorpus
    from reader.store.location import resolve_db_path

    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: not a port number (1-65535)")
    if not is_loopback(args.host) and not args.public:
        raise UsageError(
            f"--host {args.host}: not a loopback address; the server has no authentication, so anyone "
            "who can reach it could read the documents and change the annotations. Add --public to "
            "do it anyway, or keep 127.0.0.1 and use an SSH tunnel (docs/serve.md)")
    check_address(args.host, args.port)
    corpus = LazyCorpus(args.paths)
    for problem in corpus.problems:
        say(str(problem))
    # As `reader open` decides it in each visitor's process.
    failed = [i for i in first_panes(corpus, args.paths) if not corpus[i].text] if len(corpus) else []
    if not len(corpus) or len(failed) == len(corpus):
        raise ReaderError("no document could be loaded")
    if args.keymap:
        from reader.tui.keymap import resolve_keymap

        try:
            resolve_keymap(args.keymap)  # reported now, not in each visitor's page
        except ReaderError as error:
            raise UsageError(str(error)) from None
    db_path = resolve_db_path(args.db)
    prepare_database(db_path, args.annotator)

    from reader.commands.web_fonts import find_faces, missing_fonts_message

    fonts, missing = find_faces()
    if missing:
        say(missing_fonts_message(missing))
    if not is_loopback(args.host):
        say(f"WARNING: serving on {args.host}, not only this machine: there is no authentication, "
            "anyone who can reach port "
            f"{args.port} can read these documents and change the annotations in {db_path}. "
            "The safe way is 127.0.0.1 and an SSH tunnel (docs/serve.md).")
    os.environ[SERVER_PID] = str(os.getpid())  # inherited by every visitor's reader
    server = _reader_server()(
        visitor_command(args, db_path), host=args.host, port=args.port,
        title=corpus_title(args.paths, len(corpus)), fonts=fonts, public=not is_loopback(args.host),
    )
    try:
        server.serve()
    except OSError as error:  # the address was taken between the check and the start
        raise ReaderError(f"{args.host}:{args.port}: cannot listen there: {error.strerror or error}") from None
    return 0


def check_address(host: str, port: int) -> None:
    """ReaderError if the server could not listen on ``host``:``port`` (in use, not an
    address of this machine, a name that does not resolve), before anything is printed."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        for family, kind, proto, _name, address in addresses:
            with socket.socket(family, kind, proto) as probe:
                # As aiohttp will: an address left in TIME_WAIT by a previous server is free.
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
    except OSError as error:
        raise ReaderError(f"{host}:{port}: cannot listen there: {error.strerror or error}") from None


def _reader_server() -> type:
    """The textual-serve Server for the reader (imported only for this command)."""
    import aiohttp_jinja2
    from aiohttp import WSCloseCode, web
    from textual_serve.server import Server

    from reader.commands.web_fonts import FACES, FAMILY

    class ReaderServer(Server):
        """textual-serve's Server with the reader's page, its fonts, the visitors' websockets
        closed on shutdown, and same-origin websockets only."""

        def __init__(self, command: str, *, host: str, port: int, title: str,
                     fonts: dict[str, Path], public: bool) -> None:
            # textual-serve joins these to its own directory; absolute paths stay as they are.
            super().__init__(command, host=host, port=port, title=title,
                             templates_path=PAGE_DIRECTORY.absolute())
            self.fonts = fonts
            self.public = public
            self.sockets: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.router.add_get(FONTS_ROUTE + "/{name}", self.handle_font)
            app.middlewares.append(self._guard)
            app.on_response_prepare.append(self._remember_socket)
            app.on_shutdown.append(self._close_sockets)
            return app

        @aiohttp_jinja2.template("index.html")
        async def handle_index(self, request: web.Request) -> dict:
            # textual-serve's context (font size, its static URL, the title), plus the fonts.
            # (the template decorator keeps the undecorated handler there: functools.wraps)
            context = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]  # see above
            if "fontsize" not in request.query:
                context["font_size"] = FONT_SIZE
            context["font_family"] = FAMILY
            context["fonts"] = [
                {"url": f"{FONTS_ROUTE}/{face.file}", "weight": face.weight, "unicode_range": face.unicode_range}
                for face in FACES if face.file in self.fonts
            ]
            return context

        async def on_startup(self, app: web.Application) -> None:
            # Instead of textual-serve's banner, which shows the command it runs.
            host = f"[{self.host}]" if ":" in self.host else self.host
            self.console.print(f"{self.title} on http://{host}:{self.port}/", highlight=False, markup=False)
            self.console.print("Ctrl+C stops the server and every visitor's reader", highlight=False)

        async def handle_font(self, request: web.Request) -> web.StreamResponse:
            path = self.fonts.get(request.match_info["name"])
            if path is None:  # only the faces of the stack, never a path from the request
                raise web.HTTPNotFound()
            return web.FileResponse(path, headers={"Content-Type": "font/ttf", "Cache-Control": "max-age=86400"})

        @web.middleware
        async def _guard(self, request: web.Request, handler):
            problem = self._request_problem(request)
            if problem:
                raise web.HTTPForbidden(text=problem)
            return await handler(request)

        def _request_problem(self, request: web.Request) -> str:
            """Why a request is refused ("" if it is not): while serving loopback only, one
            through a host name that is not a loopback one (DNS rebinding: another site's
            name made to point here, to read the page or drive a reader); a websocket from
            a page of another site (its Origin is not this server; browsers let any page
            open a websocket anywhere)."""
            host = urlsplit(f"http://{request.host}").hostname or ""
            if not self.public and not is_loopback(host):
                return "request through a non-loopback host name refused"
            origin = request.headers.get("Origin")
            if request.path == "/ws" and origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
                return "websocket from another site refused"
            return ""

        async def _remember_socket(self, request: web.Request, response: web.StreamResponse) -> None:
            if isinstance(response, web.WebSocketResponse):
                self.sockets.add(response)

        async def _close_sockets(self, app: web.Application) -> None:
            # Each visitor's handler then sends its reader "quit" and waits for it to end
            # (textual-serve's AppService.stop), before the server exits.
            for socket in list(self.sockets):
                await socket.close(code=WSCloseCode.GOING_AWAY, message=b"reader serve stopped")

    return ReaderServer
