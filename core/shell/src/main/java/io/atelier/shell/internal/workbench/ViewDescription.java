package io.atelier.shell.internal.workbench;

/**
 * A view as {@code /api/v1/views} lists it for the shell's navigation.
 *
 * @param id       stable id, used in {@code #/view/<id>}
 * @param title    title in the navigation
 * @param category navigation group
 * @param order    position in the group, lowest first
 * @param module   URL of the ES module, {@code /views/<id>/<module>}
 * @param element  the custom element the module defines
 * @param plugin     symbolic name of the contributing bundle
 * @param permission who sees it in the navigation ({@code View.PERMISSION}), or {@code null} for everyone
 */
public record ViewDescription(String id, String title, String category, int order, String module, String element,
        String plugin, String permission) {
}
