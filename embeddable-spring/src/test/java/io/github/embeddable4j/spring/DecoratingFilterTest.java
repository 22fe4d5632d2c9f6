package io.github.embeddable4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.embeddable4j.core.Embeddable;
import io.github.embeddable4j.core.inject.HtmlInjection;
import io.github.embeddable4j.core.inject.InjectionPoint;
import io.github.embeddable4j.spring.app.TestApplication;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sitemesh.builder.SiteMeshFilterBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SiteMesh 3 registered as its users register it, a {@code FilterRegistrationBean} without an order, which puts it
 * behind the starter's filter (on Boot 3.5's Tomcat 10.1): a trial's pages written with a Content-Length (a
 * {@code ResponseEntity}, a {@code @ResponseBody} string, a static file) came out cut at the content's length, without
 * the widget or the layout, because the starter's filter finished the response at the end of SiteMesh's forward to
 * its decorator. The decorated page comes out whole, with the widget once in its head.
 */
class DecoratingFilterTest {

    @Test
    void aPageWithAContentLengthIsDecoratedWholeWithTheWidgetOnce() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplication(TestApplication.class, SiteMesh.class).run(
                "--server.port=0", "--spring.main.banner-mode=off", "--ringcentral.embeddable.inject.anonymous=true",
                "--ringcentral.embeddable.inject.exclude-paths=/plain/*", "--ringcentral.embeddable.graduation.enabled=false")) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class); // Boot 3.5 and 4
            HttpResponse<String> plain = get(port, "/plain/content");
            org.junit.jupiter.api.Assumptions.assumeFalse(plain.body().isEmpty(), "SiteMesh 3.2.2 writes an empty page on"
                    + " Tomcat 11 (Spring Boot 4's), with or without this library: run on Boot 3.5's Tomcat 10.1");
            assertThat(plain.body()).as("decorated, without the widget").contains("<nav>the site's menu</nav>")
                    .contains(SiteMesh.CONTENT_BODY).doesNotContain("adapter.js");

            HttpResponse<String> page = get(port, "/content");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).isEqualTo(HtmlInjection.inject(plain.body(),
                    context.getBean(Embeddable.class).scriptTag(TestApplication.NONCE), InjectionPoint.HEAD_END));
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        response.headers().firstValueAsLong("Content-Length").ifPresent(length -> assertThat(length)
                .as("Content-Length of " + path).isEqualTo(response.body().getBytes(StandardCharsets.UTF_8).length));
        return response;
    }

    @Configuration(proxyBeanMethods = false)
    static class SiteMesh {
        static final String CONTENT_BODY = "<p>" + "Ada's contacts. ".repeat(50) + "</p>";

        @Bean
        FilterRegistrationBean<Filter> sitemesh() {
            return new FilterRegistrationBean<>(new SiteMeshFilterBuilder().setDecoratorPrefix("/decorators/")
                    .addDecoratorPath("/*", "main").addExcludedPath("/decorators/*").create());
        }

        @RestController
        static class Pages {
            @GetMapping({"/content", "/plain/content"})
            ResponseEntity<byte[]> content() {
                byte[] html = ("<!DOCTYPE html><html><head><title>Contacts</title></head><body>" + CONTENT_BODY
                        + "</body></html>").getBytes(StandardCharsets.UTF_8);
                return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).contentLength(html.length).body(html);
            }

            @GetMapping(path = "/decorators/main", produces = "text/html;charset=UTF-8")
            String layout() {
                return "<!DOCTYPE html><html><head><title>Site: <sitemesh:write property='title'/></title>"
                        + "<sitemesh:write property='head'/></head><body><nav>the site's menu</nav>"
                        + "<sitemesh:write property='body'/></body></html>";
            }
        }
    }
}
