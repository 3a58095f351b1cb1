#!/usr/bin/env python
from solidarity.cli import main

if __name__ == "__main__":
    main()
