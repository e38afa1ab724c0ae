package dev.ganforge.core.engine;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.metric.Metric;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.api.metric.MetricContext;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataUnavailableException;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.random.SplitMixRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The metrics a run's config lists ({@code metrics:}), evaluated on the generator every so many steps
 * during training, or all at once on demand ({@code gan eval}). Samples are drawn in inference mode (from
 * the EMA weights when the run keeps them) with latent codes from a stream seeded by the run's seed and
 * the step, so an evaluation is the same after a resume; real samples are the data's fixed samples and,
 * for the real-vs-real floor, the fixed samples of its other split.
 */
public final class GeneratorMetrics {
  /**
   * Samples are drawn this many at a time; {@code gan sample} draws in the same batches, so that a set it
   * writes with a seed holds exactly what {@link #evaluateSeeded} measures with that seed.
   */
  public static final int SAMPLE_BATCH = 500;

  /** The latent stream name of {@link #evaluateSeeded} (and of {@code gan sample}). */
  public static final String SAMPLE_STREAM = "sample";

  private record Active(String type, int every, Metric metric) {
    boolean isDue(long step) {
      return every > 0 && step % every == 0;
    }
  }

  private final GanConfig config;
  private final DataSource data;
  private final DataType dataType;
  private final List<Active> metrics;
  private DataSource heldOut;

  private GeneratorMetrics(GanConfig config, DataSource data, DataType dataType, List<Active> metrics) {
    this.config = config;
    this.data = data;
    this.dataType = dataType;
    this.metrics = metrics;
  }

  /** The metrics of {@code configs} (usually the run's {@code metrics:} list), created from their plugins. */
  public static GeneratorMetrics create(GanConfig config, List<MetricConfig> configs, PluginRegistry registry,
      DataSource data, DataType dataType) {
    RunContext context = RunContext.of(config.seed(), dataType, data.info());
    List<Active> active = new ArrayList<>();
    for (MetricConfig metric : configs) {
      String type = registry.typeOf(PluginKind.METRIC, metric).orElseThrow();
      active.add(new Active(type, metric.every(), registry.create(PluginKind.METRIC, metric, context)));
    }
    return new GeneratorMetrics(config, data, dataType, List.copyOf(active));
  }

  /** Whether any metric is due after {@code step}. */
  public boolean isDue(long step) {
    return metrics.stream().anyMatch(active -> active.isDue(step));
  }

  /** The metrics due after {@code step}, as {@code metric/<name>} values. */
  public Map<String, Double> evaluateDue(GanModel model, long step) {
    return evaluate(new Supply(model, null, null), step, true);
  }

  /** Every metric, due or not, as {@code metric/<name>} values. */
  public Map<String, Double> evaluateAll(GanModel model, long step) {
    return evaluate(new Supply(model, null, null), step, false);
  }

  /**
   * Every metric on samples drawn from latent codes of the stream {@code seed}/{@value #SAMPLE_STREAM} in
   * batches of {@value #SAMPLE_BATCH}, as {@code gan sample --seed} draws them, in place of the step's
   * metric stream.
   */
  public Map<String, Double> evaluateSeeded(GanModel model, long step, long seed) {
    return evaluate(new Supply(model, seed, null), step, false);
  }

  /**
   * Every metric on a given sample set in place of the generator's samples (another framework's, or
   * {@code gan sample}'s), each metric taking the set's first samples: the same extractor, real samples and
   * provenance as a generator's evaluation.
   *
   * @param samples {@code [n, ...sampleShape]}, images in [-1, 1]
   * @throws DataUnavailableException when a metric needs more samples than the set holds
   */
  public Map<String, Double> evaluateSamples(INDArray samples, long step) {
    return evaluate(new Supply(null, null, samples), step, false);
  }

  /**
   * Every metric with uniform noise in [-1, 1], shaped like the data, in place of generated samples: what
   * a generator that learned nothing scores, the other end of the scale from the real-vs-real floor.
   */
  public Map<String, Double> evaluateNoise(long step) {
    return evaluate(new Supply(null, null, null), step, false);
  }

  /** What each metric's last evaluation was measured with, by type ({@link Metric#provenance}). */
  public Map<String, Map<String, String>> provenance() {
    Map<String, Map<String, String>> provenance = new LinkedHashMap<>();
    metrics.forEach(active -> provenance.put(active.type(), active.metric().provenance()));
    return provenance;
  }

  /**
   * Where a round's samples come from: the model (from the step's metric stream, or from {@code seed}'s
   * sample stream when given), a given set, or noise when both are null.
   */
  private record Supply(GanModel model, Long seed, INDArray samples) {}

