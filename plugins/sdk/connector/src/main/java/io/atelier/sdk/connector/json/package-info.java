/** The one JSON setup of a connector: Gson configured once, with ISO-8601 instants. */
package io.atelier.sdk.connector.json;
