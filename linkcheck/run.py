"""One run of the link check: find every link, check each target once, store results and occurrences."""

import logging
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from linkcheck.checks import CheckResult, check_external, check_target
from linkcheck.extract import LinkCollector, PortalHosts
from linkcheck.models import Link, LinkOccurrence

WORKERS = 8  # parallel requests to external servers
RESULT_FIELDS = ["kind", "label", "status_code", "error", "last_checked_at", "last_ok_at", "failing_since"]

logger = logging.getLogger(__name__)


@dataclass
class RunSummary:
    """What a run found and checked; `pages` counts pages with links, `broken` pairs each failed link
    with the number of its pages."""

    pages: int
    internal: int
    external: int
    checked: int
    ok: int
    broken: list
    seconds: float


def safely(check, url, *args):
    """Run one check; an unexpected exception becomes a failed result instead of ending the run."""
    try:
        return check(url, *args)
    except Exception as exc:
        logger.exception("Linkprüfung von %s gescheitert", url)
        return CheckResult(ok=False, error=f"Unerwarteter Fehler ({type(exc).__name__})")


def run_link_check(timeout, internal_only=False):
    """Check every link in live pages; external ones in parallel, each address once per run."""
    started = time.monotonic()
    checked_at = timezone.now()
    hosts = PortalHosts.from_sites()
    found = LinkCollector(hosts).collect()
    targets = {item.url: item.internal for item in found}
    internal = [url for url, is_internal in targets.items() if is_internal]
    external = [url for url, is_internal in targets.items() if not is_internal]
    results = {url: safely(check_target, url, hosts, timeout) for url in internal}
    if not internal_only:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            external_results = pool.map(lambda url: safely(check_external, url, timeout), external)
            results.update(zip(external, external_results, strict=True))
    links = save(found, targets, results, checked_at)

    pages_by_url = defaultdict(set)
    for item in found:
        pages_by_url[item.url].add(item.page_id)
    checked = [links[url] for url in sorted(results)]
    return RunSummary(
        pages=len({item.page_id for item in found}),
        internal=len(internal),
        external=len(external),
        checked=len(checked),
        ok=sum(not link.is_broken for link in checked),
        broken=[(link, len(pages_by_url[link.url])) for link in checked if link.is_broken],
        seconds=time.monotonic() - started,
    )


@transaction.atomic
def save(found, targets, results, checked_at):
    """Store the results and the occurrences; forget occurrences and links no longer in the content."""
    links = {link.url: link for link in Link.objects.all()}
    existing = [links[url] for url in targets if url in links]
    new = [Link(url=url) for url in targets if url not in links]
    links.update((link.url, link) for link in new)
    for url, internal in targets.items():
        link = links[url]
        link.kind = Link.Kind.INTERNAL if internal else Link.Kind.EXTERNAL
        if url in results:
            link.record(results[url], checked_at)
    Link.objects.bulk_update(existing, RESULT_FIELDS, batch_size=500)
    Link.objects.bulk_create(new, batch_size=500)

    ids = dict(Link.objects.values_list("url", "pk"))
    wanted = {(ids[item.url], item.page_id, item.where[:255]) for item in found}
    rows = LinkOccurrence.objects.values_list("pk", "link_id", "page_id", "field")
    stored = {(link_id, page_id, field): pk for pk, link_id, page_id, field in rows}
    LinkOccurrence.objects.filter(pk__in=[pk for key, pk in stored.items() if key not in wanted]).delete()
    missing = wanted - stored.keys()
    LinkOccurrence.objects.bulk_create(
        [LinkOccurrence(link_id=link, page_id=page, field=where) for link, page, where in missing],
        batch_size=500,
    )
    Link.objects.filter(occurrences__isnull=True).delete()
    return links
