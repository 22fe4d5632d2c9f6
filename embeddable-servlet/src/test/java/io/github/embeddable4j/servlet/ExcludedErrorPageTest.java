package io.github.embeddable4j.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.EmbeddableConfig;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.servlet.containers.TestServer;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With error pages opted in, an error page whose path the rules exclude stays as written, whichever way it comes:
 * after a plain {@code sendError}, and after one in an async dispatch, which Undertow renders inside the filter's
 * own wrapper (a review found the widget there on Undertow only).
 */
class ExcludedErrorPageTest {

    private static final Embeddable EMBEDDABLE = Embeddable.of(EmbeddableConfig.builder().clientId("error-pages").build());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jetty", "tomcat", "undertow"})
    void anExcludedErrorPageStaysAsWritten(String container) throws Exception {
        ServletContainerInitializer setup = (classes, ctx) -> {
            EmbeddableFilter.register(ctx, new EmbeddableFilter(EMBEDDABLE,
                    InjectionRules.builder().errorPages(true).exclude(TestServer.ERROR_PAGE).build(), NonceResolver.defaults()));
            ServletRegistration.Dynamic async = ctx.addServlet("asyncError", new AsyncErrorServlet());
            async.setAsyncSupported(true);
            async.addMapping("/async-error");
            ctx.addServlet("syncError", new HttpServlet() {
                @Override
                protected void doGet(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse resp)
                        throws java.io.IOException {
                    resp.sendError(503);
                }
            }).addMapping("/sync-error");
            ctx.addServlet("containerError", new ContainerErrorPageServlet()).addMapping(TestServer.ERROR_PAGE);
        };
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (TestServer server = TestServer.withErrorPage(container, setup)) {
            for (String path : new String[] {"/sync-error", "/async-error"}) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
                assertThat(answer.statusCode()).as(path).isEqualTo(503);
                assertThat(answer.body()).as(path + ": the excluded error page").isEqualTo(ContainerErrorPageServlet.page(503));
            }
        }
    }
}
