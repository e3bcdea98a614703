"""Results rows of notebooks/ycnd_text.ipynb: every row against its expected file
(tests/results/expected/ycnd_text.csv; `make regen-expected`), and rows checked by hand.
"""



NB = "ycnd_text"


