"""Tools for people who write rule packs: `auditor rules check|test|draft|list|show`.

files.py (which files a command names), tools.py (rules check), examples.py (rules test), draft/ (rules draft),
listing.py (rules list, rules show). Each returns results or raises; cli.py prints them.
"""
