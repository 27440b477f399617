"""Which first-party app depends on which: the graph tests/test_architecture.py checks.

The apps are the top-level packages of the project (directories with ``__init__.py``, except
``tests``). An edge ``a -> b`` means code or templates of app ``a`` depend on app ``b``:

* every ``import`` / ``from ... import`` anywhere in a module (also inside functions), relative
  imports resolved, and string arguments of ``import_module`` / ``import_string``;
  ``migrations/`` directories are skipped;
* hidden edges in Python: a string that is a model label of another app (``"news.NewsPage"`` in
  ``parent_page_types``, a lazy ``ForeignKey``), ``apps.get_model("regions", "RegionPage")`` and a
  URL name another app defines (``reverse("search")``);
* templates: a quoted model label (``{% singleton_page "news.NewsIndexPage" %}``), a URL name
  (``{% url "accessibility_feedback" %}``) and a tag library (``{% load contact_tags %}``). A
  template counts for the app owning it: ``<app>/templates/`` belongs to ``<app>``; a template of the
  global ``templates/`` dir belongs to every app whose Python code names its path
  (``"pages/home_page.html"``), else to the app its first directory is named after
  (``newsletter/confirm.html``), else to core (base.html, 404.html, navigation/, components/).

``python tests/import_graph.py`` prints the current graph, one edge per line with counts.
"""

import ast
import re
from collections import Counter, defaultdict, deque
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
URL_FUNCTIONS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}
IMPORT_FUNCTIONS = {"import_module", "import_string"}
TEMPLATE_URL = re.compile(r"{%\s*url\s+[\"']([\w:-]+)[\"']")
TEMPLATE_LOAD = re.compile(r"{%\s*load\s+([\w\s]+?)\s*%}")
KINDS = {"from": "import", "import": "import", "load": "tag library", "URL": "URL name"}


class Ref(NamedTuple):
    src: str
    dst: str
    file: str
    line: int
    via: str

    def __str__(self):
        return f"{self.src} → {self.dst} ({self.file}:{self.line}, via {self.via})"


def discover_apps(root):
    return sorted(p.name for p in Path(root).iterdir() if (p / "__init__.py").is_file() and p.name != "tests")


def _files(folder, pattern):
    """Files below folder, skipping migrations/ directories."""
    found = Path(folder).rglob(pattern)
    return sorted(p for p in found if p.is_file() and "migrations" not in p.relative_to(folder).parts)


def _label_regex(apps, quoted):
    names = "|".join(re.escape(app) for app in apps)
    return re.compile(rf"[\"']({names})\.[A-Z]\w*[\"']" if quoted else rf"^({names})\.[A-Z]\w*$")


def _resolve(node, module_parts):
    """Dotted target of an ImportFrom (relative ones resolved against the importing module)."""
    if not node.level:
        return node.module or ""
    package = module_parts[:-1]  # for a/b.py the package is a, for a/__init__.py too
    if node.level - 1 >= len(package):
        return ""  # beyond the top-level package: not an import of another app
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _call_name(node):
    return ast.unparse(node.func).split(".")[-1]


