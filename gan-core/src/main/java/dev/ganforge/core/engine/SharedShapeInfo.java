package dev.ganforge.core.engine;

import java.lang.reflect.Field;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.ShapeInfoProvider;
import org.nd4j.linalg.api.shape.options.ArrayOptionsHelper;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's CPU shape-information provider with its cache reaching every new array.
 *
 * <p>ND4J 1.0.0-M2.1's CPU provider caches shape buffers by shape, strides, order and options, but only on
 * one of its entry points: the one most array constructors call ({@code ..., dataType, empty}) is not
 * overridden, so every array a training step creates asks libnd4j for a fresh shape buffer over JNI, with
 * two native allocations for the call's arguments and a deallocator registered for each. Those
 * registrations stay reachable until the collection after the array dies, so each young collection copied
 * them all: 10-15 MB a pause in the MLP benchmark (docs/dl4j-findings.md). This provider sends non-empty
 * shapes through the cached entry point with the same options word libnd4j writes for the data type, and
 * leaves empty arrays, whose options carry one more flag, to ND4J.
 *
 * <p>The field holding the provider has no setter, so {@link #install()} sets it by reflection, once, and
 * only over ND4J's CPU provider (the CUDA backend keeps its own).
 */
final class SharedShapeInfo implements ShapeInfoProvider {
  private static final String CPU_PROVIDER = "org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider";
  private static boolean installed;

  private final ShapeInfoProvider cpu;

  SharedShapeInfo(ShapeInfoProvider cpu) {
    this.cpu = cpu;
  }

  /** ND4J's provider this one sends to. */
  ShapeInfoProvider nd4j() {
    return cpu;
  }

  /** Puts this provider in front of ND4J's CPU provider; does nothing on other backends or a second call. */
  static synchronized void install() {
    ShapeInfoProvider current = Nd4j.getShapeInfoProvider();
    if (installed || !current.getClass().getName().equals(CPU_PROVIDER)) {
      return;
    }
    try {
      Field field = Nd4j.class.getDeclaredField("shapeInfoProvider");
      field.setAccessible(true);
      field.set(null, new SharedShapeInfo(current));
      installed = true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // ND4J's own provider stays: correct, only slower. A later ND4J may have renamed the field.
      installed = true;
    }
  }

  @Override
  public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
      char order, DataType dataType, boolean empty) {
    if (empty || hasZeroLength(shape)) {
      return cpu.createShapeInformation(shape, stride, elementWiseStride, order, dataType, empty);
    }
    return cpu.createShapeInformation(shape, stride, elementWiseStride, order,
        ArrayOptionsHelper.setOptionBit(0L, dataType));
  }

  private static boolean hasZeroLength(long[] shape) {
    for (long length : shape) {
      if (length == 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, DataType dataType) {
    return cpu.createShapeInformation(shape, dataType);
  }

  @Override
  public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, char order, DataType dataType) {
    return cpu.createShapeInformation(shape, order, dataType);
  }

  @Override
  public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
      char order, long extras) {
    return cpu.createShapeInformation(shape, stride, elementWiseStride, order, extras);
  }

  @Override
  public void purgeCache() {
    cpu.purgeCache();
  }

  @Override
  public long getCachedBytes() {
    return cpu.getCachedBytes();
  }
}
