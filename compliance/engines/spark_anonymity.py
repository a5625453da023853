"""Anonymity figures (k, l, entropy l, t, prosecutor risk) from Spark group-bys, for ``--engine spark``.

The executors reduce the table to a contingency table; only integers come to the driver, where the
same numpy code as the local engine (``anonymity.measure.measure_aggregated``) computes the figures:

1. each row gets its position (``monotonically_increasing_id``: increasing in file order) and its
   record weight (1, or the ``count_column`` cast by the local rule, ``anonymity.check.count_values``,
   in ``mapInArrow``);
2. ``groupBy(quasi-identifiers + sensitive attributes)`` sums the weights and keeps each group's first
   position; windows over that reduced table give each class, and each value of each column, the
   position of its first row: a class is named by its first row, a value by its first row, which is
   exactly how the local engine numbers them (codes in first-appearance order), with no hashing and
   so no collisions;
3. a sensitive attribute's distinct values go through Arrow's float cast on the executors (the local
   rule for "numeric"); a window ranks them in numeric order (ties by first appearance), so only the
   rank crosses the wire, never the number.

What crosses the wire: per class its first row, the first rows of its quasi-identifier values and its
record count; per (class, sensitive value) the value's first row and the records; per sensitive value
its first row and numeric rank. Raw values come to the driver only for the few smallest classes the
report shows (``SMALLEST_SHOWN`` rows, their quasi-identifiers only, masked before any output).

Sources other than CSV/TSV and Parquet, and columns of types whose equality Spark and Arrow define
differently (floating point: Spark groups -0.0 with 0.0, Arrow does not; decimals, timestamps,
nested types) are measured on the driver instead: ``measure`` returns None and the log says why.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from ..anonymity.check import EMPTY_OR_NEGATIVE, NOT_WHOLE, count_problem, count_values, shown_class, smallest_order
from ..anonymity.measure import Attribute, Measurement, Pairs, combine, measure_aggregated
from ..errors import ComplianceError, InputError
from ..redact import safe_name
from .spark import _frame, _reads_like_local

log = logging.getLogger(__name__)

FORMATS = frozenset({"csv", "tsv", "parquet"})
#: Spark types whose values group exactly as Arrow's dictionary encoding groups them
EXACT_TYPES = ("string", "tinyint", "smallint", "int", "bigint", "boolean", "date")
SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions"
_ERRORS = {0: None, 1: EMPTY_OR_NEGATIVE, 2: NOT_WHOLE}


def _columns(frame, table, names: list[str]):
    """Spark columns for the local reader's ``names`` (CSV: by position, empty text as null)."""
    from pyspark.sql import functions as F

    if table.format == "parquet":
        return [frame[f"`{name}`"] for name in names], frame
    if len(frame.columns) != len(table.columns):
        return None, frame
    frame = frame.toDF(*[f"c{i}" for i in range(len(frame.columns))])
    out = []
    for name in names:
        column = F.col(f"c{table.columns.index(name)}")
        out.append(F.when(column == "", F.lit(None)).otherwise(column))  # the local reader: empty cells are null
    return out, frame


def _weights(column: str):
    """``mapInArrow``: each row's records (``_w``) and its problem code (``_err``: 1 empty/negative, 2 not whole)."""

    def run(batches):
        import pyarrow as pa

        for batch in batches:
            counts, problem = count_values(batch.column(column))
            code = {v: k for k, v in _ERRORS.items()}[problem]
            weights = pa.array(counts if counts is not None else np.zeros(batch.num_rows, dtype=np.int64), pa.int64())
            errors = pa.array(np.full(batch.num_rows, code, dtype=np.int32), pa.int32())
            yield pa.RecordBatch.from_arrays([*batch.columns, weights, errors], [*batch.schema.names, "_w", "_err"])

    return run


