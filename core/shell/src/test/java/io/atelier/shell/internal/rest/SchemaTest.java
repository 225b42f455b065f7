package io.atelier.shell.internal.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

class SchemaTest {

    private static ApiException refused(Schema schema, String json) {
        return assertThrows(ApiException.class, () -> schema.check(JsonParser.parseString(json), ""));
    }

    @Test
    void acceptsAWellFormedWorkspace() {
        assertDoesNotThrow(() -> Schemas.WORKSPACE_INPUT.check(
                JsonParser.parseString("{\"name\":\"Acme\",\"zone\":\"Europe/Paris\"}"), ""));
    }

    @Test
    void refusesUnknownFieldsNamingThem() {
        ApiException e = refused(Schemas.WORKSPACE_INPUT, "{\"name\":\"Acme\",\"zone\":\"Europe/Paris\",\"owner\":1}");
        assertEquals(400, e.status());
        assertEquals("validation_failed", e.code());
        assertEquals("owner", e.field());
    }

    @Test
    void refusesWrongTypesNamingTheField() {
        assertEquals("name", refused(Schemas.WORKSPACE_INPUT, "{\"name\":12,\"zone\":\"Europe/Paris\"}").field());
        assertEquals("zone", refused(Schemas.WORKSPACE_INPUT, "{\"name\":\"A\",\"zone\":[\"Europe/Paris\"]}").field());
        assertEquals("name", refused(Schemas.WORKSPACE_INPUT, "{\"name\":true,\"zone\":\"Europe/Paris\"}").field());
    }

    @Test
    void anObjectivesTargetIsANumberWithDecimalsAndNeverAText() {
        String body = "{\"name\":\"Reach\",\"kpi\":\"ENGAGEMENT_RATE_BY_REACH\",\"comparison\":\"AT_LEAST\","
                + "\"granularity\":\"MONTH\",\"target\":";
        assertDoesNotThrow(() -> Schemas.OBJECTIVE_INPUT.check(JsonParser.parseString(body + "4.5}"), ""));
        assertDoesNotThrow(() -> Schemas.OBJECTIVE_INPUT.check(JsonParser.parseString(body + "-2}"), ""));
        ApiException text = refused(Schemas.OBJECTIVE_INPUT, body + "\"4.5\"}");
        assertEquals("target", text.field());
        assertTrue(text.getMessage().contains("number"), text.getMessage());
        assertEquals("target", refused(Schemas.OBJECTIVE_INPUT, body + "true}").field());
    }

    @Test
    void refusesMissingRequiredFields() {
        ApiException e = refused(Schemas.WORKSPACE_INPUT, "{\"name\":\"Acme\"}");
        assertEquals("zone", e.field());
        assertTrue(e.getMessage().contains("required"));
        assertEquals("zone", refused(Schemas.WORKSPACE_INPUT, "{\"name\":\"Acme\",\"zone\":null}").field());
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        ApiException e = refused(Schemas.WORKSPACE_INPUT, "[1,2]");
        assertEquals("validation_failed", e.code());
        assertEquals(null, e.field());
    }

    @Test
    void nestedFieldsAreNamedWithTheirPath() {
        assertEquals("credentials.appPassword", refused(Schemas.ACCOUNT_INPUT,
                "{\"platform\":\"p\",\"handle\":\"h\",\"credentials\":{\"appPassword\":7}}").field());
        assertEquals("args[1]", refused(Schemas.COMMAND_INPUT, "{\"args\":[\"a\",2]}").field());
        assertEquals("args", refused(Schemas.COMMAND_INPUT, "{\"args\":\"a\"}").field());
    }

    @Test
    void optionalFieldsMayBeLeftOutOrNull() {
        assertDoesNotThrow(() -> Schemas.WORKSPACE_PATCH.check(JsonParser.parseString("{}"), ""));
        assertDoesNotThrow(() -> Schemas.ACCOUNT_INPUT.check(
                JsonParser.parseString("{\"platform\":\"p\",\"handle\":\"h\",\"endpoint\":null}"), ""));
    }

    @Test
    void integersMustBeWholeNumbers() {
        Schema schema = Schema.input("N", Schema.required("n", Schema.integer(null)));
        assertDoesNotThrow(() -> schema.check(JsonParser.parseString("{\"n\":3}"), ""));
        assertEquals("n", refused(schema, "{\"n\":3.5}").field());
        assertEquals("n", refused(schema, "{\"n\":\"3\"}").field());
    }
}
