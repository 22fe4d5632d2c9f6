/**
 * The command-line config tool ({@link io.github.embeddable4j.core.cli.ConfigTool}): a tool to run, not an API to
 * call. The report it prints is {@link io.github.embeddable4j.core.setup.ConfigReport}, which is API.
 *
 * <pre>{@code mvn -q -pl embeddable-core exec:java -Dexec.args="--properties my.properties"}</pre>
 */
@NullMarked
package io.github.embeddable4j.core.cli;

import org.jspecify.annotations.NullMarked;
