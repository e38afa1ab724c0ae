package dev.ganforge.core.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small idx files (unsigned bytes) for tests. */
final class IdxFiles {
  private IdxFiles() {}

  /**
   * Images {@code [count, rows, columns]} in which sample {@code i}'s first pixel is {@code i} and the
   * others count on from it, so each sample can be recognised by its first pixel.
   */
  static byte[] images(int count, int rows, int columns) {
    byte[] pixels = new byte[count * rows * columns];
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < rows * columns; p++) {
        pixels[i * rows * columns + p] = (byte) (i + 7 * p);
      }
    }
    return idx(pixels, count, rows, columns);
  }

  /** A labels file. */
  static byte[] labels(int... labels) {
    byte[] values = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      values[i] = (byte) labels[i];
    }
    return idx(values, labels.length);
  }

  /** An idx file of unsigned bytes: the header for {@code sizes}, then {@code values}. */
  static byte[] idx(byte[] values, int... sizes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0x0800 | sizes.length);
      for (int size : sizes) {
        out.writeInt(size);
      }
      out.write(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
