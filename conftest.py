"""Run the ```python blocks of the docs (sybil)."""

import os
import tempfile

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser

pytest_collect_file = Sybil(parsers=[PythonCodeBlockParser()], patterns=["*.md"]).pytest()

# The command keeps table parses between runs (accountability_cli.tomlcache): the tests' commands keep
# theirs in a folder of their own, not in the user's cache.
os.environ.setdefault("ACCOUNTABILITY_CACHE", tempfile.mkdtemp(prefix="accountability-test-cache-"))
