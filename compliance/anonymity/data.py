"""Read a whole table for measuring (through the project's readers) and write one back in its format."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..errors import InputError, UsageError
from ..output import atomic_target
from ..redact import safe_name
from ..sources import open_tables

WRITABLE = ("csv", "tsv", "parquet", "jsonl")


def read_table(
    path: str, *, table: str | None = None, columns: list[str] | None = None, encoding: str | None = None
) -> tuple[pa.Table, str]:
    """Every row of one table of ``path`` (only ``columns`` when given) and its format."""
    tables = open_tables(path, encoding=encoding)
    chosen = [t for t in tables if table is None or t.table == table]
    if not chosen:
        raise InputError(f"no table {safe_name(table or '')!r} in the file", source=path)
    if len(chosen) > 1 and table is None:
        names = ", ".join(safe_name(t.table or "") for t in chosen)
        raise UsageError(f"{path}: several tables ({names}); name one with --table")
    source = chosen[0]
    wanted = list(columns) if columns is not None else None
    if wanted is not None:
        unknown = [c for c in wanted if c not in source.columns]
        if unknown:
            raise UsageError(f"{path}: no column {', '.join(repr(safe_name(c)) for c in unknown)}")
    if source.format == "parquet":
        return _parquet(path, wanted), source.format
    parts = []
    for batch in source.batches(262144):
        if wanted is not None:
            batch = pa.RecordBatch.from_arrays(
                [batch.column(c) if c in batch.schema.names else pa.nulls(batch.num_rows, pa.string()) for c in wanted],
                names=wanted,
            )
        parts.append(batch)
    names = wanted if wanted is not None else list(source.columns)
    if not parts:
        return pa.table({c: pa.array([], pa.string()) for c in names}), source.format
    # later batches of JSON inputs may carry more columns: conform all to the final column list
    conformed = []
    for batch in parts:
        arrays = [batch.column(c) if c in batch.schema.names else pa.nulls(batch.num_rows, pa.string()) for c in names]
        conformed.append(pa.RecordBatch.from_arrays(arrays, names=names))
    return pa.Table.from_batches(conformed), source.format


def _parquet(path: str, columns: list[str] | None) -> pa.Table:
    """Parquet read column-wise with text columns as dictionaries (as stored: no string decoding)."""
    try:
        schema = pq.read_schema(path)
        names = columns if columns is not None else schema.names
        text = [
            n
            for n in names
            if pa.types.is_string(schema.field(n).type) or pa.types.is_large_string(schema.field(n).type)
        ]
        return pq.read_table(path, columns=names, read_dictionary=text)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"cannot read the Parquet file ({type(exc).__name__})", source=path) from None


def plain(data: pa.Table) -> pa.Table:
    """Dictionary columns decoded to their values (for writers and for row-wise output)."""
    for i, field in enumerate(data.schema):
        if pa.types.is_dictionary(field.type):
            data = data.set_column(i, field.name, pc.cast(data.column(i), field.type.value_type))
    return data


def write_table(data: pa.Table, path: str, fmt: str) -> None:
    """Write ``data`` as ``fmt`` (csv, tsv, parquet, jsonl)."""
    if fmt not in WRITABLE:
        raise UsageError(f"{path}: cannot write {fmt}; the output formats are {', '.join(WRITABLE)}")
    if fmt != "parquet":
        data = plain(data)
    with atomic_target(path) as tmp:  # the output is complete or untouched, never half a dataset
        if fmt in ("csv", "tsv"):
            options = pacsv.WriteOptions(delimiter="\t" if fmt == "tsv" else ",", quoting_style="needed")
            pacsv.write_csv(data, tmp, options)
        elif fmt == "parquet":
            pq.write_table(data, tmp)
        else:
            with open(tmp, "w", encoding="utf-8") as out:
                for batch in data.to_batches(65536):
                    for row in batch.to_pylist():
                        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
