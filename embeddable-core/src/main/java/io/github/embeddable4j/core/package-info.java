/**
 * The widget's configuration and what is computed from it, with no framework type. {@link
 * io.github.embeddable4j.core.EmbeddableConfig} holds and validates the settings (a builder, key/value pairs, the
 * environment, JSON); {@link io.github.embeddable4j.core.Embeddable} renders the loader and iframe markup, the
 * Content-Security-Policy sources and the Permissions-Policy, and the app registration checklist.
 *
 * <p>Nullness: every package of embeddable4j is {@link org.jspecify.annotations.NullMarked}: parameters, return
 * values and fields are non-null unless annotated {@link org.jspecify.annotations.Nullable}. Types and members
 * annotated {@link io.github.embeddable4j.core.Internal} are not API.
 *
 * <pre>{@code
 * Embeddable embeddable = Embeddable.of(EmbeddableConfig.builder().clientId("...").build());
 * String tag = embeddable.scriptTag(cspNonce);
 * }</pre>
 */
@NullMarked
package io.github.embeddable4j.core;

import org.jspecify.annotations.NullMarked;
