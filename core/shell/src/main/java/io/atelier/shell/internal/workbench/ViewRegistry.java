package io.atelier.shell.internal.workbench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.api.workbench.View;

/**
 * The whiteboard of views. A view is known by its service properties only: the
 * shell never gets the service object, so a view's bundle runs no code until a
 * person opens it (and then only in the browser). Registrations with missing or
 * malformed properties are left out and logged.
 */
@Component(service = ViewRegistry.class)
public final class ViewRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ViewRegistry.class);
    private static final String DEFAULT_CATEGORY = "General";
    private static final int DEFAULT_ORDER = 100;

    private final Map<ServiceReference<View>, Entry> views = new ConcurrentHashMap<>();

    /** Where a view's files are: a folder of its contributing bundle. */
    public record Source(Bundle bundle, String folder) {
    }

    private record Entry(ViewDescription description, Source source) {
    }

    @Reference(service = View.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addView(ServiceReference<View> reference) {
        Entry entry = read(reference);
        if (entry != null) {
            views.put(reference, entry);
        }
    }

    void removeView(ServiceReference<View> reference) {
        views.remove(reference);
    }

    /** Every view, by category, order and title; one per id (the highest-ranked wins). */
    public List<ViewDescription> list() {
        Map<String, Map.Entry<ServiceReference<View>, Entry>> byId = new HashMap<>();
        for (var entry : views.entrySet()) {
            byId.merge(entry.getValue().description().id(), entry,
                    (a, b) -> a.getKey().compareTo(b.getKey()) >= 0 ? a : b);
        }
        return byId.values().stream().map(e -> e.getValue().description())
                .sorted(Comparator.comparing(ViewDescription::category).thenComparingInt(ViewDescription::order)
                        .thenComparing(ViewDescription::title))
                .toList();
    }

    /** The files of view {@code id}. */
    public Optional<Source> source(String id) {
        return views.entrySet().stream().filter(e -> e.getValue().description().id().equals(id))
                .max(Map.Entry.comparingByKey()).map(e -> e.getValue().source());
    }

    private static Entry read(ServiceReference<View> reference) {
        Bundle bundle = reference.getBundle();
        String id = string(reference, View.ID);
        String element = string(reference, View.ELEMENT);
        String module = string(reference, View.MODULE);
        String folder = string(reference, View.RESOURCES);
        String plugin = bundle == null ? null : bundle.getSymbolicName();
        String problem = null;
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            problem = View.ID + " must be [a-z0-9-]+";
        } else if (element == null || !element.matches("[a-z][a-z0-9]*-[a-z0-9-]*")) {
            problem = View.ELEMENT + " must be a custom element name such as atelier-sample-view";
        } else if (module == null || !ResourcePaths.isSafe(module)) {
            problem = View.MODULE + " must be a relative path inside " + View.RESOURCES;
        } else if (folder == null || folder.contains("..")) {
            problem = View.RESOURCES + " must name a folder of the bundle";
        } else if (bundle == null) {
            problem = "its bundle is gone";
        }
        if (problem != null) {
            LOG.warn("View {} of {} is left out: {}", id, plugin, problem);
            return null;
        }
        String title = string(reference, View.TITLE);
        String category = string(reference, View.CATEGORY);
        ViewDescription description = new ViewDescription(id, title == null ? id : title,
                category == null ? DEFAULT_CATEGORY : category, order(reference.getProperty(View.ORDER)),
                "/views/" + id + "/" + module, element, plugin, string(reference, View.PERMISSION));
        return new Entry(description, new Source(bundle, folder));
    }

    private static String string(ServiceReference<?> reference, String key) {
        Object value = reference.getProperty(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static int order(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value != null) {
            try {
                return Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException e) {
                // a view with an unreadable order still shows, at the default place
            }
        }
        return DEFAULT_ORDER;
    }
}
