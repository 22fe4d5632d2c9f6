package io.github.embeddable4j.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.examples.testing.HeadlessChromium;
import io.github.embeddable4j.examples.testing.StandInWidget;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser that holds a static page as it was served before the widget was added revalidates it with the file's date
 * when the user reloads: Jetty's static-file servlet would answer 304 and Chromium would show its copy without the
 * widget, until the file changes (a standalone-Jetty trial). The filter hides a navigation's conditional headers, so
 * the reload gets the page with the widget. The test first proves Chromium did send the conditional request.
 */
class CachedStaticPageBrowserTest {

    @TempDir
    Path files;

    @Test
    void aReloadedPageCachedBeforeTheWidgetWasAddedComesBackWithIt() throws Exception {
        Files.writeString(files.resolve("index.html"), "<!DOCTYPE html><html><head><title>Home</title></head>"
                + "<body><h1>Home</h1></body></html>", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(files.resolve("index.html"), FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        AtomicBoolean widgetAdded = new AtomicBoolean();
        List<String> conditionals = new CopyOnWriteArrayList<>();
        try (StandInWidget widget = new StandInWidget(StandInWidget.Topology.OTHER_ORIGIN, false)) {
            Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("cached-app")
                    .hosting(widget.baseUrl()).frameOrigins(widget.frameOrigin()).build());
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.setBaseResource(ResourceFactory.of(context).newResource(files));
            context.addServletContainerInitializer((classes, ctx) -> {
                // Before the widget's filter: notes what the browser sent, and plays "before the widget was added".
                Filter before = (request, response, chain) -> {
                    String since = ((HttpServletRequest) request).getHeader("If-Modified-Since");
                    if (since != null) {
                        conditionals.add(since);
                    }
                    if (!widgetAdded.get()) {
                        EmbeddableFilter.skip(request);
                    }
                    chain.doFilter(request, response);
                };
                ctx.addFilter("before", before).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
                EmbeddableFilter.register(ctx, new EmbeddableFilter(embeddable));
            });
            context.addServlet(DefaultServlet.class, "/");
            server.setHandler(context);
            server.start();
            try (HeadlessChromium chromium = new HeadlessChromium()) {
                String page = "http://localhost:" + connector.getLocalPort() + "/index.html";
                chromium.driver().get(page);
                assertThat(loaders(chromium)).as("before the widget was added").isZero();

                widgetAdded.set(true);
                chromium.driver().navigate().refresh();
                chromium.await(d -> "complete".equals(chromium.script("return document.readyState")));
                assertThat(conditionals).as("Chromium revalidated its copy with the file's date").isNotEmpty();
                assertThat(loaders(chromium)).as("the reloaded page").isEqualTo(1L);
            } finally {
                server.stop();
            }
        }
    }

    private static long loaders(HeadlessChromium chromium) {
        return (Long) chromium.script("return document.querySelectorAll('script[src*=\"adapter.js\"]').length");
    }
}
