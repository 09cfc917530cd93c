package io.plinth.devstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

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
                .flatMap(line -> line.startsWith("{") ? fromJson(line).stream() : Stream.of(line))
                .filter(line -> !line.matches("\\s+at .*") && !line.matches("\\s+\\.\\.\\. \\d+ (common frames omitted|more)"))
                .toList();
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /**
     * A structured (ECS JSON) log line as a person reads it: level, message, and the error's type
     * and message, one line each — the stack trace is left in the file.
     */
    static List<String> fromJson(String line) {
        String message = jsonString(line, "message", 0);
        if (message == null) {
            return List.of(line);
        }
        List<String> out = new java.util.ArrayList<>();
        String level = jsonString(line, "level", 0);
        out.add((level == null ? "" : level + " ") + message.lines().findFirst().orElse(""));
        int error = line.indexOf("\"error\":{");
        if (error >= 0) {
            String type = jsonString(line, "type", error);
            String detail = jsonString(line, "message", error);
            if (detail != null) {
                List<String> detailLines = detail.lines().limit(6).toList();
                out.add("  " + (type == null ? "" : type + ": ") + detailLines.get(0));
                detailLines.stream().skip(1).map(l -> "  " + l).forEach(out::add);
            }
        }
        return out;
    }

    /** The string value of the first {@code "key":"…"} at or after {@code from}, unescaped. */
    private static String jsonString(String json, String key, int from) {
        String marker = "\"" + key + "\":\"";
        int start = json.indexOf(marker, from);
        if (start < 0) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        for (int i = start + marker.length(); i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && i + 1 < json.length()) {
                char escaped = json.charAt(++i);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> { }
                    case 'u' -> {
                        if (i + 4 < json.length()) {
                            value.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                    }
                    default -> value.append(escaped);
                }
            } else {
                value.append(c);
            }
        }
        return value.toString();
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
