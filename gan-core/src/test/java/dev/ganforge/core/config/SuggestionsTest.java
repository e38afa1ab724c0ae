package dev.ganforge.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class SuggestionsTest {
  private static final List<String> KEYS = List.of("learningRate", "beta1", "beta2", "epsilon");

  @Test
  void suggestsTheClosestKeyForTypos() {
    assertThat(Suggestions.closest("learningRat", KEYS)).contains("learningRate");
    assertThat(Suggestions.closest("lerningRate", KEYS)).contains("learningRate");
    assertThat(Suggestions.closest("learningrate", KEYS)).contains("learningRate");
    assertThat(Suggestions.closest("epsilno", KEYS)).contains("epsilon");
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertThat(Suggestions.closest("momentum", KEYS)).isEmpty();
    assertThat(Suggestions.closest("lr", KEYS)).isEmpty();
  }

  @Test
  void distanceCountsAdjacentSwapsAsOneEdit() {
    assertThat(Suggestions.distance("hinge", "hinge")).isZero();
    assertThat(Suggestions.distance("hnige", "hinge")).isEqualTo(1);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }
}
