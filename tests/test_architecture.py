"""Architecture rules for the first-party apps: imports point down only.

The apps are the top-level packages of the project (directories with ``__init__.py``, except
``tests``). An edge ``a -> b`` means code or templates of app ``a`` depend on app ``b``:

* every ``import`` / ``from ... import`` anywhere in a module (also inside functions and under
  ``if TYPE_CHECKING:``), relative imports resolved; ``migrations/`` directories are skipped;
* hidden edges: a Python string that is a model label of another app (``"news.NewsPage"`` in
  ``parent_page_types``, a lazy ``ForeignKey``) and ``apps.get_model("regions", "RegionPage")``;
* templates: a quoted model label (``{% singleton_page "news.NewsIndexPage" %}``) counts for the
  app owning the template: ``<app>/templates/`` belongs to ``<app>``; a template of the global
  ``templates/`` dir belongs to every app whose Python code names its path (``"pages/home_page.html"``),
  else to the app its first directory is named after (``newsletter/confirm.html``), else to core.

Rules (self edges, stdlib and third-party imports are ignored):

1. ``core`` is the bottom: it depends on no other app.
2. ``regions`` depends on ``core`` only.
3. ``regionportal`` (settings, URLs, API) and ``demo`` are the top: they may depend on every app,
   nothing depends on them (except ``regionportal -> demo``).
4. No cycles between apps.

``python tests/test_architecture.py`` prints the current graph, one edge per line with counts.
"""

import ast
import functools
import re
from collections import Counter, defaultdict, deque
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOP = {"regionportal", "demo"}


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


def python_refs(root, path, app, apps):
    """Imports and model-label strings of one module that point at first-party apps."""
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
        elif isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] == "get_model":
            args = [a.value for a in node.args[:2] if isinstance(a, ast.Constant)]
            if [type(arg) for arg in args] == [str, str]:
                add(args[0], node, f"get_model({args[0]!r}, {args[1]!r})")
    return refs


def template_refs(root, apps, sources):
    """Model-label strings in templates, attributed to the app(s) owning each template."""
    root = Path(root)
    label = _label_regex(apps, quoted=True)
    templates = [(path, [app]) for app in apps for path in _files(root / app / "templates", "*")]
    for path in _files(root / "templates", "*"):
        name = path.relative_to(root / "templates").as_posix()
        named = re.compile(rf"[\"']{re.escape(name)}[\"']")
        owners = [app for app in apps if any(named.search(text) for text in sources[app])]
        first = name.split("/")[0]
        templates.append((path, owners or [first if "/" in name and first in apps else "core"]))
    refs = []
    for path, owners in templates:
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in label.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            for owner in owners:
                via = f"string {match.group(0)[1:-1]!r}"
                refs.append(Ref(owner, match.group(1), path.relative_to(root).as_posix(), line, via))
    return refs


def build_graph(root):
    """{(app, app): [Ref, ...]} for every edge between two different first-party apps."""
    root = Path(root)
    apps = discover_apps(root)
    refs, sources = [], {}
    for app in apps:
        paths = _files(root / app, "*.py")
        sources[app] = [p.read_text(encoding="utf-8") for p in paths]
        for path in paths:
            refs += python_refs(root, path, app, apps)
    refs += template_refs(root, apps, sources)
    graph = defaultdict(list)
    for ref in sorted(refs, key=lambda ref: (ref.file, ref.line, ref.via)):
        if ref.src != ref.dst:
            graph[ref.src, ref.dst].append(ref)
    return dict(graph)


def edge_lines(graph, counts=False):
    """The edges as sorted "a -> b" lines; with counts "a -> b  (3: 2 imports, 1 string)"."""
    lines = []
    for (a, b), refs in sorted(graph.items()):
        kinds = Counter("import" if ref.via.startswith(("import ", "from ")) else "string" for ref in refs)
        detail = ", ".join(f"{n} {kind}{'s' * (n > 1)}" for kind, n in sorted(kinds.items()))
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


def check(graph):
    """Offending edges per rule family: {"core": [...], "regions": [...], "top": [...], "cycles": [...]}."""
    return {
        "core": [edge for edge in graph if edge[0] == "core"],
        "regions": [edge for edge in graph if edge[0] == "regions" and edge[1] != "core"],
        "top": [edge for edge in graph if edge[1] in TOP and edge != ("regionportal", "demo")],
        "cycles": find_cycles(graph),
    }


def describe(graph, edges):
    return "\n".join(f"  {ref}" for edge in sorted(edges) for ref in graph[edge])


@functools.cache
def project_graph():
    return build_graph(ROOT)


def _fail_on(family, rule):
    graph = project_graph()
    edges = check(graph)[family]
    if edges:
        pytest.fail(f"{rule}; offending edges:\n{describe(graph, edges)}", pytrace=False)


