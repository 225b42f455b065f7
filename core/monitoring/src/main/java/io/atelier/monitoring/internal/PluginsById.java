package io.atelier.monitoring.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.platform.CredentialField;
import io.atelier.monitoring.PluginKind;

/**
 * Plugins registered for one role (listening sources, alert sinks: a whiteboard), one
 * per id, the highest ranking winning a tie. A plugin whose {@code id()} or
 * description throws is left out and reported.
 *
 * @param <T> the plugin's service type
 */
final class PluginsById<T> {

    private static final Logger LOG = LoggerFactory.getLogger(PluginsById.class);

    /** What a plugin says about itself: its id, name and the settings a person fills in. */
    interface Description<T> {
        String id(T plugin);

        String name(T plugin);

        List<CredentialField> settings(T plugin);
    }

    private final String role;
    private final Description<T> description;
    private final Ranked<T> registered = new Ranked<>();

    /** @param role what the plugins are, for the log, e.g. {@code Listening source} */
    PluginsById(String role, Description<T> description) {
        this.role = role;
        this.description = description;
    }

    void add(Object key, int ranking, T plugin, String bundle) {
        registered.add(key, ranking, plugin, bundle);
    }

    void remove(Object key) {
        registered.remove(key);
    }

    Optional<T> find(String id) {
        return Optional.ofNullable(byId().get(id)).map(Ranked.Entry::service);
    }

    /** The plugins' descriptions, by id. */
    List<PluginKind> kinds() {
        List<PluginKind> kinds = new ArrayList<>();
        for (Map.Entry<String, Ranked.Entry<T>> entry : byId().entrySet()) {
            T plugin = entry.getValue().service();
            try {
                kinds.add(new PluginKind(entry.getKey(), description.name(plugin), List.copyOf(description.settings(plugin)),
                        entry.getValue().plugin()));
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("{} {} of {} is left out: it failed to describe itself", role, plugin.getClass().getName(),
                        entry.getValue().plugin(), e);
            }
        }
        return kinds;
    }

    /** The kind of id {@code id}. @throws IllegalArgumentException (field {@code field}) when none is installed */
    PluginKind kind(String id, String field) {
        return kinds().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException(field + ": no installed plugin provides the " + role.toLowerCase(
                        java.util.Locale.ROOT) + " '" + id + "'"));
    }

    /** One plugin per id, the highest ranking first, by id. */
    private Map<String, Ranked.Entry<T>> byId() {
        Map<String, Ranked.Entry<T>> byId = new TreeMap<>();
        for (Ranked.Entry<T> r : registered.entries()) {
            String id;
            try {
                id = description.id(r.service());
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("{} {} of {} is left out: its id() failed", role, r.service().getClass().getName(),
                        r.plugin(), e);
                continue;
            }
            if (id != null) {
                byId.putIfAbsent(id, r);
            }
        }
        return byId;
    }

    /**
     * The settings a person gave for a plugin of {@code kind}, checked against what it
     * declares: required ones present, unknown ones refused, values stripped, blank
     * optional ones left out.
     *
     * @throws IllegalArgumentException naming the setting, e.g. {@code settings.url: Feed address is required}
     */
    static Map<String, String> checkSettings(PluginKind kind, Map<String, String> settings) {
        Map<String, String> given = settings == null ? Map.of() : settings;
        Map<String, String> kept = new java.util.HashMap<>();
        for (CredentialField field : kind.settings()) {
            String value = given.get(field.name());
            if (value == null || value.isBlank()) {
                if (field.required()) {
                    throw new IllegalArgumentException("settings." + field.name() + ": " + field.label()
                            + " is required");
                }
                continue;
            }
            kept.put(field.name(), value.strip());
        }
        for (String key : given.keySet()) {
            if (kind.settings().stream().noneMatch(f -> f.name().equals(key))) {
                throw new IllegalArgumentException("settings." + key + ": a " + kind.name() + " has no such setting");
            }
        }
        return kept;
    }
}
