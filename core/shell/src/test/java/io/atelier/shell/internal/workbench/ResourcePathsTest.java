package io.atelier.shell.internal.workbench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcePathsTest {

    @ParameterizedTest
    @ValueSource(strings = { "sample-view.js", "lib/chart.js", "a.b/c.css" })
    void plainRelativePathsAreServed(String path) {
        assertTrue(ResourcePaths.isSafe(path));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "../secret", "lib/../../x", "./x.js", "/etc/passwd", "lib//x.js", "lib\\x.js",
            "lib/", "c:/x", ".." })
    void pathsThatCouldLeaveTheFolderAreRefused(String path) {
        assertFalse(ResourcePaths.isSafe(path));
    }
}
