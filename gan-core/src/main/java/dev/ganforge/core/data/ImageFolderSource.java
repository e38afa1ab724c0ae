package dev.ganforge.core.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * PNG and JPEG images from a folder (and, by default, its subfolders), decoded with {@code javax.imageio},
 * resized to {@code size x size} and held in memory as samples {@code [n, channels, size, size]} with
 * {@code p / 127.5 - 1} in {@code [-1, 1]}. Files are read in the order of their paths, so the dataset,
 * and with it every epoch's shuffle, is the same on every machine.
 *
 * <p>Images are stretched to a square: crop them beforehand to keep their aspect ratio. Transparent
 * pixels are composited over black. Grayscale is the Rec. 601 luma {@code 0.299 R + 0.587 G + 0.114 B};
 * RGB gives three planes in that order. Files whose names start with a dot (editor and OS metadata such
 * as {@code ._photo.jpg}) are skipped.
 */
final class ImageFolderSource extends InMemoryDataSource {
  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  private ImageFolderSource(long[] sampleShape, float[] pixels, long seed, DataType dataType) {
    super("image-folder", sampleShape, pixels, null, seed, dataType);
  }

  /**
   * @throws DataUnavailableException when the folder is missing, holds no images or an image cannot be
   *     decoded, naming the folder or file
   */
  static ImageFolderSource open(ImageFolderConfig config, long seed, DataType dataType) {
    Path folder = Path.of(config.path()).toAbsolutePath();
    List<Path> files = imageFiles(folder, config.recursive());
    int size = config.size();
    int channels = config.channels();
    int sampleLength = channels * size * size;
    if ((long) files.size() * sampleLength > Integer.MAX_VALUE - 8) {
      throw new DataUnavailableException(folder + " holds " + files.size() + " images, too many to hold in "
          + "memory at " + channels + " x " + size + " x " + size + "; lower data.size or use fewer images");
    }
    float[] pixels = new float[files.size() * sampleLength];
    for (int i = 0; i < files.size(); i++) {
      BufferedImage image = resize(decode(files.get(i)), size);
      writePixels(image, channels, pixels, i * sampleLength);
    }
    return new ImageFolderSource(new long[] {channels, size, size}, pixels, seed, dataType);
  }

  private static List<Path> imageFiles(Path folder, boolean recursive) {
    if (!Files.isDirectory(folder)) {
      throw new DataUnavailableException("image folder " + folder + " (data.path) "
          + (Files.exists(folder) ? "is not a folder" : "does not exist")
          + "; set data.path to a folder of .png or .jpg images");
    }
    List<Path> files;
    try (Stream<Path> paths = recursive ? Files.walk(folder) : Files.list(folder)) {
      files = paths
          .filter(path -> isImageName(path.getFileName().toString()))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(path -> portable(folder.relativize(path))))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new DataUnavailableException("cannot list the images in " + folder + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new DataUnavailableException("no images in " + folder + " (data.path): looked for "
          + String.join(", ", EXTENSIONS) + " files"
          + (recursive ? " in it and its subfolders" : " directly in it (data.recursive is false)"));
    }
    return files;
  }

  /** The path with {@code /} separators, so files sort the same way on every system. */
  private static String portable(Path relative) {
    return relative.toString().replace(File.separatorChar, '/');
  }

  private static boolean isImageName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !lower.startsWith(".") && EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  private static BufferedImage decode(Path file) {
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new DataUnavailableException(
          "cannot decode image " + file + ": " + e.getMessage() + "; is it a valid PNG or JPEG file?", e);
    }
    if (image == null) {
      throw new DataUnavailableException(
          "cannot decode image " + file + ": no PNG or JPEG reader recognises its contents");
    }
    return image;
  }

  /**
   * Scales to {@code size x size} with bilinear interpolation. Shrinking goes in steps of at most a
   * half, so every source pixel contributes (one bilinear step of more than 2x would skip pixels and
   * alias).
   */
  static BufferedImage resize(BufferedImage source, int size) {
    BufferedImage current = draw(source, source.getWidth(), source.getHeight());
    int width = current.getWidth();
    int height = current.getHeight();
    while (width != size || height != size) {
      width = width >= 2 * size ? width / 2 : size;
      height = height >= 2 * size ? height / 2 : size;
      current = draw(current, width, height);
    }
    return current;
  }

  /** {@code source} drawn onto a black RGB canvas of the given size. */
  private static BufferedImage draw(BufferedImage source, int width, int height) {
    BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = target.createGraphics();
    try {
      graphics.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      graphics.drawImage(source, 0, 0, width, height, null);
    } finally {
      graphics.dispose();
    }
    return target;
  }

  private static void writePixels(BufferedImage image, int channels, float[] pixels, int offset) {
    int size = image.getWidth();
    int plane = size * size;
    int[] rgb = image.getRGB(0, 0, size, size, null, 0, size);
    for (int p = 0; p < plane; p++) {
      int red = (rgb[p] >> 16) & 0xff;
      int green = (rgb[p] >> 8) & 0xff;
      int blue = rgb[p] & 0xff;
      if (channels == 1) {
        pixels[offset + p] = (float) ((0.299 * red + 0.587 * green + 0.114 * blue) / 127.5 - 1);
      } else {
        pixels[offset + p] = red / 127.5f - 1f;
        pixels[offset + plane + p] = green / 127.5f - 1f;
        pixels[offset + 2 * plane + p] = blue / 127.5f - 1f;
      }
    }
  }
}
