"""The script PyInstaller freezes as the `casedesk` executable: the same command line as the
installed `casedesk` script (casedesk.cli:main), which also starts the window when given no command.

Worker processes of `export --all` start the executable again; casedesk.cli.main() calls
multiprocessing.freeze_support() first, which turns them into workers before any argument is read.
"""

import sys

from casedesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
