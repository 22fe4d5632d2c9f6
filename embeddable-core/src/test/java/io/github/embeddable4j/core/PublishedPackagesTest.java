package io.github.embeddable4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Every package of the published modules states its nullness: a {@code package-info.java} with a package Javadoc
 * and {@code @NullMarked}, so a new package cannot ship without one. Read from the sources of all four modules (this
 * test sits in core, which the others build on).
 */
class PublishedPackagesTest {

    private static final List<String> PUBLISHED = List.of("embeddable-core", "embeddable-servlet", "embeddable-spring",
            "embeddable-vaadin");

    @Test
    void everyPackageIsNullMarkedAndDocumented() throws IOException {
        Path root = repositoryRoot();
        List<String> packages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String module : PUBLISHED) {
            Path sources = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> dirs = Files.walk(sources)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    if (!hasJavaSource(dir)) {
                        continue;
                    }
                    String name = module + ": " + sources.relativize(dir).toString().replace('/', '.');
                    packages.add(name);
                    Path info = dir.resolve("package-info.java");
                    if (!Files.isRegularFile(info)) {
                        problems.add(name + " has no package-info.java");
                        continue;
                    }
                    String text = Files.readString(info, StandardCharsets.UTF_8);
                    if (!text.contains("@NullMarked\npackage ")) {
                        problems.add(name + " is not @NullMarked");
                    }
                    if (!text.startsWith("/**")) {
                        problems.add(name + " has no package Javadoc");
                    }
                }
            }
        }
        assertThat(packages).as("packages found").hasSizeGreaterThan(12);
        assertThat(problems).isEmpty();
    }

    @Test
    void coreItselfIsNullMarkedAtRunTime() {
        assertThat(Embeddable.class.getPackage().isAnnotationPresent(NullMarked.class)).isTrue();
    }

    private static boolean hasJavaSource(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("package-info.java"));
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("embeddable-core"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
    }
}
