package io.atelier.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The settings of PID {@code io.atelier.store}, read from {@code etc/io.atelier.store.cfg}.
 * Every key is optional: without the file the store runs on H2 under {@code data/}.
 * Numbers are read as text so a bad value gets an error naming the file and the key.
 */
@ObjectClassDefinition(name = "Atelier store",
        description = "Database of Atelier: embedded H2 (default) or PostgreSQL, and the key encrypting credentials.")
public @interface StoreConfig {

    /** The configuration PID, also the component's name. */
    String PID = "io.atelier.store";

    /** Where the settings live, for error messages. */
    String FILE = "etc/io.atelier.store.cfg";

    @AttributeDefinition(description = "h2 (embedded, default) or postgresql")
    String type() default "h2";

    @AttributeDefinition(description = "JDBC URL; default: H2 file data/atelier under the installation")
    String url() default "";

    @AttributeDefinition(description = "Database user")
    String user() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Database password")
    String password() default "";

    @AttributeDefinition(description = "Most connections kept open (1 to 200)")
    String poolSize() default "10";

    @AttributeDefinition(description = "File holding the credentials key; default data/secret.key, created at first start")
    String keyFile() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "Base64 AES-256 key for credentials, instead of the key file")
    String key() default "";

    @AttributeDefinition(description = "This node's id; default: generated once into data/node-id")
    String nodeId() default "";
}
