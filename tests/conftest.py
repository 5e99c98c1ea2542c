import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Every test loads and validates its packs for real: remembered rule sets and validations (auditor/packs/cache.py)
# are off, except in the tests of those caches, which turn them on in a folder of their own.
os.environ.setdefault("AUDITOR_NO_CACHE", "1")
