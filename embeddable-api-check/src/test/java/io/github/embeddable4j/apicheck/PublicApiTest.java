package io.github.embeddable4j.apicheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The public API of each published module, as its class files have it, against the listing the module keeps in
 * {@code api/<module>.api}: every public or protected type, constructor, method and field not marked
 * {@code @Internal} (nor in a package so marked), with erased types, as binary compatibility sees them, constants
 * with their values and varargs marked (not generic arguments, {@code throws} clauses or annotation defaults). A change to
 * that surface fails here until the listing is written again, so it shows in review and in the changelog, and is never
 * made by accident. Write the listings again after an intended change:
 * {@code mvn -pl embeddable-api-check -am verify -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dembeddable.api.write=true}.
 */
class PublicApiTest {

    private static final String INTERNAL = "Lio/github/embeddable4j/core/Internal;";

    @ParameterizedTest
    @CsvSource({
            "embeddable-core, io/github/embeddable4j/core/Embeddable.class",
            "embeddable-servlet, io/github/embeddable4j/servlet/EmbeddableFilter.class",
            "embeddable-spring, io/github/embeddable4j/spring/EmbeddableAutoConfiguration.class",
            "embeddable-vaadin, io/github/embeddable4j/vaadin/RingCentralEmbeddable.class"})
    void thePublishedApiIsTheListedOne(String module, String markerClass) throws Exception {
        List<String> actual = listing(classesOf(markerClass));
        assertThat(actual).as("%s's API: read from its classes", module).hasSizeGreaterThan(10);
        // from the module's folder, which Maven gives (an IDE may run the test elsewhere)
        Path file = Path.of(System.getProperty("basedir", "."), "..", module, "api", module + ".api").normalize();
        if (Boolean.getBoolean("embeddable.api.write")) {
            Files.createDirectories(file.getParent());
            Files.write(file, actual);
            return;
        }
        assertThat(file).as("%s's listing; write it with -Dembeddable.api.write=true", module).exists();
        List<String> expected = Files.readAllLines(file);
        if (!actual.equals(expected)) {
            Set<String> added = new LinkedHashSet<>(actual);
            expected.forEach(added::remove);
            Set<String> removed = new LinkedHashSet<>(expected);
            actual.forEach(removed::remove);
            throw new AssertionError(module + "'s public API changed (" + file.normalize() + "):\n"
                    + "  added:\n    " + lines(added) + "\n  removed:\n    " + lines(removed)
                    + "\nIf meant: say it in CHANGELOG.md (a removal or change breaks users), mark what is public only for"
                    + " another module @Internal, and write the listing again with -Dembeddable.api.write=true.");
        }
    }

    /**
     * Guards the reader: a member or type marked {@code @Internal} is left out, its public neighbours are not, and a
     * type's members are listed under it.
     */
    @Test
    void internalMarksAreLeftOutAndTheirNeighboursAreNot() throws Exception {
        List<String> api = listing(classesOf("io/github/embeddable4j/core/Embeddable.class"));
        int at = api.indexOf("public final class io.github.embeddable4j.core.login.LoginAuthorization");
        assertThat(at).as("LoginAuthorization's line").isNotNegative();
        List<String> members = api.subList(at + 1, api.size()).stream().takeWhile(l -> l.startsWith("  ")).toList();
        assertThat(members).as("its members")
                .contains("  public static io.github.embeddable4j.core.login.LoginAuthorization of(io.github.embeddable4j.core.Embeddable)",
                        "  public java.lang.String clientId()")
                .noneMatch(l -> l.contains("STATE_PREFIX") || l.contains("newState") || l.contains("AUTHORIZE_ENDPOINT_FIX"));
        assertThat(api).as("a type marked @Internal").noneMatch(l -> l.contains("io.github.embeddable4j.core.bridge.ServiceRelay"))
                .as("a package-private type, even where a public one implements it")
                .noneMatch(l -> l.contains("io.github.embeddable4j.core.WireValue"))
                .as("a public nested type").anyMatch(l -> l.startsWith("public static final class io.github.embeddable4j.core.EmbeddableConfig$Builder"));
    }

