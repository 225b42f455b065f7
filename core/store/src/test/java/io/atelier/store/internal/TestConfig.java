package io.atelier.store.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link StoreConfig} as Declarative Services would build it from a .cfg file: given keys, else defaults. */
final class TestConfig {

    private TestConfig() {
    }

    static StoreConfig of(Map<String, String> values) {
        return (StoreConfig) Proxy.newProxyInstance(StoreConfig.class.getClassLoader(),
                new Class<?>[] {StoreConfig.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(values, args);
                    }
                    String value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
