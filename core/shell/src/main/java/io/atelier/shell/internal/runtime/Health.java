package io.atelier.shell.internal.runtime;

import java.util.List;

/**
 * The answer of {@code /api/v1/health} and the About view: whether the workbench
 * can do its job, and what it runs on.
 *
 * @param status        {@code UP}, or {@code DOWN} when the store is missing or does not answer
 * @param store         the store's kind ({@code h2}, {@code postgresql}), or {@code null} without a store
 * @param node          this node's id, or {@code null} without a store
 * @param version       the product version
 * @param schemaVersion the store's highest migration, or {@code null} without a store
 * @param bundles       bundle counts
 * @param components    Declarative Services component counts
 * @param storeLocation the store's JDBC URL without user or password, or {@code null}
 */
public record Health(String status, String store, String node, String version, Integer schemaVersion,
        Bundles bundles, Components components, String storeLocation) {

    /** Whether the workbench is up. */
    public boolean up() {
        return "UP".equals(status);
    }

    /**
     * What anybody who reaches the port may know: the status and versions, not
     * where the data lies nor the names of the components that fail.
     */
    public Health forAnonymous() {
        return new Health(status, store, node, version, schemaVersion, bundles,
                new Components(components.total(), components.satisfied(), List.of()), null);
    }

    /**
     * @param total  installed bundles
     * @param active bundles in state ACTIVE
     */
    public record Bundles(int total, int active) {
    }

    /**
     * @param total       enabled components
     * @param satisfied   components whose references and configuration are satisfied
     * @param unsatisfied names of the others
     */
    public record Components(int total, int satisfied, List<String> unsatisfied) {
    }
}
