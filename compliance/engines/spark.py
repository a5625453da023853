"""The Spark engine: the kernel in ``mapInArrow`` on the executors, the tallies merged on the driver.

What runs where:

* driver: the decision sample is read and tallied with the project's own readers, exactly as in the
  local engine (``compliance/scanner.py``), so each column's detectors, and therefore the report, are
  the same; the per-partition tallies are merged (:func:`~compliance.engines.kernel.merge`) and the
  verdicts, classification and rules run on the merged tally.
* executors: Spark reads the source (CSV, TSV, Parquet, JSON, JSON Lines; a database through JDBC),
  each partition's Arrow batches become text columns (``sources/convert.text_batch``, the rule the
  local readers follow) and go through :func:`~compliance.engines.kernel.tally_batch`.
* the wire: one :func:`~compliance.engines.kernel.to_bytes` tally per partition: counts, 64-bit
  hashes and masked examples. Raw rows never leave the executors.

Sources Spark cannot read the way the local reader does (xlsx, SQLite, standard input, members of a
zip file, a CSV file whose header is not its first line) are tallied by the local engine instead, so
the report does not change; the log says so.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Callable, Iterator

from ..errors import InputError
from ..redact import safe_name
from .kernel import Plan, Tally, from_bytes, merge, merge_all, tally_batch, to_bytes
from .local import LocalEngine

log = logging.getLogger(__name__)

#: the master when the driver was not started by ``spark-submit`` (which sets its own)
MASTER_ENV = "COMPLIANCE_SPARK_MASTER"
DEFAULT_MASTER = "local[*]"
SPARK_FORMATS = frozenset({"csv", "tsv", "parquet", "json", "jsonl", "postgresql"})
#: PostgreSQL's JDBC driver as Debian's ``libpostgresql-jdbc-java`` installs it (``spark.jars`` otherwise)
POSTGRES_JAR = "/usr/share/java/postgresql.jar"


def _session():
    from ..cli.startup import allow_pandas

    allow_pandas()  # pyspark's Arrow functions require pandas
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise InputError("--engine spark needs pyspark: pip install 'dataflow-compliance[spark]'") from None
    builder = SparkSession.builder.appName("compliance-scan")
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit: choose the master here
        master = os.environ.get(MASTER_ENV) or DEFAULT_MASTER
        builder = builder.master(master)
        if master.startswith("local"):  # a local session talks over the loopback interface only
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        builder = builder.config("spark.ui.showConsoleProgress", "false")
        builder = builder.config("spark.ui.enabled", "false")
        if os.path.exists(POSTGRES_JAR):
            builder = builder.config("spark.jars", POSTGRES_JAR)
    builder = builder.config("spark.sql.session.timeZone", "UTC")
    try:
        session = builder.getOrCreate()
    except Exception as err:  # no Java, a master that cannot be reached
        raise InputError(f"--engine spark: Spark could not start ({type(err).__name__}; is Java installed?)") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


def _reads_like_local(table) -> bool:
    """Spark reads the same rows and columns as the local reader (else the local engine tallies)."""
    if table.format not in SPARK_FORMATS or table.source == "-" or getattr(table, "read_path", None):
        return False
    if table.format in ("csv", "tsv"):
        return getattr(table, "_header_start", None) is None and getattr(table, "_data_start", 0) >= 0
    return True


def _frame(spark, table):
    """The source as a Spark DataFrame of the local reader's columns, in its order."""
    source, fmt = table.source, table.format
    if fmt == "parquet":
        return spark.read.parquet(source)
    if fmt in ("csv", "tsv"):
        reader = spark.read.options(
            header=True,
            sep=getattr(table, "_delimiter", "\t" if fmt == "tsv" else ","),
            quote='"',
            escape='"',
            multiLine=True,
            mode="FAILFAST",
            encoding=table.encoding or "UTF-8",
        )
        return reader.csv(source)
    if fmt in ("json", "jsonl"):
        frame = spark.read.options(multiLine=fmt == "json", primitivesAsString=True, mode="FAILFAST").json(source)
        from pyspark.sql import functions as F

        # leaves of nested objects by their dotted path, renamed by position (a leaf may share a top-level name)
        picked = [
            F.col(".".join(f"`{p}`" for p in name.split("."))).alias(f"c{i}") for i, name in enumerate(table.columns)
        ]
        return frame.select(*picked)
    if fmt == "postgresql":
        return _jdbc(spark, table)
    raise InputError(f"--engine spark cannot read {fmt} sources", source=source)


