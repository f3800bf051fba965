"""``python -m app`` behaves exactly like the ``capaian`` command."""

import sys

from app.cli import main

sys.exit(main())
