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
import org.objectweb.asm.TypePath;
import org.objectweb.asm.TypeReference;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeAnnotationNode;
import org.objectweb.asm.util.TraceSignatureVisitor;

/**
 * The public API of each published module, as its class files have it, against the listing the module keeps in
 * {@code api/<module>.api}: every public or protected type, constructor, method and field not marked
 * {@code @Internal} (nor in a package so marked), as a caller's source sees them: generic types where the class file
 * keeps them (else erased ones), JSpecify's {@code @Nullable} on a type itself (Kotlin reads it as the type: taking it
 * off a return breaks Kotlin callers), {@code throws} clauses, annotation defaults, constants with their values,
 * varargs, and each {@code @NullMarked} package. A change to that surface fails here until the listing is written
 * again, so it shows in review and in the changelog, and is never made by accident. Write the listings again after an intended change:
 * {@code mvn -pl embeddable-api-check -am verify -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dembeddable.api.write=true}.
 */
class PublicApiTest {

    private static final String INTERNAL = "Lio/github/embeddable4j/core/Internal;";
    private static final String NULLABLE = "Lorg/jspecify/annotations/Nullable;";
    private static final String NULL_MARKED = "Lorg/jspecify/annotations/NullMarked;";

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

    /**
     * Guards the reader's view of what a caller's source depends on beyond erased types: a listing without them would
     * let a {@code List<String>} become a {@code List<Object>}, a nullable return become non-null (Kotlin callers
     * break), a checked exception be added or a package lose {@code @NullMarked} unnoticed.
     */
    @Test
    void whatACallersSourceSeesIsListed() throws Exception {
        List<String> api = listing(classesOf("io/github/embeddable4j/core/Embeddable.class"));
        assertThat(api).as("generic parameter types")
                .contains("  public static io.github.embeddable4j.core.EmbeddableConfig fromMap(java.util.Map<java.lang.String, java.lang.String>)")
                .as("a generic method and a generic type")
                .contains("  public static <T> io.github.embeddable4j.core.crm.PhoneNumberIndex<T> of(java.util.Collection<T>,"
                        + " java.util.function.Function<? super T, ? extends java.util.Collection<java.lang.String>>,"
                        + " io.github.embeddable4j.core.crm.PhoneNumberNormalizer)",
                        "public final class io.github.embeddable4j.core.crm.PhoneNumberIndex<T>")
                .as("nullness on a parameter, on a varargs array and on an array")
                .contains("  public java.lang.String scriptTag(@Nullable java.lang.String)",
                        "  public io.github.embeddable4j.core.EmbeddableConfig$Builder frameOrigins(java.lang.String @Nullable ...)",
                        "  public io.github.embeddable4j.core.login.LoginEndpoints$Builder serverKey(byte @Nullable [])")
                .as("a throws clause, an annotation's default, a null-marked package")
                .contains("  public void finish() throws java.io.IOException", "  public java.lang.String value() default \"\"",
                        "package io.github.embeddable4j.core.crm @NullMarked");
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
            if (c.name.endsWith("/package-info") && !internalPackages.contains(c.name.substring(0, c.name.lastIndexOf('/')))) {
                boolean nullMarked = Stream.concat(annotations(c.visibleAnnotations), annotations(c.invisibleAnnotations))
                        .anyMatch(a -> a.desc.equals(NULL_MARKED));
                lines.add("package " + c.name.substring(0, c.name.lastIndexOf('/')).replace('/', '.') + (nullMarked ? " @NullMarked" : ""));
            }
        }
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
                    String type = f.signature == null ? name(Type.getType(f.desc)) : rendered(f.signature, 0).getDeclaration();
                    members.add("  " + modifiers(f.access, false)
                            + annotated(type, nullable(f.visibleTypeAnnotations, TypeReference.FIELD, -1)) + " " + f.name + value);
                }
            }
            for (MethodNode m : c.methods) {
                if (isApiMember(m.access, extensible) && (m.access & Opcodes.ACC_BRIDGE) == 0 && !m.name.equals("<clinit>")
                        && !marked(m.invisibleAnnotations, m.visibleAnnotations)) {
                    members.add("  " + modifiers(m.access, (c.access & Opcodes.ACC_INTERFACE) != 0) + signature(c, m));
                }
            }
            Collections.sort(members);
            lines.addAll(members);
        }
        return lines;
    }

    /**
     * A method's or constructor's line after its modifiers: type parameters, return type, name, parameters,
     * {@code throws} and an annotation's default. Generic where the class file keeps a signature; a parameter the
     * compiler adds (an inner class's outer instance, an enum's name and ordinal) has none and is left out with it.
     */
    private static String signature(ClassNode c, MethodNode m) {
        Type[] erased = Type.getArgumentTypes(m.desc);
        List<String> params = new ArrayList<>();
        String typeParameters = "";
        String returns = name(Type.getReturnType(m.desc));
        if (m.signature != null) {
            TraceSignatureVisitor trace = rendered(m.signature, m.access & ~Opcodes.ACC_VARARGS);
            String declaration = trace.getDeclaration(); // "<T>(java.util.List<T>, int)"
            int open = declaration.indexOf('(');
            typeParameters = declaration.substring(0, open);
            String inside = declaration.substring(open + 1, declaration.lastIndexOf(')'));
            params.addAll(splitTopLevel(inside));
            returns = trace.getReturnType();
        } else {
            Stream.of(erased).map(PublicApiTest::name).forEach(params::add);
        }
        // a type annotation's parameter index counts the parameters the signature has (javac's rule)
        for (int i = 0; i < params.size(); i++) {
            params.set(i, annotated(params.get(i), nullable(m.visibleTypeAnnotations, TypeReference.METHOD_FORMAL_PARAMETER, i)));
        }
        if ((m.access & Opcodes.ACC_VARARGS) != 0 && !params.isEmpty()) { // String... and String[] differ for callers' source
            String last = params.get(params.size() - 1);
            params.set(params.size() - 1, last.substring(0, last.length() - 2) + "...");
        }
        String head = m.name.equals("<init>") ? simpleName(c.name)
                : annotated(returns, nullable(m.visibleTypeAnnotations, TypeReference.METHOD_RETURN, -1)) + " " + m.name;
        StringBuilder line = new StringBuilder(typeParameters.isEmpty() ? "" : typeParameters + " ")
                .append(head).append('(').append(String.join(", ", params)).append(')');
        if (m.exceptions != null && !m.exceptions.isEmpty()) { // a checked one added breaks callers' source
            line.append(" throws ").append(m.exceptions.stream().map(e -> e.replace('/', '.')).sorted()
                    .collect(Collectors.joining(", ")));
        }
        if (m.annotationDefault != null) { // taking a default away makes every use without the element fail
            line.append(" default ").append(m.annotationDefault instanceof Type t ? name(t) + ".class"
                    : m.annotationDefault instanceof String[] e ? e[1]
                    : m.annotationDefault instanceof String text ? "\"" + text + "\"" : String.valueOf(m.annotationDefault));
        }
        return line.toString();
    }

    private static TraceSignatureVisitor rendered(String signature, int access) {
        TraceSignatureVisitor trace = new TraceSignatureVisitor(access);
        new SignatureReader(signature).accept(trace);
        return trace;
    }

    /** Splits "java.util.Map<K, V>, int" at the commas outside angle brackets. */
    private static List<String> splitTopLevel(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char ch = list.charAt(i);
            depth += ch == '<' ? 1 : ch == '>' ? -1 : 0;
            if (ch == ',' && depth == 0) {
                parts.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!list.isBlank()) {
            parts.add(list.substring(start).trim());
        }
        return parts;
    }

    /** The type as Java source writes it nullable: {@code @Nullable String}, but {@code String @Nullable []} for an array. */
    private static String annotated(String type, boolean nullable) {
        return !nullable ? type : type.endsWith("[]") ? type.substring(0, type.length() - 2) + " @Nullable []" : "@Nullable " + type;
    }

    /**
     * Whether JSpecify's {@code @Nullable} sits on the type itself (of a field, a return, or parameter {@code index}),
     * not on a type argument or an array's element.
     */
    private static boolean nullable(@org.jspecify.annotations.Nullable List<TypeAnnotationNode> annotations, int sort, int index) {
        if (annotations == null) {
            return false;
        }
        for (TypeAnnotationNode a : annotations) {
            TypeReference ref = new TypeReference(a.typeRef);
            if (a.desc.equals(NULLABLE) && ref.getSort() == sort
                    && (index < 0 || ref.getFormalParameterIndex() == index) && onTheTypeItself(a.typePath)) {
                return true;
            }
        }
        return false;
    }

    /** A nested class's name ({@code Map.@Nullable Entry}) steps into it; anything else is a part of the type. */
    private static boolean onTheTypeItself(@org.jspecify.annotations.Nullable TypePath path) {
        if (path == null) {
            return true;
        }
        for (int i = 0; i < path.getLength(); i++) {
            if (path.getStep(i) != TypePath.INNER_TYPE) {
                return false;
            }
        }
        return true;
    }

    private static Stream<AnnotationNode> annotations(@org.jspecify.annotations.Nullable List<AnnotationNode> list) {
        return list == null ? Stream.empty() : list.stream();
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
        if (c.signature != null && c.signature.startsWith("<")) { // "<T extends X> implements ...": its type parameters
            String declaration = rendered(c.signature, 0).getDeclaration();
            int depth = 0;
            int end = 0;
            do {
                depth += declaration.charAt(end) == '<' ? 1 : declaration.charAt(end) == '>' ? -1 : 0;
                end++;
            } while (depth > 0);
            line.append(declaration, 0, end);
        }
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
