package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Answers the question DL4J 1.0.0-M2.1's oneDNN layer helpers ask before they switch on, which M2.1 itself
 * can no longer answer.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection. In M2.1 that
 * class moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and the method became
 * {@code isUseONEDNN()}, so the lookup fails and the convolution, batch-norm and pooling helpers stay off
 * even on a native build with oneDNN (a DCGAN step several times slower; docs/dl4j-findings.md, "Speed on CPU"). This
 * class gives the old name the new answer. It is not GANForge API; see
 * {@code dev.ganforge.core.engine.LayerHelpers}.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** The old name of the native environment, as far as the helpers use it. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();
    private static final String BINDINGS = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

    private Environment() {}

    /** The one instance, as the native environment has. */
    public static Environment getInstance() {
      return INSTANCE;
    }

    /**
     * Whether the loaded native library runs oneDNN: false on any other backend (CUDA) or when the CPU
     * bindings cannot be asked.
     */
    public boolean isUseMKLDNN() {
      try {
        Class<?> bindings = Class.forName(BINDINGS);
        Object environment = bindings.getMethod("getInstance").invoke(null);
        Method useOneDnn = bindings.getMethod("isUseONEDNN");
        return (Boolean) useOneDnn.invoke(environment);
      } catch (ReflectiveOperationException | LinkageError e) {
        return false;
      }
    }
  }
}
