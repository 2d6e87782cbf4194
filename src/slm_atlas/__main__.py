"""`python -m slm_atlas` runs the same CLI as `slm-atlas`."""

import sys

from .cli import main

sys.exit(main())
