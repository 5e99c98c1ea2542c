"""Year over year: one jurisdiction's reports of several years compared (`auditor compare`, the batch's 趋势).

build.py turns audited reports into YearReports and a Comparison; series.py groups them by who and which year;
trends.py computes indicator changes and new or closed gaps; commitments.py digests a report's plan for next year
and promises.py checks those promises against the next report (said.py: what that report says outside its plan);
fleet.py and fleet_outputs.py are the batch's trend step and its sheet and section; json.py, terminal.py and
view.py render a comparison.
"""
