"""Start Casework (劳务协作工作台): no command opens the window, a command runs in the terminal."""

import sys

from casework.cli import main

if __name__ == "__main__":
    sys.exit(main())
