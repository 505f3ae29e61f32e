"""`python -m casedesk` runs the same command line as the `casedesk` script."""

import sys

from casedesk.cli import main

if __name__ == "__main__":  # not when a worker process of `export --all` starts from this module (spawn)
    sys.exit(main())
