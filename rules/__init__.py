"""The bundled rule packs, shipped as package data (auditor.bundled_rules; see auditor/resources.py)."""
