"""Build the dbt project on a local Spark, in a process of its own (the JVM ends with it).

Run by ``tests/test_dbt_on_spark.py`` as ``python -m tests.spark_build INPUTS TARGET MARTS``,
with ``SPF_HOME`` set to a scratch data home (the ``spark`` target of ``dbt/profiles.yml`` keeps
Spark's tables and Hive metastore under it). In order:

1. ``dbt debug --target spark`` opens dbt-spark's session as the profile configures it; the
   session lives on in this process, so what follows runs in the very Spark dbt builds in;
2. the raw and reference databases are created from ``INPUTS/<schema>__<table>.parquet``
   (DuckDB writes timestamps without a time zone, which Spark reads as ``timestamp_ntz``:
   they are UTC, and become Spark's ``timestamp``, as intake's tables mean them);
3. ``dbt build --target spark``, with ``TARGET`` as dbt's target folder (run_results.json);
4. every table of the ``marts`` database is written to ``MARTS/<table>/`` as Parquet, for the
   test to compare with DuckDB's marts.

Exit status 0 when all of it ran, whatever dbt's results (the test reads them).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

INPUT_SCHEMAS = ("raw", "reference")


def _dbt(*args: str, target: Path) -> bool:
    """``dbt <args> --target spark`` in this process, logs and artefacts under ``target``."""
    from dbt.cli.main import dbtRunner

    from dagster_project.dbt_project import spf_dbt_project

    project = str(spf_dbt_project.project_dir)
    common = ["--project-dir", project, "--profiles-dir", project, "--target", "spark"]
    paths = ["--log-path", str(target / "logs")]
    if args[0] != "debug":  # the one command without a target folder
        paths += ["--target-path", str(target)]
    return dbtRunner().invoke([*args, *common, *paths]).success


def _load_inputs(spark: SparkSession, inputs: Path) -> int:
    loaded = 0
    for schema in INPUT_SCHEMAS:
        spark.sql(f"DROP DATABASE IF EXISTS {schema} CASCADE")
        spark.sql(f"CREATE DATABASE {schema}")
    for path in sorted(inputs.glob("*.parquet")):
        schema, table = path.stem.split("__", 1)
        frame = spark.read.parquet(str(path))
        for name, kind in frame.dtypes:
            if kind == "timestamp_ntz":
                frame = frame.withColumn(name, frame[name].cast("timestamp"))
        frame.write.saveAsTable(f"{schema}.{table}")
        loaded += 1
    return loaded


def main(argv: list[str]) -> int:
    inputs, target, marts = (Path(a) for a in argv)
    if not _dbt("debug", target=target):
        print("dbt debug --target spark failed", file=sys.stderr)
        return 1
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()  # the session dbt-spark opened
    print(f"loaded {_load_inputs(spark, inputs)} input tables", flush=True)
    _dbt("build", target=target)
    # Parquet's INT96 timestamps are read back by DuckDB as plain (UTC) timestamps
    spark.conf.set("spark.sql.parquet.outputTimestampType", "INT96")
    for row in spark.sql("SHOW TABLES IN marts").collect():
        spark.table(f"marts.{row.tableName}").write.parquet(str(marts / row.tableName))
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
