/**
 * The widget's {@code postMessage} protocol as types, shared by every adapter:
 * {@link io.github.embeddable4j.core.message.WidgetEvent} (what the widget posts to the page, parsed and checked) and
 * its typed views in {@link io.github.embeddable4j.core.message.WidgetEvents}, and
 * {@link io.github.embeddable4j.core.message.WidgetCommand} (what the page posts to the widget: call, SMS, log out,
 * navigate, call control, presence, ...).
 *
 * <p>The records here model messages and values that grow as the widget does: a later minor version may add
 * components. Read them by their accessors; their canonical constructors and record patterns listing every component
 * are not stable API (their other constructors and their factories, such as {@code of(...)}, are).
 */
@NullMarked
package io.github.embeddable4j.core.message;

import org.jspecify.annotations.NullMarked;
