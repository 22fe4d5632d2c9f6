package io.github.embeddable4j.core.inject;

/** Where in an HTML document the snippet goes. */
public enum InjectionPoint {
    /**
     * Before the {@code </head>} that ends the head, so the snippet is the head's last element. A document whose head
     * ends without one (the tag is optional in HTML) gets it before the first real {@code </body>}: the head ends, as
     * an HTML parser reads it, at a {@code <body>} tag, at any other element that does not belong in the head, or at
     * text; a {@code </head>} after that is ignored by browsers, and by the injector. For the loader script, which
     * RingCentral's docs place in the head.
     */
    HEAD_END,
    /**
     * Before the first real {@code </body>} (not inside a {@code <template>}). For markup that belongs in the page
     * body, such as the iframe.
     */
    BODY_END
}
