/**
 * Sweeps on Apache Spark. {@link dev.ganforge.spark.SparkSweepExecutor} runs on the driver (the {@code gan}
 * process); {@link dev.ganforge.spark.RunTask} runs on executors, where only Spark, Hadoop and the JDK are
 * on the class path: it starts the task's own {@code gan sweep-task} process and publishes the finished
 * run with {@link dev.ganforge.spark.RunStore}.
 */
package dev.ganforge.spark;