def test_core_depends_on_no_other_app():
    _fail_on("core", "core is the bottom layer and must not depend on any other app")


def test_regions_depends_on_core_only():
    _fail_on("regions", "regions may depend on core only")


def test_nothing_depends_on_regionportal_or_demo():
    _fail_on(
        "top", "regionportal and demo are the top: no app may depend on them (regionportal -> demo is fine)"
    )


def test_no_cycles_between_apps():
    graph = project_graph()
    cycles = check(graph)["cycles"]
    if cycles:
        edges = {edge for cycle in cycles for edge in pairwise(cycle)}
        paths = "\n".join("  " + " → ".join(cycle) for cycle in cycles)
        pytest.fail(f"apps form cycles:\n{paths}\nedges in cycles:\n{describe(graph, edges)}", pytrace=False)


def _tree(root, apps, files):
    for name, text in {**{f"{app}/__init__.py": "" for app in apps}, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return build_graph(root)


def test_checker_reports_each_kind_of_violation(tmp_path):
    regions = "from core import models\nif TYPE_CHECKING:\n    import contacts.models\n\nclass RegionPage:\n"
    regions += "    def news(self):\n        from news.models import NewsPage\n"
    files = {
        "tests/__init__.py": "import regionportal\n",
        "regions/models.py": regions,
        "core/models.py": "from news.models import NewsPage\n",
        "news/models.py": "from .feeds import Feed\nfrom . import forms\nparents = ['regions.RegionPage']\n",
        "news/feeds.py": "from regionportal.settings import DEBUG\nTEMPLATE = 'pages/n.html'\n",
        "news/migrations/0001_initial.py": "import demo\n",
        "contacts/models.py": "import demo.loader\nx = apps.get_model('news', 'NewsPage')\n",
        "contacts/templates/contacts/card.html": "{% singleton_page 'regions.HomePage' %}\n",
        "regionportal/urls.py": "import demo\nfrom news import views\n",
        "templates/404.html": '\n{% singleton_page "news.NewsIndexPage" %}\n',
        "templates/pages/n.html": '{% singleton_page "contacts.ContactIndexPage" %}\n',
        "templates/news/list.html": '{% singleton_page "regions.RegionPage" %}\n',
    }
    graph = _tree(tmp_path, ["core", "regions", "news", "contacts", "regionportal", "demo"], files)
    assert {
        "core → news (core/models.py:1, via from news.models import NewsPage)",
        "regions → news (regions/models.py:7, via from news.models import NewsPage)",
        "regions → contacts (regions/models.py:3, via import contacts.models)",
        "news → regions (news/models.py:3, via string 'regions.RegionPage')",
        "news → regionportal (news/feeds.py:1, via from regionportal.settings import DEBUG)",
        "contacts → news (contacts/models.py:2, via get_model('news', 'NewsPage'))",
        "core → news (templates/404.html:2, via string 'news.NewsIndexPage')",
        "news → contacts (templates/pages/n.html:1, via string 'contacts.ContactIndexPage')",
        "news → regions (templates/news/list.html:1, via string 'regions.RegionPage')",
        "contacts → regions (contacts/templates/contacts/card.html:1, via string 'regions.HomePage')",
    } <= {str(ref) for refs in graph.values() for ref in refs}
    assert edge_lines(graph) == [
        "contacts -> demo", "contacts -> news", "contacts -> regions", "core -> news",
        "news -> contacts", "news -> regionportal", "news -> regions", "regionportal -> demo",
        "regionportal -> news", "regions -> contacts", "regions -> core", "regions -> news",
    ]  # fmt: skip
    result = check(graph)
    assert result["core"] == [("core", "news")]
    assert sorted(result["regions"]) == [("regions", "contacts"), ("regions", "news")]
    assert sorted(result["top"]) == [("contacts", "demo"), ("news", "regionportal")]
    assert result["cycles"] == [
        ["contacts", "news", "contacts"], ["contacts", "regions", "contacts"],
        ["core", "news", "regions", "core"], ["news", "regionportal", "news"], ["news", "regions", "news"],
    ]  # fmt: skip


def test_checker_accepts_a_layered_tree(tmp_path):
    files = {
        "core/models.py": "from .pages import Base\nlabel = 'core.Base'\ndoc = 'see news.NewsPage'\n",
        "regions/models.py": "from core.models import Base\nparents = ['core.ContentPage']\n",
        "news/models.py": "import regions.models\nfrom wagtail.models import Page\nimport os\n",
        "regionportal/urls.py": "import demo\nimport news.models\n",
        "demo/load.py": "from news.models import NewsPage\n",
    }
    graph = _tree(tmp_path, ["core", "regions", "news", "regionportal", "demo"], files)
    assert check(graph) == {"core": [], "regions": [], "top": [], "cycles": []}
    assert len(graph) == 5


if __name__ == "__main__":
    print("\n".join(edge_lines(project_graph(), counts=True)))
