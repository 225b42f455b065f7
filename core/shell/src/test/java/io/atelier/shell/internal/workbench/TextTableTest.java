package io.atelier.shell.internal.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void padsColumnsToTheWidestCell() {
        String text = new TextTable("ID", "NAME").row("ws_1", "Acme").row("ws_22", null).toString();
        assertEquals("ID     NAME\nws_1   Acme\nws_22  -", text);
    }

    @Test
    void controlCharactersCannotBreakTheLayout() {
        assertEquals("A\nx y", new TextTable("A").row("x\ny").toString());
    }
}
