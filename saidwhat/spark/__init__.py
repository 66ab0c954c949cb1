"""Attribution over Apache Spark: the pipeline run once per partition, Parquet out."""
