"""The results rows every test module of this folder checks: those of the notebook named by the
module's ``NB``, from the session's cold build."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def rows(request: pytest.FixtureRequest, notebook_results) -> pd.DataFrame:
    return notebook_results(request.module.NB)
