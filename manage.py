#!/usr/bin/env python
"""Django's command-line utility; the installed `econdesk` script does the same."""

from econdesk.cli import main

if __name__ == "__main__":
    main()
