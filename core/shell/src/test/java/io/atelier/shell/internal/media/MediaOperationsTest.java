package io.atelier.shell.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.atelier.shell.internal.rest.ApiException;

/** The rules for what an upload's query says of the file: its name and its alt text. */
class MediaOperationsTest {

    @Test
    void aFileNameLosesItsFoldersAndMustBePrintable() {
        assertEquals("cat.png", MediaOperations.fileName("  cat.png "));
        assertEquals("cat.png", MediaOperations.fileName("C:\\Users\\ann\\cat.png"));
        assertEquals("cat.png", MediaOperations.fileName("../../etc/cat.png"));
        assertEquals("caf\u00e9 \ud83c\udf89.jpg", MediaOperations.fileName("caf\u00e9 \ud83c\udf89.jpg"));
        assertNull(MediaOperations.fileName(null));
        assertNull(MediaOperations.fileName("  "));
        assertNull(MediaOperations.fileName("folder/"));
        assertEquals("name", assertThrows(ApiException.class, () -> MediaOperations.fileName("a\u0000b.png")).field());
        assertEquals("name", assertThrows(ApiException.class,
                () -> MediaOperations.fileName("n".repeat(MediaOperations.MAX_NAME + 1))).field());
    }

    @Test
    void altTextKeepsLineBreaksOnly() {
        assertEquals("A cat\non a mat", MediaOperations.altText(" A cat\non a mat "));
        assertNull(MediaOperations.altText(null));
        assertEquals("alt", assertThrows(ApiException.class, () -> MediaOperations.altText("tab\there")).field());
        assertEquals("alt", assertThrows(ApiException.class,
                () -> MediaOperations.altText("a".repeat(MediaOperations.MAX_ALT + 1))).field());
    }
}
