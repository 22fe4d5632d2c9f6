package io.github.embeddable4j.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.test.tools.ClassFile;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.SourceFile;
import org.springframework.core.test.tools.TestCompiler;

/**
 * The starter in an application built with Spring AOT, the way the Spring Boot Maven plugin does it: the application
 * is processed ahead of time on a build machine (bean definitions and conditions fixed, code generated), the generated
 * code is compiled, and the application runs with {@code spring.aot.enabled=true}. The widget settings are still read
 * and checked when the application starts, from the environment it starts in, not the build's.
 */
@CompileWithForkedClassLoader // the generated code calls package-private @Bean methods: same class loader
@ExtendWith(OutputCaptureExtension.class)
class AheadOfTimeTest {

    /** What the build machine knows: conditions are decided with it (anonymous visitors get the widget). */
    private static final String[] BUILD_ARGS = {"--ringcentral.embeddable.inject.anonymous=true"};

    @TempDir
    Path output;

    @Test
    void theProcessedApplicationServesTheWidgetWithTheSettingsItStartsWith() throws Exception {
        runProcessed(new String[] {"--server.port=0", "--spring.main.banner-mode=off",
            "--ringcentral.embeddable.client-id=aot-runtime-client", "--ringcentral.embeddable.inject.anonymous=true"}, context -> {
                int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
                HttpClient client = HttpClient.newHttpClient();
                String page = send(client, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build()).body();
                assertThat(page).contains("<p>Hello</p>").contains("clientId=aot-runtime-client")
                        // the listener was found in the processed application: the bridge is on
                        .contains("src=\"/embeddable4j/embeddable4j.js\"");
                HttpResponse<String> posted = send(client, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/embeddable4j/events"))
                        .header("Content-Type", "application/json").header("Sec-Fetch-Site", "same-origin")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[{\"type\":\"rc-call-ring-notify\",\"call\":"
                                + "{\"id\":\"c1\",\"from\":\"+16505550101\",\"direction\":\"Inbound\"}}]}")).build());
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
                List<?> calls = context.getBean(AheadOfTimeApplication.Calls.class).received;
                long end = System.nanoTime() + 10_000_000_000L;
                while (calls.isEmpty() && System.nanoTime() < end) {
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // not a spin: the listener runs on one of two cores
                }
                assertThat(calls).hasSize(1);
            });
    }

    @Test
    void aBadConfigurationStillStopsTheProcessedApplicationWithEveryProblemBeforeTheWebServer(CapturedOutput log) throws Exception {
        Throwable failure = catchThrowable(() -> runProcessed(new String[] {"--server.port=0", "--spring.main.banner-mode=off",
            "--ringcentral.embeddable.client-id=has space", "--ringcentral.embeddable.app-server=sandbx",
            "--ringcentral.embeddable.disable-cal=true"}, context -> { }));
        assertThat(failure).isNotNull();
        String all = log.getAll();
        assertThat(all).contains("APPLICATION FAILED TO START");
        String report = all.substring(all.lastIndexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("The RingCentral Embeddable configuration has 3 problems:")
                .contains("- ringcentral.embeddable.client-id: 'has space' does not look like a client ID")
                .contains("- ringcentral.embeddable.disable-cal: no RingCentral Embeddable setting has this name")
                .contains("- ringcentral.embeddable.app-server: 'sandbx' is neither a server name nor an https:// origin");
        String run = all.substring(all.lastIndexOf("AOT-processed application starting"));
        assertThat(run).doesNotContain("Tomcat initialized").doesNotContain("Unable to start web server");
    }

    @Test
    void processingChecksNoSettingsAndHintsTheResourcesReadAtRunTime(CapturedOutput log) {
        // The client ID comes from the environment of the machine the application runs on; the build has none.
        String fromRunEnvironment = "--ringcentral.embeddable.client-id=${EMBEDDABLE4J_TEST_UNSET_CLIENT_ID}";
        // Where it is missing when the application starts, the check stops it: it would stop the build if it ran there.
        assertThat(catchThrowable(() -> new SpringApplication(AheadOfTimeApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", fromRunEnvironment))).isNotNull();
        assertThat(log.getAll()).contains("'${EMBEDDABLE4J_TEST_UNSET_CLIENT_ID}' has a placeholder that nothing defines");

        Path sources = process(fromRunEnvironment);
        assertThat(sources.resolve("io/github/embeddable4j/spring/EmbeddableAutoConfiguration__BeanDefinitions.java")).exists();
        // and the native-image configuration it wrote names the resources the starter reads at run time
        String nativeImage = String.join("\n", files(output.resolve("resources"), ".json").stream()
                .filter(p -> p.toString().contains("native-image")).map(AheadOfTimeTest::read).toList());
        assertThat(nativeImage).contains("embeddable4j.js").contains("setup-page.css")
                .contains("phonenumbers");
    }

    /** Processes the application ahead of time, compiles what was generated, and runs it with AOT on. */
    private void runProcessed(String[] args, Consumer<ConfigurableApplicationContext> use) {
        Path sources = process(BUILD_ARGS);
        Path classes = output.resolve("classes");
        TestCompiler.forSystem().withSources(files(sources, ".java").stream().map(p -> SourceFile.of(read(p))).toList())
                .withClasses(files(classes, ".class").stream().map(p -> ClassFile.of(className(classes, p), bytes(p))).toList())
                .compile(compiled -> {
                    // This class loader has its own copy of Tomcat, whose URL handler factory the JVM already has from
                    // the other tests' servers (a JVM takes one): it does without, as a second Tomcat in a JVM must.
                    org.apache.catalina.webresources.TomcatURLStreamHandlerFactory.disable();
                    System.setProperty("spring.aot.enabled", "true");
                    try {
                        SpringApplication application = new SpringApplication(AheadOfTimeApplication.class);
                        application.setMainApplicationClass(AheadOfTimeApplication.class);
                        System.out.println("AOT-processed application starting");
                        try (ConfigurableApplicationContext context = application.run(args)) {
                            use.accept(context);
                        }
                    } finally {
                        System.clearProperty("spring.aot.enabled");
                    }
                });
    }

    private Path process(String... buildArgs) {
        AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
                .sourceOutput(output.resolve("sources")).resourceOutput(output.resolve("resources"))
                .classOutput(output.resolve("classes")).groupId("io.github.embeddable4j").artifactId("aot-test").build();
        new SpringApplicationAotProcessor(AheadOfTimeApplication.class, settings, buildArgs).process();
        return output.resolve("sources");
    }

    private static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String className(Path root, Path file) {
        String relative = root.relativize(file).toString();
        return relative.substring(0, relative.length() - ".class".length()).replace(java.io.File.separatorChar, '.');
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
