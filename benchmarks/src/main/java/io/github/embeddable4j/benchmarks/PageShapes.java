package io.github.embeddable4j.benchmarks;

/**
 * The page shapes users serve, at any size, for the injector benchmarks. Every page is ASCII, so its bytes and chars
 * line up one to one.
 */
final class PageShapes {

    /** Shape names, as {@link InjectorBenchmark}'s {@code shape} parameter takes them. */
    static final String HEAD = "head";
    static final String BODY_ONLY = "body-only";
    static final String FRAGMENT = "fragment";
    static final String INLINE_SCRIPT = "inline-script";
    static final String INLINE_STYLE = "inline-style";

    /** The inline script or style of a head: 200 KB, or 80% of a smaller page. */
    static final int INLINE_SIZE = 200 * 1024;

    private static final String HEAD_START = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Contacts</title>"
            + "<link rel=\"stylesheet\" href=\"/app.css\">";
    /** Minified-looking JavaScript: comparisons, shifts, markup in strings, an escaped end tag, a comment. */
    private static final String JS = "function r(a,b){return a<b?\"<div class=\\\"row\\\">\"+a+\"</div>\":b}"
            + "for(var i=0,n=x.length;i<n;i++){y[i]=x[i]<<1;if(y[i]<=0&&i<n-1)z.push('<span>'+i+'<\\/span>')}"
            + "/* a<b */var s=\"</head></body>\";\n";
    /** CSS: child combinators, a generated-content string holding markup. */
    private static final String CSS = ".table>tbody>tr:nth-child(2n+1)>td{background:#f5f5f5;padding:4px 8px}"
            + ".a>.b::after{content:\"</head>\"}@media (max-width:600px){.c>.d{display:none}}\n";

    private PageShapes() {
    }

    /**
     * A page of the given shape, {@code size} characters long (give or take a row):
     * <ul>
     *   <li>{@code head}: a short head, {@code </head>} after ~130 characters, then a table in the body;
     *   <li>{@code body-only}: the same without {@code </head>} (the {@code <body>} tag ends the head);
     *   <li>{@code fragment}: table rows only, no marker at all (an htmx or Turbo partial);
     *   <li>{@code inline-script} / {@code inline-style}: a head holding a 200 KB inline script or style sheet (80%
     *       of the page when that is smaller), then {@code </head>} and the table.
     * </ul>
     */
    static String page(String shape, int size) {
        StringBuilder sb = new StringBuilder(size + 256);
        switch (shape) {
            case HEAD -> sb.append(HEAD_START).append("</head><body><table>\n");
            case BODY_ONLY -> sb.append(HEAD_START).append("<body><table>\n");
            case FRAGMENT -> sb.append("<table>\n");
            case INLINE_SCRIPT -> inline(sb.append(HEAD_START).append("<script>"), JS, Math.min(INLINE_SIZE, size * 4 / 5))
                    .append("</script></head><body><table>\n");
            case INLINE_STYLE -> inline(sb.append(HEAD_START).append("<style>"), CSS, Math.min(INLINE_SIZE, size * 4 / 5))
                    .append("</style></head><body><table>\n");
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        }
        String end = shape.equals(FRAGMENT) ? "</table>\n" : "</table></body></html>\n";
        int i = 0;
        while (sb.length() < size - end.length() - 80) {
            sb.append("<tr><td>Contact ").append(i).append("</td><td><a href=\"tel:+1650555").append(1000 + i % 9000)
                    .append("\">call</a></td></tr>\n");
            i++;
        }
        return sb.append(end).toString();
    }

    private static StringBuilder inline(StringBuilder sb, String unit, int size) {
        int stop = sb.length() + size;
        while (sb.length() < stop) {
            sb.append(unit);
        }
        return sb;
    }
}
