package io.atelier.shell.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentTypesTest {

    @Test
    void modulesAreJavaScript() {
        assertEquals("text/javascript; charset=utf-8", ContentTypes.of("sample-view.js"));
        assertEquals("text/javascript; charset=utf-8", ContentTypes.of("lib/chart.MJS"));
    }

    @Test
    void otherKnownAndUnknownTypes() {
        assertEquals("text/css; charset=utf-8", ContentTypes.of("shell.css"));
        assertEquals("text/html; charset=utf-8", ContentTypes.of("index.html"));
        assertEquals("image/svg+xml", ContentTypes.of("icons/logo.svg"));
        assertEquals("application/octet-stream", ContentTypes.of("archive.bin"));
        assertEquals("application/octet-stream", ContentTypes.of("v1.2/README"));
    }
}