def _first_string(node):
    first = node.args[0] if node.args else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def url_names(root, apps):
    """{URL name: app} for names that exactly one app defines (path(..., name="…") anywhere in it)."""
    owners = defaultdict(set)
    for app in apps:
        for path in _files(Path(root) / app, "*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and _call_name(node) in {"path", "re_path"}:
                    for keyword in node.keywords:
                        if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                            owners[keyword.value.value].add(app)
    return {name: next(iter(apps)) for name, apps in owners.items() if len(apps) == 1}


def tag_libraries(root, apps):
    """{template tag library: app}, from <app>/templatetags/<library>.py."""
    return {path.stem: app for app in apps for path in _files(Path(root) / app / "templatetags", "*.py")}


def python_refs(root, path, app, apps, urls):
    """Imports, model-label strings and URL names in one module that point at first-party apps."""
    root = Path(root)
    rel = path.relative_to(root)
    parts = list(rel.with_suffix("").parts)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(rel))
    label = _label_regex(apps, quoted=False)
    refs = []

    def add(target, node, via):
        if target in apps:
            refs.append(Ref(app, target, rel.as_posix(), node.lineno, via))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name.split(".")[0], node, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, parts)
            names = ", ".join(alias.name for alias in node.names)
            add(target.split(".")[0], node, f"from {'.' * node.level}{node.module or ''} import {names}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and label.match(node.value):
            add(node.value.split(".")[0], node, f"string {node.value!r}")
        elif isinstance(node, ast.Call):
            name, first = _call_name(node), _first_string(node)
            if name == "get_model" and first and len(node.args) > 1:
                add(first, node, f"get_model({first!r}, …)")
            elif name in IMPORT_FUNCTIONS and first:
                add(first.split(".")[0], node, f"import {first} ({name})")
            elif name in URL_FUNCTIONS and first in urls:
                add(urls[first], node, f"URL name {first!r}")
    return refs


def _template_owners(root, apps, sources):
    """(template path, owning apps) for every template of the apps and of the global templates/ dir."""
    root = Path(root)
    templates = [(path, [app]) for app in apps for path in _files(root / app / "templates", "*")]
    for path in _files(root / "templates", "*"):
        name = path.relative_to(root / "templates").as_posix()
        named = re.compile(rf"[\"']{re.escape(name)}[\"']")
        owners = [app for app in apps if any(named.search(text) for text in sources[app])]
        first = name.split("/")[0]
        templates.append((path, owners or [first if "/" in name and first in apps else "core"]))
    return templates


def template_refs(root, apps, sources, urls, libraries):
    """Model labels, URL names and tag libraries in templates, attributed to the apps owning them."""
    label = _label_regex(apps, quoted=True)
    refs = []
    for path, owners in _template_owners(root, apps, sources):
        text = path.read_text(encoding="utf-8", errors="replace")
        found = [(m.start(), m.group(1), f"string {m.group(0)[1:-1]!r}") for m in label.finditer(text)]
        for match in TEMPLATE_URL.finditer(text):
            if match.group(1) in urls:
                found.append((match.start(), urls[match.group(1)], f"URL name {match.group(1)!r}"))
        for match in TEMPLATE_LOAD.finditer(text):
            for library in match.group(1).split():
                if library in libraries:
                    found.append((match.start(), libraries[library], f"load {library}"))
        for start, target, via in found:
            line = text.count("\n", 0, start) + 1
            refs += [Ref(owner, target, path.relative_to(root).as_posix(), line, via) for owner in owners]
    return refs


def build_graph(root):
    """{(app, app): [Ref, ...]} for every edge between two different first-party apps."""
    root = Path(root)
    apps = discover_apps(root)
    urls, libraries = url_names(root, apps), tag_libraries(root, apps)
    refs, sources = [], {}
    for app in apps:
        paths = _files(root / app, "*.py")
        sources[app] = [p.read_text(encoding="utf-8") for p in paths]
        for path in paths:
            refs += python_refs(root, path, app, apps, urls)
    refs += template_refs(root, apps, sources, urls, libraries)
    graph = defaultdict(list)
    for ref in sorted(refs, key=lambda ref: (ref.file, ref.line, ref.via)):
        if ref.src != ref.dst:
            graph[ref.src, ref.dst].append(ref)
    return dict(graph)


def edge_lines(graph, counts=False):
    """The edges as sorted "a -> b" lines; with counts "a -> b  (3: 2 import, 1 model label)"."""
    lines = []
    for (a, b), refs in sorted(graph.items()):
        kinds = Counter(KINDS.get(ref.via.split(" ")[0], "model label") for ref in refs)
        detail = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        lines.append(f"{a} -> {b}" + (f"  ({len(refs)}: {detail})" if counts else ""))
    return lines


def find_cycles(graph):
    """The shortest cycle through each edge that lies on one, as paths like ["news", "regions", "news"]."""
    succ = defaultdict(set)
    for a, b in graph:
        succ[a].add(b)
    cycles = set()
    for a, b in graph:
        paths, queue = {b: [b]}, deque([b])  # breadth-first from b back to a
        while queue and a not in paths:
            node = queue.popleft()
            for nxt in sorted(succ[node] - paths.keys()):
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
        if a in paths:
            ring = [a, *paths[a][:-1]]
            first = ring.index(min(ring))
            cycles.add((*ring[first:], *ring[:first], ring[first]))
    return [list(cycle) for cycle in sorted(cycles)]


if __name__ == "__main__":
    print("\n".join(edge_lines(build_graph(ROOT), counts=True)))
