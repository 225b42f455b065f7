package io.atelier.shell.internal.auth;

import java.util.Objects;

/**
 * Who may call a route: anybody ({@link #PUBLIC}), anybody signed in
 * ({@link #AUTHENTICATED}), instance administrators ({@link #ADMIN}), or whoever
 * holds a permission in the workspace named by the route's {@code {ws}}
 * parameter ({@link #workspace}). Every route declares one.
 *
 * @param level      the kind of rule
 * @param permission the workspace permission; only for {@link Level#WORKSPACE}
 */
public record Access(Level level, Permission permission) {

    /** The kinds of access rule. */
    public enum Level {
        PUBLIC, AUTHENTICATED, ADMIN, WORKSPACE
    }

    public static final Access PUBLIC = new Access(Level.PUBLIC, null);
    public static final Access AUTHENTICATED = new Access(Level.AUTHENTICATED, null);
    public static final Access ADMIN = new Access(Level.ADMIN, null);

    /** The path parameter that names the workspace of a {@link Level#WORKSPACE} rule. */
    public static final String WORKSPACE_PARAMETER = "ws";

    public Access {
        Objects.requireNonNull(level, "level");
        if ((level == Level.WORKSPACE) != (permission != null)) {
            throw new IllegalArgumentException("a permission goes with a workspace rule, and only there");
        }
    }

    /** Holders of {@code permission} in the route's workspace. */
    public static Access workspace(Permission permission) {
        return new Access(Level.WORKSPACE, Objects.requireNonNull(permission, "permission"));
    }

    /** The rule as the API description shows it: {@code public}, {@code admin}, {@code workspace:accounts.read}. */
    public String label() {
        return level == Level.WORKSPACE ? "workspace:" + permission.id() : level.name().toLowerCase(java.util.Locale.ROOT);
    }
}
