package dev.ganforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.core.config.ConfigException;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.ConfigProblem;
import dev.ganforge.core.plugin.fixture.Fixtures;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

final class ImageFolderSourceTest {
  private static final float TOLERANCE = 1e-6f;

  @TempDir
  Path folder;

  @Test
  void theConfigReadsFromYamlWithItsDefaults() {
    ConfigMapper mapper = new ConfigMapper(Fixtures.registry());

    DataConfig config =
        mapper.read("{type: image-folder, path: faces}", false, "data.yaml", DataConfig.class);

    assertThat(config).isEqualTo(new ImageFolderConfig("faces", 64, 1, true));
    ConfigException error = catchThrowableOfType(
        () -> mapper.read(
            "{type: image-folder, path: faces, channels: 2}", false, "data.yaml", DataConfig.class),
        ConfigException.class);
    assertThat(error.problems()).containsExactly(
        new ConfigProblem("channels", "must be 1 (grayscale) or 3 (RGB), got 2"));
  }

  @Test
  void rgbImagesBecomeThreePlanesInMinusOneToOne() {
    writeUniform(folder.resolve("orange.png"), new Color(255, 102, 0), 10, 10);

    DataSource source = open(4, 3, true);

    assertThat(source.info().name()).isEqualTo("image-folder");
    assertThat(source.info().sampleShape()).containsExactly(3L, 4L, 4L);
    assertThat(source.info().classCount()).isZero();
    INDArray image = source.fixedSamples(1);
    assertThat(image.shape()).containsExactly(1, 3, 4, 4);
    assertUniform(image.get(NDArrayIndex.point(0), NDArrayIndex.point(0)), 1f);
    assertUniform(image.get(NDArrayIndex.point(0), NDArrayIndex.point(1)), 102 / 127.5f - 1);
    assertUniform(image.get(NDArrayIndex.point(0), NDArrayIndex.point(2)), -1f);
  }

  @Test
  void grayscaleIsTheRec601Luma() {
    writeUniform(folder.resolve("orange.png"), new Color(255, 102, 0), 10, 10);

    INDArray image = open(4, 1, true).fixedSamples(1);

    assertThat(image.shape()).containsExactly(1, 1, 4, 4);
    assertUniform(image, (float) ((0.299 * 255 + 0.587 * 102) / 127.5 - 1));
  }

