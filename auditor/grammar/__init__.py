"""The grammar of figures in reports and work plans: numerals, units, quantities, comparisons, targets, phrases."""
