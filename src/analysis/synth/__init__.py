"""Seeded synthetic individual data that agree with published aggregates.

Each generator is ``write(path: Path, seed: int) -> None``; ``python -m analysis.synth
module:function seed output`` runs one (the pipeline's ``synthetic`` rule does exactly that).
"""
