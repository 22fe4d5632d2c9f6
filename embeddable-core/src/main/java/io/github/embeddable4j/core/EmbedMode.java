package io.github.embeddable4j.core;

/** How a page embeds the widget; decides the markup and the Content-Security-Policy sources it needs. */
public enum EmbedMode {
    /** The loader script ({@code adapter.js}), which draws the floating widget. */
    LOADER,
    /** The loader script with manual initialisation: an inline script sets the flag, the page calls {@code RCAdapterInit()}. */
    LOADER_MANUAL_INIT,
    /** A plain {@code <iframe>} of {@code app.html} placed in the page's layout. */
    IFRAME
}
