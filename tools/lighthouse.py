"""`make lighthouse`: Lighthouse (mobile) scores of the main pages of a running portal.

Runs Lighthouse from .tools/ (npm, installed by the make target) in Debian's headless Chromium
against BASE (default http://127.0.0.1:8000, i.e. `make run`) and prints the four category
scores with the main metrics per page. A measurement, not a test.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PATHS = ["/", "/metropole-ruhr/", "/aktuelles/", "/metropole-ruhr/kraftwerksflaechen-neu-nutzen/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = [
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
]
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"


def audit(url, report):
    subprocess.run(  # noqa: S603
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--chrome-flags=" + CHROME_FLAGS,
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
    )
    return json.loads(Path(report).read_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("paths", nargs="*", default=PATHS)
    args = parser.parse_args()
    failed = False
    print("| Seite | " + " | ".join(CATEGORIES) + " | FCP | LCP | TBT | CLS | Bytes |")
    print("|" + "---|" * (len(CATEGORIES) + 6))
    with tempfile.TemporaryDirectory() as folder:
        for path in args.paths:
            result = audit(args.base + path, Path(folder) / "report.json")
            scores = [round(result["categories"][name]["score"] * 100) for name in CATEGORIES]
            audits = result["audits"]
            metrics = [audits[name]["displayValue"] for name in METRICS]
            weight = audits["total-byte-weight"]["numericValue"] / 1024
            print(f"| `{path}` | " + " | ".join(map(str, scores + metrics)) + f" | {weight:.0f} KiB |")
            failed |= scores[0] < 95 or min(scores[1:]) < 100
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
