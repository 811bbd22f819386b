package org.labourlink.harness;

/** What this harness does not implement (reported as skipped, with the reason). */
public final class NotImplemented extends RuntimeException {
    public NotImplemented(String reason) {
        super(reason);
    }
}
