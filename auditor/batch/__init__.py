"""`auditor batch`: every report of a folder scored, ranked and written out.

run.py drives it (plan, audit, place results, summary); files.py finds the inputs, cache.py keeps the resumable
manifest, names.py names the outputs, worker.py is the pure per-report function (bytes -> Outcome), scheduler.py and
engines.py run it (a local process pool or Dask), stats.py builds the fleet Summary, tables.py writes 汇总.xlsx and
the CSVs, summary_pdf.py 汇总.pdf, outdir.py guards the output folder.
"""
