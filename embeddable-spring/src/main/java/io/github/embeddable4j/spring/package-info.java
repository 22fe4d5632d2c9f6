/**
 * The Spring Boot starter: the {@code ringcentral.embeddable.*} properties ({@link
 * io.github.embeddable4j.spring.EmbeddableProperties} for the starter's own switches; every widget setting is read
 * by the names core knows), the auto-configuration ({@link io.github.embeddable4j.spring.EmbeddableAutoConfiguration}:
 * reference it only to exclude it), the Thymeleaf dialect ({@link io.github.embeddable4j.spring.EmbeddableDialect}),
 * and widget events as Spring application events ({@link io.github.embeddable4j.spring.WidgetApplicationEvent}).
 */
@NullMarked
package io.github.embeddable4j.spring;

import org.jspecify.annotations.NullMarked;
