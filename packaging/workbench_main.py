"""The frozen app's entry point, shared by both executables of the build.

``workbench`` (a console program) is the command line: ``workbench ingest``,
``workbench search --json``… and with no arguments opens the window, as the
installed command does. ``workbench-gui`` (windowed: no console on Windows,
the one the menu and the ``.desktop`` file start) always opens the window;
its own options (``--project``, ``--lang``, ``--screenshot``…) are the
``workbench gui`` command's.
"""

import os
import sys

from workbench.app import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if "gui" in os.path.basename(sys.executable).lower() and args[:1] != ["--version"]:
        args = ["gui", *args]
    sys.exit(main(args))
