package io.github.embeddable4j.vaadin;

/** A clock a test moves on, for the component's command expiry. */
final class MutableClock extends java.time.Clock {
    private java.time.Instant now = java.time.Instant.parse("2026-11-28T10:00:00Z");

    void advance(java.time.Duration d) {
        now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
    }

    @Override
    public java.time.Instant instant() {
        return now;
    }
}
