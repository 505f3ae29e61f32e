"""`python -m casedesk` runs the same command line as the `casedesk` script."""

import sys

from casedesk.cli import main

sys.exit(main())
