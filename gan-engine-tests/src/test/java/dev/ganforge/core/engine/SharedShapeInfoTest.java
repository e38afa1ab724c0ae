package dev.ganforge.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.ShapeInfoProvider;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared shape information is what libnd4j writes for the same array, word for word, and a second
 * array of the same layout reuses the first one's buffer instead of asking libnd4j again.
 */
final class SharedShapeInfoTest {
  /** ND4J's own provider, also where a trainer created earlier in this JVM put the shared one in front. */
  private final ShapeInfoProvider nd4j = Nd4j.getShapeInfoProvider() instanceof SharedShapeInfo shared
      ? shared.nd4j() : Nd4j.getShapeInfoProvider();

  private record Layout(long[] shape, long[] stride, long elementWiseStride, char order) {}

  private static final Layout[] LAYOUTS = {
      new Layout(new long[] {64, 100}, new long[] {100, 1}, 1, 'c'),
      new Layout(new long[] {64, 100}, new long[] {1, 64}, 1, 'f'),
      new Layout(new long[] {16, 8, 7, 7}, new long[] {392, 49, 7, 1}, 1, 'c'),
      // a column of a row-major matrix: a view without an element-wise stride
      new Layout(new long[] {64, 1}, new long[] {100, 1}, 100, 'c'),
      new Layout(new long[] {5}, new long[] {1}, 1, 'c'),
      new Layout(new long[] {}, new long[] {}, 1, 'c'),
  };

  @Test
  void writesWhatLibnd4jWritesForEveryDataTypeAndLayout() {
    assertThat(nd4j.getClass().getName()).isEqualTo("org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider");
    SharedShapeInfo shared = new SharedShapeInfo(nd4j);
    for (DataType dataType : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.INT64, DataType.BOOL}) {
      for (Layout layout : LAYOUTS) {
        long[] expected = nd4j.createShapeInformation(layout.shape(), layout.stride(), layout.elementWiseStride(),
            layout.order(), dataType, false).getFirst().asLong();
        long[] actual = shared.createShapeInformation(layout.shape(), layout.stride(), layout.elementWiseStride(),
            layout.order(), dataType, false).getFirst().asLong();
        assertThat(actual).as("%s %s", dataType, java.util.Arrays.toString(layout.shape())).containsExactly(expected);
      }
    }
  }

  @Test
  void reusesOneBufferForOneLayout() {
    SharedShapeInfo shared = new SharedShapeInfo(nd4j);
    Layout layout = LAYOUTS[0];
    DataBuffer first = shared.createShapeInformation(layout.shape(), layout.stride(), 1, 'c', DataType.FLOAT, false)
        .getFirst();
    DataBuffer second = shared.createShapeInformation(layout.shape(), layout.stride(), 1, 'c', DataType.FLOAT, false)
        .getFirst();
    assertThat(second).isSameAs(first);
    assertThat(nd4j.createShapeInformation(layout.shape(), layout.stride(), 1, 'c', DataType.FLOAT, false).getFirst())
        .as("ND4J's own entry point makes a new buffer per array").isNotSameAs(first);
  }

  @Test
  void leavesEmptyArraysToNd4j() {
    SharedShapeInfo shared = new SharedShapeInfo(nd4j);
    for (boolean empty : new boolean[] {true, false}) {
      long[] shape = empty ? new long[] {3} : new long[] {0, 3};
      long[] stride = empty ? new long[] {1} : new long[] {3, 1};
      assertThat(shared.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, empty).getFirst().asLong())
          .containsExactly(nd4j.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, empty).getFirst()
              .asLong());
    }
  }
}
