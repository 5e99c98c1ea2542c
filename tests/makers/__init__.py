"""Builders of report files for the reader tests and bench/inputs.py: the project's own writers
(writers.py) and the real tools offices use — LibreOffice (office.py) and Chromium (browser.py)."""
