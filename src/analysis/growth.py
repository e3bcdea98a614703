"""BMI-for-age z-scores (SDS) from LMS growth references, cut-offs and weight classes.

A reference gives, per sex and tabulated age, the Box-Cox power ``L``, the median ``M`` and the
coefficient of variation ``S`` (Cole & Green 1992). For a BMI ``y`` at an age between tabulated
points, L, M and S are interpolated linearly over age, and

* ``z = ((y / M) ** L - 1) / (L * S)``   when ``|L| >= 1e-7``,
* ``z = ln(y / M) / S``                   when ``|L| < 1e-7`` (the limit L → 0);

the inverse is ``y = M * (1 + L * S * z) ** (1 / L)`` (``y = M * exp(S * z)`` when L → 0).

References (``data/raw/reference``, with citation and provenance in its ``datapackage.json``):
``"nl1997"`` (Fourth Dutch Growth Study, Fredriks et al. 2000; the default), ``"nl1980"`` (Third
Dutch Growth Study, Roede & van Wieringen 1985) and ``"who2007"`` (WHO growth reference 5-19 years,
de Onis et al. 2007; tabulated by completed month, scored for 60-228 months as the WHO AnthroPlus
R package scores it, see :data:`WHO_VALID_MONTHS`).

**Sex** may be coded as WHO tools and rcpchgrowth's users code it: ``"M"``/``"F"``,
``"m"``/``"f"``, ``"male"``/``"female"`` (any case) or ``1``/``2`` (1 = boys, as in WHO
AnthroPlus), as scalars, lists, numpy arrays, pandas Series or categoricals (:func:`sex_masks`).
**Age** is in years unless the named argument ``age_unit="months"`` or ``"days"`` says otherwise
(months = years × 12, days = years × 365.25). **WHO 2007** applies WHO's restricted-tail rule
for |z| > 3 by default (``who_extreme_rule=None`` means: on for ``"who2007"``, off for the Dutch
references); pass ``False`` to switch it off. Everything is vectorised with numpy: one
:func:`numpy.interp` per sex and LMS parameter, no Python loop per child. Results are missing
(NaN) outside a reference's age range and for missing input; :func:`zscore_table` counts those
rows instead of dropping them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

import numpy as np
import pandas as pd

from analysis import rawdata

SEXES = ("M", "F")
#: accepted sex codes (compared after stripping and lower-casing text): 1 = boys as in WHO tools
MALE_CODES = ("m", "male", "1", "1.0")
FEMALE_CODES = ("f", "female", "2", "2.0")
AGE_UNITS = {"years": 1.0, "months": 12.0, "days": 365.25}  # units per year
L_LOG_THRESHOLD = 1e-7  # |L| below this uses the log form (Cole & Green 1992)
WEIGHT_CLASSES = ["healthy", "overweight", "obesity", "morbid obesity"]
OBESITY_GRADES = ["healthy", "overweight", "obesity grade I", "obesity grade II",
                  "obesity grade III"]
CUTOFF_AGE_RANGE = (2.0, 18.0)  # IOTF Table 4 and the Zorgstandaard table cover 2-18 years

_TABLES = {"nl1997": "ref_nl1997_bmi", "nl1980": "ref_nl1980_bmi", "who2007": "ref_who2007_bmi"}
#: Ages (completed months, inclusive) at which WHO 2007 BMI-for-age is scored, as the WHO AnthroPlus
#: R package scores it: ``age_in_months >= 60 & age_in_months <= 228`` in ``zscore_indicator``
#: (WorldHealthOrganization/anthroplus, R/zscores.R, commit 4a303d4, the copy the LMS table was read
#: from). Its manual and later versions say 61; the 60-month row of the table is WHO's own.
WHO_VALID_MONTHS = (60, 228)
_WHO_VALID_MONTHS = WHO_VALID_MONTHS
_SEX_OFFSET = 1024.0  # > any age in years; a power of two, so tabulated ages stay exact hits


@dataclass(frozen=True)
class Reference:
    """One LMS reference: per-sex arrays of age (years), L, M, S, and its valid age range."""

    name: str
    citation: str
    age_min: float
    age_max: float
    age: dict[str, np.ndarray] = field(repr=False, compare=False)
    L: dict[str, np.ndarray] = field(repr=False, compare=False)
    M: dict[str, np.ndarray] = field(repr=False, compare=False)
    S: dict[str, np.ndarray] = field(repr=False, compare=False)
    table: str = ""
    source: str = ""

    @cached_property
    def _grid(self) -> dict[str, Any]:
        """Both sexes on one age axis (girls shifted by ``_SEX_OFFSET``) with per-interval slopes
        of L, M, S, and a bucket index (bucket width below half the smallest age step, so each
        bucket holds at most one knot) that finds the interval of an age without a search."""
        x = np.concatenate([self.age["M"], self.age["F"] + _SEX_OFFSET])
        t = np.concatenate([self.age["M"], self.age["F"]])
        dx = np.diff(t)
        dx[self.age["M"].size - 1] = 1.0  # the boys-girls seam: never an interval of a child
        grid: dict[str, Any] = {"x": x, "t": t}
        for key, par in (("L", self.L), ("M", self.M), ("S", self.S)):
            v = np.concatenate([par["M"], par["F"]])
            grid[key] = v
            grid["d" + key] = np.diff(v) / dx
        step = min(float(np.diff(self.age[c]).min()) for c in SEXES)
        scale = 2.0 ** np.ceil(np.log2(2.0 / step))
        buckets = np.arange(int(np.ceil(x[-1] * scale)) + 2) / scale
        base = np.clip(np.searchsorted(x, buckets, side="right") - 1, 0, x.size - 2)
        grid["scale"], grid["base"] = scale, base.astype(np.intp)
        return grid

    def lms(self, age_years: Any, sex: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """L, M, S linearly interpolated at ``age_years`` for ``sex``; NaN out of range/missing.

        Linear interpolation between the tabulated ages t_j <= a < t_j+1:
        ``P(a) = P_j + (a − t_j)(P_j+1 − P_j)/(t_j+1 − t_j)`` for P in L, M, S.
        """
        age = _as_float(age_years, "age_years")
        is_m, is_f, _ = sex_masks(sex)
        valid = (is_m | is_f) & (age >= self.age_min) & (age <= self.age_max)  # NaN age: False
        g = self._grid
        x = np.where(valid, age + np.where(is_f, _SEX_OFFSET, 0.0), g["x"][0])
        shape, x, valid = x.shape, x.ravel(), np.broadcast_to(valid, x.shape).ravel()
        age = np.broadcast_to(age, shape).ravel()
        j = g["base"][(x * g["scale"]).astype(np.intp)]
        j += x >= g["x"][j + 1]
        np.minimum(j, g["x"].size - 2, out=j)
        dist = age - g["t"][j]  # unshifted ages: no rounding from the sex offset
        out = []
        for key in ("L", "M", "S"):
            v = g["d" + key][j]
            v *= dist
            v += g[key][j]
            if not valid.all():
                v[~valid] = np.nan
            out.append(v.reshape(shape))
        return out[0], out[1], out[2]


def reference_name(name: str) -> str:
    """A reference in words for labels and prose ("nl1997" → "Dutch 1997"), from the title of
    its table in the data dictionary."""
    if name not in _TABLES:
        raise KeyError(f"unknown growth reference {name!r}; one of {sorted(_TABLES)}")
    title = str(rawdata.entry(_TABLES[name]).descriptor.get("title", name))
    return title.split(" BMI-for-age")[0].split(" growth reference")[0].strip()


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a, dtype="float64")
    a.setflags(write=False)
    return a


@cache
def load_reference(name: str = "nl1997") -> Reference:
    """The LMS reference ``name``: ``"nl1997"`` (default), ``"nl1980"`` or ``"who2007"``."""
    if name not in _TABLES:
        raise ValueError(f"unknown growth reference {name!r}; choose one of {sorted(_TABLES)}")
    table = _TABLES[name]
    df = rawdata.load(table)
    if name == "who2007":
        df = df.assign(age_years=df["age_months"].astype("float64") / 12.0)
        age_min, age_max = (m / 12.0 for m in _WHO_VALID_MONTHS)
    else:
        age_min, age_max = float(df["age_years"].min()), float(df["age_years"].max())
    ages, Ls, Ms, Ss = {}, {}, {}, {}
    for code in SEXES:
        d = df[df["sex"] == code].sort_values("age_years")
        if d.empty or d["age_years"].duplicated().any():
            raise ValueError(f"{table}: sex {code!r} has no rows or duplicated ages")
        ages[code] = _readonly(d["age_years"].to_numpy())
        Ls[code] = _readonly(d["L"].to_numpy())
        Ms[code] = _readonly(d["M"].to_numpy())
        Ss[code] = _readonly(d["S"].to_numpy())
        age_min = max(age_min, float(ages[code][0]))
        age_max = min(age_max, float(ages[code][-1]))
    e = rawdata.entry(table)
    return Reference(name=name, citation=e.source_file, age_min=age_min, age_max=age_max,
                     age=ages, L=Ls, M=Ms, S=Ss, table=table, source=rawdata.source(table))


def _as_reference(reference: str | Reference) -> Reference:
    return reference if isinstance(reference, Reference) else load_reference(reference)


def _as_float(x: Any, name: str) -> np.ndarray:
    """Float64 array of ``x`` (pandas NA → NaN); a clear error if it is not numeric."""
    try:
        if isinstance(x, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
            return np.asarray(pd.Series(x, copy=False).to_numpy(dtype="float64", na_value=np.nan))
        return np.asarray(x, dtype="float64")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: values must be numeric ({exc})") from exc


def _code_masks(values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Masks for a Series of codes of any type (text compared stripped and lower-cased).

    Text is factorised first, so each *distinct* code is stripped and compared once: a column
    of a million "M"/"F" cells costs one hash pass, not a million Python string calls."""
    if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        codes, uniques = pd.factorize(values)
        um, uf, _ = _code_masks_each(pd.Series(np.asarray(uniques, dtype=object), dtype=object))
        # code -1 (missing) takes the appended False
        return np.append(um, False)[codes], np.append(uf, False)[codes], codes < 0
    return _code_masks_each(values)


