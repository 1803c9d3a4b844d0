"""python -m central [--db FILE|URL] [--workers N] [--port 8470] ... | python -m central migrate --db URL"""

import sys

from central.cli import main

sys.exit(main())