def _numeric(batches):
    """``mapInArrow`` over a sensitive attribute's distinct values: the float each one casts to (Arrow's
    cast, as ``anonymity.measure.numeric_order`` does) or null, and whether it cast."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for batch in batches:
        values = batch.column("v")
        try:
            numbers = pc.cast(values, pa.float64())
            ok = pc.is_valid(values)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            numbers = pa.nulls(batch.num_rows, pa.float64())
            ok = pa.array(np.zeros(batch.num_rows, dtype=bool))
        yield pa.RecordBatch.from_arrays([batch.column("first"), numbers, ok], ["first", "number", "ok"])


def _arrow(frame):
    return frame.toArrow()


def _ints(table, name: str) -> np.ndarray:
    return table.column(name).to_numpy(zero_copy_only=False).astype(np.int64)


def measure(
    spark, table, qis: list[str], sensitive: list[str], target_k: int, count_column: str | None
) -> tuple[Measurement, list[dict]] | None:
    """The figures and the smallest classes of ``table`` from Spark group-bys, or None when the
    driver should measure (a source or column type Spark would group differently)."""
    where = safe_name(table.source)
    if table.format not in FORMATS or not _reads_like_local(table):
        log.info("%s: anonymity measured on the driver (Spark does not read it as the local reader does)", where)
        return None
    before = spark.conf.get(SHUFFLE_PARTITIONS)
    # the group-bys and windows shuffle reduced tables: one partition per core, not Spark's default 200
    spark.conf.set(SHUFFLE_PARTITIONS, str(max(2, spark.sparkContext.defaultParallelism)))
    try:
        return _measure(spark, table, qis, sensitive, target_k, count_column)
    except ComplianceError:
        raise
    except Exception as err:
        log.debug("Spark failed measuring %s", where, exc_info=True)
        raise InputError(
            f"Spark could not measure its anonymity ({type(err).__name__}; use --debug)", source=table.source
        ) from err
    finally:
        spark.conf.set(SHUFFLE_PARTITIONS, before)


def _measure(spark, table, qis, sensitive, target_k, count_column):
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    q = [f"q{i}" for i in range(len(qis))]
    s = [f"s{i}" for i in range(len(sensitive))]
    named = [*qis, *sensitive, *([count_column] if count_column else [])]
    columns, frame = _columns(_frame(spark, table), table, named)
    if columns is None:
        log.info("%s: anonymity measured on the driver (Spark sees other columns)", safe_name(table.source))
        return None
    aliases = [*q, *s, *(["w"] if count_column else [])]
    base = frame.select(*[c.alias(a) for c, a in zip(columns, aliases, strict=True)])
    grouped = base.schema.fields[: len(q) + len(s)]  # the count column may be of any type: Arrow casts it
    if any(f.dataType.simpleString() not in EXACT_TYPES for f in grouped):
        log.info(
            "%s: anonymity measured on the driver (column types Spark groups differently)", safe_name(table.source)
        )
        return None
    base = base.withColumn("_row", F.monotonically_increasing_id())  # file order, before any shuffle
    if count_column:
        from pyspark.sql.types import IntegerType, LongType, StructField, StructType

        added = [StructField("_w", LongType(), False), StructField("_err", IntegerType(), False)]
        schema = StructType([*base.schema.fields, *added])
        weighted = base.mapInArrow(_weights("w"), schema)
    else:
        weighted = base.withColumn("_w", F.lit(1).cast("bigint")).withColumn("_err", F.lit(0))
    groups = weighted.groupBy(*q, *s).agg(
        F.sum("_w").alias("_n"), F.min("_row").alias("_first"), F.max("_err").alias("_err"), F.count("*").alias("_rows")
    )
    firsts = [F.min("_first").over(Window.partitionBy(*q)).alias("_cls")]
    firsts += [F.min("_first").over(Window.partitionBy(c)).alias(f"_f{c}") for c in [*q, *s]]
    groups = groups.select(*q, *s, "_n", "_err", "_rows", *firsts).persist()
    try:
        totals = groups.agg(F.max("_err").alias("err"), F.sum("_rows").alias("rows")).first()
        problem = _ERRORS[int(totals["err"] or 0)]
        if problem:
            raise count_problem(table.source, count_column, problem)
        found = _arrow(groups.groupBy("_cls", *[f"_f{c}" for c in q]).agg(F.sum("_n").alias("_n")))
        classes = ClassCounts(_ints(found, "_cls"), [_ints(found, f"_f{c}") for c in q], _ints(found, "_n"))
        pairs = {name: _pair_counts(groups, c) for name, c in zip(sensitive, s, strict=True)}
        sizes, first_row, attributes = assemble(int(totals["rows"] or 0), classes, pairs)
        shown = _smallest(base, qis, q, sizes, first_row)
    finally:
        groups.unpersist()
    return measure_aggregated(sizes, attributes, target_k), shown


@dataclass
class ClassCounts:
    """Per class (named by its first row): the first rows of its quasi-identifier values, its records."""

    first: np.ndarray
    value_firsts: list[np.ndarray]
    records: np.ndarray


@dataclass
class PairCounts:
    """One sensitive attribute: per (class, value) pair the class's and the value's first rows and the
    records; per distinct value its first row and, when every value is a number, its numeric rank."""

    cls_first: np.ndarray
    value_first: np.ndarray
    records: np.ndarray
    values: np.ndarray
    rank: np.ndarray | None


def assemble(rows: int, classes: ClassCounts, pairs: dict[str, PairCounts]):
    """Class sizes (by class id), each class's first row and the sensitive ``Attribute``s, numbered as the
    local engine numbers them: values by first appearance, classes by ``combine`` over those codes with
    the classes in first-appearance order (``rows`` decides combine's branch, as the table's rows do)."""
    order = np.argsort(classes.first, kind="stable")
    class_firsts = classes.first[order]
    codes, cards = [], []
    for firsts in classes.value_firsts:
        distinct = np.unique(firsts)
        codes.append(np.searchsorted(distinct, firsts[order]))
        cards.append(len(distinct))
    ids, n = combine(codes, cards, rows)
    sizes = np.zeros(n, dtype=np.int64)
    sizes[ids] = classes.records[order]
    first_row = np.zeros(n, dtype=np.int64)
    first_row[ids] = class_firsts
    attributes = {}
    for name, counts in pairs.items():
        by_first = np.argsort(counts.values, kind="stable")
        value_firsts = counts.values[by_first]
        numeric = None if counts.rank is None else counts.rank[by_first].astype(np.float64)
        cls = ids[np.searchsorted(class_firsts, counts.cls_first)]
        value = np.searchsorted(value_firsts, counts.value_first)
        sort = np.lexsort((value, cls))  # (class, value) order, as the local bincount path gives them
        pair = Pairs(cls[sort], value[sort], counts.records[sort])
        attributes[name] = Attribute(pair, len(value_firsts), numeric)
    return sizes, first_row, attributes


def _pair_counts(groups, c: str) -> PairCounts:
    """A sensitive attribute's pairs, distinct values and numeric ranks from the reduced table."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    pairs = _arrow(groups.groupBy("_cls", f"_f{c}").agg(F.sum("_n").alias("_n")))
    values = groups.groupBy(c).agg(F.min(f"_f{c}").alias("first")).select(F.col(c).alias("v"), "first")
    cast = values.mapInArrow(_numeric, "first bigint, number double, ok boolean")
    ranked = _arrow(cast.select("first", "ok", F.row_number().over(Window.orderBy("number", "first")).alias("rank")))
    numeric = ranked.num_rows > 0 and bool(ranked.column("ok").to_numpy(zero_copy_only=False).all())
    rank = _ints(ranked, "rank") - 1 if numeric else None
    return PairCounts(_ints(pairs, "_cls"), _ints(pairs, f"_f{c}"), _ints(pairs, "_n"), _ints(ranked, "first"), rank)


def _smallest(base, qis: list[str], q: list[str], sizes: np.ndarray, first_row: np.ndarray) -> list[dict]:
    """The smallest classes with their quasi-identifier values: only those few rows are fetched."""
    from pyspark.sql import functions as F

    chosen = smallest_order(sizes)
    if not len(chosen):
        return []
    wanted = [int(first_row[cls]) for cls in chosen]
    fetched = _arrow(base.filter(F.col("_row").isin(wanted)).select("_row", *q)).to_pylist()
    by_row = {r["_row"]: r for r in fetched}
    return [
        shown_class(sizes[cls], {name: by_row[row][c] for name, c in zip(qis, q, strict=True)})
        for cls, row in zip(chosen, wanted, strict=True)
    ]
