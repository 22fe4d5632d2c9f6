package io.github.embeddable4j.servlet.sharedlib;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.servlet.EmbeddableFilter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.LogManager;
import java.util.zip.GZIPOutputStream;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Two web applications on one embedded Tomcat, each with its own class loader, and embeddable4j's classes in neither:
 * the class path's copy serves both, as jars in a standalone Tomcat's {@code lib} folder do. Run in its own JVM with
 * Tomcat's per-application logging ({@code -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager}) and a
 * configuration file, as a standalone Tomcat has: each application gets its own handlers from that file, and closes
 * them when it stops. Prints each step as {@code STEP <name>}; the handlers print the records.
 */
public final class SharedLibraryServer {

    public static void main(String[] args) throws Exception {
        if (!LogManager.getLogManager().getClass().getName().equals("org.apache.juli.ClassLoaderLogManager")) {
            throw new IllegalStateException("run with -Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager");
        }
        Path base = Files.createTempDirectory("embeddable4j-sharedlib");
        Tomcat tomcat = new Tomcat();
        tomcat.setAddDefaultWebXmlToWebapp(false); // no JSP servlet, whose compiler is not here
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Map<String, Context> deployed = new HashMap<>();
        for (String app : List.of("sales", "support")) {
            deployed.put(app, deploy(tomcat, base, app));
        }
        tomcat.start();
        try {
            String origin = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
            get(origin + "/sales/gzipped");
            get(origin + "/support/gzipped");
            // Each reloaded in turn (as Tomcat's manager does); whichever used embeddable4j's classes first is among them.
            for (String app : List.of("sales", "support")) {
                deployed.get(app).reload();
            }
            get(origin + "/sales/gzipped");
            get(origin + "/support/gzipped");
            System.out.println("STEP done");
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /** A web application with a class loader of its own, as a WAR has: the filter, and a page compressed inside it. */
    private static Context deploy(Tomcat tomcat, Path base, String app) throws IOException {
        Context context = tomcat.addWebapp("/" + app, Files.createDirectories(base.resolve(app)).toString());
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false); // the class path is the shared copy
        ServletContainerInitializer setUp = (classes, servletContext) -> {
            ClassLoader own = Thread.currentThread().getContextClassLoader();
            System.out.println("STEP start " + app + (own != EmbeddableFilter.class.getClassLoader()
                    && own.getParent() == EmbeddableFilter.class.getClassLoader() ? " shared" : " not-shared"));
            EmbeddableFilter.register(servletContext, new EmbeddableFilter(Embeddable.of(EmbeddableConfig.builder()
                    .clientId(app.equals("sales") ? "SalesClientId00001" : "SupportClientId0002").build())));
            servletContext.addServlet("gzipped", new GzippedPage()).addMapping("/gzipped");
        };
        // At each start, as a WAR's own initializer would be found: a stop forgets those added in code.
        context.addLifecycleListener(event -> {
            if (event.getType().equals(Lifecycle.CONFIGURE_START_EVENT)) {
                context.addServletContainerInitializer(setUp, null);
            }
        });
        return context;
    }

    private static void get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("STEP get " + URI.create(url).getPath() + " " + response.statusCode());
    }

    /** A page compressed by the application, inside the filter: the filter says once that such pages get no widget. */
    static final class GzippedPage extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("Content-Encoding", "gzip");
            try (OutputStream out = new GZIPOutputStream(response.getOutputStream())) {
                out.write("<html><head></head><body>compressed</body></html>".getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
