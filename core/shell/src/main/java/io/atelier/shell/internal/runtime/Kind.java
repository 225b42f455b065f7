package io.atelier.shell.internal.runtime;

import java.util.Locale;

import org.osgi.framework.Bundle;

/**
 * What a bundle is to Atelier, read from its {@code Atelier-Kind} manifest
 * header. Bundles without it (the framework, SCR, Jetty...) are {@code system}.
 * Core and system bundles hold the workbench up, so the workbench never stops
 * or removes them.
 */
public enum Kind {
    CORE, PLATFORM, FEATURE, SYSTEM;

    /** The manifest header that declares the kind. */
    public static final String HEADER = "Atelier-Kind";

    /** The kind of {@code bundle}. */
    public static Kind of(Bundle bundle) {
        String declared = bundle.getHeaders("").get(HEADER);
        if (declared == null) {
            return SYSTEM;
        }
        return switch (declared.trim().toLowerCase(Locale.ROOT)) {
            case "core" -> CORE;
            case "platform" -> PLATFORM;
            case "feature" -> FEATURE;
            default -> SYSTEM;
        };
    }

    /** Whether the workbench may stop, start and uninstall bundles of this kind. */
    public boolean managed() {
        return this == PLATFORM || this == FEATURE;
    }

    /** The kind as JSON shows it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
