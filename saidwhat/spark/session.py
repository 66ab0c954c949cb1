"""The Spark session a job runs in: the one ``spark-submit`` started, or a local one.

Run by ``spark-submit``, the session takes its master and settings from it. Run as a
plain program, :func:`start_session` starts Spark in local mode (``local[*]`` unless a
master is given), with this Python as the executors' Python (so they import the same
saidwhat) and Spark's own log off the console but for fatal errors (warnings too when
verbose): a failed job is reported as one line, the Python error that failed it.
"""
from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from typing import Iterator, Optional, Tuple

from pyspark.sql import SparkSession

from ..errors import SparkJobError

logger = logging.getLogger(__name__)

LOCAL_MASTER = "local[*]"
APP_NAME = "saidwhat"
# Spark's log4j settings when this program starts the JVM: its messages at this level
# and above, on stderr. The template is filled with the level; the logger of the class that
# starts PySpark's JVM at the same level keeps Spark from lowering it to WARN and saying so.
LOG4J_TEMPLATE = """\
rootLogger.level = {level}
rootLogger.appenderRef.console.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark: %p %c{{1}}: %m%n%ex
logger.gateway.name = org.apache.spark.api.python.PythonGatewayServer
logger.gateway.level = {level}
"""


def started_by_spark_submit() -> bool:
    """Whether ``spark-submit`` (or ``pyspark``) started this process and its JVM."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def start_session(master: Optional[str] = None, verbose: bool = False) -> Tuple[SparkSession, bool]:
    """Return the Spark session to run in and whether it was started here (its starter
    stops it). A running session is taken as it is; ``spark-submit``'s gives its master;
    otherwise ``master`` (default ``local[*]``). SparkJobError when Spark cannot start."""
    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName(APP_NAME)
    submitted = started_by_spark_submit()
    if master is not None or not submitted:
        builder = builder.master(master or LOCAL_MASTER)
    builder = builder.config("spark.ui.showConsoleProgress", "true" if sys.stderr.isatty() else "false")
    if submitted:
        return _started(builder), True
    _check_java()
    with _quiet_log4j("warn" if verbose else "fatal") as log4j, _executor_python():
        builder = builder.config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log4j}")
        return _started(builder), True


def _started(builder: SparkSession.Builder) -> SparkSession:
    """The session ``builder`` starts; SparkJobError saying why when it does not."""
    try:
        spark = builder.getOrCreate()
    except Exception as err:  # Spark raises several kinds (gateway, Py4J, runtime)
        raise SparkJobError(f"Spark did not start: {_first_line(err)}") from err
    logger.info("Spark %s, master %s, %d cores", spark.version, spark.sparkContext.master,
                spark.sparkContext.defaultParallelism)
    return spark


def _check_java() -> None:
    """SparkJobError unless a ``java`` is found (under ``$JAVA_HOME`` or on the PATH)."""
    home = os.environ.get("JAVA_HOME")
    if home and os.access(os.path.join(home, "bin", "java"), os.X_OK):
        return
    if shutil.which("java") is None:
        raise SparkJobError("Spark needs Java 17 or later and none was found: install a JRE "
                            "(apt-get install openjdk-17-jre-headless) or set JAVA_HOME")


@contextlib.contextmanager
def _quiet_log4j(level: str) -> Iterator[str]:
    """Yield the path of a log4j2 configuration that shows Spark's messages of ``level``
    and above; the JVM reads it as it starts, and it is removed after."""
    fd, path = tempfile.mkstemp(prefix="saidwhat-log4j2-", suffix=".properties")
    try:
        with open(fd, "w", encoding="utf-8") as stream:
            stream.write(LOG4J_TEMPLATE.format(level=level))
        yield path
    finally:
        os.unlink(path)


@contextlib.contextmanager
def _executor_python() -> Iterator[None]:
    """While inside, ``PYSPARK_PYTHON`` names this Python unless set already: the
    context reads it once, as it starts, for the executors' Python (else ``python3`` on
    the PATH, which may not have saidwhat)."""
    if "PYSPARK_PYTHON" in os.environ:
        yield
        return
    os.environ["PYSPARK_PYTHON"] = sys.executable
    try:
        yield
    finally:
        os.environ.pop("PYSPARK_PYTHON", None)


def _first_line(err: BaseException) -> str:
    """The first non-blank line of an error's message (Spark's run on for pages)."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    return lines[0] if lines else type(err).__name__
