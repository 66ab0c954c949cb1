"""Take the screenshots of the pages shown in the README: the paste page (the example
article highlighted, a quote clicked) and a speaker page, as PNG under docs/.

They are taken by the browser tests (tests/test_service_browser.py) while they drive
Debian's Chromium against the service, so a screenshot shows what a test checked.

    .venv/bin/python benchmarks/screenshots.py            # docs/paste-page.png, docs/speaker-page.png
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    """Run the two browser tests that save the screenshots into docs/."""
    os.environ["SAIDWHAT_SCREENSHOTS"] = str(ROOT / "docs")
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    return pytest.main(["-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_service_browser.py"),
                        "-k", "paste_highlights or search_speaker"])


if __name__ == "__main__":
    sys.exit(main())
