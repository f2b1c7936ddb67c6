"""The local web page (``appeal-lint serve``): see app.py."""
