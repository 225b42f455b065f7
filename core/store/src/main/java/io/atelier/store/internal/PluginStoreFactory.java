package io.atelier.store.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

import io.atelier.api.storage.PluginStore;

/**
 * Gives every bundle that gets the {@link PluginStore} service a view of its own
 * records, keyed by its symbolic name: the framework asks the factory once per
 * bundle, so a plugin cannot name another owner and reach its records. A bundle's
 * records outlive it and its updates (same symbolic name, same records).
 */
final class PluginStoreFactory implements ServiceFactory<PluginStore> {

    private final Store store;

    PluginStoreFactory(Store store) {
        this.store = store;
    }

    /**
     * @throws IllegalArgumentException for a bundle without a symbolic name (or one longer
     *         than 200 characters): the framework logs it and that bundle gets no service
     */
    @Override
    public PluginStore getService(Bundle bundle, ServiceRegistration<PluginStore> registration) {
        return store.pluginStore(bundle.getSymbolicName());
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<PluginStore> registration, PluginStore service) {
        // Nothing to release: a view holds no connection between calls.
    }
}
