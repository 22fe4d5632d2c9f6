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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * An application that builds its own page filter as the Javadoc showed it, a bean declared as a {@code WebFilter},
 * with rules of its own: the starter's {@code @ConditionalOnMissingBean} cannot see it, so both filters ran and every
 * page got the loader twice (found by a review). The first filter whose rules take a page now serves it, and the
 * starter says at start-up that the two run together and how to declare yours so that it makes none (the second
 * filter's bridge and sign in once are not on the pages the first serves: a later review's CRM went silent).
 */
@ExtendWith(OutputCaptureExtension.class)
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
    void theApplicationsOwnFilterAndTheStartersPutTheLoaderOnAPageOnceAndTheStarterSaysSo(CapturedOutput log)
            throws Exception {
        assertThat(context.getBeansOfType(EmbeddableWebFilter.class)).as("both filters are in the context").hasSize(2);
        assertThat(page("/report?download=false")).as("the loader, once").containsOnlyOnce(embeddable.scriptTag());
        assertThat(page("/plain/page")).as("what the application's rules leave, the starter's take")
                .containsOnlyOnce(embeddable.scriptTag());
        assertThat(log.getAll()).contains("page filters [", "run together", "Declare yours with the return type"
                + " EmbeddableWebFilter");
    }
}