def _jdbc(spark, table):
    """A PostgreSQL table through Spark's JDBC source (the driver jar: ``spark.jars``), its columns as
    the local reader lists them; the password (URL or ``PGPASSWORD``) goes to Spark in memory only."""
    target = table._target
    if target is None or table._json_columns:
        raise InputError("--engine spark reads PostgreSQL tables without json/jsonb columns", source=table.source)
    url = target.url
    jdbc = f"jdbc:postgresql://{url.host or 'localhost'}:{url.port or 5432}/{url.database}"
    properties = {"driver": "org.postgresql.Driver", "user": url.username or os.environ.get("PGUSER", "")}
    password = url.password or os.environ.get("PGPASSWORD")
    if password:
        properties["password"] = str(password)
    name = f'"{table._schema}"."{table.table}"'
    frame = spark.read.jdbc(jdbc, name, properties=properties)
    return frame.select(*[frame[f"`{column}`"].alias(f"c{i}") for i, column in enumerate(table._sql_columns)])


def _leaves(schema) -> int:
    """Columns once structs are flattened (what ``text_batch`` makes of a batch)."""
    from pyspark.sql.types import StructType

    return sum(_leaves(f.dataType) if isinstance(f.dataType, StructType) and f.dataType.fields else 1 for f in schema)


def _partition_tallies(plan: Plan, columns: list[str]) -> Callable[[Iterator], Iterator]:
    """The function ``mapInArrow`` runs on each partition: one serialised tally per partition."""

    def run(batches: Iterator) -> Iterator:
        import pyarrow as pa

        from ..sources.convert import text_batch

        total = Tally()
        for batch in batches:
            if batch.num_rows:
                total = merge(total, tally_batch(text_batch(batch, columns), plan))
        yield pa.RecordBatch.from_arrays([pa.array([to_bytes(total)], pa.binary())], names=["tally"])

    return run


class SparkEngine:
    """Full passes on Spark (``--engine spark``); one session per process."""

    name = "spark"
    _instance: SparkEngine | None = None

    def __init__(self, spark=None) -> None:
        self._spark = spark

    @classmethod
    def shared(cls) -> SparkEngine:
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    @property
    def spark(self):
        if self._spark is None:
            self._spark = _session()
        return self._spark

    def full_pass(self, table, plan: Plan, batch_rows: int, held=None, on_batch=None) -> Tally:
        if not _reads_like_local(table):
            log.info(
                "%s: read by the local engine (Spark does not read it as the local reader does)",
                safe_name(table.source),
            )
            return LocalEngine().full_pass(table, plan, batch_rows, held=None, on_batch=on_batch)
        spark = self.spark
        spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch_rows))
        frame = _frame(spark, table)
        if _leaves(frame.schema.fields) != len(table.columns):
            raise InputError(
                f"Spark reads {_leaves(frame.schema.fields)} columns where the local reader finds {len(table.columns)} "
                "(scan it with --engine local)",
                source=table.source,
            )
        try:
            rows = frame.mapInArrow(_partition_tallies(plan, list(table.columns)), "tally binary").collect()
        except Exception as err:
            log.debug("Spark failed on %s", safe_name(table.source), exc_info=True)
            raise InputError(
                f"Spark could not read it ({type(err).__name__}; use --debug)", source=table.source
            ) from err
        total = merge_all(from_bytes(bytes(row.tally)) for row in rows)
        if on_batch is not None:
            on_batch(total.rows)
        return total


__all__ = ["SparkEngine"]
