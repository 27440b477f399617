"""Imports point down only: each app may depend on the apps in the layers below it, nothing else.

The graph (imports, also inside functions, plus model labels, URL names and tag libraries in Python
and templates) is built by tests/import_graph.py; ``python tests/import_graph.py`` prints it.
"""

import functools
from itertools import pairwise

import pytest

from tests.import_graph import ROOT, build_graph, discover_apps, edge_lines, find_cycles

# Bottom to top. An app may depend on apps of lower layers only; apps of one layer are independent.
LAYERS = [
    {"core"},  # base page, teaser contract, blocks, settings, sections registry: knows no app
    {"regions"},  # home and region pages; sections come from above through hooks
    {"contacts"},
    {"projects"},
    {"news"},
    {"newsletter"},
    {
        "legal",
        "search",
        "editorial",
        "linkcheck",
        "security",
        "pagecache",
    },  # cross-cutting, not content domains
    {"worker", "demo", "regionportal"},  # the top: run, load and wire everything; nothing imports them
]


def layer_of(layers):
    return {app: index for index, apps in enumerate(layers) for app in apps}


def upward_edges(graph, layers):
    """Edges that do not point to a lower layer (including edges within one layer)."""
    layer = layer_of(layers)
    return sorted(edge for edge in graph if layer.get(edge[1], -1) >= layer.get(edge[0], -1))


def describe(graph, edges):
    return "\n".join(f"  {ref}" for edge in sorted(edges) for ref in graph[edge])


@functools.cache
def project_graph():
    return build_graph(ROOT)


def test_every_app_has_a_layer():
    missing = set(discover_apps(ROOT)) - set(layer_of(LAYERS))
    assert not missing, f"place these apps in LAYERS (tests/test_architecture.py): {sorted(missing)}"


def test_core_depends_on_no_other_app():
    graph = project_graph()
    edges = [edge for edge in graph if edge[0] == "core"]
    assert not edges, f"core is the bottom layer:\n{describe(graph, edges)}"


def test_regions_depends_on_core_only():
    graph = project_graph()
    edges = [edge for edge in graph if edge[0] == "regions" and edge[1] != "core"]
    assert not edges, f"regions may depend on core only:\n{describe(graph, edges)}"


def test_every_dependency_points_down():
    graph = project_graph()
    edges = upward_edges(graph, LAYERS)
    if edges:
        pytest.fail(f"dependencies that point up or sideways:\n{describe(graph, edges)}", pytrace=False)


def test_no_cycles_between_apps():
    graph = project_graph()
    cycles = find_cycles(graph)
    if cycles:
        edges = {edge for cycle in cycles for edge in pairwise(cycle)}
        paths = "\n".join("  " + " → ".join(cycle) for cycle in cycles)
        pytest.fail(f"apps form cycles:\n{paths}\nedges in cycles:\n{describe(graph, edges)}", pytrace=False)


