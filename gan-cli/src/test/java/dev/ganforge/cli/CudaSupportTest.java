package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CUDA build's start-up check, on what nvidia-smi prints on machines this one is not. */
final class CudaSupportTest {
  @Test
  void aHopperGpuIsRefusedNamingItsCapabilityTheRangeAndTheCpuBuild() {
    Optional<String> problem = CudaSupport.problem(Optional.of("NVIDIA H100 80GB HBM3, 9.0\n"));

    assertThat(problem).hasValueSatisfying(line -> assertThat(line)
        .contains("the GPU NVIDIA H100 80GB HBM3 has compute capability 9.0")
        .contains("they run on 3.7 to 8.6").contains("use the CPU build").doesNotContain("\n"));
  }

  @Test
  void anAmpereGpuRuns() {
    assertThat(CudaSupport.problem(Optional.of("NVIDIA A100-SXM4-40GB, 8.0\nNVIDIA GeForce RTX 3090, 8.6\n")))
        .isEmpty();
  }

  @Test
  void noDriverOrNoGpuIsSaidInOneLine() {
    assertThat(CudaSupport.problem(Optional.empty())).hasValueSatisfying(line ->
        assertThat(line).contains("nvidia-smi cannot run here (no NVIDIA driver)").contains("CPU build"));
    assertThat(CudaSupport.problem(Optional.of("No devices were found\n"))).hasValueSatisfying(line ->
        assertThat(line).contains("lists no GPU"));
  }

  @Test
  void onlyOneGpuOutOfRangeIsEnoughToRefuse() {
    assertThat(CudaSupport.problem(Optional.of("Tesla K80, 3.7\nNVIDIA H200, 9.0\n")))
        .hasValueSatisfying(line -> assertThat(line).contains("NVIDIA H200"));
  }

  @Test
  void theCpuBuildChecksNothing() {
    assertThat(CudaSupport.problem()).as("this test classpath has the CPU backend").isEmpty();
  }
}
