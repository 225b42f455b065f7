package io.atelier.monitoring;

import java.util.List;

import io.atelier.api.platform.CredentialField;

/**
 * A kind of listening source a plugin provides (an RSS/Atom feed...), with the
 * settings a person fills in to add one.
 */
public record SourceKind(String id, String name, List<CredentialField> settings, String plugin) {

    public SourceKind {
        settings = List.copyOf(settings);
    }
}
