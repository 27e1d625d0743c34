"""The test site: routes, feed and page builders, and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(slots=True)
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay_seconds: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Site:
    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def hits_of(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [headers for hit, headers in self.hits if hit == path]


def article_page(slug: str, title: str, sentences: int = 4) -> bytes:
    """A small news page of our own words, different for every slug."""
    paragraphs = "".join(
        f"<p>Officials in the river town of {slug.title()} said on Monday that the inquiry into item {slug} "
        f"would continue for a {n + 2}th week, and that residents could send written evidence.</p>"
        for n in range(sentences))
    return (f"<!DOCTYPE html><html><head><title>{title}</title>"
            f'<meta property="og:site_name" content="Test Gazette"></head><body>'
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"
            ).encode()


def rss(items: list[tuple[str, str]], *, title: str = "Test Gazette", encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 feed of (guid, link) items."""
    entries = "".join(f"<item><title>Item {guid}</title><link>{link}</link><guid>{guid}</guid>"
                      "<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>" for guid, link in items)
    text = (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.invalid/</link>{entries}</channel></rss>")
    return text.encode(encoding)


def atom(items: list[tuple[str, str]], *, title: str = "Atom Courier") -> bytes:
    entries = "".join(f'<entry><id>{entry_id}</id><title>Entry {entry_id}</title><link href="{link}"/>'
                      "<updated>2025-03-03T10:00:00Z</updated></entry>" for entry_id, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>urn:test</id><updated>2025-03-03T10:00:00Z</updated>{entries}</feed>"
            ).encode()


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args: object) -> None:  # keep test output quiet
        return

    def do_GET(self) -> None:
        path = self.path
        with self.site.lock:
            self.site.hits.append((path, {key.lower(): value for key, value in self.headers.items()}))
            route = self.site.routes.get(path)
        if route is None:
            self._send(404, b"not found", "text/plain")
            return
        if route.delay_seconds:
            time.sleep(route.delay_seconds)
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            self._send(304, b"", None, route)
            return
        if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
            self._send(304, b"", None, route)
            return
        self._send(route.status, route.body, route.content_type, route)

    def _send(self, status: int, body: bytes, content_type: str | None, route: Route | None = None) -> None:
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if route is not None:
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for key, value in route.headers.items():
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout or size cap)
            return


def start_site() -> tuple[Site, ThreadingHTTPServer, threading.Thread]:
    served = Site()
    handler = type("Handler", (_Handler,), {"site": served})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return served, server, thread


def http_date(epoch_seconds: float) -> str:
    return formatdate(epoch_seconds, usegmt=True)
