"""Tests of auditor/compare/ (year over year)."""
