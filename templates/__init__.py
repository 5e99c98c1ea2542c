"""Report templates, shipped as package data (auditor.templates; see auditor/resources.py)."""