    private static String lines(Set<String> lines) {
        return lines.isEmpty() ? "(none)" : String.join("\n    ", lines);
    }

    /** Every class file under the class-path root (folder or jar) that holds {@code markerClass}. */
    private static Map<String, ClassNode> classesOf(String markerClass) throws IOException, URISyntaxException {
        URL url = ClassLoader.getSystemResource(markerClass);
        assertThat(url).as(markerClass + " on the test class path").isNotNull();
        Map<String, ClassNode> classes = new TreeMap<>();
        String text = url.toString();
        if (text.startsWith("jar:")) {
            Path jar = Path.of(new URL(text.substring(4, text.indexOf("!/"))).toURI());
            try (FileSystem fs = FileSystems.newFileSystem(jar)) {
                read(fs.getPath("/"), classes);
            }
        } else {
            Path file = Path.of(url.toURI());
            Path root = file;
            for (int i = 0; i < markerClass.split("/").length; i++) {
                root = root.getParent();
            }
            read(root, classes);
        }
        return classes;
    }

    private static void read(Path root, Map<String, ClassNode> into) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    ClassNode node = new ClassNode();
                    new ClassReader(in).accept(node, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                    into.put(node.name, node);
                }
            }
        }
    }

    /** The API, one line per type and, indented under it, one per member, both sorted. */
    private static List<String> listing(Map<String, ClassNode> classes) {
        Set<String> internalPackages = new java.util.HashSet<>();
        classes.values().stream().filter(c -> c.name.endsWith("/package-info") && marked(c.invisibleAnnotations, c.visibleAnnotations))
                .forEach(c -> internalPackages.add(c.name.substring(0, c.name.lastIndexOf('/'))));
        Map<String, Integer> access = new HashMap<>();
        for (ClassNode c : classes.values()) {
            access.put(c.name, c.access);
            for (InnerClassNode inner : c.innerClasses) {
                if (inner.name.equals(c.name)) {
                    access.put(c.name, inner.access | (inner.outerName == null ? Opcodes.ACC_SYNTHETIC : 0));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (ClassNode c : classes.values()) {
            if (!isApiType(c, classes, access, internalPackages)) {
                continue;
            }
            List<String> interfaces = c.interfaces.stream().filter(i -> !classes.containsKey(i)
                    || isApiType(classes.get(i), classes, access, internalPackages)).toList();
            lines.add(typeLine(c, access.get(c.name), interfaces));
            List<String> members = new ArrayList<>();
            // a final class's protected members are reachable from its package only: not API
            boolean extensible = (access.get(c.name) & Opcodes.ACC_FINAL) == 0;
            for (FieldNode f : c.fields) {
                if (isApiMember(f.access, extensible) && !marked(f.invisibleAnnotations, f.visibleAnnotations)) {
                    // a constant's value is compiled into its users: changing it is a change of the API
                    String value = f.value == null ? "" : " = " + (f.value instanceof String text ? "\"" + text + "\"" : f.value);
                    members.add("  " + modifiers(f.access, false) + name(Type.getType(f.desc)) + " " + f.name + value);
                }
            }
            for (MethodNode m : c.methods) {
                if (isApiMember(m.access, extensible) && (m.access & Opcodes.ACC_BRIDGE) == 0 && !m.name.equals("<clinit>")
                        && !marked(m.invisibleAnnotations, m.visibleAnnotations)) {
                    String params = Stream.of(Type.getArgumentTypes(m.desc)).map(PublicApiTest::name)
                            .collect(Collectors.joining(", "));
                    if ((m.access & Opcodes.ACC_VARARGS) != 0) { // String... and String[] differ for callers' source
                        params = params.substring(0, params.length() - 2) + "...";
                    }
                    String head = m.name.equals("<init>") ? simpleName(c.name)
                            : name(Type.getReturnType(m.desc)) + " " + m.name;
                    members.add("  " + modifiers(m.access, (c.access & Opcodes.ACC_INTERFACE) != 0) + head + "(" + params + ")");
                }
            }
            Collections.sort(members);
            lines.addAll(members);
        }
        return lines;
    }

    private static boolean isApiType(ClassNode c, Map<String, ClassNode> classes, Map<String, Integer> access,
            Set<String> internalPackages) {
        if (c.name.endsWith("/package-info") || c.name.equals("module-info")) {
            return false;
        }
        int flags = access.get(c.name);
        if ((flags & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) == 0 || (flags & Opcodes.ACC_SYNTHETIC) != 0
                || marked(c.invisibleAnnotations, c.visibleAnnotations)
                || internalPackages.contains(c.name.substring(0, c.name.lastIndexOf('/')))) {
            return false;
        }
        String outer = c.innerClasses.stream().filter(i -> i.name.equals(c.name)).map(i -> i.outerName).findFirst().orElse(null);
        return outer == null || classes.containsKey(outer) && isApiType(classes.get(outer), classes, access, internalPackages);
    }

    private static boolean isApiMember(int flags, boolean extensible) {
        int visible = extensible ? Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED : Opcodes.ACC_PUBLIC;
        return (flags & visible) != 0 && (flags & Opcodes.ACC_SYNTHETIC) == 0;
    }

    private static boolean marked(List<AnnotationNode> invisible, List<AnnotationNode> visible) {
        return Stream.concat(invisible == null ? Stream.empty() : invisible.stream(), visible == null ? Stream.empty() : visible.stream())
                .anyMatch(a -> a.desc.equals(INTERNAL));
    }

    private static String typeLine(ClassNode c, int flags, List<String> apiInterfaces) {
        String kind = (flags & Opcodes.ACC_ANNOTATION) != 0 ? "@interface"
                : (flags & Opcodes.ACC_INTERFACE) != 0 ? "interface"
                : (flags & Opcodes.ACC_ENUM) != 0 ? "enum"
                : "java/lang/Record".equals(c.superName) ? "record" : "class";
        StringBuilder line = new StringBuilder((flags & Opcodes.ACC_PROTECTED) != 0 ? "protected " : "public ");
        if ((flags & Opcodes.ACC_STATIC) != 0) {
            line.append("static ");
        }
        if (kind.equals("class") && (flags & Opcodes.ACC_FINAL) != 0) {
            line.append("final ");
        }
        if (kind.equals("class") && (flags & Opcodes.ACC_ABSTRACT) != 0) {
            line.append("abstract ");
        }
        line.append(kind).append(' ').append(c.name.replace('/', '.'));
        if (c.superName != null && kind.equals("class") && !c.superName.equals("java/lang/Object")) {
            line.append(" extends ").append(c.superName.replace('/', '.'));
        }
        List<String> interfaces = apiInterfaces.stream().filter(i -> !i.equals("java/lang/annotation/Annotation"))
                .map(i -> i.replace('/', '.')).sorted().toList();
        if (!interfaces.isEmpty()) {
            line.append(kind.equals("interface") ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        return line.toString();
    }

    private static String modifiers(int flags, boolean inInterface) {
        StringBuilder m = new StringBuilder((flags & Opcodes.ACC_PROTECTED) != 0 ? "protected " : "public ");
        if ((flags & Opcodes.ACC_STATIC) != 0) {
            m.append("static ");
        }
        if ((flags & Opcodes.ACC_FINAL) != 0) {
            m.append("final ");
        }
        if ((flags & Opcodes.ACC_ABSTRACT) != 0 && !inInterface) {
            m.append("abstract ");
        }
        if (inInterface && (flags & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_STATIC)) == 0) {
            m.append("default ");
        }
        return m.toString();
    }

    private static String name(Type type) {
        return type.getClassName();
    }

    private static String simpleName(String internalName) {
        String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
        return simple.substring(simple.lastIndexOf('$') + 1);
    }
}
