"""Attribution over Apache Spark: the pipeline run once per partition, Parquet out.

:mod:`.session` starts or joins the Spark session, :mod:`.sources` reads articles with
Spark's readers, :mod:`.job` runs the pipeline in the Python workers and writes the
tables, :mod:`.tables` defines them (from ``Article.to_dict``) and reads them back.
This layer imports neither the command line nor the store.
"""
