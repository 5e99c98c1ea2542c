"""web: `auditor serve`, the local web service for people who never open a terminal.

config.py (limits and folders) ─▶ catalog.py (the served rule packs, broken ones listed with their error)
uploads.py (size, type and zip checks; names made safe) ─▶ store.py (a temporary folder per request, swept)
worker.py (a pool of warm processes: audit, view model, PDF) ─▶ jobs.py (batch runs in the background)
app.py (Starlette routes: pages and /api) ─▶ server.py (uvicorn, one process).
"""
