"""`make bench`: throughput, latency, queries and bytes on the wire of the main public pages.

Starts gunicorn (2 workers, regionportal.settings.local) twice on the demo content: once with the
page cache ("cached") and once without it ("uncached", every request rendered). For each page it
runs the load generator against a static file of the same server and then against the page, one
after the other, so both see the same machine state; the ratio page/static is the figure that
travels between machines. Load comes from wrk (Debian package) when installed, otherwise from a
small threaded Python client (slower: ratios are then lower bounds).

Queries are counted in-process with the page cache off (second request, warm). Bytes on the wire
are what headless Chromium at a phone's viewport transfers for the page: compressed HTML, CSS,
fonts, scripts and the images the first view loads.

A benchmark, not a test: nothing in `make test` depends on it.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionportal.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from wagtail.models import Page  # noqa: E402

ACCEPT_ENCODING = "br, gzip"
PAGES = [
    ("Startseite", "regions.homepage", None),
    ("Regionsseite", "regions.regionpage", None),
    ("Aktuelles", "news.newsindexpage", None),
    ("Meldung", "news.newspage", None),
    ("Veranstaltungen", "news.eventindexpage", None),
    ("Partnerverzeichnis", "contacts.directorypage", None),
    ("Ansprechperson", "contacts.contactpersonpage", None),
    ("Suche", None, "/suche/?q=Ruhr"),
]


def page_paths():
    """The path of the first live page of each benchmarked type, in tree order."""
    paths = []
    for name, model_label, fixed in PAGES:
        if fixed:
            paths.append((name, fixed))
            continue
        app_label, model = model_label.split(".")
        page = (
            Page.objects.live()
            .filter(content_type__app_label=app_label, content_type__model=model)
            .order_by("path")
            .first()
        )
        if page is not None:
            paths.append((name, page.url))
    return paths


def count_queries(path):
    """Queries of the second anonymous request for path, rendered (page cache off)."""
    with override_settings(PAGE_CACHE_ENABLED=False, ALLOWED_HOSTS=["*"]):
        client = Client()
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
    return len(queries)


class Server:
    """gunicorn with the local settings on host:port, the page cache on or off."""

    def __init__(self, host, port, cached):
        self.host, self.port, self.cached = host, port, cached
        self.process = None

    def __enter__(self):
        env = {**os.environ, "PAGE_CACHE_ENABLED": "1" if self.cached else "0", "DJANGO_LOG_LEVEL": "ERROR"}
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "regionportal.wsgi",
                "--workers",
                "2",
                "--bind",
                f"{self.host}:{self.port}",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                fetch(self.host, self.port, "/robots.txt")
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def fetch(host, port, path):
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": ACCEPT_ENCODING})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def load_with_wrk(url, seconds, connections):
    output = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk"),
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--latency",
            "--header",
            f"Accept-Encoding: {ACCEPT_ENCODING}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses")
    return rate, to_ms(percentiles["50"]), to_ms(percentiles["99"])


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def load_with_python(url, seconds, connections):
    """Fallback load generator: one keep-alive connection per thread, latencies in ms."""
    match = re.match(r"http://([^:/]+):(\d+)(.*)", url)
    host, port, path = match.group(1), int(match.group(2)), match.group(3)
    latencies, lock = [], threading.Lock()
    stop_at = time.monotonic() + seconds

    def run():
        conn = http.client.HTTPConnection(host, port, timeout=10)
        own = []
        while time.monotonic() < stop_at:
            start = time.perf_counter()
            conn.request("GET", path, headers={"Accept-Encoding": ACCEPT_ENCODING})
            response = conn.getresponse()
            response.read()
            if response.status >= 400:
                raise RuntimeError(f"{url}: HTTP {response.status}")
            own.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(own)

    threads = [threading.Thread(target=run) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return len(latencies) / seconds, statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1]


def wire_bytes(base_url, paths):
    """Bytes transferred by headless Chromium (phone viewport) per page, by kind of resource."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return {}
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        for name, path in paths:
            context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75)
            page = context.new_page()
            sizes = {}

            def record(response, sizes=sizes):
                kind = response.request.resource_type
                total = response.request.sizes()
                sizes[kind] = sizes.get(kind, 0) + total["responseBodySize"] + total["responseHeadersSize"]

            page.on("requestfinished", lambda request, record=record: record(request.response()))
            page.goto(base_url + path, wait_until="networkidle")
            results[name] = sizes
            context.close()
        browser.close()
    return results


def measure(host, port, paths, cached, load, seconds, connections):
    static = staticfiles_storage.url("css/portal.css")
    rows = {}
    with Server(host, port, cached):
        for name, path in paths:
            for _ in range(2):  # fill the cache and warm both workers
                fetch(host, port, path)
            static_rate, _static_p50, _static_p99 = load(
                f"http://{host}:{port}{static}", seconds, connections
            )
            rate, p50, p99 = load(f"http://{host}:{port}{path}", seconds, connections)
            rows[name] = (static_rate, rate, p50, p99)
            mode = "cached" if cached else "uncached"
            print(f"  {mode:8} {name:20} {rate:8.0f} req/s  (static {static_rate:.0f})", flush=True)
        wire = wire_bytes(f"http://{host}:{port}", paths) if cached else {}
    return rows, wire


def kb(value):
    return f"{value / 1024:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8098)
    parser.add_argument("--seconds", type=int, default=5, help="load per measurement")
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()

    load = load_with_wrk if shutil.which("wrk") else load_with_python
    generator = "wrk" if load is load_with_wrk else "Python threads (install wrk for exact figures)"
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"Load generator: {generator}; settings {settings.SETTINGS_MODULE}")
    print(f"Database {database}, cache {cache}; {args.connections} connections, {args.seconds} s each")
    paths = page_paths()
    queries = {name: count_queries(path) for name, path in paths}
    cached, wire = measure(args.host, args.port, paths, True, load, args.seconds, args.connections)
    uncached, _ = measure(args.host, args.port, paths, False, load, args.seconds, args.connections)

    print()
    print(
        "| Seite | Pfad | Abfragen | gecacht req/s | p50 ms | p99 ms | % statisch | ungecacht req/s | p50 ms "
        "| p99 ms | % statisch | HTML KB | CSS KB | Fonts KB | Bilder KB | JS KB | gesamt KB |"
    )
    print("|" + "---|" * 17)
    for name, path in paths:
        c_static, c_rate, c_p50, c_p99 = cached[name]
        u_static, u_rate, u_p50, u_p99 = uncached[name]
        sizes = wire.get(name, {})
        wire_columns = [sizes.get(kind, 0) for kind in ("document", "stylesheet", "font", "image", "script")]
        columns = [
            name,
            f"`{path}`",
            queries[name],
            f"{c_rate:.0f}",
            f"{c_p50:.2f}",
            f"{c_p99:.2f}",
            f"{100 * c_rate / c_static:.1f}",
            f"{u_rate:.0f}",
            f"{u_p50:.1f}",
            f"{u_p99:.1f}",
            f"{100 * u_rate / u_static:.2f}",
            *(kb(size) for size in wire_columns),
            kb(sum(sizes.values())),
        ]
        print("| " + " | ".join(str(column) for column in columns) + " |")
    statics = [row[0] for row in cached.values()] + [row[0] for row in uncached.values()]
    static = staticfiles_storage.url("css/portal.css")
    print(f"\nStatic file ({static}): {min(statics):.0f}–{max(statics):.0f} req/s")


if __name__ == "__main__":
    main()
