package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the docs name only what exists: every method, static factory and constructor of ours they call
 * ({@code EmbeddableLoginWebFilter.logOutWidget(...)}, {@code Type::method}, {@code new BridgeServlet(...)}) is declared
 * in the published modules' sources, and every property they set ({@code ringcentral.embeddable.x=...}) is in the
 * starter's metadata. A rename that forgets the docs fails here rather than in a user's IDE.
 */
class DocumentedNamesTest {

    private static final Path ROOT = ConfigurationReferenceTest.repositoryRoot();
    private static final List<String> MODULES = List.of("embeddable-core", "embeddable-servlet", "embeddable-spring",
            "embeddable-vaadin");
    private static final Pattern CALL = Pattern.compile("\\b([A-Z]\\w+)(?:\\.|#)([a-z]\\w*)\\s*\\(|\\b([A-Z]\\w+)::([a-z]\\w*)");
    private static final Pattern CONSTRUCTOR = Pattern.compile("\\bnew\\s+([A-Z]\\w+)\\s*[(<]");
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");
    /** A property set in a properties file, on a command line or in an environment line. */
    private static final Pattern PROPERTY = Pattern.compile("(?<![\\w.])ringcentral\\.embeddable\\.([a-z0-9][a-z0-9.\\-]*(?:\\[\\d+])?[a-z0-9\\-.]*)=");

    /** Our types by simple name (top-level and nested), each with the source that declares it. */
    private static final Map<String, List<String>> TYPES = readTypes();

    private static Map<String, List<String>> readTypes() {
        Map<String, List<String>> types = new HashMap<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    String source = read(f);
                    Matcher type = TYPE.matcher(source);
                    while (type.find()) {
                        types.computeIfAbsent(type.group(1), k -> new ArrayList<>()).add(source);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return types;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** Whether a source declares a method (or a record component) of that name that users can call. */
    private static boolean declaresMethod(String source, String type, String name) {
        String n = Pattern.quote(name);
        // in an interface, static methods are public without saying so
        String modifiers = Pattern.compile("\\binterface\\s+" + type + "\\b").matcher(source).find()
                ? "public|default|protected|static" : "public|default|protected";
        return Pattern.compile("(?m)^\\s*(?:" + modifiers + ")\\b[^;=(]*\\b" + n + "\\s*\\(").matcher(source).find()
                || Pattern.compile("(?m)^\\s*(?:@\\w+(?:\\.\\w+)*\\s+)*[\\w.<>\\[\\]?, ]+\\s" + n + "\\s*\\([^)]*\\)\\s*(?:throws [\\w., ]+)?;")
                        .matcher(source).find() // an interface's abstract method
                || Pattern.compile("record\\s+\\w+\\s*\\([^)]*\\b" + n + "\\s*[,)]").matcher(source).find();
    }

    private static boolean declaresConstructor(String source, String type) {
        return Pattern.compile("public\\s+" + type + "\\s*\\(").matcher(source).find()
                || Pattern.compile("\\b(?:record\\s+" + type + "|interface\\s+" + type + ")\\b").matcher(source).find()
                || Pattern.compile("(?:public\\s+)?(?:abstract\\s+)?class\\s+" + type + "\\b").matcher(source).find()
                        && !Pattern.compile("\\b" + type + "\\s*\\(").matcher(source.replaceFirst("class\\s+" + type, "")).find();
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void everyMethodAndConstructorTheDocsCallIsDeclared() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs()) {
            String text = read(doc);
            Matcher call = CALL.matcher(text);
            while (call.find()) {
                String type = call.group(1) != null ? call.group(1) : call.group(3);
                String member = call.group(1) != null ? call.group(2) : call.group(4);
                List<String> sources = TYPES.get(type);
                if (sources == null) {
                    continue; // not ours (Spring's, the JDK's)
                }
                checked++;
                if (sources.stream().noneMatch(s -> declaresMethod(s, type, member))) {
                    missing.add(doc.getFileName() + ":" + line(text, call.start()) + " " + type + "." + member);
                }
            }
            Matcher constructor = CONSTRUCTOR.matcher(text);
            while (constructor.find()) {
                String type = constructor.group(1);
                List<String> sources = TYPES.get(type);
                if (sources == null) {
                    continue;
                }
                checked++;
                if (sources.stream().noneMatch(s -> declaresConstructor(s, type))) {
                    missing.add(doc.getFileName() + ":" + line(text, constructor.start()) + " new " + type);
                }
            }
        }
        assertThat(checked).as("names of ours the docs call").isGreaterThan(100);
        assertThat(missing).as("called in the docs, declared nowhere").isEmpty();
    }

    @Test
    void everyPropertyTheDocsSetIsTheStarters() throws IOException {
        Set<String> known = new HashSet<>();
        try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode root = new ObjectMapper().readTree(metadata);
            root.path("properties").forEach(p -> known.add(p.path("name").asText()));
            root.path("groups").forEach(g -> known.add(g.path("name").asText()));
        }
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs()) {
            String text = read(doc);
            Matcher property = PROPERTY.matcher(text);
            while (property.find()) {
                String name = "ringcentral.embeddable." + property.group(1);
                checked++;
                String base = name.replaceAll("\\[\\d+]$", ""); // a list's element
                if (!known.contains(base) && !name.startsWith("ringcentral.embeddable.params.")) {
                    unknown.add(doc.getFileName() + ":" + line(text, property.start()) + " " + name);
                }
            }
        }
        assertThat(checked).as("properties set in the docs").isGreaterThan(20);
        assertThat(unknown).as("set in the docs, unknown to the starter").isEmpty();
    }

    /**
     * Every code fence of the docs closes on a line of its own: a closing fence followed by text is no fence in
     * CommonMark, so the prose after it rendered inside the code block (a {@code web.xml} snippet of sign-in-once.md
     * took the next paragraph with it, found by a trial that compiled every snippet).
     */
    @Test
    void everyCodeFenceClosesOnALineOfItsOwn() throws IOException {
        List<String> broken = new ArrayList<>();
        int blocks = 0;
        for (Path doc : docs()) {
            String[] lines = read(doc).split("\n", -1);
            boolean open = false;
            int opened = 0;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (!line.startsWith("```")) {
                    continue;
                }
                if (!open) {
                    open = true;
                    opened = i + 1;
                    blocks++;
                    if (!line.matches("```[\\w-]*")) {
                        broken.add(doc.getFileName() + ":" + (i + 1) + " opens with more than a language: " + line);
                    }
                } else {
                    open = false;
                    if (!line.equals("```")) {
                        broken.add(doc.getFileName() + ":" + (i + 1) + " closes with text after it: " + line);
                    }
                }
            }
            if (open) {
                broken.add(doc.getFileName() + ":" + opened + " opens a block that never closes");
            }
        }
        assertThat(blocks).as("code blocks in the docs").isGreaterThan(50);
        assertThat(broken).as("code fences").isEmpty();
    }
}
