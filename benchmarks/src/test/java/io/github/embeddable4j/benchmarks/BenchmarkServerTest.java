package io.github.embeddable4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.inject.HtmlInjection;
import io.github.embeddable4j.core.inject.InjectionPoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The variants must serve what they claim, on both containers, or the comparison is meaningless. */
class BenchmarkServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void variantsServeTheSamePageWithAndWithoutTheWidget(String container) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (PageServer server = PageServer.start(container)) {
            assertThat(server.container()).isEqualTo(container);
            for (String page : new String[] {"page-50k", "page-1m"}) {
                String html = new String(page.equals("page-1m") ? BenchmarkServer.PAGE_1M : BenchmarkServer.PAGE_50K,
                        StandardCharsets.UTF_8);
                String injected = HtmlInjection.inject(html, BenchmarkServer.EMBEDDABLE.scriptTag(), InjectionPoint.HEAD_END);
                assertThat(get(client, server.url("none", page))).isEqualTo(html);
                assertThat(get(client, server.url("noop", page))).isEqualTo(html);
                assertThat(get(client, server.url("wrap", page))).isEqualTo(html);
                assertThat(get(client, server.url("stream", page))).isEqualTo(injected);
                assertThat(get(client, server.url("naive", page))).isEqualTo(injected);
            }
        }
    }

    private static String get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