  private Map<String, Double> evaluate(Supply supply, long step, boolean dueOnly) {
    Map<String, Double> values = new LinkedHashMap<>();
    Map<Integer, INDArray> generated = new java.util.HashMap<>(); // shared by this round's metrics
    for (Active active : metrics) {
      if (dueOnly && !active.isDue(step)) {
        continue;
      }
      Context context = new Context(supply, active.type(), step,
          SplitMixRandom.stream(config.seed() ^ SplitMixRandom.mix(step), "metric-" + active.type()), generated);
      active.metric().evaluate(context).forEach((name, value) -> values.put("metric/" + name, value));
    }
    return values;
  }

  private DataSource heldOutSource() {
    if (heldOut == null) {
      heldOut = config.data().heldOut().map(c -> DataSources.open(c, config.seed(), dataType)).orElse(null);
    }
    return heldOut;
  }

  /** A metric context over a model's samples, a given set, or noise ({@link Supply}). */
  private final class Context implements MetricContext {
    private final GanModel model;
    private final Supply supply;
    private final String metric;
    private final long step;
    private final SplitMixRandom random;
    private final Map<Integer, INDArray> generated;

    Context(Supply supply, String metric, long step, SplitMixRandom random, Map<Integer, INDArray> generated) {
      this.model = supply.model();
      this.supply = supply;
      this.metric = metric;
      this.step = step;
      this.random = random;
      this.generated = generated;
    }

    @Override
    public long step() {
      return step;
    }

    /**
     * The metrics of one round share their samples: the first {@code count} of one latent stream seeded by
     * the run's seed and the step, drawn once per count (the costly part of FID, KID and the rest).
     */
    @Override
    public INDArray generate(int count) {
      if (supply.samples() != null) {
        return firstOfSet(count);
      }
      return generated.computeIfAbsent(count, n -> {
        SplitMixRandom latent = supply.seed() != null ? SplitMixRandom.stream(supply.seed(), SAMPLE_STREAM)
            : SplitMixRandom.stream(config.seed() ^ SplitMixRandom.mix(step), "metric-samples");
        return inBatches(n, (start, size) -> draw(latent, size, null));
      });
    }

    private INDArray firstOfSet(int count) {
      INDArray samples = supply.samples();
      if (count > samples.size(0)) {
        throw new DataUnavailableException("metric " + metric + " needs " + count + " samples; the sample set "
            + "holds " + samples.size(0) + ": write more (gan sample --n " + count + ") or measure on fewer "
            + "(gan eval --n " + samples.size(0) + ")");
      }
      if (count == samples.size(0)) {
        return samples;
      }
      INDArrayIndex[] first = new INDArrayIndex[samples.rank()];
      first[0] = NDArrayIndex.interval(0, count);
      for (int d = 1; d < first.length; d++) {
        first[d] = NDArrayIndex.all();
      }
      return samples.get(first);
    }

    @Override
    public INDArray generate(int count, INDArray labels) {
      if (supply.samples() != null) {
        throw new DataUnavailableException("metric " + metric + " draws samples for chosen classes, which a "
            + "sample set cannot do; leave it out (--metric) when measuring a sample set");
      }
      return inBatches(count, (start, n) -> draw(random, n,
          labels.get(NDArrayIndex.interval(start, start + n), NDArrayIndex.all())));
    }

    /** {@code size} samples (for {@code labels} when given) from the model, or noise without one. */
    private INDArray draw(SplitMixRandom source, int size, INDArray labels) {
      if (model == null) {
        long[] shape = new long[data.info().sampleShape().size() + 1];
        shape[0] = size;
        for (int i = 1; i < shape.length; i++) {
          shape[i] = data.info().sampleShape().get(i - 1);
        }
        return source.uniform(dataType, -1, 1, shape);
      }
      INDArray latent = config.latent().sample(source, dataType, size);
      return labels == null ? model.sample(latent) : model.sample(latent, labels);
    }

    private INDArray inBatches(int count, java.util.function.BiFunction<Integer, Integer, INDArray> batch) {
      List<INDArray> parts = new ArrayList<>();
      for (int start = 0; start < count; start += SAMPLE_BATCH) {
        parts.add(batch.apply(start, Math.min(SAMPLE_BATCH, count - start)));
      }
      return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    @Override
    public INDArray realSamples(int count) {
      return data.fixedSamples(count);
    }

    @Override
    public Optional<INDArray> heldOutSamples(int count) {
      DataSource source = heldOutSource();
      return source == null ? Optional.empty() : Optional.of(source.fixedSamples(count));
    }

    @Override
    public DatasetInfo dataset() {
      return data.info();
    }

    @Override
    public RandomSource random() {
      return random;
    }
  }
}
