package dev.ganforge.core.data;

import static dev.ganforge.core.data.SampleFiles.badSet;
import static dev.ganforge.core.data.SampleFiles.isImage;
import static dev.ganforge.core.data.SampleFiles.checkRoom;
import static dev.ganforge.core.data.SampleFiles.checkComplete;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The {@code png-dir} sample format ({@link SampleFiles}): one grayscale or RGB PNG per sample. */
final class PngFolderSamples {
  private PngFolderSamples() {}

  static final class PngDirWriter implements SampleFiles.Writer {
    private final Path folder;
    private final List<Long> sampleShape;
    private final int count;
    private final String nameFormat;
    private final StringBuilder labels;
    private int written;

    PngDirWriter(Path folder, List<Long> sampleShape, int count, boolean labelled) throws IOException {
      this.folder = folder;
      this.sampleShape = sampleShape;
      this.count = count;
      this.nameFormat = "%0" + Math.max(6, String.valueOf(count - 1).length()) + "d.png";
      this.labels = labelled ? new StringBuilder("file,label\n") : null;
      Files.createDirectories(folder);
    }

    @Override
    public void write(INDArray batch, int[] classes) throws IOException {
      int samples = (int) batch.size(0);
      checkRoom(written, samples, count);
      float[] values = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
      int channels = sampleShape.get(0).intValue();
      int height = sampleShape.get(1).intValue();
      int width = sampleShape.get(2).intValue();
      int plane = height * width;
      for (int i = 0; i < samples; i++) {
        BufferedImage image = new BufferedImage(width, height,
            channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int offset = i * channels * plane;
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            int at = offset + y * width + x;
            if (channels == 1) {
              image.getRaster().setSample(x, y, 0, Pixels.toByte(values[at]));
            } else {
              image.setRGB(x, y, Pixels.toByte(values[at]) << 16 | Pixels.toByte(values[at + plane]) << 8
                  | Pixels.toByte(values[at + 2 * plane]));
            }
          }
        }
        String name = String.format(Locale.ROOT, nameFormat, written + i);
        ImageIO.write(image, "png", folder.resolve(name).toFile());
        if (labels != null) {
          labels.append(name).append(',').append(classes[i]).append('\n');
        }
      }
      written += samples;
    }

    @Override
    public Path path() {
      return folder;
    }

    @Override
    public void close() throws IOException {
      checkComplete(written, count, folder);
      if (labels != null) {
        Files.writeString(folder.resolve("labels.csv"), labels);
      }
    }
  }

  static INDArray read(Path folder, List<Long> sampleShape) throws IOException {
    if (!isImage(sampleShape)) {
      throw badSet(folder, "a folder of PNG files holds images; this data's samples have shape " + sampleShape);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
          .sorted().toList();
    }
    if (files.isEmpty()) {
      throw badSet(folder, "it holds no .png files");
    }
    int channels = sampleShape.get(0).intValue();
    int height = sampleShape.get(1).intValue();
    int width = sampleShape.get(2).intValue();
    int plane = height * width;
    float[] values = new float[Math.multiplyExact(files.size(), channels * plane)];
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null) {
        throw badSet(file, "it is not a readable PNG image");
      }
      if (image.getWidth() != width || image.getHeight() != height) {
        throw badSet(file, "it is " + image.getWidth() + " x " + image.getHeight() + " pixels; the data's images "
            + "are " + width + " x " + height);
      }
      boolean gray = image.getRaster().getNumBands() == 1;
      int offset = i * channels * plane;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int at = offset + y * width + x;
          if (gray) {
            float value = Pixels.fromByte(image.getRaster().getSample(x, y, 0));
            for (int c = 0; c < channels; c++) {
              values[at + c * plane] = value;
            }
            continue;
          }
          int rgb = image.getRGB(x, y);
          int r = rgb >> 16 & 0xff;
          int g = rgb >> 8 & 0xff;
          int b = rgb & 0xff;
          if (channels == 1) {
            if (r != g || g != b) {
              throw badSet(file, "it is a colour image; the data's images are grayscale");
            }
            values[at] = Pixels.fromByte(r);
          } else {
            values[at] = Pixels.fromByte(r);
            values[at + plane] = Pixels.fromByte(g);
            values[at + 2 * plane] = Pixels.fromByte(b);
          }
        }
      }
    }
    return Nd4j.create(values, new long[] {files.size(), channels, height, width}, 'c');
  }
}
