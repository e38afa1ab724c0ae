package dev.ganforge.core.run;

import dev.ganforge.core.data.Pixels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Writes a batch of images {@code [n, channels, height, width]} in {@code [-1, 1]} as one PNG grid. */
public final class ImageGrid {
  private static final int GAP = 2;

  private ImageGrid() {}

  /** The grid as an image, {@code columns} images per row, separated by a 2-pixel dark gap. */
  public static BufferedImage render(INDArray images, int columns) {
    long n = images.size(0);
    int channels = (int) images.size(1);
    int height = (int) images.size(2);
    int width = (int) images.size(3);
    int rows = (int) ((n + columns - 1) / columns);
    BufferedImage grid = new BufferedImage(columns * (width + GAP) + GAP, rows * (height + GAP) + GAP,
        BufferedImage.TYPE_INT_RGB);
    float[] pixels = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
    int plane = height * width;
    for (int i = 0; i < n; i++) {
      int left = GAP + (i % columns) * (width + GAP);
      int top = GAP + (i / columns) * (height + GAP);
      int base = i * channels * plane;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int offset = base + y * width + x;
          int r = Pixels.toByte(pixels[offset]);
          int g = channels >= 3 ? Pixels.toByte(pixels[offset + plane]) : r;
          int b = channels >= 3 ? Pixels.toByte(pixels[offset + 2 * plane]) : r;
          grid.setRGB(left + x, top + y, (r << 16) | (g << 8) | b);
        }
      }
    }
    return grid;
  }

  /** Writes {@link #render} to a PNG file. */
  public static void write(INDArray images, int columns, Path file) throws IOException {
    ImageIO.write(render(images, columns), "png", file.toFile());
  }
}
