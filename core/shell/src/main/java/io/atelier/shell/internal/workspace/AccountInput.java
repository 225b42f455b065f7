package io.atelier.shell.internal.workspace;

import java.util.Map;
import java.util.TreeSet;

/**
 * What a person gives to add an account, before it is checked.
 *
 * @param platform    the platform id
 * @param handle      the account's name on the network
 * @param endpoint    the server, or {@code null}/blank for the network's default
 * @param credentials the values of the platform's credential form, by field name
 */
public record AccountInput(String platform, String handle, String endpoint, Map<String, String> credentials) {

    public AccountInput {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    @Override
    public String toString() {
        // Never the values: this record may reach a log line.
        return "AccountInput[platform=" + platform + ", handle=" + handle + ", endpoint=" + endpoint
                + ", credentials=" + new TreeSet<>(credentials.keySet()) + "]";
    }
}
