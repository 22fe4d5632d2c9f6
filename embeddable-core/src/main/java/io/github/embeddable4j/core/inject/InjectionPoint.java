package io.github.embeddable4j.core.inject;

/** Where in an HTML document the snippet goes. */
public enum InjectionPoint {
    /**
     * Where the head ends, so the snippet is the head's last element: before the {@code </head>} that ends it, or,
     * as {@code </head>} is optional in HTML, before the {@code <body>} start tag that ends it (the parser still puts
     * the snippet in the head). A head ended by anything else, as an HTML parser reads it (another element that does
     * not belong in the head, or text), gets the snippet before the first real {@code </body>}, but only in a
     * document: a response that reaches such a point before any DOCTYPE or {@code <html>}, {@code <head>} or
     * {@code <body>} start tag is a fragment (an htmx or Turbo partial served as {@code text/html}), gets nothing, and is no longer
     * scanned. A {@code </head>} after the head has ended is ignored by browsers, and by the injector. For the loader
     * script, which RingCentral's docs place in the head.
     */
    HEAD_END,
    /**
     * Before the first real {@code </body>} (not inside a {@code <template>}). For markup that belongs in the page
     * body, such as the iframe.
     */
    BODY_END
}
