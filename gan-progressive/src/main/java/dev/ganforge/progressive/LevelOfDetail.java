package dev.ganforge.progressive;

/**
 * Where a progressive run stands after {@code imagesShown} real images, by the formula of Karras et
 * al.'s {@code TrainingSchedule} (train.py): each level first stabilizes for {@code stabilizeImages},
 * then the next level fades in over {@code fadeImages};
 * {@code lod = levels - phase - max(imagesInPhase - stabilizeImages, 0) / fadeImages}, at least 0, where
 * {@code phase = floor(imagesShown / (stabilizeImages + fadeImages))}. The networks work at
 * {@code finalResolution / 2^floor(lod)}; while {@code lod} is fractional that level is fading in, with
 * weight {@code alpha = 1 - (lod - floor(lod))} against the level below.
 *
 * @param lod the level of detail: 0 at the final resolution, {@code levels} at the start
 * @param resolution the height and width the networks work at
 */
public record LevelOfDetail(double lod, int resolution) {

  /**
   * @param levels the number of doublings from the start resolution to the final one
   * @param fadeImages 0 for no fade: each level starts at full weight
   */
  public static LevelOfDetail at(long imagesShown, int finalResolution, int levels, long stabilizeImages,
      long fadeImages) {
    long phaseLength = stabilizeImages + fadeImages;
    long phase = phaseLength > 0 ? imagesShown / phaseLength : 0;
    double lod = levels - phase;
    if (fadeImages > 0) {
      lod -= Math.max(imagesShown - phase * phaseLength - stabilizeImages, 0) / (double) fadeImages;
    }
    lod = Math.max(lod, 0);
    return new LevelOfDetail(lod, finalResolution >> (int) Math.floor(lod));
  }

  /** Whether this level is fading in over the one below it. */
  public boolean fading() {
    return lod != Math.floor(lod);
  }

  /** The new level's weight in the fade: 1 when not fading. */
  public double alpha() {
    return 1 - (lod - Math.floor(lod));
  }

  /** Whether the networks have the same layers here as at {@code other}: the same resolution, both fading or both not. */
  public boolean sameNetworks(LevelOfDetail other) {
    return other != null && resolution == other.resolution && fading() == other.fading();
  }
}
