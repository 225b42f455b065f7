package io.atelier.shell.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atelier.api.platform.Problem;

import io.atelier.shell.internal.json.Json;

class ErrorJsonTest {

    @Test
    void errorHasCodeMessageAndField() {
        ApiException e = ApiException.invalid("zone", "'+02:00' is an offset");
        assertEquals("{\"code\":\"validation_failed\",\"message\":\"'+02:00' is an offset\",\"field\":\"zone\"}",
                Json.write(e.body()));
    }

    @Test
    void fieldIsPresentAsNullWhenNoFieldIsConcerned() {
        ApiException e = new ApiException(ErrorCode.INTERNAL_ERROR, "the workbench failed", null);
        assertEquals("{\"code\":\"internal_error\",\"message\":\"the workbench failed\",\"field\":null}",
                Json.write(e.body()));
        assertEquals(500, e.status());
    }

    @Test
    void aValidationWithSeveralProblemsListsThemAll() {
        ApiException e = ApiException.invalid("at", "at is in the past").withProblems(List.of(
                new Problem("at", "at is in the past"), new Problem("variants.acc_1.text", "too long")));
        assertEquals("{\"code\":\"validation_failed\",\"message\":\"at is in the past\",\"field\":\"at\","
                + "\"problems\":[{\"field\":\"at\",\"message\":\"at is in the past\"},"
                + "{\"field\":\"variants.acc_1.text\",\"message\":\"too long\"}]}", Json.write(e.body()));
        assertEquals(400, e.status());
    }

    @Test
    void markupInMessagesIsNotEscapedAwayButStaysJsonText() {
        ApiException e = ApiException.invalid("name", "<b>x</b>");
        assertEquals("{\"code\":\"validation_failed\",\"message\":\"<b>x</b>\",\"field\":\"name\"}",
                Json.write(e.body()));
    }

    @Test
    void commandCodesMapToTheSameStatusAsTheShellsOwn() {
        assertEquals(404, ErrorCode.statusOf("not_found"));
        assertEquals(409, ErrorCode.statusOf("conflict"));
        assertEquals(400, ErrorCode.statusOf("validation_failed"));
        assertEquals(400, ErrorCode.statusOf("something_a_plugin_invented"));
        assertEquals(400, ErrorCode.statusOf(null));
    }
}
