package io.atelier.shell.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class LoggedPathTest {

    @Test
    void aShareLinksTokenNeverReachesTheLog() {
        String token = "Zk3v9QpL2mX8rT1yW6bN4cJ7hD0sF5gA";
        String logged = ApiServlet.loggable("/shared/reports/" + token);
        assertFalse(logged.contains(token), logged);
        assertEquals("/shared/reports/(token)", logged);
        assertEquals("/workspaces/ws_1/reports", ApiServlet.loggable("/workspaces/ws_1/reports"));
    }
}
