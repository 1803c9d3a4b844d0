"""python -m central [--host 127.0.0.1] [--port 8470] [--db FILE] [--catalog FILE] [--faults]"""

from central.cli import main

main()
