"""The kit for adding an evaluation: ``make new-evaluation`` (:mod:`analysis.kit.scaffold`) and
``make check-evaluation`` (:mod:`analysis.kit.check`).
See docs/contracts.md, "Adding an evaluation"."""