def _tree(root, apps, files):
    for name, text in {**{f"{app}/__init__.py": "" for app in apps}, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return build_graph(root)


SAMPLE_LAYERS = [{"core"}, {"regions"}, {"contacts"}, {"news"}, {"legal", "search"}, {"regionportal", "demo"}]


def test_checker_reports_each_kind_of_violation(tmp_path):
    regions = "from core import models\nif TYPE_CHECKING:\n    import contacts.models\n\nclass RegionPage:\n"
    regions += "    def news(self):\n        from news.models import NewsPage\n"
    files = {
        "tests/__init__.py": "import regionportal\n",
        "regions/models.py": regions,
        "regions/feeds.py": "feed = import_string('news.feeds.NewsFeed')\nurl = reverse('search')\n",
        "core/models.py": "from news.models import NewsPage\n",
        "news/models.py": "from .feeds import Feed\nfrom . import forms\nparents = ['regions.RegionPage']\n",
        "news/feeds.py": "from regionportal.settings import DEBUG\nTEMPLATE = 'pages/n.html'\n",
        "news/migrations/0001_initial.py": "import demo\n",
        "contacts/models.py": "import demo.loader\nx = apps.get_model('news', 'NewsPage')\n",
        "contacts/templatetags/contact_tags.py": "",
        "contacts/templates/contacts/card.html": "{% singleton_page 'regions.HomePage' %}\n",
        "search/urls.py": "urlpatterns = [path('', views.search, name='search')]\n",
        "legal/urls.py": "urlpatterns = [path('', views.feedback, name='feedback')]\n",
        "legal/views.py": "import search.views\n",
        "regionportal/urls.py": "import demo\nfrom news import views\n",
        "templates/404.html": '\n{% singleton_page "news.NewsIndexPage" %}\n',
        "templates/base.html": '{% load i18n contact_tags %}\n<a href="{% url "feedback" %}">\n',
        "templates/pages/n.html": '{% singleton_page "contacts.ContactIndexPage" %}\n',
        "templates/news/list.html": '{% singleton_page "regions.RegionPage" %}\n',
    }
    apps = ["core", "regions", "news", "contacts", "legal", "search", "regionportal", "demo"]
    graph = _tree(tmp_path, apps, files)
    assert {
        "core → news (core/models.py:1, via from news.models import NewsPage)",
        "regions → news (regions/models.py:7, via from news.models import NewsPage)",
        "regions → contacts (regions/models.py:3, via import contacts.models)",
        "regions → news (regions/feeds.py:1, via import news.feeds.NewsFeed (import_string))",
        "regions → search (regions/feeds.py:2, via URL name 'search')",
        "news → regions (news/models.py:3, via string 'regions.RegionPage')",
        "news → regionportal (news/feeds.py:1, via from regionportal.settings import DEBUG)",
        "contacts → news (contacts/models.py:2, via get_model('news', …))",
        "core → news (templates/404.html:2, via string 'news.NewsIndexPage')",
        "core → contacts (templates/base.html:1, via load contact_tags)",
        "core → legal (templates/base.html:2, via URL name 'feedback')",
        "news → contacts (templates/pages/n.html:1, via string 'contacts.ContactIndexPage')",
        "news → regions (templates/news/list.html:1, via string 'regions.RegionPage')",
        "contacts → regions (contacts/templates/contacts/card.html:1, via string 'regions.HomePage')",
    } <= {str(ref) for refs in graph.values() for ref in refs}
    assert "news -> demo" not in edge_lines(graph)  # migrations are left out
    assert upward_edges(graph, SAMPLE_LAYERS) == [
        ("contacts", "demo"), ("contacts", "news"), ("core", "contacts"), ("core", "legal"), ("core", "news"),
        ("legal", "search"), ("news", "regionportal"), ("regionportal", "demo"), ("regions", "contacts"),
        ("regions", "news"), ("regions", "search"),
    ]  # fmt: skip
    assert ["news", "regions", "news"] in find_cycles(graph)


def test_checker_accepts_a_layered_tree(tmp_path):
    files = {
        "core/models.py": "from .pages import Base\nlabel = 'core.Base'\ndoc = 'see news.NewsPage'\n",
        "regions/models.py": "from core.models import Base\nparents = ['core.ContentPage']\n",
        "news/models.py": "import regions.models\nfrom wagtail.models import Page\nimport os\n",
        "news/urls.py": "urlpatterns = [path('', views.index, name='news_index')]\n",
        "search/views.py": "url = reverse('news_index')\nsame = reverse('search')\n",
        "search/urls.py": "urlpatterns = [path('', views.search, name='search')]\n",
        "regionportal/urls.py": "import demo\nimport news.models\n",
        "demo/load.py": "from news.models import NewsPage\n",
    }
    graph = _tree(tmp_path, ["core", "regions", "news", "search", "regionportal", "demo"], files)
    assert upward_edges(graph, [*SAMPLE_LAYERS[:2], {"news"}, {"search"}, {"demo"}, {"regionportal"}]) == []
    assert find_cycles(graph) == []
    assert edge_lines(graph) == [
        "demo -> news", "news -> regions", "regionportal -> demo", "regionportal -> news", "regions -> core",
        "search -> news",
    ]  # fmt: skip
