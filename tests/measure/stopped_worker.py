"""A stand-in worker for the interrupt tests: it stops itself with the signal named in its spec."""

import json
import os
import signal
import sys
import time

if __name__ == "__main__":
    spec = json.loads(sys.argv[1])
    if spec.get("sleep"):
        time.sleep(spec["sleep"])
    os.kill(os.getpid(), getattr(signal, spec["signal"]))
    time.sleep(5)  # SIGINT raises KeyboardInterrupt in Python before this