  @Test
  void grayImagesKeepTheirExactLevelsWhenNoResizingIsNeeded() {
    BufferedImage gradient = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        gradient.getRaster().setSample(x, y, 0, 16 * y + x);
      }
    }
    write(folder.resolve("gradient.png"), gradient, "png");

    float[] pixels = open(16, 1, true).fixedSamples(1).data().asFloat();

    for (int level = 0; level < 256; level++) {
      assertThat(pixels[level]).as("level %d", level).isCloseTo(level / 127.5f - 1, within(TOLERANCE));
    }
  }

  @Test
  void shrinkingAveragesNeighbouringPixelsInsteadOfPickingSome() {
    // A one-pixel checkerboard averages to mid-gray; nearest-neighbour scaling would keep black or white.
    BufferedImage checkerboard = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        checkerboard.setRGB(x, y, (x + y) % 2 == 0 ? 0xffffff : 0x000000);
      }
    }
    write(folder.resolve("checkerboard.png"), checkerboard, "png");

    INDArray image = open(8, 1, true).fixedSamples(1);

    assertThat(image.shape()).containsExactly(1, 1, 8, 8);
    // Mid-gray is 127 or 128 once rounded to a byte: within 1 / 127.5 of 0.
    assertThat(image.maxNumber().doubleValue()).isLessThanOrEqualTo(1 / 127.5 + TOLERANCE);
    assertThat(image.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1 / 127.5 - TOLERANCE);
  }

  @Test
  void smallAndNonSquareImagesAreStretchedToTheSquare() {
    writeUniform(folder.resolve("wide.png"), Color.WHITE, 3, 1);

    INDArray image = open(8, 3, true).fixedSamples(1);

    assertThat(image.shape()).containsExactly(1, 3, 8, 8);
    assertUniform(image, 1f);
  }

  @Test
  void jpegsAreReadToo() {
    writeUniform(folder.resolve("gray.JPG"), new Color(128, 128, 128), 16, 16, "jpg");

    INDArray image = open(8, 1, true).fixedSamples(1);

    // JPEG is lossy, but a uniform gray survives to within a level or two.
    assertThat(image.minNumber().doubleValue()).isCloseTo(128 / 127.5 - 1, within(2 / 127.5));
    assertThat(image.maxNumber().doubleValue()).isCloseTo(128 / 127.5 - 1, within(2 / 127.5));
  }

  @Test
  void transparentPixelsAreBlack() {
    write(folder.resolve("clear.png"), new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB), "png");

    assertUniform(open(4, 3, true).fixedSamples(1), -1f);
  }

  @Test
  void imagesAreReadInPathOrderFromSubfoldersUnlessTurnedOff() {
    writeUniform(folder.resolve("b.png"), gray(30), 4, 4);
    writeUniform(folder.resolve("a/c.png"), gray(20), 4, 4);
    writeUniform(folder.resolve("a.png"), gray(10), 4, 4);
    writeUniform(folder.resolve(".hidden.png"), gray(40), 4, 4);
    writeText(folder.resolve("readme.txt"), "not an image");

    INDArray all = open(4, 1, true).fixedSamples(3);
    INDArray topLevel = open(4, 1, false).fixedSamples(2);

    assertThat(levels(all)).containsExactly(10, 20, 30);
    assertThat(levels(topLevel)).containsExactly(10, 30);
  }

  @Test
  void aFolderWithoutImagesIsNamed() {
    writeText(folder.resolve("readme.txt"), "not an image");

    DataUnavailableException error =
        catchThrowableOfType(() -> open(4, 1, true), DataUnavailableException.class);

    assertThat(error.getMessage()).contains(
        "no images in " + folder.toAbsolutePath(), "data.path", ".png, .jpg, .jpeg", "subfolders");
  }

  @Test
  void aMissingFolderIsNamed() {
    Path missing = folder.resolve("missing");

    DataUnavailableException error = catchThrowableOfType(
        () -> DataSources.open(new ImageFolderConfig(missing.toString(), 4, 1, true), 1, DataType.FLOAT),
        DataUnavailableException.class);

    assertThat(error.getMessage()).contains(missing.toString(), "does not exist", "data.path");
  }

  @Test
  void anUndecodableImageIsNamed() {
    writeUniform(folder.resolve("a.png"), Color.RED, 4, 4);
    Path broken = folder.resolve("b.png");
    writeText(broken, "this is not a PNG");

    DataUnavailableException error =
        catchThrowableOfType(() -> open(4, 1, true), DataUnavailableException.class);

    assertThat(error.getMessage()).contains("cannot decode image " + broken.toAbsolutePath());
  }

  private DataSource open(int size, int channels, boolean recursive) {
    return DataSources.open(
        new ImageFolderConfig(folder.toString(), size, channels, recursive), 3, DataType.FLOAT);
  }

  private static int[] levels(INDArray images) {
    int[] levels = new int[(int) images.size(0)];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = (int) Math.round((images.slice(i).meanNumber().doubleValue() + 1) * 127.5);
    }
    return levels;
  }

  private static void assertUniform(INDArray values, float expected) {
    assertThat(values.minNumber().floatValue()).isCloseTo(expected, within(TOLERANCE));
    assertThat(values.maxNumber().floatValue()).isCloseTo(expected, within(TOLERANCE));
  }

  private static Color gray(int level) {
    return new Color(level, level, level);
  }

  private static void writeUniform(Path file, Color color, int width, int height) {
    writeUniform(file, color, width, height, "png");
  }

  private static void writeUniform(Path file, Color color, int width, int height, String format) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, color.getRGB());
      }
    }
    write(file, image, format);
  }

  private static void write(Path file, BufferedImage image, String format) {
    try {
      Files.createDirectories(file.getParent());
      assertThat(ImageIO.write(image, format, file.toFile())).as("a writer for %s", format).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeText(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
