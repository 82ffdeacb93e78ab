"""``python -m accountability``: the command line (the ``accountability`` command).

The library itself never imports click; only this entry point does, through the CLI package.
"""

from accountability_cli import main

main()
