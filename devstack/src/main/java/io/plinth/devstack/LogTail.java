package io.plinth.devstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, read from its end so a large log costs nothing. */
final class LogTail {

    private static final int WINDOW = 64 * 1024;

    private LogTail() {
    }

    /**
     * The last {@code count} lines that say something: stack frames and "... N common frames
     * omitted" are dropped, so what is left of an exception is its message and its causes.
     */
    static List<String> lastMeaningfulLines(Path file, int count) {
        List<String> lines = lastLines(file, 400).stream()
                .filter(line -> !line.matches("\\s+at .*") && !line.matches("\\s+\\.\\.\\. \\d+ (common frames omitted|more)"))
                .toList();
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - WINDOW);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            List<String> lines = Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\\R"))
                    .filter(line -> !line.isBlank())
                    .toList();
            if (from > 0 && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first one is probably cut
            }
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
