package dev.ganforge.progressive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The images-shown schedule against values worked out by hand from Karras et al.'s {@code
 * TrainingSchedule} (train.py): {@code phase_dur = lod_training_kimg + lod_transition_kimg},
 * {@code phase_idx = floor(kimg / phase_dur)}, {@code phase_kimg = kimg - phase_idx * phase_dur},
 * {@code lod = resolution_log2 - log2(lod_initial_resolution) - phase_idx - max(phase_kimg -
 * lod_training_kimg, 0) / lod_transition_kimg}, at least 0, and {@code resolution = 2^(resolution_log2 -
 * floor(lod))}.
 */
final class LevelOfDetailTest {

  /** The official defaults: 4x4 to 1024x1024 (8 doublings), 600k images to train and 600k to fade. */
  private static LevelOfDetail official(long images) {
    return LevelOfDetail.at(images, 1024, 8, 600_000, 600_000);
  }

  @Test
  void theOfficialDefaultsMapImagesToLevelsAsTrainPyDoes() {
    // kimg 0: phase 0, phase_kimg 0: lod = 8, 4x4.
    assertThat(official(0)).isEqualTo(new LevelOfDetail(8, 4));
    // kimg 599.999: still stabilizing at 4x4.
    assertThat(official(599_999)).isEqualTo(new LevelOfDetail(8, 4));
    // kimg 900: phase 0, phase_kimg 900: lod = 8 - 300/600 = 7.5, resolution 2^(10 - 7) = 8, half faded in.
    assertThat(official(900_000)).isEqualTo(new LevelOfDetail(7.5, 8));
    assertThat(official(900_000).alpha()).isEqualTo(0.5);
    // kimg 1200: phase 1, phase_kimg 0: lod = 7, 8x8 at full weight.
    assertThat(official(1_200_000)).isEqualTo(new LevelOfDetail(7, 8));
    assertThat(official(1_200_000).fading()).isFalse();
    // kimg 2100: phase 1, phase_kimg 900: lod = 7 - 0.5 = 6.5, 16x16 fading in.
    assertThat(official(2_100_000)).isEqualTo(new LevelOfDetail(6.5, 16));
    // kimg 1950: phase 1, phase_kimg 750: lod = 7 - 150/600 = 6.75, alpha 0.25.
    assertThat(official(1_950_000)).isEqualTo(new LevelOfDetail(6.75, 16));
    assertThat(official(1_950_000).alpha()).isEqualTo(0.25);
    // kimg 9600: phase 8, lod = 8 - 8 = 0: 1024x1024; later it stays there.
    assertThat(official(9_600_000)).isEqualTo(new LevelOfDetail(0, 1024));
    assertThat(official(50_000_000)).isEqualTo(new LevelOfDetail(0, 1024));
  }

  @Test
  void twentyEightPixelsGrowFromSevenInTwoDoublings() {
    // 7 -> 14 -> 28, 30k images per phase: lod starts at 2.
    assertThat(LevelOfDetail.at(0, 28, 2, 30_000, 30_000)).isEqualTo(new LevelOfDetail(2, 7));
    assertThat(LevelOfDetail.at(36_000, 28, 2, 30_000, 30_000)).isEqualTo(new LevelOfDetail(1.8, 14));
    assertThat(LevelOfDetail.at(60_000, 28, 2, 30_000, 30_000)).isEqualTo(new LevelOfDetail(1, 14));
    assertThat(LevelOfDetail.at(105_000, 28, 2, 30_000, 30_000)).isEqualTo(new LevelOfDetail(0.5, 28));
    assertThat(LevelOfDetail.at(120_000, 28, 2, 30_000, 30_000)).isEqualTo(new LevelOfDetail(0, 28));
  }

  @Test
  void withoutAFadeEachLevelStartsAtFullWeight() {
    assertThat(LevelOfDetail.at(999, 28, 2, 1000, 0)).isEqualTo(new LevelOfDetail(2, 7));
    assertThat(LevelOfDetail.at(1000, 28, 2, 1000, 0)).isEqualTo(new LevelOfDetail(1, 14));
    assertThat(LevelOfDetail.at(1000, 28, 2, 1000, 0).fading()).isFalse();
  }

  @Test
  void theNetworksChangeWhenAFadeStartsAndWhenItEnds() {
    LevelOfDetail stable = new LevelOfDetail(2, 7);
    LevelOfDetail fadeStart = new LevelOfDetail(1.99, 14);
    LevelOfDetail fadeLater = new LevelOfDetail(1.2, 14);
    LevelOfDetail stableNext = new LevelOfDetail(1, 14);
    assertThat(fadeStart.sameNetworks(stable)).isFalse();
    assertThat(fadeLater.sameNetworks(fadeStart)).isTrue();
    assertThat(stableNext.sameNetworks(fadeLater)).isFalse();
  }
}
