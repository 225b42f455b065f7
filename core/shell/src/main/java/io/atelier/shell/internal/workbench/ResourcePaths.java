package io.atelier.shell.internal.workbench;

/**
 * The rule for paths of files served from bundles: relative, made of plain
 * segments, never leaving the folder they are served from.
 */
public final class ResourcePaths {

    private ResourcePaths() {
    }

    /** Whether {@code path} is a relative file path without {@code ..}, {@code .}, empty segments or backslashes. */
    public static boolean isSafe(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")
                || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0 || path.indexOf(':') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
