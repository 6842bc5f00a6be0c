"""`python -m kennisgraaf` runs the CLI."""

from kennisgraaf.cli import main

if __name__ == "__main__":
    main()
