/**
 * The streaming HTML injector: {@link io.github.embeddable4j.core.inject.InjectingOutputStream} and
 * {@link io.github.embeddable4j.core.inject.InjectingWriter} insert a snippet once before the first real
 * {@code </head>} (or the {@code <body>} that ends the head, or {@code </body>}; fragments get nothing, see
 * {@link io.github.embeddable4j.core.inject.InjectionPoint#HEAD_END}), ignoring markers in comments, CDATA,
 * attribute values and raw-text elements, holding back at most a few bytes; {@link io.github.embeddable4j.core.inject.InjectionRules} decides which responses
 * get the widget.
 */
@NullMarked
package io.github.embeddable4j.core.inject;

import org.jspecify.annotations.NullMarked;
