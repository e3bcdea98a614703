"""Results rows of notebooks/gezinsregie_referrals.ipynb: every row against its expected file
(tests/results/expected/gezinsregie_referrals.csv; `make regen-expected`), and rows checked by hand.
"""



NB = "gezinsregie_referrals"


