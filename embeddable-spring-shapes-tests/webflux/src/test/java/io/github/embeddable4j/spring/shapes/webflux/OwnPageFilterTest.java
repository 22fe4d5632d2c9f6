package io.github.embeddable4j.spring.shapes.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.inject.InjectionRules;
import io.github.embeddable4j.spring.webflux.EmbeddableWebFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * An application that builds its own page filter as the Javadoc showed it, a bean declared as a {@code WebFilter},
 * with rules of its own: the starter's {@code @ConditionalOnMissingBean} cannot see it, so both filters ran, every
 * page got the loader twice, and the starter's ignored the application's exclusion (found by a review). The first
 * filter to run for an exchange now decides, as the servlet filter's first registration does.
 */
@SpringBootTest(classes = {WebFluxApplication.class, OwnPageFilterTest.OwnFilter.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ringcentral.embeddable.client-id=webflux-app", "ringcentral.embeddable.inject.anonymous=true",
            "ringcentral.embeddable.graduation.enabled=false"})
class OwnPageFilterTest {

    @Configuration(proxyBeanMethods = false)
    static class OwnFilter {
        @Bean
        WebFilter widget(Embeddable embeddable) {
            return new EmbeddableWebFilter(embeddable, InjectionRules.builder().exclude("/plain/**").build(), List.of());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Embeddable embeddable;

    @Autowired
    ApplicationContext context;

    private String page(String path) throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    @Test
    void theApplicationsOwnFilterAndTheStartersPutTheLoaderOnAPageOnceByTheApplicationsRules() throws Exception {
        assertThat(context.getBeansOfType(EmbeddableWebFilter.class)).as("both filters are in the context").hasSize(2);
        assertThat(page("/report?download=false")).as("the loader, once").containsOnlyOnce(embeddable.scriptTag());
        assertThat(page("/plain/page")).as("the application's rule").doesNotContain("adapter.js");
    }
}
