package io.github.embeddable4j.core.crm;

/**
 * What {@link ThirdPartyService} accepts in one call-out body; anything larger is answered with a {@code too-large}
 * error answer and never reaches a provider. The defaults fit the widget: its largest bodies are a call with its AI
 * transcript (tens of KB) and a day's conversation for the message logger.
 *
 * <pre>{@code ThirdPartyService.builder("acme").limits(ServiceLimits.defaults().withMaxListSize(500))}</pre>
 *
 * @param maxBodyChars   largest body, in characters of JSON text (default 512 KiB)
 * @param maxStringChars longest string value or field name (default 128 KiB)
 * @param maxListSize    most items in one array or fields in one object (default 2,000)
 * @param maxDepth       deepest nesting of objects and arrays (default 32)
 */
public record ServiceLimits(int maxBodyChars, int maxStringChars, int maxListSize, int maxDepth) {

    private static final ServiceLimits DEFAULTS = new ServiceLimits(512 * 1024, 128 * 1024, 2_000, 32);

    public ServiceLimits {
        if (maxBodyChars < 1024 || maxStringChars < 64 || maxListSize < 1 || maxDepth < 4) {
            throw new IllegalArgumentException("Service limits must allow a body of 1 KiB, strings of 64 chars, one list"
                    + " item and a depth of 4; got " + maxBodyChars + ", " + maxStringChars + ", " + maxListSize + ", "
                    + maxDepth);
        }
    }

    /** The defaults: 512 KiB body, 128 KiB strings, 2,000 items, depth 32. */
    public static ServiceLimits defaults() {
        return DEFAULTS;
    }

    /** These limits with another largest body, in chars (at least 1,024). */
    public ServiceLimits withMaxBodyChars(int chars) {
        return new ServiceLimits(chars, maxStringChars, maxListSize, maxDepth);
    }

    /** These limits with another longest string value, in chars (at least 64). */
    public ServiceLimits withMaxStringChars(int chars) {
        return new ServiceLimits(maxBodyChars, chars, maxListSize, maxDepth);
    }

    /** These limits with another most items in one array or fields in one object. */
    public ServiceLimits withMaxListSize(int items) {
        return new ServiceLimits(maxBodyChars, maxStringChars, items, maxDepth);
    }

    /** These limits with another deepest nesting (at least 4). */
    public ServiceLimits withMaxDepth(int depth) {
        return new ServiceLimits(maxBodyChars, maxStringChars, maxListSize, depth);
    }
}
