"""Where Splink runs: DuckDB in this process (the default), or Spark for scale.

Both get the prepared records as one registered table (Splink 5 registers data with the
database API first; the Linker takes the registered frame). DuckDB is held to a memory limit
and spills to a temporary folder beyond it. Spark runs locally (`local[*]`) unless
`HUB_SPARK_MASTER` names a cluster; it needs Java 17 or later.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pyarrow as pa

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")
# DuckDB's share of the machine: it spills to disk past this, so a million records fit in 8 GB.
DUCKDB_MEMORY_LIMIT = os.environ.get("HUB_LINK_DUCKDB_MEMORY", "5GB")


class EngineUnavailable(RuntimeError):
    """The engine cannot run here (no pyspark, no Java); the message says what to install."""


@dataclass
class Database:
    """A Splink database API with the prepared records registered in it."""

    engine: Engine
    api: Any  # splink's DuckDBAPI or SparkAPI
    records: Any  # the registered SplinkDataFrame

    def rows(self, table: Any, columns: list[str]) -> list[tuple[Any, ...]]:
        """Some columns of a Splink table, as tuples (the cluster ids, the scored pairs)."""
        selected = ", ".join(columns)
        if self.engine == "duckdb":
            sql = f"SELECT {selected} FROM {table.physical_name}"  # noqa: S608 (our own names)
            return self.api.duckdb_con.sql(sql).fetchall()
        frame = self.api.spark.table(table.physical_name).select(*columns)
        return [tuple(row) for row in frame.collect()]


def java_problem() -> str | None:
    """Why Spark cannot start here, or None: it needs a `java` of version 17 or later."""
    java_home = os.environ.get("JAVA_HOME")
    java = Path(java_home, "bin", "java") if java_home else shutil.which("java")
    if java is None or not Path(java).exists():
        return "Spark needs Java 17 or later: install openjdk-17-jre-headless (or set JAVA_HOME)"
    return None


def _duckdb(workdir: Path) -> Any:
    import duckdb
    from splink import DuckDBAPI

    connection = duckdb.connect()
    spill = workdir / "duckdb-spill"
    spill.mkdir(parents=True, exist_ok=True)
    connection.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
    connection.execute(f"SET temp_directory = '{spill}'")
    connection.execute("SET preserve_insertion_order = false")
    return DuckDBAPI(connection=connection)


def spark_session(workdir: Path, *, records: int) -> Any:
    """A Spark session for linkage, with Splink's similarity functions loaded, sized for
    `records`: few partitions for a small file, as each costs a task per step."""
    problem = java_problem()
    if problem:
        raise EngineUnavailable(problem)
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location
    except ImportError as exc:
        raise EngineUnavailable(
            "the Spark engine needs pyspark: install the project's `spark` extra"
            " (uv sync --extra spark)"
        ) from exc
    # Local Spark binds to the loopback address: nothing listens beyond this machine.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    cores = os.cpu_count() or 2
    partitions = max(1, min(cores * 2, records // 50_000))
    session = (
        SparkSession.builder.master(os.environ.get("HUB_SPARK_MASTER", "local[*]"))
        .appName("hub-link")
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", os.environ.get("HUB_SPARK_DRIVER_MEMORY", "4g"))
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.local.dir", str(workdir / "spark-local"))
        .config("spark.sql.warehouse.dir", str(workdir / "spark-warehouse"))
        .config("spark.driver.extraJavaOptions", f"-Djava.io.tmpdir={workdir}")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(str(workdir / "spark-checkpoints"))
    return session


def open_database(engine: Engine, records: pa.Table, workdir: Path) -> Database:
    """Start the engine and register the prepared records with it."""
    if engine == "duckdb":
        api = _duckdb(workdir)
        return Database(engine, api, api.register(records, dataset_display_name="records"))
    if engine != "spark":
        raise EngineUnavailable(f"unknown engine {engine!r} (choose {', '.join(ENGINES)})")
    from splink import SparkAPI

    session = spark_session(workdir, records=records.num_rows)
    # Spark reads the records from Parquet: no pandas, and the same path at any size.
    import pyarrow.parquet as pq

    path = workdir / "records.parquet"
    pq.write_table(records, path)
    frame = session.read.parquet(str(path))
    # Local Spark keeps intermediate tables in memory; a cluster writes them out as Parquet.
    local = session.sparkContext.master.startswith("local")
    api = SparkAPI(
        spark_session=session,
        break_lineage_method="persist" if local else "parquet",
        num_partitions_on_repartition=max(1, records.num_rows // 50_000) if local else None,
    )
    return Database(engine, api, api.register(frame, dataset_display_name="records"))


def close_database(database: Database) -> None:
    """Stop what the engine started (the Spark session; DuckDB's connection)."""
    if database.engine == "spark":
        database.api.spark.stop()
    else:
        database.api.duckdb_con.close()
