package io.atelier.monitoring;

import java.util.List;

import io.atelier.api.platform.CredentialField;

/**
 * A kind of thing an installed plugin provides — a listening source (an RSS/Atom
 * feed...) or an alert sink (e-mail, a webhook...) — with the settings a person fills
 * in to add one.
 *
 * @param plugin the bundle it comes from, for people
 */
public record PluginKind(String id, String name, List<CredentialField> settings, String plugin) {

    public PluginKind {
        settings = List.copyOf(settings);
    }
}
