"""Results rows of notebooks/pg_ambassadors.ipynb: every row against its expected file
(tests/results/expected/pg_ambassadors.csv; `make regen-expected`), and rows checked by hand.
"""



NB = "pg_ambassadors"