def _code_masks_each(values: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_code_masks` cell by cell (values of mixed types: ``1`` and ``True`` hash alike)."""
    missing = values.isna().to_numpy(dtype=bool)
    text = values.astype("string").str.strip().str.lower()
    is_m = text.isin(MALE_CODES).to_numpy(dtype=bool, na_value=False)
    is_f = text.isin(FEMALE_CODES).to_numpy(dtype=bool, na_value=False)
    return is_m, is_f, missing


def sex_masks(sex: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Boolean masks (boys, girls, missing) for sex codes; unknown codes raise naming the rows.

    Boys: ``M``, ``m``, ``male`` (any case), ``1``; girls: ``F``, ``f``, ``female``, ``2`` (WHO
    AnthroPlus codes 1 = male, 2 = female; rcpchgrowth uses ``"male"``/``"female"``). Scalars give
    0-d masks, anything array-like masks of its shape.
    """
    if np.ndim(sex) == 0:
        value = sex.item() if isinstance(sex, np.generic) else sex
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return np.array(False), np.array(False), np.array(True)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValueError(f"sex: unknown code {value!r}; use M/F, m/f, male/female or 1/2")
        code = str(float(value)) if not isinstance(value, str) else value.strip().lower()
        if code not in MALE_CODES + FEMALE_CODES:
            raise ValueError(f"sex: unknown code {value!r}; use M/F, m/f, male/female or 1/2 "
                             "(1 = male, as in WHO tools)")
        return np.array(code in MALE_CODES), np.array(code in FEMALE_CODES), np.array(False)
    if isinstance(sex, np.ndarray) and sex.dtype.kind == "U":  # fast path: numpy strings
        is_m, is_f = sex == "M", sex == "F"
        missing = np.zeros(sex.shape, dtype=bool)
        if not (is_m | is_f).all():
            is_m, is_f, missing = (a.reshape(sex.shape) for a in
                                   _code_masks(pd.Series(sex.ravel(), dtype=object)))
    elif isinstance(sex, np.ndarray) and sex.dtype.kind in "iuf":
        flat = sex.ravel()
        is_m, is_f = (flat == 1).reshape(sex.shape), (flat == 2).reshape(sex.shape)
        missing = np.isnan(sex) if sex.dtype.kind == "f" else np.zeros(sex.shape, dtype=bool)
    elif isinstance(sex, (pd.Series, pd.Categorical)) and isinstance(sex.dtype,
                                                                       pd.CategoricalDtype):
        cat = pd.Categorical(sex)
        codes = cat.codes
        cm, cf, _ = _code_masks(pd.Series(list(cat.categories), dtype=object))
        is_m = np.isin(codes, np.flatnonzero(cm))
        is_f = np.isin(codes, np.flatnonzero(cf))
        missing = codes == -1
    else:
        s = pd.Series(np.asarray(sex, dtype=object) if isinstance(sex, (list, tuple)) else sex,
                      copy=False)
        is_m, is_f, missing = _code_masks(s)
    bad = ~(is_m | is_f | missing)
    if bad.any():
        values = np.asarray(sex, dtype=object).ravel()
        pos = np.flatnonzero(bad.ravel())
        shown = ", ".join(f"row {i}: {values[i]!r}" for i in pos[:5])
        raise ValueError(f"sex: {pos.size} value(s) not a sex code M/F, m/f, male/female or 1/2 "
                         f"({shown})")
    return is_m, is_f, missing


_sex_masks = sex_masks  # the former private name


def age_in_years(age: Any, age_unit: str = "years") -> np.ndarray:
    """``age`` (years, months or days, by ``age_unit``) as float years; a clear error otherwise."""
    if age_unit not in AGE_UNITS:
        raise ValueError(f"age_unit must be one of {sorted(AGE_UNITS)}, not {age_unit!r}")
    a = _as_float(age, "age")
    return a if age_unit == "years" else a / AGE_UNITS[age_unit]


def _extreme_rule(rule: bool | None, ref: Reference) -> bool:
    """WHO's restricted tail: on by default for WHO 2007, off for the Dutch references."""
    return ref.name == "who2007" if rule is None else bool(rule)


def _z_from_lms(y: np.ndarray, L: np.ndarray, M: np.ndarray, S: np.ndarray) -> np.ndarray:
    """Cole's LMS z: ((y/M)^L − 1)/(L·S), or ln(y/M)/S when |L| < 1e-7; NaN for y <= 0, ±inf."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = y / M
        log_form = np.abs(L) < L_LOG_THRESHOLD
        if log_form.any():
            safe_L = np.where(log_form, 1.0, L)
            z = np.where(log_form, np.log(ratio) / S, (ratio ** safe_L - 1.0) / (safe_L * S))
        else:
            z = np.power(ratio, L)
            z -= 1.0
            z /= L * S
        invalid = (y <= 0) | np.isinf(y)
        if invalid.any():
            z[invalid] = np.nan
    return z


def _y_from_lms(z: np.ndarray, L: np.ndarray, M: np.ndarray, S: np.ndarray) -> np.ndarray:
    """Inverse LMS: M·(1 + L·S·z)^(1/L), or M·exp(S·z) when |L| < 1e-7; NaN if 1 + L·S·z <= 0."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_form = np.abs(L) < L_LOG_THRESHOLD
        safe_L = np.where(log_form, 1.0, L)
        base = 1.0 + safe_L * S * z
        power = np.where(base > 0, base, np.nan) ** (1.0 / safe_L)
        return np.where(log_form, M * np.exp(S * z), M * power)


def bmi_z(bmi: Any, age_years: Any, sex: Any, reference: str | Reference = "nl1997",
          who_extreme_rule: bool | None = None, *, age_unit: str = "years") -> np.ndarray:
    """BMI-for-age z-score (SDS) under an LMS ``reference``; vectorised over all arguments.

    L, M, S are interpolated linearly over age between tabulated points (as WHO AnthroPlus does
    between completed months). NaN for missing BMI/age/sex, BMI <= 0, and ages outside the
    reference's range (``Reference.age_min`` to ``age_max``).

    ``who_extreme_rule``: WHO's rule for |z| > 3 (WHO 2007, "Computation of centiles and z-scores",
    as in AnthroPlus): beyond +3, ``z = 3 + (y − SD3) / (SD3 − SD2)``; beyond −3,
    ``z = −3 + (y − SD3neg) / (SD2neg − SD3neg)``, where SDk is the BMI at z = k. It replaces the
    LMS tail by a linear one (a fixed SD23 distance per SD). ``None`` (default): on for
    ``"who2007"`` (as AnthroPlus), off for the Dutch references; ``True``/``False`` force it.
    ``age_unit``: ``"years"`` (default), ``"months"`` or ``"days"``.
    """
    ref, shape, y, L, M, S = _flat_lms(bmi, "bmi", age_years, sex, reference, age_unit)
    z = _z_from_lms(y, L, M, S)
    if _extreme_rule(who_extreme_rule, ref):
        z = _who_adjust(z, y, L, M, S)
    return z.reshape(shape)


def _flat_lms(value: Any, name: str, age_years: Any, sex: Any, reference: str | Reference,
              age_unit: str) -> tuple[Reference, tuple[int, ...], np.ndarray, np.ndarray,
                                      np.ndarray, np.ndarray]:
    """The reference, the broadcast shape, and ``value`` (a BMI or a z) with the L, M, S at each
    age and sex, broadcast together and flattened."""
    ref = _as_reference(reference)
    v = _as_float(value, name)
    L, M, S = ref.lms(age_in_years(age_years, age_unit), sex)
    v, L, M, S = (a.ravel() for a in np.broadcast_arrays(v, L, M, S))
    shape = np.broadcast_shapes(np.shape(value), np.shape(age_years), np.shape(sex))
    return ref, shape, v, L, M, S


def _tails(z: np.ndarray, L: np.ndarray, M: np.ndarray,
           S: np.ndarray) -> Iterator[tuple[float, np.ndarray, np.ndarray, np.ndarray]]:
    """For each tail beyond ±3 SD that ``z`` reaches: its sign, its rows, and the BMI at
    z = 3·sign and z = 2·sign there (WHO's SD3 and SD2 lines)."""
    for sign, tail in ((1.0, z > 3), (-1.0, z < -3)):
        if tail.any():
            n = tail.sum()
            sd3 = _y_from_lms(np.full(n, 3.0 * sign), L[tail], M[tail], S[tail])
            sd2 = _y_from_lms(np.full(n, 2.0 * sign), L[tail], M[tail], S[tail])
            yield sign, tail, sd3, sd2


def _who_adjust(z: np.ndarray, y: np.ndarray, L: np.ndarray, M: np.ndarray,
                S: np.ndarray) -> np.ndarray:
    """WHO's restricted tail: linear in BMI beyond ±3 SD, with the SD2-SD3 distance per SD."""
    z = z.copy()
    for sign, tail, sd3, sd2 in _tails(z, L, M, S):
        z[tail] = 3.0 * sign + (y[tail] - sd3) / ((sd3 - sd2) * sign)
    return z


def bmi_from_z(z: Any, age_years: Any, sex: Any, reference: str | Reference = "nl1997",
               who_extreme_rule: bool | None = None, *, age_unit: str = "years") -> np.ndarray:
    """BMI at z-score ``z`` (the inverse of :func:`bmi_z`): ``M·(1 + L·S·z)^(1/L)``.

    NaN where ``1 + L·S·z <= 0`` (beyond the LMS distribution's support), for missing input and
    out-of-range ages. With ``who_extreme_rule`` the tails beyond ±3 are WHO's linear ones:
    ``y = SD3 + (z − 3)(SD3 − SD2)`` and ``y = SD3neg + (z + 3)(SD2neg − SD3neg)``; the default
    (``None``) applies them for ``"who2007"`` only, as :func:`bmi_z` does.
    """
    ref, shape, zz, L, M, S = _flat_lms(z, "z", age_years, sex, reference, age_unit)
    y = _y_from_lms(zz, L, M, S)
    if _extreme_rule(who_extreme_rule, ref):
        y = y.copy()
        for sign, tail, sd3, sd2 in _tails(zz, L, M, S):
            y[tail] = sd3 + (zz[tail] - 3.0 * sign) * (sd3 - sd2) * sign
    return y.reshape(shape)


def percent_of_median(bmi: Any, age_years: Any, sex: Any,
                      reference: str | Reference = "nl1997", *,
                      age_unit: str = "years") -> np.ndarray:
    """BMI as % of the reference median at that age and sex: ``100 · y / M`` (does not compress)."""
    ref = _as_reference(reference)
    y = _as_float(bmi, "bmi")
    _, M, _ = ref.lms(age_in_years(age_years, age_unit), sex)
    return 100.0 * y / M


def _as_dates(x: Any, name: str) -> np.ndarray:
    """``datetime64[ns]`` array of ``x`` floored to the day (missing → NaT); clear error if not."""
    series = x if isinstance(x, pd.Series) else pd.Series(x if np.ndim(x) else [x])
    try:
        parsed = pd.to_datetime(series, format="ISO8601")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: not a date ({exc})") from exc
    return parsed.dt.floor("D").to_numpy(dtype="datetime64[ns]")


def decimal_age(birth_date: Any, measurement_date: Any) -> np.ndarray:
    """Decimal age in years = (measurement date − birth date) in whole days / 365.25.

    Accepts dates, ISO 8601 strings, ``datetime64`` or pandas Series/arrays of them; missing → NaN.
    Times of day are ignored (both dates are floored to the day).
    """
    days = (_as_dates(measurement_date, "measurement_date")
            - _as_dates(birth_date, "birth_date")) / np.timedelta64(1, "D")
    out = np.asarray(days, dtype="float64") / 365.25
    if np.ndim(birth_date) == 0 and np.ndim(measurement_date) == 0:
        return out.reshape(())
    return out


def zscore_table(df: pd.DataFrame, bmi: str = "bmi", age: str = "age_years", sex: str = "sex",
                 reference: str | Reference = "nl1997",
                 who_extreme_rule: bool | None = None, *,
                 age_unit: str = "years") -> tuple[pd.Series, int]:
    """BMI z-score per row of ``df`` and the number of rows whose age is outside the reference.

    Returns ``(z, n_out_of_range)``; ``z`` keeps ``df``'s index and is NaN for rows that cannot
    be scored. Nothing is dropped: ``z.attrs["counts"]`` gives ``rows``, ``scored``,
    ``out_of_range`` (age present but outside ``age_min``-``age_max``), ``missing`` (BMI, age or
    sex missing) and ``invalid_bmi`` (BMI <= 0 or infinite); ``z.attrs["excluded"]`` is a table
    of the rows left without a z-score per reason (``reason, rows``), the out-of-range ages split
    into below and above the reference's range, which it names.
    """
    missing_cols = [c for c in (bmi, age, sex) if c not in df.columns]
    if missing_cols:
        raise KeyError(f"zscore_table: column(s) {missing_cols} not in the data "
                       f"(columns: {list(df.columns)})")
    ref = _as_reference(reference)
    y = _as_float(df[bmi], bmi)
    a = age_in_years(df[age], age_unit)
    _, _, sex_missing = sex_masks(df[sex])
    z = bmi_z(y, a, df[sex], ref, who_extreme_rule=who_extreme_rule)
    missing = np.isnan(y) | np.isnan(a) | np.broadcast_to(sex_missing, y.shape)
    below = ~np.isnan(a) & (a < ref.age_min)
    above = ~np.isnan(a) & (a > ref.age_max)
    out_of_range = below | above
    invalid = ~np.isnan(y) & ((y <= 0) | ~np.isfinite(y))
    n_out = int(out_of_range.sum())
    series = pd.Series(z, index=df.index, name="bmi_z")
    series.attrs["counts"] = {
        "rows": len(df), "scored": int(np.isfinite(z).sum()), "out_of_range": n_out,
        "missing": int(missing.sum()), "invalid_bmi": int(invalid.sum()),
        "reference": ref.name, "age_min": ref.age_min, "age_max": ref.age_max,
        "below_range": int(below.sum()), "above_range": int(above.sum()),
    }
    rng = _range_text(ref)
    series.attrs["excluded"] = pd.DataFrame(
        [(f"age below {rng}", int(below.sum())), (f"age above {rng}", int(above.sum())),
         ("BMI, age or sex missing", int(missing.sum())),
         ("BMI not positive or infinite", int(invalid.sum()))], columns=["reason", "rows"])
    return series, n_out


def _range_text(ref: Reference) -> str:
    """The scored age range of ``ref`` in its own unit (months for WHO 2007), with its source."""
    if ref.name == "who2007":
        return (f"the {ref.name} range {WHO_VALID_MONTHS[0]}-{WHO_VALID_MONTHS[1]} months "
                "(as WHO AnthroPlus scores it)")
    return f"the {ref.name} range {ref.age_min:g}-{ref.age_max:g} years"


@lru_cache(maxsize=1)
def _iotf_table() -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    df = rawdata.load("ref_iotf_cutoffs")
    out = {}
    for code in SEXES:
        d = df[df["sex"] == code].sort_values("age_years")
        out[code] = (_readonly(d["age_years"].to_numpy()), _readonly(d["bmi_25"].to_numpy()),
                     _readonly(d["bmi_30"].to_numpy()))
    return out


def iotf_cutoff(age_years: Any, sex: Any, adult_bmi: int = 25) -> np.ndarray:
    """IOTF cut-off (Cole et al. 2000, BMJ 320:1240, Table 4) passing through ``adult_bmi`` at 18.

    ``adult_bmi`` 25 = overweight, 30 = obesity. Table 4 is by half year, 2-18 years; ages in
    between are interpolated linearly; NaN outside 2-18 years or for missing input.
    """
    if adult_bmi not in (25, 30):
        raise ValueError(f"adult_bmi must be 25 or 30 (IOTF Table 4), not {adult_bmi!r}")
    age = _as_float(age_years, "age_years")
    is_m, is_f, _ = sex_masks(sex)
    age, is_m, is_f = np.broadcast_arrays(age, is_m, is_f)
    table = _iotf_table()
    out = np.full(age.shape, np.nan)
    for code, mask in (("M", is_m), ("F", is_f)):
        ages, c25, c30 = table[code]
        sel = mask & (age >= ages[0]) & (age <= ages[-1])
        out[sel] = np.interp(age[sel], ages, c25 if adult_bmi == 25 else c30)
    return out


def zorgstandaard_cutoff(age_years: Any, sex: Any, adult_bmi: int = 35) -> np.ndarray:
    """Obesity grade II (``adult_bmi`` 35) or III (40) line of the Zorgstandaard Obesitas table.

    RECONSTRUCTION. The Zorgstandaard (2010) says only that its grade II/III cut-offs are
    percentiles of the Dutch 1980 growth study that reach BMI 35 / 40 at adult age (004, Bijlage 7,
    Bijlage 2, line 4029); its table is not transcribed here. We take the Dutch 1980 LMS curve
    through that BMI at 18 years: ``z18 = ((B / M18)^L18 − 1)/(L18 · S18)`` and
    ``cutoff(age) = M(age) · (1 + L(age) · S(age) · z18)^(1/L(age))``, per sex. Defined for
    2-18 years (the table's range); NaN elsewhere.
    """
    if adult_bmi not in (35, 40):
        raise ValueError(f"adult_bmi must be 35 or 40 (obesity grade II/III), not {adult_bmi!r}")
    ref = load_reference("nl1980")
    age = _as_float(age_years, "age_years")
    is_m, is_f, _ = sex_masks(sex)
    age, is_m, is_f = np.broadcast_arrays(age, is_m, is_f)
    z18 = np.full(age.shape, np.nan)
    for code, mask in (("M", is_m), ("F", is_f)):
        z18[mask] = bmi_z(float(adult_bmi), CUTOFF_AGE_RANGE[1], code, ref)
    lo, hi = CUTOFF_AGE_RANGE
    in_range = (age >= lo) & (age <= hi)
    return np.where(in_range, bmi_from_z(z18, np.where(in_range, age, np.nan), sex, ref), np.nan)


def obesity_grade(bmi: Any, age_years: Any, sex: Any) -> pd.Categorical:
    """Zorgstandaard grade: healthy / overweight / obesity grade I, II, III (ordered).

    Lines: IOTF 25 and 30 (:func:`iotf_cutoff`), and the reconstructed grade II/III lines
    (:func:`zorgstandaard_cutoff`, 35 and 40); a child is in a grade from its lower line up
    (BMI >= cut-off). Missing for missing input or ages outside 2-18 years. "healthy" is every
    BMI below the IOTF 25 line (the table has no underweight class).
    """
    lines = [iotf_cutoff(age_years, sex, 25), iotf_cutoff(age_years, sex, 30),
             zorgstandaard_cutoff(age_years, sex, 35), zorgstandaard_cutoff(age_years, sex, 40)]
    return _classes(bmi, lines, OBESITY_GRADES)


def _classes(bmi: Any, lines: list[np.ndarray], categories: Any) -> pd.Categorical:
    """The class of each BMI: ``categories[n]`` where n is the number of cut-off ``lines``
    (ascending) it reaches; missing where the BMI or the lowest line is."""
    y = _as_float(bmi, "bmi")
    y, *lines = np.broadcast_arrays(y, *lines)
    code = np.zeros(y.shape, dtype=np.int8)
    for line in lines:
        code += (y >= line).astype(np.int8)
    code = np.where(np.isnan(y) | np.isnan(lines[0]), -1, code)
    return pd.Categorical.from_codes(np.atleast_1d(code), categories=categories, ordered=True)


def weight_class(bmi: Any, age_years: Any, sex: Any, morbid_adult_bmi: int = 35) -> pd.Categorical:
    """Weight class as in the Zorgstandaard Obesitas table: healthy, overweight, obesity, morbid.

    overweight = IOTF 25 line <= BMI < IOTF 30 line; obesity = IOTF 30 line <= BMI < morbid line;
    "morbid obesity" = BMI >= the grade II line (``morbid_adult_bmi=35``, the default: the
    table's grades II and III together; "morbid obesity" is the usual name of the adult-35
    equivalent, as in Cole & Lobstein 2012's extended IOTF cut-offs) or the grade III line (40).
    The source (004, Bijlage 7, §5 line 3811 and Bijlage 2 lines 4021-4029) uses "morbide
    obesitas" without defining it. The grade II/III lines are RECONSTRUCTED from the Dutch 1980
    reference (:func:`zorgstandaard_cutoff`). Missing for missing input or ages outside 2-18 y.
    """
    if morbid_adult_bmi not in (35, 40):
        raise ValueError(f"morbid_adult_bmi must be 35 or 40, not {morbid_adult_bmi!r}")
    lines = [iotf_cutoff(age_years, sex, 25), iotf_cutoff(age_years, sex, 30),
             zorgstandaard_cutoff(age_years, sex, morbid_adult_bmi)]
    return _classes(bmi, lines, WEIGHT_CLASSES)
