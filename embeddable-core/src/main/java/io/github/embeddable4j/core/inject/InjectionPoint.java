package io.github.embeddable4j.core.inject;

/** Where in an HTML document the snippet goes. */
public enum InjectionPoint {
    /**
     * Before the first real {@code </head>}; a document without one (the tag is optional in HTML) gets it before
     * the first real {@code </body>}. For the loader script, which RingCentral's docs place in the head.
     */
    HEAD_END,
    /** Before the first real {@code </body>}. For markup that belongs in the page body, such as the iframe. */
    BODY_END
}
