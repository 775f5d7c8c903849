package org.segnode.node.queue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Quartz's properties: the node's defaults (one worker thread, JDBC job store on the node's
 * database, no clustering) overlaid by {@code conf/quartz.properties} when present. The SQL
 * delegate is not among them: the node picks it from the database ({@code JobQueue}).
 */
public final class QuartzSettings {
  private QuartzSettings() {}

  public static Properties defaults() {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "SegNode");
    p.setProperty("org.quartz.scheduler.instanceId", "NON_CLUSTERED");
    p.setProperty("org.quartz.threadPool.threadCount", "1");
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    p.setProperty("org.quartz.jobStore.isClustered", "false");
    // strings only in job data: readable in the tables and portable across databases
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    return p;
  }

  /** The defaults overlaid by {@code file} (absent: the defaults alone). */
  public static Properties load(Path file) throws IOException {
    Properties p = defaults();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
    }
    return p;
  }
}
