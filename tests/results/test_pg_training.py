"""Results rows of notebooks/pg_training.ipynb: every row against its expected file
(tests/results/expected/pg_training.csv; `make regen-expected`), and rows checked by hand.
"""



NB = "pg_training"


