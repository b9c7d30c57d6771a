package org.rnnlab.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Extracts the kept entries of a package archive: an npm .tgz (gzipped tar) or a Debian .deb (an
 * ar archive whose data.tar.xz or data.tar.gz holds the files), with Apache Commons Compress.
 */
final class Archives {
  private Archives() {}

  /** Extracts the entries {@code source} keeps from {@code archive} into {@code out}; returns how many. */
  static int extract(Path archive, DatasetSource source, Path out) throws IOException {
    String name = archive.getFileName().toString();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
      if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
        return fromTar(new TarArchiveInputStream(new GzipCompressorInputStream(raw)), source, out);
      }
      if (name.endsWith(".deb")) {
        ArArchiveInputStream ar = new ArArchiveInputStream(raw);
        for (ArchiveEntry e; (e = ar.getNextEntry()) != null; ) {
          if (e.getName().equals("data.tar.xz")) {
            return fromTar(new TarArchiveInputStream(new XZCompressorInputStream(ar)), source, out);
          }
          if (e.getName().equals("data.tar.gz")) {
            return fromTar(new TarArchiveInputStream(new GzipCompressorInputStream(ar)), source, out);
          }
        }
        throw new IOException(name + ": no data.tar.xz or data.tar.gz inside");
      }
    }
    throw new IOException(name + ": not a .tgz or .deb archive");
  }

  private static int fromTar(ArchiveInputStream<?> tar, DatasetSource source, Path out) throws IOException {
    int n = 0;
    for (ArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
      String path = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
      if (e.isDirectory() || !source.keeps(path)) {
        continue;
      }
      if (!path.startsWith(source.strip())) {
        throw new IOException(path + " does not start with " + source.strip());
      }
      String rel = path.substring(source.strip().length());
      Path target = out.resolve(rel).normalize();
      if (!target.startsWith(out) || rel.isEmpty()) {
        throw new IOException("refusing archive entry " + path + " (outside the dataset directory)");
      }
      Files.createDirectories(target.getParent());
      Files.copy(tar, target);
      n++;
    }
    return n;
  }
}
