package io.plinth.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service's jar as the devstack runs it: extracted once per build into
 * {@code .plinth/apps/NAME} (Spring Boot's {@code -Djarmode=tools extract}), for two reasons.
 * A developer rebuilding a module while the platform runs replaces {@code target/*.jar} under
 * the running JVM, which then dies on its next class load; the copy is immune. And plain jars on a
 * classpath can go into a class-data-sharing archive: the first run records one when the JVM
 * exits ({@code -XX:ArchiveClassesAtExit}), later runs map it ({@code -XX:SharedArchiveFile})
 * and start faster. A new build of the jar throws both away.
 */
final class BootImage {

    private static final String STAMP = ".source";
    private static final String ARCHIVE = "app.jsa";
    /** Written by the JVM as it exits; only a clean stop makes it {@link #ARCHIVE}. */
    private static final String RECORDING = "app.jsa.recording";
    static final String RECORD_FLAG = "-XX:ArchiveClassesAtExit=";

    /**
     * Called after a stop that the process completed by itself: its archive is whole. One cut
     * short by SIGKILL may be truncated, and is recorded again next time instead.
     */
    static void keepRecordedArchive(Path imageDir) {
        Path recording = imageDir.resolve(RECORDING);
        try {
            if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, imageDir.resolve(ARCHIVE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // no archive is only a slower next start
        }
    }

    private BootImage() {
    }

    /** The command that runs {@code jar}: {@code jvmOptions}, the CDS flags, then {@code -jar}. */
    static List<String> command(String java, List<String> jvmOptions, Path jar, Path imageDir, boolean classDataSharing) {
        Path extracted = prepare(java, jar, imageDir);
        Path archive = imageDir.resolve(ARCHIVE);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        if (!classDataSharing) {
            command.add("-Xshare:auto");
        } else if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
        } else {
            command.add(RECORD_FLAG + imageDir.resolve(RECORDING));
        }
        // Classes CDS cannot archive (generated proxies, signed jars) are expected; keep the log clean.
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        command.add("-jar");
        command.add(extracted.toString());
        return command;
    }

    private static Path prepare(String java, Path jar, Path imageDir) {
        Path appDir = imageDir.resolve("app");
        Path extracted = appDir.resolve(jar.getFileName());
        try {
            String source = jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
            Path stamp = imageDir.resolve(STAMP);
            if (Files.isRegularFile(extracted) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(source)) {
                Files.deleteIfExists(imageDir.resolve(RECORDING));
                return extracted;
            }
            deleteRecursively(imageDir);
            Files.createDirectories(imageDir);
            Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--destination", appDir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(imageDir.resolve("extract.log").toFile())
                    .start();
            if (!extract.waitFor(5, TimeUnit.MINUTES) || extract.exitValue() != 0 || !Files.isRegularFile(extracted)) {
                extract.destroyForcibly();
                throw new DevstackException("could not unpack " + jar + " — see " + imageDir.resolve("extract.log")
                        + " (is it a Spring Boot executable jar? rebuild: ./mvnw install -DskipTests)");
            }
            Files.writeString(stamp, source);
            return extracted;
        } catch (IOException e) {
            throw new DevstackException("could not unpack " + jar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted while unpacking " + jar);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
