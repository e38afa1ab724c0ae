package dev.ganforge.core.sweep;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.core.config.GanConfig;
import java.util.List;

/**
 * A checked sweep file: every trial's config has been bound and validated, so nothing is trained before
 * all of them are known to be usable.
 *
 * @param name the sweep's name (its file name without the extension)
 * @param base the base config, with the file's {@code set:} overrides
 * @param space the swept dimensions, in the file's order
 * @param trials the configurations to train: every grid point, times {@code trials:} random draws when the
 *     space has random dimensions
 * @param seeds the seeds each configuration is trained with
 * @param metric the metric evaluated on each finished run
 * @param rankBy which of the metric's values ranks the configurations ({@code fid}, {@code modes}, ...)
 * @param goal whether lower or higher {@code rankBy} is better
 * @param out where runs and results go: a folder or a URI Hadoop's FileSystem reads ({@code file:///...},
 *     {@code hdfs://...})
 */
public record Sweep(String name, GanConfig base, List<Dimension> space, List<Trial> trials, List<Long> seeds,
    MetricConfig metric, String rankBy, Goal goal, String out) {
  public Sweep {
    requireNonNull(name, "name");
    requireNonNull(base, "base");
    space = List.copyOf(space);
    trials = List.copyOf(trials);
    seeds = List.copyOf(seeds);
    requireNonNull(metric, "metric");
    requireNonNull(rankBy, "rankBy");
    requireNonNull(goal, "goal");
    requireNonNull(out, "out");
  }

  /** This sweep writing to {@code newOut}. */
  public Sweep withOut(String newOut) {
    return new Sweep(name, base, space, trials, seeds, metric, rankBy, goal, newOut);
  }
}
